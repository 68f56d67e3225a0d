/**
 * The demo data: a seeded, realistic two-year pipeline of a B2B software seller (leads, deals, spend
 * inputs) in which some time bombs really tick: two of five reps win less than they cost, two channel
 * partners go quiet in the second year, and losses to named competitors rise. Same seed, same data: no
 * clock, no Math.random, no Node API, so the command line's `npm run sample` and the task pane's "Try the
 * sample pipeline" write the same rows.
 */
import { buildSampleInputs } from "./inputs";

/** mulberry32: a small, fast, seeded PRNG (public domain), uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SAMPLE_SEED = 20240101;
/** Excel serial numbers (1900 system) of the first and last day of the sample. */
export const SAMPLE_START = 44927; // 2023-01-01
export const SAMPLE_END = 45657; // 2024-12-31

export interface SampleTable {
  name: string;
  /** Header row first; dates are Excel serial numbers. */
  rows: (string | number | null)[][];
  /** 0-based columns holding dates / money, for number formats. */
  dateColumns: number[];
  moneyColumns: number[];
  /** 0-based row from which those formats apply (default 1, below the header). */
  formatFromRow?: number;
}

export interface SampleWorkbook {
  deals: SampleTable;
  leads: SampleTable;
  inputs: SampleTable;
}

interface Product {
  name: string;
  price: number;
  complexity: "Low" | "High";
  cycle: number;
}
const PRODUCTS: Product[] = [
  { name: "Compass Starter", price: 4800, complexity: "Low", cycle: 30 },
  { name: "Compass Connect", price: 9600, complexity: "High", cycle: 75 },
  { name: "Compass Analytics", price: 36000, complexity: "Low", cycle: 55 },
  { name: "Compass Enterprise", price: 84000, complexity: "High", cycle: 110 },
];

interface Rep {
  name: string;
  /** Win probability and deal-size factor: the two weak reps are why the sales-team time bomb fires. */
  win: number;
  size: number;
  /** Serial date from which the rep takes deals. */
  from: number;
}
const REPS: Rep[] = [
  { name: "Avery Chen", win: 0.42, size: 1.1, from: SAMPLE_START },
  { name: "Jordan Patel", win: 0.38, size: 1.0, from: SAMPLE_START },
  { name: "Riley Novak", win: 0.4, size: 1.05, from: SAMPLE_START },
  { name: "Casey Lindqvist", win: 0.1, size: 0.35, from: SAMPLE_START },
  { name: "Morgan Diaz", win: 0.12, size: 0.4, from: 45323 }, // hired 2024-02-01, still ramping
];

/** Channel partners; two stop bringing deals after mid-2024 (time bomb 3). */
const PARTNERS: { name: string; until: number }[] = [
  { name: "Northwind Resellers", until: SAMPLE_END },
  { name: "Bluefin Partners", until: SAMPLE_END },
  { name: "Crestline Systems", until: 45473 }, // 2024-06-30
  { name: "Harbor IT", until: 45443 }, // 2024-05-31
];

/** Lead channels: name, kind weight early, weight late (marketing grows with spend). */
const CHANNELS: { name: string; w0: number; w1: number }[] = [
  { name: "Paid search", w0: 22, w1: 30 },
  { name: "Webinar", w0: 10, w1: 14 },
  { name: "Content / SEO", w0: 14, w1: 18 },
  { name: "Trade show", w0: 6, w1: 6 },
  { name: "Outbound (SDR)", w0: 24, w1: 20 },
  { name: "Partner referral", w0: 16, w1: 8 },
];
const SEGMENTS = ["SMB", "Mid-market", "Enterprise"];
const COMPETITORS = ["Vantage Cloud", "Acme Analytics"];
const PLAIN_LOSSES = ["Price", "No decision", "Timing", "Budget cut", "Went silent"];
const OPEN_STAGES = ["Qualification", "Discovery", "Proposal", "Negotiation"];
const NAME_A = ["Bright", "North", "Blue", "Iron", "Silver", "Green", "Cedar", "Summit", "River", "Stone", "Maple", "Harbor", "Falcon", "Lumen", "Nova", "Oak"];
const NAME_B = ["wave", "field", "point", "gate", "bridge", "line", "works", "stack", "path", "forge", "peak", "light"];
const NAME_C = ["Logistics", "Health", "Foods", "Capital", "Retail", "Energy", "Labs", "Media", "Manufacturing", "Travel"];

