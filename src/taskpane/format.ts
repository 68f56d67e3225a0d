/** Numbers as the Results tiles show them: short, in the workbook's own currency (no symbol), never a made-up 0. */
import type { MetricFormat } from "../engine/analysis";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** A figure as text; `signed` puts + or − in front (changes). Null or NaN is "not known". */
export function formatFigure(value: number | null | undefined, format: MetricFormat, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "not known";
  const sign = signed ? (value > 0 ? "+" : value < 0 ? "−" : "") : value < 0 ? "−" : "";
  const x = Math.abs(value);
  let body: string;
  switch (format) {
    case "currency":
    case "count":
      body = x >= 10_000 ? compact.format(x) : whole.format(x);
      break;
    case "percent":
      body = `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
      break;
    case "ratio":
      body = `${x.toFixed(2)}×`;
      break;
    case "days":
      body = `${whole.format(x)} day${Math.round(x) === 1 ? "" : "s"}`;
      break;
    case "months":
      body = `${x.toFixed(1)} months`;
      break;
  }
  return sign + body;
}

/** "5 Mar 2026, 14:02" in the user's locale. */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
