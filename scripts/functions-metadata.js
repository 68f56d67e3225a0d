/*
 * The last step of functions.json, shared by the webpack build and the tests' formula engine so both read
 * the same metadata. custom-functions-metadata writes allowCustomDataForDataTypeAny (data-type cells reach
 * `any` parameters as objects) but not allowErrorForDataTypeAny: without it Excel answers a call with the
 * first error cell of any argument instead of calling the function, so one #N/A in a 10,000-row input
 * turns the whole spill into that error. Help URLs are written against the dev server and moved to the
 * deployment URL here, as the manifest's are.
 */
"use strict";

const DEV_URL = "https://localhost:3000/";

/** functions.json text in, finished metadata object out. */
function finishMetadata(json, baseUrl = DEV_URL) {
  const metadata = JSON.parse(json);
  metadata.allowCustomDataForDataTypeAny = true;
  metadata.allowErrorForDataTypeAny = true;
  for (const f of metadata.functions) {
    if (typeof f.helpUrl === "string" && f.helpUrl.startsWith(DEV_URL)) f.helpUrl = baseUrl + f.helpUrl.slice(DEV_URL.length);
  }
  return metadata;
}

module.exports = { finishMetadata, DEV_URL };
