// Puts a grid through JSON in 65,536-row chunks, as Office.js `range.values` delivers it: every text cell a
// string of its own, numbers as numbers. Shared by the benchmarks that imitate the task pane's input.
"use strict";

function throughJson(values) {
  for (let r = 0; r < values.length; r += 65536) {
    const chunk = JSON.parse(JSON.stringify(values.slice(r, r + 65536)));
    for (let i = 0; i < chunk.length; i++) values[r + i] = chunk[i];
  }
  return values;
}

module.exports = { throughJson };
