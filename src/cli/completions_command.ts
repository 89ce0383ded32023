/**
 * `pyscaffold completions bash|zsh|fish|powershell` prints a shell completion script.
 * On every Tab the script runs `pyscaffold complete -- <words>`, which answers from the
 * live command tree (subcommands, options, argument choices) and from the question records
 * (the values of `--framework` and `--database`), so completions cannot drift from the CLI;
 * and, in a project, from its records (readProject): the modules of `add`, `remove`, `rename`
 * and `learn --module`, the fields of `remove <module> --field` and `rename`, and the `update
 * --set` values that would change something (`cache=false` when the cache is on; each module's
 * other access policies, with auth).
 *
 * @bomb.sh/tab writes the scripts and speaks their protocol; it is imported only when one
 * of these two commands runs, so it costs nothing on any other path.
 */
import { Argument, Command, type CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Command as TabCommand, RootCommand } from "@bomb.sh/tab";
import { FEATURE_QUESTIONS, SELECT_QUESTIONS } from "../choices/features/mod.ts";
import { accessQuestion } from "../choices/features/module.ts";
import { fieldColumn, type FieldSpec, fieldText } from "../choices/module_spec.ts";

export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;

/** Adds `completions <shell>` and the hidden `complete -- <words>` to `program`. */
export function addCompletionCommands(program: CommandUnknownOpts): void {
  program.addCommand(
    new Command("completions")
      .description("print a shell completion script: source <(pyscaffold completions bash)")
      .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
      .action(async (shell) => {
        const tab = await completionTree(program);
        const name = program.name();
        const script = printedBy(() => tab.setup(name, name, shell));
        console.log(
          saysWhenMissing(shell === "bash" ? quotedForEval(script, name) : script, shell, name),
        );
      }),
  );
  program.addCommand(
    new Command("complete")
      .description("answer a completion request of the shell script")
      .usage("-- [words...]")
      .argument("[words...]")
      .action(async (words) => {
        const project = PROJECT_COMMANDS.has(words[0]) ? await projectNames() : undefined;
        const typing = { words, project, noSpace: false };
        // `--framework=q<Tab>`: bash keeps `--framework=q` as one word, so the candidates must
        // carry the `--framework=` part for the shell to match them.
        const inline = /^(--[a-z][a-z-]*)=(.*)$/.exec(words.at(-1) ?? "");
        const values = inline &&
          (projectValues(program, typing, inline[1]) ?? optionValues(program).get(inline[1]));
        if (inline && values) {
          for (const { value, description } of values) {
            if (!value.startsWith(inline[2])) continue;
            console.log(
              description ? `${inline[1]}=${value}\t${description}` : `${inline[1]}=${value}`,
            );
          }
          console.log(`:${directive(typing)}`);
          return;
        }
        const tab = await completionTree(program, typing);
        const lines = printedBy(() => tab.parse(words)).split("\n");
        // The library always says ":4" (no file completion); a `rename --field` candidate
        // (`note=`) is the start of a word, which the shell must not end with a space.
        if (/^:\d+$/.test(lines.at(-1) ?? "")) lines[lines.length - 1] = `:${directive(typing)}`;
        console.log(lines.join("\n"));
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

/**
 * Where each shell's script asks `<name> complete`: the line before which it checks that `<name>`
 * is there (on PATH, or a function or alias of the shell), and the check. Without it a Tab did
 * nothing at all (the request's stderr goes to /dev/null) and nothing said why.
 */
const MISSING_CHECKS: Readonly<
  Record<typeof SHELLS[number], { before: string; check: (name: string, say: string) => string }>
> = {
  bash: {
    before: "    # Build the command to get completions\n",
    check: (name, say) =>
      `    # No ${name} to ask: said once, on stderr, instead of a silent Tab.\n` +
      `    if ! command -v ${name} >/dev/null 2>&1; then\n` +
      `        if [[ -z "\${__${name}_missing_said:-}" ]]; then\n` +
      `            __${name}_missing_said=1\n` +
      `            printf '\\n%s\\n' ${shellQuoted(say)} >&2\n` +
      "        fi\n" +
      "        return 1\n" +
      "    fi\n\n",
  },
  zsh: {
    before:
      "    # Prepare the command to obtain completions, ensuring arguments are quoted for eval\n",
    check: (name, say) =>
      `    # No ${name} to ask: said once, on stderr, instead of a silent Tab.\n` +
      `    if ! command -v ${name} >/dev/null 2>&1; then\n` +
      `        if [[ -z "\${__${name}_missing_said:-}" ]]; then\n` +
      `            typeset -g __${name}_missing_said=1\n` +
      `            printf '\\n%s\\n' ${shellQuoted(say)} >&2\n` +
      "        fi\n" +
      "        return 1\n" +
      "    fi\n\n",
  },
  fish: {
    before: `    set -l results (`,
    check: (name, say) =>
      `    # No ${name} to ask: said once, on stderr, instead of a silent Tab.\n` +
      `    if not type -q ${name}\n` +
      `        if not set -q __${name}_missing_said\n` +
      `            set -g __${name}_missing_said 1\n` +
      `            printf '\\n%s\\n' ${shellQuoted(say)} >&2\n` +
      "        end\n" +
      "        return\n" +
      "    end\n\n",
  },
  powershell: {
    before: `    $RequestComp = "& `,
    check: (name, say) =>
      `    # No ${name} to ask: said once, on stderr, instead of a silent Tab.\n` +
      `    if (-not (Get-Command ${name} -ErrorAction SilentlyContinue)) {\n` +
      `        if (-not $global:__${name}_missing_said) {\n` +
      `            $global:__${name}_missing_said = $true\n` +
      `            [Console]::Error.WriteLine("\`n" + ${shellQuoted(say)})\n` +
      "        }\n" +
      "        return\n" +
      "    }\n\n",
  },
};

/** `text` in single quotes (no quote in it: the sentences below have none). */
function shellQuoted(text: string): string {
  if (text.includes("'")) throw new Error(`a quote in ${text}`);
  return `'${text}'`;
}

/**
 * The script with a check, before it asks `<name> complete`, that `<name>` can be run: when it
 * cannot, the first Tab says so on stderr (once per shell) and how to install it. A script whose
 * line is not found is an error, as in `quotedForEval`.
 */
export function saysWhenMissing(script: string, shell: typeof SHELLS[number], name: string) {
  const { before, check } = MISSING_CHECKS[shell];
  const at = script.indexOf(before);
  if (at < 0 || script.indexOf(before, at + 1) >= 0) {
    throw new Error(
      `the ${shell} completion script of @bomb.sh/tab no longer has one line starting ` +
        `${
          JSON.stringify(before)
        }: check where it calls ${name} now (src/cli/completions_command.ts)`,
    );
  }
  const say = `${name} completion: no ${name} command found on PATH, so Tab completes nothing. ` +
    `Install it (from a checkout: deno task install), then open a new shell.`;
  return script.slice(0, at) + check(name, say) + script.slice(at);
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

/** The commands whose completions read the project in the working directory. */
const PROJECT_COMMANDS = new Set(["add", "remove", "rename", "learn", "update"]);

/**
 * The modules of the project around the working directory, and a module's fields: read by the
 * commands' own reader (readProject: the answers file, then the names in .pyscaffold/modules/;
 * a module's record is read only when its fields are asked for). Undefined outside a project,
 * or where its records cannot be read: completion then offers no names and prints nothing.
 */
interface ProjectNames {
  modules: string[];
  fields(module: string): FieldSpec[];
  /** Each yes/no feature's answer (`cache`: true), for `update --set`. */
  features: Readonly<Record<string, unknown>>;
  /** A module's access policy as recorded (with auth), for `update --set <module>.access=`. */
  access(module: string): string | undefined;
  /** Whether `update --set ids=bigint` would widen the ids (32-bit, on PostgreSQL). */
  narrowIds: boolean;
}

async function projectNames(): Promise<ProjectNames | undefined> {
  try {
    // Both loaded only here: the answers file's reader and what it needs (no template, no plan).
    const { readProject } = await import("../project/mod.ts");
    const { words } = await import("../choices/names.ts");
    const { modules, file, project } = await readProject(Deno.cwd());
    return {
      modules: Object.keys(modules),
      features: file.answers,
      narrowIds: project.ids === "integer" && project.database === "postgresql",
      // An older record without a policy is owner's (the default with auth).
      access: (name) => {
        try {
          return Object.hasOwn(modules, name) ? modules[name].access ?? "owner" : undefined;
        } catch {
          return undefined;
        }
      },
      fields: (raw) => {
        // As the commands take it: `items`, or `Items`, `ITEMS` (the same words).
        const name = Object.hasOwn(modules, raw) ? raw : words(raw).join("_");
        try {
          return Object.hasOwn(modules, name) ? modules[name].fields : [];
        } catch {
          return []; // a record that cannot be read: the command itself will say why
        }
      },
    };
  } catch {
    return undefined;
  }
}

/** A completion request: the words of the line (the last one being typed) and the project. */
interface Typing {
  words: string[];
  project: ProjectNames | undefined;
  /** Set by a candidate that is the start of a word (`note=`): no space after it. */
  noSpace: boolean;
}

/** The directive the shell scripts read last: no file completion, and maybe no space. */
function directive(typing: Typing): number {
  return 4 | (typing.noSpace ? 2 : 0);
}

/**
 * The first argument typed after the command (its options and their values skipped): the
 * module of `remove items --field ...`. The word being typed does not count.
 */
function typedArgument(command: CommandUnknownOpts, typed: readonly string[]): string | undefined {
  for (let i = 1; i < typed.length - 1; i++) {
    const word = typed[i];
    if (word === "--") return i + 1 < typed.length - 1 ? typed[i + 1] : undefined;
    if (word.length > 1 && word.startsWith("-")) {
      if (word.includes("=")) continue;
      const option = command.options.find((o) => o.long === word || o.short === word);
      if (option && (option.required || option.optional)) i++;
      continue;
    }
    return word;
  }
  return undefined;
}

/** The values given to `--field` (or `-f`, or another `long`/`short` pair) before the word typed. */
function givenFields(typed: readonly string[], long = "--field", short = "-f"): string[] {
  const given: string[] = [];
  for (let i = 1; i < typed.length - 1; i++) {
    const word = typed[i];
    if ((word === long || word === short) && i + 1 < typed.length - 1) given.push(typed[++i]);
    else if (word.startsWith(`${long}=`)) given.push(word.slice(long.length + 1));
  }
  return given;
}

/**
 * `update --set` in a project: for each feature not switched already on the line, the one value
 * that changes something (`cache=false` when the cache is on). A feature the answers file does
 * not hold as a yes/no (a damaged one) gets both, as outside a project.
 */
function setValues(project: ProjectNames, typed: readonly string[]): Candidate[] {
  const given = new Set(givenFields(typed, "--set", "-s").map((g) => g.split("=")[0]));
  const features = FEATURE_QUESTIONS.filter((q) => !given.has(q.id)).flatMap((q) => {
    const now = project.features[q.id];
    const values = typeof now === "boolean" ? [!now] : [true, false];
    return values.map((on) => ({
      value: `${q.id}=${on}`,
      description: `${on ? "switch on" : "switch off"}: ${q.help}`,
    }));
  });
  if (project.narrowIds && !given.has("ids")) {
    features.push({ value: "ids=bigint", description: "64-bit keys and references (a revision)" });
  }
  // A module's policy: only with auth (without, every module is public), each other policy.
  if (project.features.auth !== true) return features;
  const policies = project.modules.filter((m) => !given.has(`${m}.access`)).flatMap((m) =>
    accessQuestion.choices.filter((c) => c.value !== project.access(m)).map((c) => ({
      value: `${m}.access=${c.value}`,
      description: `${m}: ${c.description}`,
    }))
  );
  return [...features, ...policies];
}

/**
 * The values that come from the project, for the option `flag` of the command being typed:
 * `learn --module` the modules; `remove <module> --field` the module's fields, and `rename
 * <module> --field` each as `name=` (the new name follows). Undefined for any other option.
 */
function projectValues(
  program: CommandUnknownOpts,
  typing: Typing,
  flag: string,
): Candidate[] | undefined {
  const path = typing.words[0];
  const command = program.commands.find((c) => c.name() === path);
  if (command === undefined || typing.project === undefined) return undefined;
  if (path === "learn" && flag === "--module") return moduleValues(typing.project);
  if (path === "update" && (flag === "--set" || flag === "-s")) {
    return setValues(typing.project, typing.words);
  }
  if ((path !== "remove" && path !== "rename") || (flag !== "--field" && flag !== "-f")) {
    return undefined;
  }
  const module = typedArgument(command, typing.words);
  if (module === undefined) return [];
  const given = new Set(givenFields(typing.words).map((g) => g.split("=")[0]));
  const fields = typing.project.fields(module).filter((f) =>
    !given.has(f.name) && !given.has(fieldColumn(f))
  );
  if (path === "remove") return fields.map((f) => ({ value: f.name, description: fieldText(f) }));
  typing.noSpace = fields.length > 0;
  return fields.map((f) => ({ value: `${f.name}=`, description: fieldText(f) }));
}

/** The modules of the project, for the `<name>` of `add`, `remove`, `rename`. */
function moduleValues(project: ProjectNames | undefined): Candidate[] {
  return (project?.modules ?? []).map((value) => ({ value, description: "a module of yours" }));
}

/** The lessons, for `learn <lesson>` (commander has no choices for it: it also takes none). */
async function lessonValues(): Promise<Candidate[]> {
  const { LESSONS } = await import("../learn/mod.ts");
  return LESSONS.map((l) => ({ value: l.id, description: l.title }));
}

/** The commands whose `<name>` is a module of the project (`add`: one that exists gains fields). */
const MODULE_ARGUMENTS = new Set(["add", "remove", "rename"]);

/**
 * Mirrors the visible commander tree into a fresh @bomb.sh/tab tree; `typing`, a request being
 * answered, adds the values that come from the project.
 */
export async function completionTree(
  program: CommandUnknownOpts,
  typing?: Typing,
): Promise<RootCommand> {
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
        const project = typing && projectValues(program, typing, `--${long}`);
        for (const c of project ?? choices) complete(c.value, c.description);
      }, short);
    }
    for (const argument of command.registeredArguments) {
      const choices: Candidate[] =
        argument.argChoices?.map((value) => ({ value, description: "" })) ??
          (path === "learn" && argument.name() === "lesson"
            ? lessons
            : MODULE_ARGUMENTS.has(path) && argument.name() === "name"
            ? moduleValues(typing?.project)
            : []);
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
