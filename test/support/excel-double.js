/*
 * A small host double of the Excel JavaScript API subset GTM Compass uses, for places where Excel cannot run
 * (Jest in Node, Chromium driven by Playwright). Plain JS so a browser can load it with addInitScript.
 *
 * Like Excel: commands queue on proxies and run at context.sync(); reading a property that was not loaded
 * throws; *OrNullObject proxies resolve at sync; a request or response over 5 MB is refused (Excel on the web)
 * with a RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded error; writing a string that
 * starts with "=" makes a formula, a leading apostrophe stores the rest as text, numeric text becomes a number;
 * a protected sheet refuses edits. It counts syncs and records each sync's payload sizes.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ExcelDouble = api;
})(typeof globalThis !== "undefined" ? globalThis : this, function () {
  "use strict";
  const PAYLOAD_LIMIT = 5 * 1024 * 1024;
  const MAX_ROWS = 1048576;
  const MAX_COLS = 16384;
  const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

  // ---------- addresses ----------
  function colLetters(c) {
    let s = "";
    for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  }
  function colIndex(letters) {
    let n = 0;
    for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1;
  }
  function quoteName(name) {
    return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : "'" + name.replace(/'/g, "''") + "'";
  }
  function parseCell(ref) {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
    if (!m) throw hostError("InvalidArgument", "Bad cell reference " + ref);
    return { r: Number(m[2]) - 1, c: colIndex(m[1]) };
  }
  /** "Sheet!A1:B2" or "A1:B2" -> {sheet?, r0, c0, r1, c1} */
  function parseAddress(address) {
    let sheet;
    let ref = address;
    const bang = address.lastIndexOf("!");
    if (bang >= 0) {
      sheet = address.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
      ref = address.slice(bang + 1);
    }
    // Whole rows ("1:1") or whole columns ("A:C"), as Excel accepts them.
    const rows = /^\$?(\d+):\$?(\d+)$/.exec(ref);
    if (rows) return { sheet, r0: Math.min(rows[1], rows[2]) - 1, c0: 0, r1: Math.max(rows[1], rows[2]) - 1, c1: MAX_COLS - 1 };
    const cols = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(ref);
    if (cols) {
      const [x, y] = [colIndex(cols[1]), colIndex(cols[2])];
      return { sheet, r0: 0, c0: Math.min(x, y), r1: MAX_ROWS - 1, c1: Math.max(x, y) };
    }
    const [a, b] = ref.split(":");
    const p = parseCell(a);
    const q = b ? parseCell(b) : p;
    return { sheet, r0: Math.min(p.r, q.r), c0: Math.min(p.c, q.c), r1: Math.max(p.r, q.r), c1: Math.max(p.c, q.c) };
  }
  function formatAddress(sheetName, r0, c0, r1, c1) {
    const a = colLetters(c0) + (r0 + 1);
    const b = colLetters(c1) + (r1 + 1);
    return quoteName(sheetName) + "!" + (a === b ? a : a + ":" + b);
  }

  function hostError(code, message) {
    const e = new Error(message);
    e.name = "RichApi.Error";
    e.code = code;
    e.debugInfo = { code, message };
    return e;
  }

  // ---------- the workbook model ----------
  function makeSheet(name, values) {
    return {
      name,
      rows: (values || []).map((r) => r.slice()),
      formulas: new Map(), // "r,c" -> formula text
      formats: new Map(), // "r,c" -> number format
      bold: new Set(),
      fonts: new Map(),
      fills: new Map(),
      visibility: "Visible",
      protected: false,
      customProperties: new Map(),
      tabColor: "",
      freezeRows: 0,
      columnWidths: new Map(),
      charts: [],
      conditionalFormats: [],
      textCells: 0,
    };
  }
  function cellKey(r, c) {
    return r + "," + c;
  }
  function getValue(sheet, r, c) {
    const row = sheet.rows[r];
    const v = row ? row[c] : undefined;
    return v === undefined || v === null ? "" : v;
  }
  function usedBounds(sheet) {
    let r1 = -1;
    let c1 = -1;
    let r0 = Infinity;
    let c0 = Infinity;
    sheet.rows.forEach((row, r) => {
      if (!row) return;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v !== undefined && v !== null && v !== "") {
          if (r < r0) r0 = r;
          if (r > r1) r1 = r;
          if (c < c0) c0 = c;
          if (c > c1) c1 = c;
        }
      }
    });
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }

  /** A written value as Excel stores it: "=..." is a formula, "'..." is text, numeric text is a number. */
  function storeInput(sheet, r, c, input) {
    const k = cellKey(r, c);
    sheet.formulas.delete(k);
    if (!sheet.rows[r]) sheet.rows[r] = [];
    if (typeof input === "string") {
      if (input.startsWith("'")) {
        sheet.rows[r][c] = input.slice(1);
        sheet.textCells++;
        return;
      }
      if (input.startsWith("=") && input.length > 1) {
        sheet.formulas.set(k, input);
        sheet.rows[r][c] = "";
        return;
      }
      if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(input.trim())) {
        sheet.rows[r][c] = Number(input);
        return;
      }
    }
    sheet.rows[r][c] = input === null || input === undefined ? "" : input;
  }

  function createWorkbook(spec) {
    spec = spec || {};
    const wb = {
      sheets: (spec.sheets || [{ name: "Sheet1", values: [] }]).map((s) => {
        const sh = makeSheet(s.name, s.values);
        if (s.protected) sh.protected = true;
        if (s.customProperties) for (const [k, v] of Object.entries(s.customProperties)) sh.customProperties.set(k.toLowerCase(), { key: k, value: v });
        return sh;
      }),
      tables: [],
      protected: !!spec.protected,
      activeSheet: null,
      selection: null,
      settings: new Map(Object.entries(spec.settings || {})),
      calculations: 0,
      syncDelayMs: spec.syncDelayMs || 0,
      stats: { syncs: 0, runs: 0, requestBytes: [], responseBytes: [], refused: 0, ms: 0, calcSuspendedSyncs: 0, screenSuspendedSyncs: 0, writeSyncs: 0 },
    };
    wb.activeSheet = wb.sheets[0] || null;
    for (const t of spec.tables || []) {
      const a = parseAddress(t.address);
      wb.tables.push({ name: t.name, sheet: findSheet(wb, t.sheet), r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1, filtered: !!t.filtered });
    }
    if (spec.selection) {
      const a = parseAddress(spec.selection.address);
      wb.selection = { sheet: findSheet(wb, spec.selection.sheet), r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 };
    }
    return wb;
  }
  function findSheet(wb, name) {
    const k = String(name).toLowerCase();
    return wb.sheets.find((s) => s.name.toLowerCase() === k) || null;
  }

  // ---------- proxies ----------
  const LOADED = Symbol("loaded");

  /** Base proxy: resolve() gives the model object at sync time; loaded properties land in this[LOADED]. */
  class ClientObject {
    constructor(ctx, resolve, nullable) {
      this.context = ctx;
      this._resolve = resolve;
      this[LOADED] = null;
      this._nullable = !!nullable;
      this._isNull = undefined;
      if (nullable) ctx._nullables.push(this);
    }
    get isNullObject() {
      if (this._isNull === undefined) throw hostError("PropertyNotLoaded", "isNullObject is not available before context.sync()");
      return this._isNull;
    }
    /** Like Excel, a proxy stays bound to the object it first resolved to (a renamed sheet is still it). */
    _bind() {
      if (this._bound) return this._bound;
      const t = this._resolve();
      if (t) this._bound = t;
      return t;
    }
    _target() {
      const t = this._bind();
      if (!t) throw hostError("ItemNotFound", "The requested resource doesn't exist.");
      return t;
    }
    _get(prop) {
      const l = this[LOADED];
      if (!l || !(prop in l)) throw hostError("PropertyNotLoaded", `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
      return l[prop];
    }
    _queue(fn, bytes) {
      this.context._queue.push({ run: fn, bytes: bytes || 40 });
    }
    load(props) {
      const names = typeof props === "string" ? props.split(",").map((s) => s.trim()).filter(Boolean) : Array.isArray(props) ? props : [];
      this.context._queue.push({
        bytes: 40,
        load: () => {
          const t = this._nullable ? this._bind() : this._target();
          if (!t) return 0;
          const data = this._read(t, names);
          this[LOADED] = Object.assign(this[LOADED] || {}, data);
          return JSON.stringify(data).length;
        },
      });
      return this;
    }
  }

  function defineLoaded(cls, props) {
    for (const p of props) Object.defineProperty(cls.prototype, p, { get() { return this._get(p); }, configurable: true });
  }

  class RangeProxy extends ClientObject {
    constructor(ctx, resolve) {
      super(ctx, resolve);
      const self = this;
      this.format = {
        font: fmtObj(self, "font"),
        fill: fmtObj(self, "fill"),
        set columnWidth(w) { self._edit((s, a) => { for (let c = a.c0; c <= a.c1; c++) s.columnWidths.set(c, w); }); },
        set wrapText(v) { self._edit(() => {}); },
        set horizontalAlignment(v) { self._edit(() => {}); },
        autofitColumns() { self._edit((s, a) => { for (let c = a.c0; c <= a.c1; c++) if (!s.columnWidths.has(c)) s.columnWidths.set(c, "auto"); }); },
      };
      this.conditionalFormats = {
        add(type) {
          const cf = { type, cellValue: { format: { font: {}, fill: {} }, rule: null } };
          self._edit((s, a) => s.conditionalFormats.push({ range: a, cf }));
          return cf;
        },
      };
    }
    _read(t, names) {
      const out = {};
      const { sheet, r0, c0, r1, c1 } = t;
      for (const n of names) {
        if (n === "values" || n === "formulas" || n === "numberFormat" || n === "text") {
          const rows = [];
          for (let r = r0; r <= r1; r++) {
            const row = new Array(c1 - c0 + 1);
            for (let c = c0; c <= c1; c++) {
              const k = cellKey(r, c);
              if (n === "formulas") row[c - c0] = sheet.formulas.get(k) || getValue(sheet, r, c);
              else if (n === "numberFormat") row[c - c0] = sheet.formats.get(k) || "General";
              else if (n === "text") row[c - c0] = String(getValue(sheet, r, c));
              else row[c - c0] = getValue(sheet, r, c);
            }
            rows.push(row);
          }
          out[n] = rows;
        } else if (n === "address") out.address = formatAddress(sheet.name, r0, c0, r1, c1);
        else if (n === "rowCount") out.rowCount = r1 - r0 + 1;
        else if (n === "columnCount") out.columnCount = c1 - c0 + 1;
        else if (n === "rowIndex") out.rowIndex = r0;
        else if (n === "columnIndex") out.columnIndex = c0;
        else throw hostError("InvalidArgument", "The double does not model Range." + n);
      }
      return out;
    }
    _edit(fn, bytes) {
      this._queue(() => {
        const t = this._target();
        if (t.sheet.protected) throw hostError("AccessDenied", `The sheet '${t.sheet.name}' is protected.`);
        fn(t.sheet, t);
      }, bytes);
    }
    _write2d(kind, arr) {
      const bytes = JSON.stringify(arr).length + 40;
      this._edit((s, a) => {
        const rows = a.r1 - a.r0 + 1;
        const cols = a.c1 - a.c0 + 1;
        if (!Array.isArray(arr) || arr.length !== rows || arr.some((r) => !Array.isArray(r) || r.length !== cols)) {
          throw hostError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}x${cols}).`);
        }
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) {
            const v = arr[r][c];
            if (kind === "numberFormat") s.formats.set(cellKey(a.r0 + r, a.c0 + c), v);
            else storeInput(s, a.r0 + r, a.c0 + c, v);
          }
        }
      }, bytes);
    }
    set values(v) { this._write2d("values", v); }
    get values() { return this._get("values"); }
    set formulas(v) { this._write2d("formulas", v); }
    get formulas() { return this._get("formulas"); }
    set numberFormat(v) { this._write2d("numberFormat", v); }
    get numberFormat() { return this._get("numberFormat"); }
    get worksheet() {
      return new WorksheetProxy(this.context, () => this._target().sheet);
    }
    getCell(r, c) {
      return new RangeProxy(this.context, () => {
        const t = this._target();
        return { sheet: t.sheet, r0: t.r0 + r, c0: t.c0 + c, r1: t.r0 + r, c1: t.c0 + c };
      });
    }
    /** The part of this range inside the sheet's used range (values only, as the double stores no formats). */
    getUsedRangeOrNullObject() {
      const p = new RangeProxy(this.context, () => {
        const t = this._target();
        const b = usedBounds(t.sheet);
        if (!b) return null;
        const r = { sheet: t.sheet, r0: Math.max(t.r0, b.r0), c0: Math.max(t.c0, b.c0), r1: Math.min(t.r1, b.r1), c1: Math.min(t.c1, b.c1) };
        return r.r0 <= r.r1 && r.c0 <= r.c1 ? r : null;
      });
      p._nullable = true;
      this.context._nullables.push(p);
      return p;
    }
    select() {
      this._queue(() => {
        const t = this._target();
        this.context._wb.selection = t;
        this.context._wb.activeSheet = t.sheet;
      });
    }
  }
  defineLoaded(RangeProxy, ["address", "rowCount", "columnCount", "rowIndex", "columnIndex", "text"]);

  function fmtObj(range, part) {
    const store = (s, a, fn) => { for (let r = a.r0; r <= a.r1; r++) for (let c = a.c0; c <= a.c1; c++) fn(cellKey(r, c)); };
    return {
      set bold(v) { range._edit((s, a) => store(s, a, (k) => (v ? s.bold.add(k) : s.bold.delete(k)))); },
      set color(v) { range._edit((s, a) => store(s, a, (k) => (part === "font" ? s.fonts : s.fills).set(k, v))); },
      set italic(v) { range._edit(() => {}); },
      set size(v) { range._edit(() => {}); },
    };
  }

  class WorksheetProxy extends ClientObject {
    constructor(ctx, resolve, nullable) {
      super(ctx, resolve, nullable);
      const self = this;
      this.customProperties = {
        add(key, value) {
          self._edit((s) => s.customProperties.set(String(key).toLowerCase(), { key, value: String(value) }));
        },
        getItemOrNullObject(key) {
          const p = new ClientObject(ctx, () => {
            const s = self._bind();
            return s ? s.customProperties.get(String(key).toLowerCase()) || null : null;
          }, true);
          p._read = (t, names) => Object.fromEntries(names.map((n) => [n, t[n]]));
          Object.defineProperty(p, "value", { get() { return p._get("value"); } });
          return p;
        },
      };
      this.protection = new ClientObject(ctx, () => self._target());
      this.protection._read = (t, names) => Object.fromEntries(names.map((n) => [n, n === "protected" ? t.protected : undefined]));
      Object.defineProperty(this.protection, "protected", { get() { return this._get("protected"); } });
      this.freezePanes = { freezeRows(n) { self._edit((s) => { s.freezeRows = n; }); } };
      this.tables = collection(ctx, () => { const s = self._bind(); return s ? ctx._wb.tables.filter((t) => t.sheet === s) : []; }, (res) => new TableProxy(ctx, res), {
        add(address, hasHeaders) {
          const t = { name: "", sheet: null };
          self._edit((s) => {
            const a = parseAddress(address);
            const wb = ctx._wb;
            const overlap = wb.tables.find((x) => x.sheet === s && !(a.r1 < x.r0 || a.r0 > x.r1 || a.c1 < x.c0 || a.c0 > x.c1));
            if (overlap) throw hostError("InvalidOperation", "A table can't overlap another table.");
            Object.assign(t, { name: "Table" + (wb.tables.length + 1), sheet: s, r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1, filtered: false, hasHeaders });
            wb.tables.push(t);
          });
          const proxy = {
            set name(n) {
              self._queue(() => {
                if (ctx._wb.tables.some((x) => x !== t && x.name.toLowerCase() === String(n).toLowerCase())) throw hostError("ItemAlreadyExists", "A table named " + n + " already exists.");
                t.name = n;
              });
            },
            set style(v) { self._queue(() => { t.style = v; }); },
            set showBandedRows(v) {},
          };
          return proxy;
        },
      });
      this.charts = {
        add(type, source, seriesBy) {
          const chart = { type, source: null, seriesBy, title: "", position: null, width: null, height: null, reversedCategories: false, series: [] };
          self._edit((s) => {
            const a = source._target();
            chart.source = formatAddress(a.sheet.name, a.r0, a.c0, a.r1, a.c1);
            chart.series.push({ values: chart.source });
            s.charts.push(chart);
          });
          // ChartSeries members the writer sets (ExcelApi 1.7/1.8, Excel.ChartSeries reference page):
          // chartType, axisGroup ("Primary" | "Secondary") and hasDataLabels
          const seriesProxy = (at) => ({
            setValues(range) { self._queue(() => { chart.series[at()].values = addressOf(range); }); },
            setXAxisValues(range) { self._queue(() => { chart.series[at()].categories = addressOf(range); }); },
            set name(n) { self._queue(() => { chart.series[at()].name = n; }); },
            set chartType(v) { self._queue(() => { chart.series[at()].chartType = v; }); },
            set axisGroup(v) {
              if (v !== "Primary" && v !== "Secondary") throw hostError("InvalidArgument", "ChartSeries.axisGroup is Primary or Secondary.");
              self._queue(() => { chart.series[at()].axisGroup = v; });
            },
            set hasDataLabels(v) { self._queue(() => { chart.series[at()].hasDataLabels = Boolean(v); }); },
          });
          return {
            title: { set text(v) { self._queue(() => { chart.title = v; }); } },
            // Chart.setPosition(startCell, endCell?): the end cell is optional (Excel.Chart reference page)
            setPosition(start, end) { self._queue(() => { chart.position = [start, end]; }); },
            // Chart.width / Chart.height in points (Excel.Chart reference page)
            set width(v) { self._queue(() => { chart.width = v; }); },
            set height(v) { self._queue(() => { chart.height = v; }); },
            // ChartAxis.reversePlotOrder (ExcelApi 1.7, Excel.ChartAxis reference page)
            axes: { categoryAxis: { set reversePlotOrder(v) { self._queue(() => { chart.reversedCategories = Boolean(v); }); } } },
            series: {
              getItemAt(i) {
                return seriesProxy(() => i);
              },
              add(name) {
                const idx = { i: -1 };
                self._queue(() => { idx.i = chart.series.push({ name }) - 1; });
                return seriesProxy(() => idx.i);
              },
            },
            legend: { set position(v) {}, set visible(v) {} },
          };
        },
      };
    }
    _read(s, names) {
      const wb = this.context._wb;
      const out = {};
      for (const n of names) {
        if (n === "name") out.name = s.name;
        else if (n === "visibility") out.visibility = s.visibility;
        else if (n === "position") out.position = wb.sheets.indexOf(s);
        else if (n === "tabColor") out.tabColor = s.tabColor;
        else throw hostError("InvalidArgument", "The double does not model Worksheet." + n);
      }
      return out;
    }
    _edit(fn) {
      this._queue(() => fn(this._target()));
    }
    set name(v) {
      this._queue(() => {
        const s = this._target();
        const other = findSheet(this.context._wb, v);
        if (other && other !== s) throw hostError("ItemAlreadyExists", "A sheet named " + v + " already exists.");
        s.name = String(v);
      });
    }
    get name() { return this._get("name"); }
    set tabColor(v) { this._edit((s) => { s.tabColor = v; }); }
    get tabColor() { return this._get("tabColor"); }
    set visibility(v) { this._edit((s) => { s.visibility = v; }); }
    get visibility() { return this._get("visibility"); }
    get position() { return this._get("position"); }
    set position(v) { this._edit((s) => { const wb = this.context._wb; wb.sheets.splice(wb.sheets.indexOf(s), 1); wb.sheets.splice(Math.min(v, wb.sheets.length), 0, s); }); }
    getRange(address) {
      return new RangeProxy(this.context, () => {
        const s = this._target();
        const a = parseAddress(address || "A1");
        return { sheet: s, r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 };
      });
    }
    getRangeByIndexes(r, c, rows, cols) {
      return new RangeProxy(this.context, () => {
        if (rows < 1 || cols < 1) throw hostError("InvalidArgument", "Empty range");
        return { sheet: this._target(), r0: r, c0: c, r1: r + rows - 1, c1: c + cols - 1 };
      });
    }
    getUsedRangeOrNullObject() {
      const p = new RangeProxy(this.context, () => {
        const s = this._target();
        const b = usedBounds(s);
        return b ? Object.assign({ sheet: s }, b) : null;
      });
      p._nullable = true;
      this.context._nullables.push(p);
      return p;
    }
    activate() {
      this._queue(() => { this.context._wb.activeSheet = this._target(); });
    }
    delete() {
      this._queue(() => {
        const wb = this.context._wb;
        const s = this._target();
        if (wb.protected) throw hostError("AccessDenied", "The workbook structure is protected.");
        if (wb.sheets.filter((x) => x.visibility === "Visible").length <= 1 && s.visibility === "Visible") throw hostError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
        wb.sheets.splice(wb.sheets.indexOf(s), 1);
        wb.tables = wb.tables.filter((t) => t.sheet !== s);
        if (wb.activeSheet === s) wb.activeSheet = wb.sheets[0];
      });
    }
  }
  function addressOf(range) {
    const a = range._target();
    return formatAddress(a.sheet.name, a.r0, a.c0, a.r1, a.c1);
  }

  class TableProxy extends ClientObject {
    _read(t, names) {
      const out = {};
      for (const n of names) {
        if (n === "name") out.name = t.name;
        else throw hostError("InvalidArgument", "The double does not model Table." + n);
      }
      return out;
    }
    get name() { return this._get("name"); }
    set name(n) {
      this._queue(() => {
        const t = this._target();
        if (this.context._wb.tables.some((x) => x !== t && x.name.toLowerCase() === String(n).toLowerCase())) throw hostError("ItemAlreadyExists", "A table named " + n + " already exists.");
        t.name = String(n);
      });
    }
    get worksheet() { return new WorksheetProxy(this.context, () => this._target().sheet); }
    getRange() { return new RangeProxy(this.context, () => { const t = this._target(); return { sheet: t.sheet, r0: t.r0, c0: t.c0, r1: t.r1, c1: t.c1 }; }); }
    getHeaderRowRange() { return new RangeProxy(this.context, () => { const t = this._target(); return { sheet: t.sheet, r0: t.r0, c0: t.c0, r1: t.r0, c1: t.c1 }; }); }
    getDataBodyRange() { return new RangeProxy(this.context, () => { const t = this._target(); return { sheet: t.sheet, r0: t.r0 + 1, c0: t.c0, r1: Math.max(t.r0 + 1, t.r1), c1: t.c1 }; }); }
    get autoFilter() {
      const p = new ClientObject(this.context, () => this._target());
      p._read = (t, names) => Object.fromEntries(names.map((n) => [n, n === "isDataFiltered" || n === "enabled" ? !!t.filtered : undefined]));
      Object.defineProperty(p, "isDataFiltered", { get() { return p._get("isDataFiltered"); } });
      return p;
    }
  }

  /** A collection: load("items/name,...") fills items with proxies bound to each model object. */
  function collection(ctx, listFn, makeItem, extra) {
    const coll = {
      _items: null,
      get items() {
        if (!coll._items) throw hostError("PropertyNotLoaded", "The property 'items' is not available. Call load and context.sync() first.");
        return coll._items;
      },
      load(props) {
        const names = (typeof props === "string" ? props.split(",") : props || []).map((s) => s.trim().replace(/^items\//, "")).filter(Boolean);
        ctx._queue.push({
          bytes: 40,
          load: () => {
            const list = listFn();
            coll._items = list.map((m) => {
              const p = makeItem(() => (listFn().includes(m) ? m : null));
              p[LOADED] = p._read(m, names);
              return p;
            });
            return JSON.stringify(coll._items.map((p) => p[LOADED])).length;
          },
        });
        return coll;
      },
    };
    return Object.assign(coll, extra || {});
  }

  class RequestContext {
    constructor(wb) {
      this._wb = wb;
      this._queue = [];
      this._nullables = [];
      this._suspendCalc = false;
      this._suspendScreen = false;
      const ctx = this;
      const wbProxy = {
        worksheets: collection(ctx, () => wb.sheets, (res) => new WorksheetProxy(ctx, res), {
          getItem(name) { return new WorksheetProxy(ctx, () => findSheet(wb, name)); },
          getItemOrNullObject(name) { return new WorksheetProxy(ctx, () => findSheet(wb, name), true); },
          getActiveWorksheet() { return new WorksheetProxy(ctx, () => wb.activeSheet); },
          add(name) {
            const holder = { sheet: null };
            ctx._queue.push({
              bytes: 40,
              run: () => {
                if (wb.protected) throw hostError("AccessDenied", "The workbook structure is protected.");
                if (findSheet(wb, name)) throw hostError("ItemAlreadyExists", "A sheet named " + name + " already exists.");
                if (String(name).length > 31 || /[\\/?*[\]:]/.test(name)) throw hostError("InvalidArgument", "Bad sheet name " + name);
                holder.sheet = makeSheet(String(name));
                wb.sheets.push(holder.sheet);
              },
            });
            return new WorksheetProxy(ctx, () => (holder.sheet && wb.sheets.includes(holder.sheet) ? holder.sheet : null));
          },
        }),
        tables: collection(ctx, () => wb.tables, (res) => new TableProxy(ctx, res), {
          getItem(name) { return new TableProxy(ctx, () => wb.tables.find((t) => t.name.toLowerCase() === String(name).toLowerCase()) || null); },
        }),
        getSelectedRange() {
          return new RangeProxy(ctx, () => wb.selection || (wb.activeSheet ? { sheet: wb.activeSheet, r0: 0, c0: 0, r1: 0, c1: 0 } : null));
        },
        protection: (() => {
          const p = new ClientObject(ctx, () => wb);
          p._read = (t, names) => Object.fromEntries(names.map((n) => [n, n === "protected" ? t.protected : undefined]));
          Object.defineProperty(p, "protected", { get() { return p._get("protected"); } });
          return p;
        })(),
        application: {
          suspendApiCalculationUntilNextSync() { ctx._suspendCalc = true; },
          suspendScreenUpdatingUntilNextSync() { ctx._suspendScreen = true; },
          calculate() { ctx._queue.push({ bytes: 40, run: () => { wb.calculations++; } }); },
        },
      };
      this.workbook = wbProxy;
    }

    async sync() {
      const wb = this._wb;
      const t0 = now();
      const queue = this._queue;
      const nullables = this._nullables;
      this._queue = [];
      this._nullables = [];
      const calc = this._suspendCalc;
      const screen = this._suspendScreen;
      this._suspendCalc = this._suspendScreen = false;
      wb.stats.syncs++;
      // Optional latency per round trip (browser tests use it to see the progress screen).
      if (wb.syncDelayMs) await new Promise((r) => setTimeout(r, wb.syncDelayMs));
      const request = queue.reduce((n, op) => n + op.bytes, 0);
      wb.stats.requestBytes.push(request);
      try {
        if (request > PAYLOAD_LIMIT) {
          wb.stats.refused++;
          throw hostError("RequestPayloadSizeLimitExceeded", `The request payload size (${request} bytes) has exceeded the limit of 5 MB.`);
        }
        let response = 0;
        let wrote = false;
        for (const op of queue) {
          if (op.load) response += op.load();
          else {
            op.run();
            wrote = true;
          }
        }
        for (const p of nullables) p._isNull = !p._bind();
        wb.stats.responseBytes.push(response);
        if (wrote) {
          wb.stats.writeSyncs++;
          if (calc) wb.stats.calcSuspendedSyncs++;
          if (screen) wb.stats.screenSuspendedSyncs++;
        }
        if (response > PAYLOAD_LIMIT) {
          wb.stats.refused++;
          throw hostError("ResponsePayloadSizeLimitExceeded", `The response payload size (${response} bytes) has exceeded the limit of 5 MB.`);
        }
      } finally {
        wb.stats.ms += now() - t0;
      }
    }
  }

  /** An object shaped like Office.context.document.settings, backed by the workbook model. */
  function createSettings(wb) {
    return {
      get(name) { return wb.settings.has(name) ? JSON.parse(JSON.stringify(wb.settings.get(name))) : null; },
      set(name, value) { wb.settings.set(name, JSON.parse(JSON.stringify(value))); },
      remove(name) { wb.settings.delete(name); },
      saveAsync(a, b) {
        const cb = typeof a === "function" ? a : b;
        wb.settingsSaved = (wb.settingsSaved || 0) + 1;
        if (cb) setTimeout(() => cb({ status: "succeeded" }), 0);
      },
    };
  }

  /** A host: Excel.run over one workbook model, plus settings and the model itself for assertions. */
  function createHost(spec) {
    const wb = createWorkbook(spec);
    const Excel = {
      async run(batch) {
        wb.stats.runs++;
        const ctx = new RequestContext(wb);
        const result = await batch(ctx);
        if (ctx._queue.length) await ctx.sync();
        return result;
      },
      RequestContext: function () { return new RequestContext(wb); },
      ErrorCodes: { responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded", accessDenied: "AccessDenied", itemNotFound: "ItemNotFound", itemAlreadyExists: "ItemAlreadyExists" },
    };
    return {
      Excel,
      settings: createSettings(wb),
      workbook: wb,
      sheet: (name) => findSheet(wb, name),
      sheetNames: () => wb.sheets.map((s) => s.name),
      /** Values of a sheet as a plain 2-D array (trailing blanks trimmed). */
      valuesOf(name) {
        const s = findSheet(wb, name);
        if (!s) return null;
        const b = usedBounds(s);
        if (!b) return [];
        const out = [];
        for (let r = 0; r <= b.r1; r++) {
          const row = [];
          for (let c = 0; c <= b.c1; c++) row.push(getValue(s, r, c));
          out.push(row);
        }
        return out;
      },
      formulaAt(name, address) {
        const s = findSheet(wb, name);
        const a = parseAddress(address);
        return s ? s.formulas.get(cellKey(a.r0, a.c0)) || null : null;
      },
      valueAt(name, address) {
        const s = findSheet(wb, name);
        const a = parseAddress(address);
        return s ? getValue(s, a.r0, a.c0) : null;
      },
      resetStats() {
        Object.assign(wb.stats, { syncs: 0, runs: 0, requestBytes: [], responseBytes: [], refused: 0, ms: 0, calcSuspendedSyncs: 0, screenSuspendedSyncs: 0, writeSyncs: 0 });
      },
    };
  }

  return { createHost, createWorkbook, parseAddress, formatAddress, colLetters, PAYLOAD_LIMIT };
});
