/**
 * Leads table + deals table joined on a key (e.g. Olist's mql_id) into one funnel from first contact to
 * won: each deal gets the index of its lead, each lead the index of its first deal, and deals without a
 * created date or a source take the lead's first-contact date and origin.
 */
import type { CategoryColumn, Deals, FieldMapping, Leads } from "./types";
import type { ColumnRef, DiagnosticSink } from "./diagnostics";
import { compactKey, wordsKey } from "./text";
import { listHeaders } from "./headers";

export interface JoinColumns {
  deals: number;
  leads: number;
  dealsHeader: string;
  leadsHeader: string;
}

function idLike(h: string): boolean {
  const w = wordsKey(h).split(" ");
  const last = w[w.length - 1];
  return last === "id" || last === "key" || last === "uuid" || compactKey(h).endsWith("id");
}

/**
 * The key columns: the user's header names, else a header both tables share that looks like an id
 * (preferring the leads table's id column). Returns a plain-words problem when none can be found.
 */
export function findJoinColumns(
  dealHeaders: readonly string[], leadHeaders: readonly string[], leadMapping: readonly FieldMapping[],
  given?: { deals?: string; leads?: string },
): JoinColumns | { problem: string } {
  const find = (headers: readonly string[], name: string) => headers.findIndex((h) => h !== "" && compactKey(h) === compactKey(name));
  if (given && (given.deals || given.leads)) {
    const dn = given.deals ?? given.leads ?? "";
    const ln = given.leads ?? given.deals ?? "";
    const d = find(dealHeaders, dn);
    const l = find(leadHeaders, ln);
    if (d < 0) return { problem: `the deals table has no column "${dn}" to join on; its headers are ${listHeaders(dealHeaders)}` };
    if (l < 0) return { problem: `the leads table has no column "${ln}" to join on; its headers are ${listHeaders(leadHeaders)}` };
    return { deals: d, leads: l, dealsHeader: dealHeaders[d], leadsHeader: leadHeaders[l] };
  }
  const shared: JoinColumns[] = [];
  leadHeaders.forEach((lh, l) => {
    if (!lh || !idLike(lh)) return;
    const d = find(dealHeaders, lh);
    if (d >= 0) shared.push({ deals: d, leads: l, dealsHeader: dealHeaders[d], leadsHeader: lh });
  });
  if (shared.length === 0) {
    return { problem: `no id column appears in both tables (deals: ${listHeaders(dealHeaders)}; leads: ${listHeaders(leadHeaders)}); name the key, e.g. joinKey { deals: "Lead ID", leads: "ID" }` };
  }
  const leadId = leadMapping.find((m) => m.field === "id")?.column;
  return shared.find((s) => s.leads === leadId) ?? shared[0];
}

export interface JoinResult {
  matched: number;
  unmatched: number;
  leadsWithDeals: number;
}

/** Sets deals.leadIndex and leads.dealIndex; reports deal keys with no lead and repeated lead keys. */
export function joinTables(
  deals: Deals, dealKey: CategoryColumn, leads: Leads, leadKey: CategoryColumn,
  dealRef: ColumnRef, leadRef: ColumnRef, dealSink: DiagnosticSink, leadSink: DiagnosticSink,
): JoinResult {
  const firstLead = new Int32Array(leadKey.labels.length).fill(-1);
  for (let i = 0; i < leads.count; i++) {
    const c = leadKey.codes[i];
    if (c < 0) continue;
    if (firstLead[c] < 0) firstLead[c] = i;
    else {
      const first = leads.sourceRow[firstLead[c]];
      leadSink.cell(leadRef, "duplicate-key", "warning", leads.sourceRow[i], leadKey.labels[c],
        () => `Key ${leadKey.labels[c]} is also on row ${first}: deals join to that first row.`, "repeated lead keys (deals join to the first)");
    }
  }
  const leadCodeOf = new Map(leadKey.labels.map((l, c) => [l, c]));
  const leadOfDealCode = Int32Array.from(dealKey.labels.map((l) => {
    const c = leadCodeOf.get(l);
    return c === undefined ? -1 : firstLead[c];
  }));
  let matched = 0;
  let unmatched = 0;
  for (let i = 0; i < deals.count; i++) {
    const c = dealKey.codes[i];
    if (c < 0) continue;
    const li = leadOfDealCode[c];
    deals.leadIndex[i] = li;
    if (li < 0) {
      unmatched++;
      dealSink.cell(dealRef, "no-matching-lead", "warning", deals.sourceRow[i], dealKey.labels[c],
        () => `No lead has ${dealRef.header} ${dealKey.labels[c]}: the deal is used without its lead.`, "deals whose key matches no lead");
      continue;
    }
    matched++;
    if (leads.dealIndex[li] < 0) leads.dealIndex[li] = i;
  }
  let leadsWithDeals = 0;
  for (let j = 0; j < leads.count; j++) if (leads.dealIndex[j] >= 0) leadsWithDeals++;
  return { matched, unmatched, leadsWithDeals };
}

/** Deals without their own created date or source take their lead's first contact date and origin. */
export function fillFromLeads(deals: Deals, leads: Leads, fill: { created: boolean; source: boolean }): { created: number; source: number } {
  let created = 0;
  let source = 0;
  if (fill.created) {
    const out = new Float64Array(deals.count);
    for (let i = 0; i < deals.count; i++) {
      const li = deals.leadIndex[i];
      out[i] = li >= 0 ? leads.created[li] : NaN;
      if (out[i] === out[i]) created++;
    }
    deals.created = out;
  }
  if (fill.source) {
    const codes = new Int32Array(deals.count);
    const kinds = new Int8Array(deals.count);
    for (let i = 0; i < deals.count; i++) {
      const li = deals.leadIndex[i];
      codes[i] = li >= 0 ? leads.channel.codes[li] : -1;
      kinds[i] = li >= 0 ? leads.sourceKind[li] : deals.sourceKind[i];
      if (codes[i] >= 0) source++;
    }
    deals.channel = { codes, labels: leads.channel.labels };
    deals.sourceKind = kinds;
  }
  return { created, source };
}
