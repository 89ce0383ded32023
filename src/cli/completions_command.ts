/**
 * `pyscaffold completions bash|zsh|fish|powershell` prints a shell completion script.
 * On every Tab the script runs `pyscaffold complete -- <words>`, which answers from the
 * live command tree (subcommands, options, argument choices) and from the question records
 * (the values of `--framework` and `--database`), so completions cannot drift from the CLI.
 *
 * @bomb.sh/tab writes the scripts and speaks their protocol; it is imported only when one
 * of these two commands runs, so it costs nothing on any other path.
 */
import { Argument, Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Command as TabCommand, RootCommand } from "@bomb.sh/tab";
import { FEATURE_QUESTIONS, SELECT_QUESTIONS } from "../choices/features/mod.ts";

export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;

/** Adds `completions <shell>` and the hidden `complete -- <words>` to `program`. */
export function addCompletionCommands(program: CommandUnknownOpts): void {
  program.addCommand(
    new Command("completions")
      .description("print a shell completion script: source <(pyscaffold completions bash)")
      .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
      .action(async (shell) => {
        const tab = await completionTree(program);
        const script = printedBy(() => tab.setup(program.name(), program.name(), shell));
        console.log(shell === "bash" ? quotedForEval(script, program.name()) : script);
      }),
  );
  program.addCommand(
    new Command("complete")
      .description("answer a completion request of the shell script")
      .usage("-- [words...]")
      .argument("[words...]")
      .action(async (words) => {
        // `--framework=q<Tab>`: bash keeps `--framework=q` as one word, so the candidates must
        // carry the `--framework=` part for the shell to match them.
        const inline = /^(--[a-z][a-z-]*)=(.*)$/.exec(words.at(-1) ?? "");
        const values = inline && optionValues(program).get(inline[1]);
        if (inline && values) {
          for (const { value, description } of values) {
            if (!value.startsWith(inline[2])) continue;
            console.log(
              description ? `${inline[1]}=${value}\t${description}` : `${inline[1]}=${value}`,
            );
          }
          console.log(":4"); // no file completion
          return;
        }
        const tab = await completionTree(program);
        tab.parse(words);
      }),
    { hidden: true },
  );
}

/** What `print` writes with console.log (@bomb.sh/tab prints its scripts, it does not return them). */
function printedBy(print: () => void): string {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  try {
    print();
  } finally {
    console.log = log;
  }
  return lines.join("\n");
}

/**
 * The bash script with the words of the line quoted for the `eval` that runs
 * `<name> complete -- <words>`. As @bomb.sh/tab writes it the words go into that eval as typed,
 * so a `$(...)` anywhere on the line ran when Tab was pressed (zsh's script quotes them with
 * `(q)`, fish's does not eval). `printf %q` quotes each word; the script is otherwise the
 * library's, and a script whose line is not found is an error, not a script left unsafe.
 */
export function quotedForEval(script: string, name: string): string {
  const typed = `requestComp="${name} complete -- \${words[@]:1}"`;
  const quoted = `requestComp="${name} complete -- $(printf '%q ' "\${words[@]:1}")"`;
  if (script.split(typed).length !== 2) {
    throw new Error(
      `the bash completion script of @bomb.sh/tab no longer has the line ${typed}: ` +
        "check how it passes the words now (src/cli/completions_command.ts)",
    );
  }
  return script.replace(typed, quoted);
}

interface Candidate {
  value: string;
  description: string;
}

/** The values each option flag accepts, from the question data (`update --set` included). */
function questionValues(): Map<string, Candidate[]> {
  return new Map([
    ...SELECT_QUESTIONS.map((q): [string, Candidate[]] => [
      q.flag,
      q.choices.map((c) => ({ value: c.value, description: c.description })),
    ]),
    [
      "--set",
      FEATURE_QUESTIONS.flatMap((q) => [
        { value: `${q.id}=true`, description: `switch on: ${q.help}` },
        { value: `${q.id}=false`, description: `switch off: ${q.help}` },
      ]),
    ],
  ]);
}

/** The values of every option that has a fixed list, by flag: the questions', then commander's. */
function optionValues(program: CommandUnknownOpts): Map<string, Candidate[]> {
  const values = questionValues();
  const visit = (command: CommandUnknownOpts) => {
    for (const option of command.options) {
      if (option.long && option.argChoices && !values.has(option.long)) {
        values.set(option.long, option.argChoices.map((value) => ({ value, description: "" })));
      }
    }
    command.commands.forEach(visit);
  };
  visit(program);
  return values;
}

/** The lessons, for `learn <lesson>` (commander has no choices for it: it also takes none). */
async function lessonValues(): Promise<Candidate[]> {
  const { LESSONS } = await import("../learn/mod.ts");
  return LESSONS.map((l) => ({ value: l.id, description: l.title }));
}

/** Mirrors the visible commander tree into a fresh @bomb.sh/tab tree. */
export async function completionTree(program: CommandUnknownOpts): Promise<RootCommand> {
  const { RootCommand } = await import("@bomb.sh/tab");
  const root = new RootCommand();
  const values = questionValues();
  const lessons = await lessonValues();
  const visit = (command: CommandUnknownOpts, target: TabCommand, path: string) => {
    const help = command.createHelp();
    for (const option of help.visibleOptions(command)) {
      const long = option.long?.replace(/^--/, "");
      if (!long) continue;
      const short = option.short?.replace(/^-/, "");
      const takesValue = option.required || option.optional;
      if (!takesValue) {
        target.option(long, option.description, short);
        continue;
      }
      const choices = values.get(`--${long}`) ??
        (option.argChoices ?? []).map((value) => ({ value, description: "" }));
      // A handler (even an empty one) marks the option as taking a value.
      target.option(long, option.description, (complete) => {
        for (const c of choices) complete(c.value, c.description);
      }, short);
    }
    for (const argument of command.registeredArguments) {
      const choices: Candidate[] =
        argument.argChoices?.map((value) => ({ value, description: "" })) ??
          (path === "learn" && argument.name() === "lesson" ? lessons : []);
      target.argument(argument.name(), (complete) => {
        for (const c of choices) complete(c.value, c.description);
      }, argument.variadic);
    }
    for (const sub of help.visibleCommands(command)) {
      const name = path ? `${path} ${sub.name()}` : sub.name();
      visit(sub, root.command(name, sub.description()), name);
    }
  };
  visit(program, root, "");
  return root;
}
