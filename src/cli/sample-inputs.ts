/** The sample workbook's inputs sheet (kept here for the benchmarks that load it from dist/node/cli). */
export { buildSampleInputs } from "../sample/inputs";
