/**
 * What a failed command prints, and its exit code. Without commander, so that the fast path
 * (fast_path.ts) reports errors as the commander path does (mod.ts adds commander's own).
 */
import { CancelledError, DeclinedError, UserError } from "../errors.ts";
import { makeColors } from "../output/colors.ts";

export function reportError(error: unknown): number {
  const c = makeColors(Deno.stderr.isTerminal() && !Deno.env.get("NO_COLOR"));
  if (error instanceof CancelledError || error instanceof DeclinedError) {
    console.error(c.yellow(error.message));
    return error.exitCode;
  }
  if (error instanceof UserError) {
    console.error(`${c.red("error:")} ${error.message}`);
    if (error.hint) console.error(`${c.dim("hint:")} ${error.hint}`);
    return error.exitCode;
  }
  if (isPromptCancel(error)) {
    console.error(c.yellow(new CancelledError().message));
    return 130;
  }
  const misplaced = misplacedPath(error);
  if (misplaced !== undefined) {
    console.error(`${c.red("error:")} ${misplaced}`);
    console.error(
      `${
        c.dim("hint:")
      } Move that file or directory away (or rename it), then run the command again.`,
    );
    return 1;
  }
  console.error(c.red("pyscaffold crashed — this is a bug, please report it:"));
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  return 1;
}

/**
 * Inquirer rejects with ExitPromptError on Ctrl-C, or AbortPromptError when aborted; Escape
 * (GoBackError) at a prompt that has no previous question leaves, like Ctrl-C.
 */
function isPromptCancel(error: unknown): boolean {
  return error instanceof Error &&
    (error.name === "ExitPromptError" || error.name === "AbortPromptError" ||
      error.name === "GoBackError");
}

/**
 * The project holds a file where the command needs a directory, or the reverse (a user's
 * `src/booking` file where `add booking` makes a package): not a bug, a path to move away.
 * Deno's message ends with the system call and the path: "Not a directory (os error 20):
 * lstat '/p/src/booking/__init__.py'".
 */
function misplacedPath(error: unknown): string | undefined {
  const kind = error instanceof Deno.errors.NotADirectory
    ? "a part of it is a file, where a directory is needed"
    : error instanceof Deno.errors.IsADirectory
    ? "it is a directory, where a file is needed"
    : undefined;
  if (kind === undefined) return undefined;
  const path = /: [a-z_]+ '([^']*)'/.exec((error as Error).message)?.[1];
  return `Cannot use ${path ?? "a path of the project"}: ${kind}.`;
}
