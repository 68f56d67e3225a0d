/**
 * GTM_COMPASS on cell arguments: one product per row of seven ratings (or one column of seven for a single
 * product), one result row per product, a per-row error where one product's ratings are bad.
 */
import { COMPASS_FACTORS, COMPASS_FACTOR_COUNT, CompassResult, placeCompass } from "../engine/compass";
import { invalid } from "../engine/errors";
import { DEFAULT_THRESHOLDS } from "../model/thresholds";
import { Cell, Grid, asGtmError, errorRow, finishRow, isOmitted, toField, toOptionalNumber, toVector } from "./cells";
import { gridOf } from "./scenarios";

export const COMPASS_FIELDS = ["all", "lead", "intensity", "sales_share", "model", "agreement", "identity", "note"] as const;
export type CompassField = (typeof COMPASS_FIELDS)[number];

/** Column order of the "all" row. */
export const COMPASS_COLUMNS = ["lead", "intensity", "sales_share", "model", "agreement", "identity", "note"] as const;

function cellFor(r: CompassResult, f: Exclude<CompassField, "all">): Cell {
  switch (f) {
    case "lead":
      return r.lead;
    case "intensity":
      return r.salesIntensity;
    case "sales_share":
      return r.recommendedSalesShare;
    case "model":
      return r.salesModel;
    case "agreement":
      return r.agreement;
    case "identity":
      return r.identity ?? "";
    case "note":
      return r.note;
  }
}

/** The products' rating rows: a 7-wide range is one product per row; a single 7-tall column is one product. */
function productRows(g: Grid): Grid {
  if (g[0].length === COMPASS_FACTOR_COUNT) return g;
  if (g[0].length === 1 && g.length === COMPASS_FACTOR_COUNT) return [g.map((row) => row[0])];
  throw invalid(
    `ratings must have ${COMPASS_FACTOR_COUNT} cells per product (${COMPASS_FACTORS.join(", ")}): a row of 7, several rows of 7, or one column of 7; got ${g.length} × ${g[0].length}.`,
  );
}

/**
 * GTM.GTM_COMPASS. Returns one row per product: the "all" columns, or the one field asked for; rows holding
 * an error cell are noted in errorRows when it is given.
 */
export function gtmCompassGrid(ratings: unknown, weights?: unknown, actualSalesShare?: unknown, field?: unknown, errorRows?: number[]): Cell[][] {
  const f = toField(field, COMPASS_FIELDS, "all");
  const rows = productRows(gridOf(ratings, "ratings").g); // a whole-column reference is cut at its last rated row
  const m = rows.length;

  let w: (number | null)[] | undefined;
  if (!isOmitted(weights)) {
    const wv = toVector(weights, "weights", COMPASS_FACTOR_COUNT);
    if (wv.length !== COMPASS_FACTOR_COUNT) throw invalid(`weights need ${COMPASS_FACTOR_COUNT} cells, one per factor (blank = 1); got ${wv.length}.`);
    w = wv.map((x, i) => toOptionalNumber(x, `The ${COMPASS_FACTORS[i]} weight`));
  }

  // One share for every product, or one per product row.
  let shares: unknown[] | null = null;
  let oneShare: unknown = null;
  if (!isOmitted(actualSalesShare)) {
    const sv = toVector(actualSalesShare, "actual_sales_share", Math.max(m, 1));
    if (sv.length === 1) oneShare = sv[0];
    else if (sv.length === m) shares = sv;
    else throw invalid(`actual_sales_share needs one cell, or one per product (${m}); got ${sv.length}.`);
  }

  const width = f === "all" ? COMPASS_COLUMNS.length : 1;
  const buf = new Array<number | null>(COMPASS_FACTOR_COUNT);
  const opts = { weights: w, actualSalesShare: null as number | null, thresholds: DEFAULT_THRESHOLDS };
  const where = (i: number): string => (m > 1 ? ` (product row ${i + 1})` : "");
  const out = new Array<Cell[]>(m);
  for (let i = 0; i < m; i++) {
    try {
      const row = rows[i];
      for (let k = 0; k < COMPASS_FACTOR_COUNT; k++) {
        const v = row[k];
        // Numbers go straight to the engine, which range-checks them; only other cells need a labelled coercion.
        buf[k] = typeof v === "number" && Number.isFinite(v) ? v : toOptionalNumber(v, `The ${COMPASS_FACTORS[k]} rating${where(i)}`);
      }
      const s = shares ? shares[i] : oneShare;
      opts.actualSalesShare = typeof s === "number" && Number.isFinite(s) ? s : toOptionalNumber(s, `The actual sales share${where(i)}`);
      const r = placeCompass(buf, opts);
      out[i] =
        f === "all"
          ? [r.lead, r.salesIntensity, r.recommendedSalesShare, r.salesModel, r.agreement, r.identity ?? "", r.note]
          : [cellFor(r, f)];
    } catch (e) {
      const err = asGtmError(e);
      const label = where(i);
      if (label && !err.message.includes(label)) err.message = err.message.replace(/\.$/, "") + `${label}.`;
      out[i] = errorRow(err, width);
    }
    finishRow(out[i], i, errorRows, "The Compass result");
  }
  return out;
}
