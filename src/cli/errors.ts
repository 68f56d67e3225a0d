/** A problem the user can fix (bad file, bad option, output in the way): shown as one line, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    /** Process exit code: 1 unusable input, 2 bad command line, 3 output refused. */
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_OUTPUT = 3;
/** An unexpected failure inside GTM Compass (a bug), not something the user did. */
export const EXIT_INTERNAL = 70;
