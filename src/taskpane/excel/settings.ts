/**
 * What GTM Compass remembers in the workbook (Office document settings, one key): the columns the user
 * chose per source, which sheets it wrote (by id and name: the only sheets a rerun may replace), and the
 * last run's dashboard, so reopening the pane shows it again.
 */
import type { DocumentSettings, ExcelHost } from "./host";

export const SETTINGS_KEY = "gtmCompass.v1";

export interface RememberedChoice {
  /** Field -> header ("none" = not in this table). */
  map: Record<string, string>;
  /** Headers of the source when saved: the choice is reused only while they are all still there. */
  headers: string[];
  leads?: { source: string; map?: Record<string, string>; joinKey?: { deals?: string; leads?: string } };
  inputsSheet?: string;
  /** The stage-history table's source id (none when absent). */
  history?: string;
  period?: string;
  /** Values of the outcome column the user declared won or lost (the rest are open stages). */
  outcomes?: { won?: string[]; lost?: string[] };
  /** Read hidden rows too (default: only the rows a filter shows). */
  includeHidden?: boolean;
}

/** A sheet GTM Compass wrote: its id (stable across renames) and the name it gave it. */
export interface WrittenSheet {
  id: string;
  name: string;
}

/** The what-if planner as written: where its inputs were, what they held, a hash of everything else. */
export interface WrittenWhatIf extends WrittenSheet {
  inputs: Record<string, string>;
  defaults: Record<string, unknown[]>;
  /** Hash of the sheet's formulas with the input cells left out, right after writing. */
  signature: string;
}

export interface Ledger {
  /** The analysis sheets of the last run; undefined before the first recorded run. */
  report?: WrittenSheet[];
  whatif?: WrittenWhatIf;
  inputs?: WrittenSheet;
  sample?: WrittenSheet[];
}

interface Stored {
  lastSource?: string;
  sources: Record<string, RememberedChoice>;
  written: Ledger;
  lastRun?: unknown;
}

function readStored(settings: DocumentSettings | null): Stored {
  const raw = settings?.get(SETTINGS_KEY) as Partial<Stored> | null | undefined;
  const obj = raw && typeof raw === "object" ? raw : {};
  return {
    lastSource: typeof obj.lastSource === "string" ? obj.lastSource : undefined,
    sources: obj.sources && typeof obj.sources === "object" ? (obj.sources as Record<string, RememberedChoice>) : {},
    written: obj.written && typeof obj.written === "object" ? (obj.written as Ledger) : {},
    lastRun: obj.lastRun,
  };
}

/** Change the stored object and save it in the workbook; resolves when Office has stored it (no-op outside Excel). */
function update(host: ExcelHost, change: (s: Stored) => void): Promise<void> {
  const settings = host.settings();
  if (!settings) return Promise.resolve();
  const stored = readStored(settings);
  change(stored);
  settings.set(SETTINGS_KEY, stored);
  return new Promise((resolve, reject) => {
    settings.saveAsync((result) => {
      if (result.status === "failed") reject(new Error(result.error?.message ?? "Excel could not save the settings."));
      else resolve();
    });
  });
}

/** The source chosen last time (its id), if any. */
export function lastSource(host: ExcelHost): string | undefined {
  return readStored(host.settings()).lastSource;
}

/** The remembered choice for a source, when every header it names is still there. */
export function recall(host: ExcelHost, sourceId: string, headers: readonly string[]): RememberedChoice | null {
  const choice = readStored(host.settings()).sources[sourceId];
  if (!choice || typeof choice.map !== "object") return null;
  const present = new Set(headers.map((h) => h.trim().toLowerCase()));
  const used = Object.values(choice.map).filter((h) => h && h !== "none");
  return used.every((h) => present.has(String(h).trim().toLowerCase())) ? choice : null;
}

/** Save the choice in the workbook. */
export function remember(host: ExcelHost, sourceId: string, choice: RememberedChoice): Promise<void> {
  return update(host, (s) => {
    s.sources[sourceId] = choice;
    s.lastSource = sourceId;
  });
}

/** Which sheets GTM Compass wrote, as recorded in this workbook. */
export function readLedger(host: ExcelHost): Ledger {
  return readStored(host.settings()).written;
}

export function writeLedger(host: ExcelHost, change: (l: Ledger) => void): Promise<void> {
  return update(host, (s) => change(s.written));
}

/** The last run's dashboard as saved (validated by the caller). */
export function readLastRun(host: ExcelHost): unknown {
  return readStored(host.settings()).lastRun;
}

export function saveLastRun(host: ExcelHost, run: unknown): Promise<void> {
  return update(host, (s) => {
    s.lastRun = run;
  });
}
