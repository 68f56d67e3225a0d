/*
 * docs/functions.md as the help page published with the add-in (dist/help/functions.html): each function's
 * helpUrl in functions.json points at its heading here. Headings get the ids GitHub gives them, so the same
 * anchors work on the repository page. marked is ESM-only, hence the dynamic import.
 */
"use strict";

/** GitHub's heading anchor: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens. */
function slug(text) {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
}

async function renderHelp(markdown, title = "GTM Compass functions") {
  const { Marked } = await import("marked");
  const seen = new Map();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth }) {
        const text = this.parser.parseInline(tokens);
        let id = slug(text);
        const n = seen.get(id) || 0;
        seen.set(id, n + 1);
        if (n) id = `${id}-${n}`;
        return `<h${depth} id="${id}">${text}</h${depth}>\n`;
      },
    },
  });
  const body = marked.parse(markdown);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body{font:15px/1.5 "Segoe UI",system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}
code{background:#f3f3f3;padding:0 .2rem;border-radius:3px}pre code{display:block;padding:.6rem;overflow:auto}
h2{border-top:1px solid #ddd;padding-top:1rem}
</style></head><body>
${body}</body></html>
`;
}

module.exports = { renderHelp, slug };
