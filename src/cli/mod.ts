/**
 * The command tree. Flags of `new` and `learn` are derived from the question
 * records in src/choices/features/; each command lives in its own file.
 */
// First: without the permissions it needs, pyscaffold says so before a library touches them.
import { CommanderError } from "@commander-js/extra-typings";
import { buildProgram } from "./program.ts";
import { reportError as reportRunError } from "./report_error.ts";

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

/** The exit code of a failed command, after what it prints (report_error.ts), commander's too. */
export function reportError(error: unknown): number {
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
  return reportRunError(error);
}
