/**
 * The mapping the user chose, remembered in the workbook (Office document settings) per source, so the
 * next run on the same sheet or table starts from it.
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
  period?: string;
}

interface Stored {
  lastSource?: string;
  sources: Record<string, RememberedChoice>;
}

function readStored(settings: DocumentSettings | null): Stored {
  const raw = settings?.get(SETTINGS_KEY) as Partial<Stored> | null | undefined;
  if (!raw || typeof raw !== "object" || typeof raw.sources !== "object" || raw.sources === null) return { sources: {} };
  return { lastSource: typeof raw.lastSource === "string" ? raw.lastSource : undefined, sources: raw.sources as Record<string, RememberedChoice> };
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

/** Save the choice in the workbook; resolves when Office has stored it (no-op outside Excel). */
export function remember(host: ExcelHost, sourceId: string, choice: RememberedChoice): Promise<void> {
  const settings = host.settings();
  if (!settings) return Promise.resolve();
  const stored = readStored(settings);
  stored.sources[sourceId] = choice;
  stored.lastSource = sourceId;
  settings.set(SETTINGS_KEY, stored);
  return new Promise((resolve, reject) => {
    settings.saveAsync((result) => {
      if (result.status === "failed") reject(new Error(result.error?.message ?? "Excel could not save the settings."));
      else resolve();
    });
  });
}
