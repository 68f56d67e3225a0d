/** For engine tests: the Excel error code a call throws, "not a GtmError" for any other throw, undefined when it returns. */
import { GtmError } from "../../src/engine/errors";

export const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof GtmError ? e.code : "not a GtmError";
  }
  return undefined;
};
