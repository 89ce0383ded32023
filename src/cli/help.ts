/**
 * `--help` without commander: `pyscaffold --help`, `pyscaffold <command> --help` (or `-h`), and
 * `pyscaffold` alone outside a terminal print the help that tools/embed_help.ts recorded from
 * commander itself (`_help.gen.ts`). Commander and its Node built-ins cost more than the rest
 * of a start (docs/BENCHMARKS.md). tests/help_test.ts holds the record to commander's output
 * for every command, and `deno task check` fails when it is stale. Anything else (another
 * spelling, a terminal narrower than the recorded width) goes to commander.
 */
// First, as for every command: without its permissions pyscaffold says which.
import { HELP } from "./_help.gen.ts";
import { HELP_WIDTH, helpWidth } from "./help_width.ts";

const HELP_FLAGS = new Set(["--help", "-h"]);

/** The recorded help these arguments ask for, or undefined when commander must answer. */
export function recordedHelp(args: readonly string[]): string | undefined {
  if (helpWidth() !== HELP_WIDTH) return undefined;
  if (args.length === 0) {
    // In a terminal, `pyscaffold` alone opens the menu of commands (src/cli/mod.ts).
    return Deno.stdin.isTerminal() && Deno.stdout.isTerminal() ? undefined : HELP[""];
  }
  if (args.length === 1 && HELP_FLAGS.has(args[0])) return HELP[""];
  if (args.length === 2 && HELP_FLAGS.has(args[1]) && Object.hasOwn(HELP, args[0]) && args[0]) {
    return HELP[args[0]];
  }
  return undefined;
}

/** Prints the recorded help for these arguments; false when there is none (see above). */
export function printRecordedHelp(args: readonly string[]): boolean {
  const text = recordedHelp(args);
  if (text === undefined) return false;
  const bytes = new TextEncoder().encode(text);
  for (let written = 0; written < bytes.length;) {
    written += Deno.stdout.writeSync(bytes.subarray(written));
  }
  return true;
}
