/** The Office.js adapter: everything the task pane does to the workbook goes through here. */
export { officeHost, CancelledError, type ExcelHost, type DocumentSettings } from "./host";
export { WorkbookError, describeError, isPayloadError } from "./errors";
export { listRawSources, readBlock, readSheet, type RawSource, type ReadOptions, type ReadStats } from "./read";
export { listSources, sampleGrid, type Inspection, type SourceCandidate } from "./sources";
export { writeReport, type WriteOptions, type WriteResult } from "./write";
export { listSheets, type OwnedKind, type SheetInfo } from "./owned";
export { OWNER_PROPERTY } from "../../report/types";
export { recall, remember, lastSource, SETTINGS_KEY, type RememberedChoice } from "./settings";
export { selectCell } from "./navigate";
export { createInputsSheet, buildWhatIfSheet, whatIfLayout, INPUTS_SHEET, WHATIF_SHEET, type HelperResult } from "./helpers";
