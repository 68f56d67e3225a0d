/**
 * What the adapter needs from its host: Excel.run and the document settings. In Excel these are Office.js;
 * in tests and the benchmark, the host double. The UI never calls Excel.run itself.
 */

/** The part of Office.context.document.settings we use. */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
}

export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Read lazily: outside Excel there are no document settings (null). */
  settings(): DocumentSettings | null;
  /** Office.context.requirements.isSetSupported: whether the host has an API set newer than the add-in's baseline. */
  supports?(set: string, version: string): boolean;
}

/** The host inside Excel (or whatever the page's globals provide, e.g. an injected double). */
export function officeHost(): ExcelHost {
  return {
    run: (batch) => Excel.run(batch),
    settings: () => {
      const office = (globalThis as { Office?: typeof Office }).Office;
      const doc = office?.context?.document as { settings?: DocumentSettings } | undefined;
      return doc?.settings ?? null;
    },
    supports: (set, version) => {
      const office = (globalThis as { Office?: typeof Office }).Office;
      try {
        return Boolean(office?.context?.requirements?.isSetSupported(set, version));
      } catch {
        return false;
      }
    },
  };
}

/** Thrown when the user pressed Cancel; callers show it as a calm message, not an error. */
export class CancelledError extends Error {
  constructor() {
    super("Cancelled.");
    this.name = "CancelledError";
  }
}

export function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CancelledError();
}
