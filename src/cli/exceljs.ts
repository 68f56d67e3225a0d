/**
 * ExcelJS for writing the analysis workbook, loaded from the single-file build the package ships
 * (`dist/exceljs.bare.min.js`: the same library, without browser polyfills). The package's own entry
 * point loads about 1,800 modules (its readers, archiver, unzipper and their dependencies), which took
 * longer than reading a 100,000-row sheet; the single file loads in a fraction of that and writes the
 * same workbook. Loaded on first use only: reading never needs ExcelJS.
 */
import type ExcelJSModule from "exceljs";

let loaded: typeof ExcelJSModule | undefined;

export function excelJS(): typeof ExcelJSModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require("exceljs/dist/exceljs.bare.min.js") as typeof ExcelJSModule;
  return loaded;
}
