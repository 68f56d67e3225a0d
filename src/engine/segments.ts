/**
 * The sweet-spot map (METHODS §6): every deal placed in S1-S4 by price x complexity, each segment's share
 * of marketing-sourced leads (k), of won deals (q) and of the market (m), classified with tau, the alignment
 * index, and the marketing leads no rep ever worked.
 */
import { OUTCOME_OPEN, OUTCOME_WON } from "../model/tables";
import { SegmentAnalysis, SegmentClass, SegmentId, SegmentRow } from "./analysis";
import { AnalysisContext } from "./context";
import { groupMedians } from "./groups";
import { median, medianOwned } from "../model/stats";

export const SEGMENT_IDS: readonly SegmentId[] = ["S1", "S2", "S3", "S4"];
export const SEGMENT_LABELS: Record<SegmentId, string> = {
  S1: "Low price / low complexity",
  S2: "Low price / high complexity",
  S3: "High price / low complexity",
  S4: "High price / high complexity",
};
const MARKETING = 0; // index of "marketing" in SOURCE_KINDS
const MAX_ROWS = 50;

const HIGH_WORDS = /\b(high|complex|hard|difficult|enterprise|large|custom|advanced)\b/i;
const LOW_WORDS = /\b(low|simple|easy|small|standard|basic|light)\b/i;

/** Per-deal placement: segment code 0..3 (S1..S4) or -1, and how price and complexity were read. */
export interface Placement {
  segment: Int8Array;
  /** Each deal's price as used (price column, else amount, else its product's median won amount). */
  price: Float64Array;
  priceThreshold: number;
  priceBasis: string;
  complexityBasis: string;
  /** Median won amount per product code (NaN when none), reused for open-pipeline estimates. */
  productMedianWon: Float64Array;
}

export function placeDeals(ctx: AnalysisContext): Placement {
  const { deals: d, has, t } = ctx;
  const n = d.count;
  const outcome = d.outcome;
  const amount = d.amount;
  const priceCol = d.price;
  const productCodes = d.product.codes;
  const wonPositive = new Uint8Array(n);
  for (let i = 0; i < n; i++) wonPositive[i] = +(outcome[i] === OUTCOME_WON) & +(amount[i] > 0);
  const productMedianWon = has.product ? groupMedians(productCodes, d.product.labels.length, amount, wonPositive, ctx.scratch) : new Float64Array(0);

  // a zero amount is a deal whose value was never realised (CRMs write 0 on lost deals), not its price
  const price = new Float64Array(n);
  const wonPrices = ctx.scratch;
  let nWonPrices = 0;
  let imputed = 0;
  // product -> median won amount, shifted by one so a deal without a product (code -1) reads NaN
  const imputeFrom = new Float64Array((has.product ? productMedianWon.length : 0) + 1).fill(NaN);
  imputeFrom.set(has.product ? productMedianWon : [], 1);
  const impute = has.product ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const pc = priceCol[i];
    const a = amount[i];
    let v = pc > 0 ? pc : a > 0 ? a : NaN;
    const need = +(v !== v) & impute;
    if (need === 1) {
      v = imputeFrom[productCodes[i] + 1];
      imputed += +(v === v);
    }
    price[i] = v;
    // branch-free append: outcomes are too irregular to predict
    wonPrices[nWonPrices] = v;
    nWonPrices += +(outcome[i] === OUTCOME_WON) & +(v === v);
  }
  let priceThreshold = t.segmentPriceThreshold;
  let priceBasis: string;
  const column = has.price ? "price column" : "deal amount";
  if (priceThreshold > 0) {
    priceBasis = `${column} above ${priceThreshold} (set by the user) is high price`;
  } else {
    priceThreshold = medianOwned(wonPrices.subarray(0, nWonPrices));
    priceBasis = `${column} above the median won ${has.price ? "price" : "amount"} (${round(priceThreshold)}) is high price`;
  }
  if (imputed > 0) priceBasis += `; ${imputed} deal(s) without a positive amount take their product's median won amount`;

  // complexity: a label column, a numeric score, or (proxy) a sales cycle above the median
  const high = new Int8Array(n).fill(-1);
  let complexityBasis: string;
  if (has.complexityLabel) {
    const labels = d.complexityLabel.labels.map((l) => (HIGH_WORDS.test(l) ? 1 : LOW_WORDS.test(l) ? 0 : -1));
    const codes = d.complexityLabel.codes;
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      if (c >= 0) high[i] = labels[c];
    }
    complexityBasis = "complexity column (words such as High / Low)";
  } else if (has.complexity) {
    const cx = d.complexity;
    const mid = median(cx);
    for (let i = 0; i < n; i++) {
      const c = cx[i];
      if (c === c) high[i] = c > mid ? 1 : 0;
    }
    complexityBasis = `complexity score above its median (${round(mid)}) is high complexity`;
  } else {
    const cycle = ctx.cycle;
    const mid = ctx.medianClosedCycle;
    if (has.product) {
      // a product's typical cycle stands in for a product -> complexity mapping, and places open deals too
      const perProduct = groupMedians(productCodes, d.product.labels.length, cycle, null, ctx.scratch);
      const productHigh = Array.from(perProduct, (c) => (c === c ? (c > mid ? 1 : 0) : -1));
      for (let i = 0; i < n; i++) {
        const p = productCodes[i];
        if (p >= 0) high[i] = productHigh[p];
        else {
          const c = cycle[i];
          if (c === c) high[i] = c > mid ? 1 : 0;
        }
      }
      complexityBasis = `proxy: products whose median sales cycle is above the median closed-deal cycle (${round(mid)} days) are high complexity`;
    } else {
      const created = d.created;
      const asOf = ctx.asOf;
      for (let i = 0; i < n; i++) {
        const c = cycle[i];
        if (c === c) high[i] = c > mid ? 1 : 0;
        // an open deal already older than the median cycle is a long one
        else if (outcome[i] === OUTCOME_OPEN && asOf - created[i] > mid) high[i] = 1;
      }
      complexityBasis = `proxy: a sales cycle above the median closed-deal cycle (${round(mid)} days) is high complexity`;
    }
  }

  const segment = new Int8Array(n).fill(-1);
  if (priceThreshold === priceThreshold) {
    for (let i = 0; i < n; i++) {
      const p = price[i];
      const h = high[i];
      // -1 unless both price and complexity are known; then 2 x high price + high complexity
      const ok = +(p === p) & +(h >= 0);
      segment[i] = ok * ((+(p > priceThreshold) << 1) + h + 1) - 1;
    }
  }
  return { segment, price, priceThreshold, priceBasis, complexityBasis, productMedianWon };
}

