/**
 * Builds small PipelineData objects from plain rows for engine and report unit tests, independent of the
 * pipeline layer. Dates may be given as "YYYY-MM-DD" strings (converted to Excel 1900 serials here with
 * JavaScript's Date, an independent route from the engine's own arithmetic) or as serial numbers.
 */
import {
  CategoryColumn,
  Deals,
  FieldMapping,
  Inputs,
  Leads,
  OUTCOME_LOST,
  OUTCOME_OPEN,
  OUTCOME_WON,
  PipelineData,
  SOURCE_KINDS,
  SourceKind,
} from "../../src/pipeline/types";

export type DateLike = string | number | null | undefined;

export interface DealRow {
  id?: string;
  stage?: string;
  outcome?: "won" | "lost" | "open";
  amount?: number | null;
  created?: DateLike;
  closed?: DateLike;
  expectedClose?: DateLike; // expected / forecast close date
  owner?: string | null;
  account?: string | null;
  source?: SourceKind | null;
  channel?: string | null;
  partner?: string | null;
  product?: string | null;
  segment?: string | null;
  price?: number | null;
  complexity?: number | null;
  complexityLabel?: string | null;
  lossReason?: string | null;
  competitor?: string | null;
  /** Index into the leads rows. */
  lead?: number;
}

export interface LeadRow {
  id?: string;
  created?: DateLike;
  source?: SourceKind | null;
  channel?: string | null;
  segment?: string | null;
  owner?: string | null;
}

/** Excel 1900-system serial of an ISO date, through JavaScript's Date (UTC). */
export function serial(iso: string): number {
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(ms)) throw new Error(`bad date ${iso}`);
  return ms / 86400000 + 25569;
}

function toSerial(d: DateLike): number {
  if (d === null || d === undefined || d === "") return NaN;
  return typeof d === "number" ? d : serial(d);
}

function category(values: (string | null | undefined)[]): CategoryColumn {
  const labels: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === null || v === undefined || v === "") {
      codes[i] = -1;
      return;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = labels.length;
      labels.push(v);
      index.set(v, c);
    }
    codes[i] = c;
  });
  return { codes, labels };
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? NaN : v);

export function buildDeals(rows: DealRow[], sheet = "Deals"): Deals {
  const n = rows.length;
  const outcome = new Uint8Array(n);
  rows.forEach((r, i) => {
    const o = r.outcome ?? (r.stage && /won/i.test(r.stage) ? "won" : r.stage && /lost/i.test(r.stage) ? "lost" : "open");
    outcome[i] = o === "won" ? OUTCOME_WON : o === "lost" ? OUTCOME_LOST : OUTCOME_OPEN;
  });
  return {
    count: n,
    sheet,
    sourceRow: Int32Array.from(rows.map((_, i) => i + 2)),
    id: category(rows.map((r, i) => r.id ?? `D${i + 1}`)),
    outcome,
    stage: category(rows.map((r, i) => r.stage ?? (outcome[i] === OUTCOME_WON ? "Won" : outcome[i] === OUTCOME_LOST ? "Lost" : "Open"))),
    amount: Float64Array.from(rows.map((r) => num(r.amount))),
    created: Float64Array.from(rows.map((r) => toSerial(r.created))),
    closed: Float64Array.from(rows.map((r) => toSerial(r.closed))),
    expectedClose: Float64Array.from(rows.map((r) => toSerial(r.expectedClose))),
    owner: category(rows.map((r) => r.owner)),
    account: category(rows.map((r) => r.account)),
    sourceKind: Int8Array.from(rows.map((r) => (r.source ? SOURCE_KINDS.indexOf(r.source) : -1))),
    channel: category(rows.map((r) => r.channel)),
    partner: category(rows.map((r) => r.partner)),
    product: category(rows.map((r) => r.product)),
    segment: category(rows.map((r) => r.segment)),
    price: Float64Array.from(rows.map((r) => num(r.price))),
    complexity: Float64Array.from(rows.map((r) => num(r.complexity))),
    complexityLabel: category(rows.map((r) => r.complexityLabel)),
    lossReason: category(rows.map((r) => r.lossReason)),
    competitor: category(rows.map((r) => r.competitor)),
    leadIndex: Int32Array.from(rows.map((r) => (r.lead === undefined ? -1 : r.lead))),
  };
}

export function buildLeads(rows: LeadRow[], deals: DealRow[], sheet = "Leads"): Leads {
  const dealIndex = new Int32Array(rows.length).fill(-1);
  deals.forEach((d, i) => {
    if (d.lead !== undefined && dealIndex[d.lead] < 0) dealIndex[d.lead] = i;
  });
  return {
    count: rows.length,
    sheet,
    sourceRow: Int32Array.from(rows.map((_, i) => i + 2)),
    id: category(rows.map((r, i) => r.id ?? `L${i + 1}`)),
    created: Float64Array.from(rows.map((r) => toSerial(r.created))),
    sourceKind: Int8Array.from(rows.map((r) => (r.source ? SOURCE_KINDS.indexOf(r.source) : -1))),
    channel: category(rows.map((r) => r.channel)),
    segment: category(rows.map((r) => r.segment)),
    owner: category(rows.map((r) => r.owner)),
    dealIndex,
  };
}

export interface BuildOptions {
  leads?: LeadRow[];
  inputs?: Partial<Inputs>;
  stageOrder?: string[];
  mapping?: FieldMapping[];
}

/** A PipelineData from deal rows (and optional leads and inputs). */
export function buildData(rows: DealRow[], opts: BuildOptions = {}): PipelineData {
  const deals = buildDeals(rows);
  const mapping: FieldMapping[] =
    opts.mapping ??
    (["id", "stage", "amount", "created", "closed", "owner", "account"] as const).map((f, i) => ({
      field: f,
      header: f[0].toUpperCase() + f.slice(1),
      column: i,
      confidence: 1,
      how: "name" as const,
    }));
  return {
    deals,
    leads: opts.leads ? buildLeads(opts.leads, rows) : undefined,
    inputs: opts.inputs ? { periods: [], thresholds: {}, ...opts.inputs } : undefined,
    mapping,
    dateFormats: [],
    stageOrder: opts.stageOrder ?? [],
    diagnostics: [],
    rows: { read: rows.length, used: rows.length, skipped: 0 },
    warnings: [],
  };
}
