/** The Office.js adapter: everything the task pane does to the workbook goes through here. */
export { officeHost, CancelledError, type ExcelHost, type DocumentSettings } from "./host";
export { WorkbookError, describeError, isPayloadError } from "./errors";
export { listRawSources, readBlock, readSheet, type RawSource, type ReadOptions, type ReadStats, type SelectionNote } from "./read";
export { listSources, listWorkbook, sampleGrid, type Inspection, type SourceCandidate, type WorkbookListing } from "./sources";
export { writeReport, planReplacement, type WriteOptions, type WriteResult } from "./write";
export { listSheets, replacementPlan, type OwnedKind, type SheetInfo, type ReplacementPlan } from "./owned";
export { OWNER_PROPERTY } from "../../report/types";
export { recall, remember, lastSource, readLedger, readLastRun, saveLastRun, SETTINGS_KEY, type RememberedChoice, type Ledger } from "./settings";
export { selectCell } from "./navigate";
export { createInputsSheet, whatIfLayout, INPUTS_SHEET, WHATIF_SHEET, type HelperResult } from "./helpers";
export { buildWhatIfSheet, describeWhatIf, type WhatIfResult } from "./whatif";
