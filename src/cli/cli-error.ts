// A user-facing CLI failure: a message for stderr and the exit code to leave with.

export const EXIT_INPUT_ERROR = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_INPUT_ERROR,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
