/**
 * What a failed command prints, and its exit code. Without commander, so that the fast path
 * (fast_path.ts) reports errors as the commander path does (mod.ts adds commander's own).
 */
import { CancelledError, UserError } from "../errors.ts";
import { makeColors } from "../output/colors.ts";

export function reportError(error: unknown): number {
  const c = makeColors(Deno.stderr.isTerminal() && !Deno.env.get("NO_COLOR"));
  if (error instanceof CancelledError) {
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
