/** Errors the adapter turns into one clear sentence for the user. */

export type WorkbookProblem =
  | "protected-workbook"
  | "protected-sheet"
  | "filtered-table"
  | "payload"
  | "not-found"
  | "empty";

/** A problem the user can fix in Excel; `message` says what and how. */
export class WorkbookError extends Error {
  constructor(
    readonly problem: WorkbookProblem,
    message: string,
  ) {
    super(message);
    this.name = "WorkbookError";
  }
}

interface HostErrorLike {
  code?: string;
  message?: string;
}

/** Excel on the web refuses a request or response over 5 MB with one of these codes. */
export function isPayloadError(e: unknown): boolean {
  const err = e as HostErrorLike;
  const code = String(err?.code ?? "");
  return /PayloadSizeLimitExceeded/i.test(code) || /payload/i.test(String(err?.message ?? ""));
}

/** One sentence for any error the adapter lets through. */
export function describeError(e: unknown): string {
  if (e instanceof WorkbookError) return e.message;
  const err = e as HostErrorLike;
  switch (err?.code) {
    case "AccessDenied":
      return "Excel refused the change: a sheet or the workbook structure is protected. Unprotect it (Review > Unprotect) and try again.";
    case "InvalidOperationInCellEditMode":
      return "Excel is editing a cell. Press Enter or Esc in the sheet, then try again.";
    case "ItemNotFound":
      return "A sheet or table GTM Compass was using is no longer there. Pick the source again.";
    default:
      break;
  }
  if (isPayloadError(e)) return "Excel refused a transfer larger than 5 MB even in the smallest chunk. Try a smaller range.";
  return `Something went wrong: ${err?.message ?? String(e)}`;
}
