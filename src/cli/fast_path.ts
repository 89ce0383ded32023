/**
 * `pyscaffold new`, `add`, `remove` and `rename` without commander. Commander, with the Node built-ins it
 * loads, costs more than a dry run's plan (docs/BENCHMARKS_HISTORY.md, "#15 the tool, third
 * pass"), and these are the commands run most. The options are not written twice:
 * tools/embed_help.ts records them from commander's own definition (src/cli/_commands.ts) into
 * `_help.gen.ts`, and `deno task check` fails when that record is stale.
 *
 * The parse takes only what it reads exactly as commander would: the command, then known flags
 * (`--flag`, `--flag value`, `--flag=value` for an option with a value, a short alias such as
 * `-y` or `-f value`; a repeatable option's values in a list), and the command's arguments.
 * Anything else (an unknown or misspelt option, `--help`, `--`, a group of short flags, a
 * missing value, an argument missing or too many) goes to commander, which answers as
 * it always has, errors and suggestions included. tests/fast_path_test.ts holds the parse to
 * commander's for a list of command lines, and the CLI's output to commander's.
 */
// First, as for every command: without its permissions pyscaffold says which.
import { COMMANDS } from "./_help.gen.ts";

/** The commands the fast path runs (tools/embed_help.ts's FAST_COMMANDS, as recorded). */
type FastCommand = keyof typeof COMMANDS;

/** A command line the fast path runs: the command, its arguments, and commander's `opts()`. */
export interface FastParse {
  command: FastCommand;
  args: string[];
  options: Record<string, unknown>;
}

/** How commander would parse `argv`, for a command on the fast path; undefined otherwise. */
export function fastParse(argv: readonly string[]): FastParse | undefined {
  const [name, ...rest] = argv;
  if (name === undefined || !Object.hasOwn(COMMANDS, name)) return undefined;
  const command = name as FastCommand;
  const record = COMMANDS[command];
  const byFlag = new Map(record.options.flatMap((o) => o.flags.map((f) => [f, o] as const)));
  const options: Record<string, unknown> = { ...record.defaults };
  const args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg.length > 1 && arg.startsWith("-")) {
      const equals = arg.startsWith("--") ? arg.indexOf("=") : -1;
      const option = byFlag.get(equals > 2 ? arg.slice(0, equals) : arg);
      if (option === undefined) return undefined;
      let value: string | boolean;
      if (equals > 2) {
        // `--flag=value`: commander's only for an option that takes a value.
        if (!option.value) return undefined;
        value = arg.slice(equals + 1);
      } else if (option.value) {
        // Commander takes the next argument as the value, whatever it looks like.
        if (i + 1 >= rest.length) return undefined;
        value = rest[++i];
      } else {
        value = !option.negate;
      }
      options[option.key] = option.repeat
        ? [...(options[option.key] as unknown[] | undefined ?? []), value]
        : value;
    } else if (arg === "-" || arg === "") {
      return undefined;
    } else {
      args.push(arg);
    }
  }
  if (args.length < record.minArguments || args.length > record.maxArguments) return undefined;
  return { command, args, options };
}

type Action = (argument: string, options: Record<string, unknown>) => Promise<void>;

/**
 * Each command's action, loaded when it runs: the same one commander's definition calls. Typed
 * by the recorded commands, so a command recorded without an action here fails to type-check.
 */
const ACTIONS: Readonly<Record<FastCommand, () => Promise<Action>>> = {
  new: async () => (await import("./new_command.ts")).newAction,
  add: async () => (await import("./add_command.ts")).addAction,
  remove: async () => (await import("./remove_command.ts")).removeAction,
  rename: async () => (await import("./rename_command.ts")).renameAction,
};

/**
 * Runs `argv` without commander when the fast path parses it, and returns the exit code;
 * undefined when commander must (src/cli/mod.ts).
 */
export async function runFastPath(argv: readonly string[]): Promise<number | undefined> {
  const parsed = fastParse(argv);
  if (parsed === undefined) return undefined;
  const { reportError } = await import("./report_error.ts");
  try {
    const action = await ACTIONS[parsed.command]();
    await action(parsed.args[0], parsed.options);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}