/** METHODS §6 classification; m is NaN when the market share is unknown (every segment in the market). */
export function classifySegment(m: number, k: number, q: number, tau: number): SegmentClass {
  if (k !== k || q !== q) return "NO DATA";
  const mIn = m !== m || m >= tau;
  const kIn = k >= tau;
  const qIn = q >= tau;
  if (mIn && kIn && qIn) return "Sweet spot";
  if (mIn && kIn) return "Uncaptured lead";
  if (mIn && qIn) return "Lead deficit";
  if (!mIn && (kIn || qIn)) return "Ineffective strategy";
  if (mIn) return "Unserved";
  return "Out of play";
}

const SEG_IN_LABEL = /^\s*s\s*([1-4])\b/i;

export function analyzeSegments(ctx: AnalysisContext, placement: Placement): SegmentAnalysis {
  const { deals: d, data, t } = ctx;
  const tau = t.segmentPresence;
  const notes: string[] = [];
  const seg = placement.segment;
  // branch-free (outcomes are too irregular to predict): slot s + 1, slot 0 for rows that do not count
  const dealsS = new Float64Array(5);
  const wonS = new Float64Array(5);
  const revenueS = new Float64Array(5);
  const { outcome, amount } = d;
  for (let i = 0; i < d.count; i++) {
    const s1 = seg[i] + 1;
    const isWon = +(outcome[i] === OUTCOME_WON);
    const a = amount[i];
    dealsS[s1]++;
    wonS[isWon * s1]++;
    revenueS[(isWon & +(a === a)) * s1] += a;
  }
  const unplaced = dealsS[0];
  const deals = Array.from(dealsS.subarray(1));
  const won = Array.from(wonS.subarray(1));
  const wonRevenue = Array.from(revenueS.subarray(1));
  const leads = [0, 0, 0, 0];

  // k: marketing-sourced leads per segment
  let leadBasis: SegmentAnalysis["leadBasis"] = "none";
  const lt = data.leads;
  let uncapturedCount = 0;
  const uncapturedRows: number[] = [];
  let uncapturedSheet = d.sheet;
  let uncapturedBasis = "no lead source and no leads table: uncaptured leads cannot be told";
  if (lt && lt.count > 0) {
    leadBasis = "leads table";
    let anyKind = false;
    for (let i = 0; i < lt.count; i++) if (lt.sourceKind[i] >= 0) anyKind = true;
    if (!anyKind) notes.push("The leads table names no source kind: every lead in it counts as marketing-sourced.");
    const labelSeg = lt.segment.labels.map((l) => {
      const m = SEG_IN_LABEL.exec(l);
      return m ? Number(m[1]) - 1 : -1;
    });
    uncapturedSheet = lt.sheet;
    for (let i = 0; i < lt.count; i++) {
      if (anyKind && lt.sourceKind[i] !== MARKETING) continue;
      const code = lt.segment.codes[i];
      let s = code >= 0 ? labelSeg[code] : -1;
      const di = lt.dealIndex[i];
      if (s < 0 && di >= 0) s = seg[di];
      if (s >= 0) leads[s]++;
      // never worked: no opportunity came of it, or its opportunity has no owner
      if (di < 0 || (ctx.has.owner && d.owner.codes[di] < 0)) {
        uncapturedCount++;
        if (uncapturedRows.length < MAX_ROWS) uncapturedRows.push(lt.sourceRow[i]);
      }
    }
    uncapturedBasis = "marketing leads with no opportunity, or whose opportunity has no owner";
  } else if (ctx.has.source) {
    leadBasis = "marketing-sourced deals";
    const leadS = new Float64Array(5);
    const owners = ctx.has.owner ? 1 : 0;
    const ownerCodes = d.owner.codes;
    for (let i = 0; i < d.count; i++) {
      const mk = +(d.sourceKind[i] === MARKETING);
      leadS[mk * (seg[i] + 1)]++;
      if ((mk & owners & +(ownerCodes[i] < 0)) === 1) {
        uncapturedCount++;
        if (uncapturedRows.length < MAX_ROWS) uncapturedRows.push(d.sourceRow[i]);
      }
    }
    for (let s = 0; s < 4; s++) leads[s] = leadS[s + 1];
    uncapturedBasis = ctx.has.owner
      ? "marketing-sourced deals with no owner"
      : "no owner column: every deal may or may not have been worked, so uncaptured leads cannot be told";
    notes.push("No leads table: marketing-sourced deals stand in for marketing leads (k).");
  } else {
    notes.push("No source column and no leads table: the share of marketing leads (k) per segment is unknown, so segments are not classified.");
  }

  const totalLeads = leads.reduce((a, b) => a + b, 0);
  const totalWon = won.reduce((a, b) => a + b, 0);
  const share = data.inputs?.marketShare;
  const hasMarket = !!share && SEGMENT_IDS.some((s) => share[s] !== undefined);
  if (!hasMarket) notes.push("No market share per segment given: every segment counts as in the market (m), and the alignment index uses min(k, q).");
  const rows: SegmentRow[] = SEGMENT_IDS.map((id, s) => {
    const k = leadBasis === "none" || totalLeads === 0 ? NaN : leads[s] / totalLeads;
    const q = totalWon === 0 ? NaN : won[s] / totalWon;
    const m = hasMarket ? (share![id] ?? 0) : NaN;
    return {
      segment: id,
      label: SEGMENT_LABELS[id],
      deals: deals[s],
      won: won[s],
      wonRevenue: wonRevenue[s],
      leads: leads[s],
      k,
      q,
      m,
      classification: classifySegment(m, k, q, tau),
    };
  });
  let alignmentIndex = 0;
  for (const r of rows) alignmentIndex += Math.min(r.m === r.m ? r.m : 1, r.k, r.q);
  if (unplaced > 0) notes.push(`${unplaced} deal(s) could not be placed in a segment (no price or no complexity signal).`);
  if (leadBasis !== "none" && totalLeads === 0) notes.push("No marketing lead could be placed in a segment.");

  const placedAny = deals.some((x) => x > 0);
  return {
    status: placedAny ? "OK" : "NO DATA",
    priceThreshold: placement.priceThreshold,
    priceBasis: placement.priceBasis,
    complexityBasis: placement.complexityBasis,
    leadBasis,
    rows,
    alignmentIndex,
    unplaced,
    uncaptured: { count: uncapturedCount, rows: uncapturedRows, sheet: uncapturedSheet, basis: uncapturedBasis },
    notes,
  };
}

function round(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : "n/a";
}
