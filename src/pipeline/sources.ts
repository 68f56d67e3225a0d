/**
 * Source / channel names → marketing, sales, partner or other. Covers web-analytics channel groups (the
 * Olist lead origins: paid_search, organic_search, social, email, referral, direct_traffic, display,
 * other_publicities, unknown), HubSpot original sources, Salesforce lead sources and plain English.
 */
import { SOURCE_KINDS, type SourceKind } from "./types";
import { compactKey, wordsKey } from "./text";

const EXACT: Record<string, SourceKind> = {
  // Web-analytics channel groups: all are marketing's inbound demand.
  paidsearch: "marketing", organicsearch: "marketing", social: "marketing", socialmedia: "marketing",
  paidsocial: "marketing", organicsocial: "marketing", email: "marketing", emailmarketing: "marketing",
  referral: "marketing", referrals: "marketing", directtraffic: "marketing", direct: "marketing",
  display: "marketing", otherpublicities: "marketing", otheradvertising: "marketing", othercampaigns: "marketing",
  web: "marketing", website: "marketing", inbound: "marketing", seo: "marketing", sem: "marketing", ppc: "marketing",
  webinar: "marketing", content: "marketing", advertisement: "marketing", advertising: "marketing", ads: "marketing",
  tradeshow: "marketing", event: "marketing", events: "marketing", seminar: "marketing", marketing: "marketing",
  publicrelations: "marketing", pr: "marketing", newsletter: "marketing", campaign: "marketing", mql: "marketing",
  offline: "marketing", offlinesources: "marketing", wordofmouth: "marketing", phoneinquiry: "marketing",
  // Sales-sourced pipeline.
  outbound: "sales", sales: "sales", coldcall: "sales", coldcalling: "sales", coldemail: "sales",
  prospecting: "sales", outboundprospecting: "sales", sdr: "sales", bdr: "sales", selfsourced: "sales",
  aesourced: "sales", salessourced: "sales", salesgenerated: "sales", repsourced: "sales", purchasedlist: "sales",
  employeereferral: "other", networking: "sales", existingcustomer: "sales", upsell: "sales",
  // Partners and channels.
  partner: "partner", partners: "partner", partnerreferral: "partner", reseller: "partner", channel: "partner",
  channelpartner: "partner", var: "partner", affiliate: "partner", alliance: "partner", distributor: "partner",
  marketplace: "partner", partnersourced: "partner", seminarpartner: "partner", referralpartner: "partner",
  // Known unknowns.
  unknown: "other", other: "other", none: "other", na: "other", notset: "other",
};

/** Words that point to a kind when the whole name is not in the table ("Google Ads - Brand"). */
const WORDS: [string, SourceKind][] = [
  ["partner", "partner"], ["reseller", "partner"], ["affiliate", "partner"], ["alliance", "partner"],
  ["distributor", "partner"], ["outbound", "sales"], ["cold", "sales"], ["sdr", "sales"], ["bdr", "sales"],
  ["prospecting", "sales"], ["ads", "marketing"], ["adwords", "marketing"], ["google", "marketing"],
  ["linkedin", "marketing"], ["facebook", "marketing"], ["twitter", "marketing"], ["instagram", "marketing"],
  ["search", "marketing"], ["email", "marketing"], ["webinar", "marketing"], ["campaign", "marketing"],
  ["inbound", "marketing"], ["organic", "marketing"], ["paid", "marketing"], ["social", "marketing"],
  ["event", "marketing"], ["conference", "marketing"], ["marketing", "marketing"], ["web", "marketing"],
  ["content", "marketing"], ["seo", "marketing"], ["display", "marketing"], ["referral", "marketing"],
];

export interface SourceClass {
  kind: SourceKind;
  /** Index into SOURCE_KINDS. */
  index: number;
  /** The name (or a word in it) is a recognised channel; false = put in "other" for want of a match. */
  known: boolean;
}

/** Classifies a raw channel name. Unrecognised names are "other" with `known` false. */
export function classifySource(name: string): SourceClass {
  const k = compactKey(name);
  let kind: SourceKind | undefined = EXACT[k];
  if (kind === undefined) {
    const words = wordsKey(name).split(" ");
    for (const [w, kd] of WORDS) {
      if (words.includes(w)) {
        kind = kd;
        break;
      }
    }
  }
  const known = kind !== undefined;
  const final: SourceKind = kind ?? "other";
  return { kind: final, index: SOURCE_KINDS.indexOf(final), known };
}
