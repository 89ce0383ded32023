/**
 * The command tree. Flags of `new` and `learn` are derived from the question
 * records in src/choices/features/; each command lives in its own file.
 */
// First: without the permissions it needs, pyscaffold says so before a library touches them.
import "./_permissions.ts";
import { CommanderError } from "@commander-js/extra-typings";
import { CancelledError, UserError } from "../errors.ts";
import { buildProgram } from "./program.ts";
import { makeColors } from "../output/colors.ts";

export { buildProgram };

/** Runs the CLI and returns the exit code; never calls Deno.exit itself. */
export async function main(args: string[]): Promise<number> {
  const program = buildProgram();
  try {
    if (args.length === 0) {
      // In a terminal, a menu of the interactive commands; otherwise the help.
      const { menuInTerminal } = await import("../wizard/menu.ts");
      const picked = await menuInTerminal(
        program.commands.map((c) => ({
          name: c.name(),
          description: c.description(),
          arguments: c.registeredArguments.map((a) => ({
            name: a.name(),
            description: a.description,
            required: a.required,
          })),
        })),
      );
      if (picked === undefined) {
        program.outputHelp();
        return 0;
      }
      args = picked;
    }
    await program.parseAsync(args, { from: "user" });
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

export function reportError(error: unknown): number {
  const c = makeColors(Deno.stderr.isTerminal() && !Deno.env.get("NO_COLOR"));
  if (error instanceof CommanderError) {
    if (
      error.code === "commander.helpDisplayed" || error.code === "commander.version" ||
      error.code === "commander.help"
    ) {
      return 0;
    }
    // commander has already printed its message
    return 2;
  }
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
