/**
 * The commander program: every command with its options and help. Built here without the
 * permission check of mod.ts, so that tools/embed_help.ts can print each command's help.
 */
import { Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import { VERSION } from "../version.ts";
import {
  addCommand,
  learnCommand,
  newCommand,
  removeCommand,
  renameCommand,
  updateCommand,
} from "./_commands.ts";
import { addCompletionCommands } from "./completions_command.ts";
import { HELP_WIDTH, helpWidth } from "./help_width.ts";

/**
 * Help is wrapped at 80 columns, or at the terminal's width when it is narrower: the same
 * text in every wide terminal and in a pipe, so that help.ts can print it without commander.
 */
function outputConfig(width: number) {
  return {
    writeErr: (s: string) => {
      Deno.stderr.writeSync(new TextEncoder().encode(s));
    },
    getOutHelpWidth: () => width,
    getErrHelpWidth: () => width,
  };
}

/** The program; `width` is the help's (default: help.ts's rule for this terminal). */
export function buildProgram(width: number = helpWidth() ?? HELP_WIDTH): CommandUnknownOpts {
  const output = outputConfig(width);
  const program = new Command("pyscaffold")
    .description(
      // One line: commander wraps it to the help's width.
      "Generate production-ready Python backends (Flask or Quart, PostgreSQL or Oracle) with a " +
        "controller → service → repository architecture, and add resource modules to them.",
    )
    .version(VERSION, "-V, --version")
    .showSuggestionAfterError()
    .showHelpAfterError("(pyscaffold --help lists the commands)")
    .exitOverride()
    .configureOutput(output);
  program.addCommand(newCommand());
  program.addCommand(addCommand());
  program.addCommand(removeCommand());
  program.addCommand(renameCommand());
  program.addCommand(updateCommand());
  program.addCommand(learnCommand());
  addCompletionCommands(program);
  for (const command of program.commands) {
    // addCommand does not copy these settings to subcommands.
    command.exitOverride().showSuggestionAfterError().configureOutput(output)
      .showHelpAfterError(`(pyscaffold ${command.name()} --help shows its arguments and options)`);
  }
  return program;
}