/** Generate the sample's tables from a seed. */
export function generateSample(seed = SAMPLE_SEED): SampleWorkbook {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const weighted = <T>(xs: readonly T[], w: (x: T) => number): T => {
    const total = xs.reduce((s, x) => s + w(x), 0);
    let r = rnd() * total;
    for (const x of xs) if ((r -= w(x)) < 0) return x;
    return xs[xs.length - 1];
  };
  const span = SAMPLE_END - SAMPLE_START;

  const leadRows: (string | number | null)[][] = [["Lead ID", "Created Date", "Lead Source", "Segment", "Lead Owner"]];
  const dealRows: (string | number | null)[][] = [
    ["Opportunity ID", "Lead ID", "Account Name", "Opportunity Owner", "Lead Source", "Partner", "Product", "Segment",
      "Complexity", "Stage", "Amount", "Created Date", "Close Date", "Loss Reason", "Competitor"],
  ];
  const accounts: string[] = [];
  const customers: string[] = [];
  let leadNo = 0;
  let dealNo = 0;

  for (let day = SAMPLE_START; day <= SAMPLE_END; day++) {
    const t = (day - SAMPLE_START) / span; // 0 → 1 over the two years
    // Leads per day grow with marketing spend: ~3 a day early, ~5 late; fewer at weekends.
    const dow = (day - 1) % 7; // Excel's WEEKDAY - 1 for serials after 1900-02-28: 0 = Sunday
    const weekday = dow >= 1 && dow <= 5;
    const expected = (3 + 2.2 * t) * (weekday ? 1.2 : 0.5);
    const count = Math.floor(expected + rnd());
    for (let k = 0; k < count; k++) {
      leadNo++;
      const leadId = `L-${String(leadNo).padStart(5, "0")}`;
      const channel = weighted(CHANNELS, (c) => c.w0 + (c.w1 - c.w0) * t);
      const segment = weighted(SEGMENTS, (s) => (s === "SMB" ? 5 : s === "Mid-market" ? 3 : 1.5));
      // Marketing leads no rep ever worked: the "uncaptured" ones (more of them as volume grows).
      const marketing = channel.name !== "Outbound (SDR)" && channel.name !== "Partner referral";
      const worked = !marketing || rnd() > 0.06 + 0.08 * t;
      const owner = worked ? pick(REPS.filter((r) => r.from <= day)).name : null;
      leadRows.push([leadId, day, channel.name, segment, owner]);
      // A worked lead becomes an opportunity a few days later, more often from sales and partners.
      const convert = !worked ? 0 : marketing ? 0.3 : 0.45;
      if (rnd() >= convert) continue;
      let partner: string | null = null;
      if (channel.name === "Partner referral") {
        const active = PARTNERS.filter((p) => p.until >= day);
        partner = weighted(active, (p) => (p.until < SAMPLE_END ? 1.6 : 1)).name;
      }
      const created = day + 2 + Math.floor(rnd() * 12);
      if (created > SAMPLE_END) continue;
      const rep = REPS.find((r) => r.name === owner)!;
      const product = weighted(PRODUCTS, (p) =>
        segment === "Enterprise" ? (p.price > 30000 ? 3 : 1) : segment === "SMB" ? (p.price < 10000 ? 4 : 0.6) : 1.5,
      );
      // Repeat business: a third of new opportunities come from an existing customer.
      let account: string;
      if (customers.length > 10 && rnd() < 0.33) account = pick(customers);
      else {
        account = `${pick(NAME_A)}${pick(NAME_B)} ${pick(NAME_C)}`;
        if (!accounts.includes(account)) accounts.push(account);
      }
      dealNo++;
      const dealId = `OPP-${String(dealNo).padStart(5, "0")}`;
      const amount = Math.round((product.price * rep.size * (0.7 + 0.6 * rnd())) / 10) * 10;
      const cycle = Math.round(product.cycle * (0.6 + 0.8 * rnd()));
      const close = created + cycle;
      // Competitive pressure rises through the second year (time bomb 5), felt when the deal closes.
      const competitive = 0.12 + 0.8 * Math.max(0, (close - SAMPLE_START) / span - 0.45);
      const winP = rep.win * (partner ? 1.15 : 1) * (product.complexity === "High" ? 0.9 : 1) * (1 - 0.5 * Math.max(0, t - 0.5));
      let stage: string;
      let closeDate: number | null = close;
      let lossReason: string | null = null;
      let competitor: string | null = null;
      if (close > SAMPLE_END) {
        // Still open at the end of 2024: its stage reflects how far through its cycle it is.
        const progress = (SAMPLE_END - created) / cycle;
        stage = OPEN_STAGES[Math.min(OPEN_STAGES.length - 1, Math.floor(progress * OPEN_STAGES.length))];
        closeDate = null;
      } else if (rnd() < winP) {
        stage = "Closed Won";
        if (!customers.includes(account)) customers.push(account);
      } else {
        stage = "Closed Lost";
        if (rnd() < competitive) {
          competitor = pick(COMPETITORS);
          lossReason = rnd() < 0.3 ? "Missing feature (SSO)" : `Lost to ${competitor}`;
        } else if (rnd() < 0.85) lossReason = pick(PLAIN_LOSSES);
      }
      dealRows.push([dealId, leadId, account, rep.name, channel.name, partner, product.name, segment, product.complexity,
        stage, amount, created, closeDate, lossReason, competitor]);
    }
  }
  return {
    deals: { name: "Deals", rows: dealRows, dateColumns: [11, 12], moneyColumns: [10] },
    leads: { name: "Leads", rows: leadRows, dateColumns: [1], moneyColumns: [] },
    inputs: buildSampleInputs(),
  };
}

