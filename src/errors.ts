/**
 * Errors the user can act on. Everything that reaches the top of the CLI as a
 * `UserError` is printed as one message (plus an optional hint) with its exit
 * code; anything else is a bug and is printed with its stack.
 */
export class UserError extends Error {
  readonly exitCode: number;
  readonly hint?: string;

  constructor(message: string, options: { hint?: string; exitCode?: number } = {}) {
    super(message);
    this.name = "UserError";
    this.exitCode = options.exitCode ?? 2;
    this.hint = options.hint;
  }
}

/** The user pressed Ctrl-C or otherwise cancelled: nothing was written, unless `message` says. */
export class CancelledError extends UserError {
  constructor(message = "Cancelled — nothing was written.") {
    super(message, { exitCode: 130 });
    this.name = "CancelledError";
  }
}

/** The user answered no to a confirmation: not an error, but the command did not do its work. */
export class DeclinedError extends UserError {
  constructor(message = "Nothing was written.") {
    super(message, { exitCode: 1 });
    this.name = "DeclinedError";
  }
}
