/**
 * `pyscaffold rename <module> --field old=new`: a module's fields take new names. Its files are
 * rendered again with them and merged with your edits (as `add` of fields does), and a revision
 * renames the columns, their values kept, with their indexes and foreign keys made again under
 * the new names. Edits on the lines the change touches are refused unless --accept-conflicts
 * (written with conflict markers, as `update` writes them) or --force (replaced); in a terminal,
 * the merges into files you edited are shown and asked about first.
 */
import { UserError } from "../errors.ts";
// Not output/mod.ts: its pager loads node:util, which `rename` does not need.
import { renderTree } from "../output/tree.ts";
import { planJson } from "../output/plan_json.ts";
import { readProject } from "../project/mod.ts";
import {
  knownModule,
  markedFiles,
  type ModulePlan,
  type OldNameUse,
  oldNameUses,
  planRenameFields,
} from "../plan/mod.ts";
import type { Colors } from "../output/colors.ts";
import { fieldText } from "../choices/module_spec.ts";
import type { ProjectState } from "../project/mod.ts";
import {
  commandIo,
  confirmMerges,
  fieldChangeGoesOn,
  markersLeft,
  outputOf,
  printMigrationSteps,
  refuseForceAndMarkers,
  refuseOtherVersion,
} from "./_module_change.ts";
import { whileLocked } from "./_interrupted_runs.ts";
import { writePlan } from "../write/mod.ts";
import type { Prompter } from "../wizard/prompter.ts";

export interface RenameOptions {
  /** `old=new`, one per field. */
  field?: string[];
  dryRun?: boolean;
  /** Print the Plan as JSON and write nothing. */
  json?: boolean;
  /** Do not ask before merging the change into files you edited. */
  yes?: boolean;
  force?: boolean;
  /** Write the files whose changes overlap your edits, with conflict markers. */
  acceptConflicts?: boolean;
  cwd?: string;
  /** Where the output goes (the console without one). */
  prompter?: Prompter;
  interactive?: boolean;
}

/** `pyscaffold rename <name>` with the options as parsed by commander. */
export async function renameAction(
  name: string,
  options: Readonly<Record<string, unknown>>,
): Promise<void> {
  const parsed = options as RenameOptions;
  // Exit code 1 while files it wrote hold conflict markers (--accept-conflicts), as update's.
  const error = markersLeft(await runRename(name, parsed), parsed);
  if (error) throw error;
}

/** {@link runRenameLocked}, with the project locked for the whole command. */
export function runRename(
  rawName: string,
  options: RenameOptions,
): Promise<ModulePlan | undefined> {
  return whileLocked(options.cwd ?? Deno.cwd(), () => runRenameLocked(rawName, options));
}

async function runRenameLocked(
  rawName: string,
  options: RenameOptions,
): Promise<ModulePlan | undefined> {
  const { c, out } = outputOf(options.prompter);
  refuseForceAndMarkers(options);
  const interactive = options.interactive ?? Deno.stdin.isTerminal();
  if (!options.field?.length && !interactive) {
    throw new UserError("Nothing to rename: name a field with --field old=new.", {
      hint: `pyscaffold rename ${rawName} --field title=headline`,
    });
  }
  const state = await readProject(options.cwd ?? Deno.cwd());
  refuseOtherVersion(state, "rename its fields");
  const force = options.force ?? false;
  const fields = options.field?.length
    ? options.field
    : [await askRename(state, rawName, force, options.prompter)];
  const change = await planRenameFields(state, rawName, fields, force);
  const { plan } = change;
  const name = change.module.name;
  const pairs = change.renamed!.map(([from, to]) => `${from.name} → ${to.name}`).join(", ");
  if (options.json) {
    // The plan, and the lines of yours that would still name the old fields.
    const uses = await oldNameUses(state.root, change);
    console.log(JSON.stringify({ ...planJson(plan), oldNameUses: uses }, null, 2));
    return change;
  }
  out(renderTree(plan, c));
  const words = {
    module: name,
    change: `renaming ${pairs} changes`,
    byHand: "rename the fields",
  };
  const io = commandIo(options.prompter);
  if (options.dryRun) reportOldNames(await oldNameUses(state.root, change), out, c, "would ");
  if (!await fieldChangeGoesOn(plan, options, words, io)) return change;
  // In a terminal: the files of yours it merges with, and a question, before writing them.
  await confirmMerges(change, options, io, { question: "Write these changes?" });
  // Searched before the write, as the files will be: the plan's content, the disk's otherwise.
  const uses = await oldNameUses(state.root, change);
  await writePlan(plan, state.root);
  out(`\n${c.green("✔")} Renamed in module ${c.bold(name)}: ${pairs}.`);
  out(
    c.yellow(
      "The API's fields took the new names: clients that send or read the old ones must use " +
        "the new ones. Until the new code runs, the old release looks for the old columns: " +
        'README.md, "Add a module", says how to rename in steps without a break.',
    ),
  );
  reportOldNames(uses, out, c);
  printMigrationSteps(out, c, { marked: markedFiles(plan) });
  return change;
}

/** At most this many lines of yours are listed; the rest are counted. */
const MAX_LISTED = 25;

/**
 * The lines of your code that still use an old name (`oldNameUses`), `path:line` and the line;
 * nothing when there are none. `would` for a dry run.
 */
function reportOldNames(
  uses: readonly OldNameUse[],
  out: (text: string) => void,
  c: Colors,
  would = "",
): void {
  if (uses.length === 0) return;
  const names = [...new Set(uses.map((u) => u.name))];
  const width = Math.max(...uses.slice(0, MAX_LISTED).map((u) => `${u.path}:${u.line}`.length));
  const lines = uses.slice(0, MAX_LISTED).map((u) =>
    `  ${`${u.path}:${u.line}`.padEnd(width)}  ${
      c.dim(u.text.length > 80 ? `${u.text.slice(0, 79)}…` : u.text)
    }`
  );
  const more = uses.length > MAX_LISTED
    ? [
      `  … and ${uses.length - MAX_LISTED} more: ` +
      `grep -rnwE '${names.join("|")}' src tests --include='*.py'`,
    ]
    : [];
  out(c.yellow(
    `\n${uses.length} line(s) of your code ${would}still use the old name ${
      names.join(", ")
    }: the rename changes pyscaffold's lines, not these. Rename them by hand (lint, mypy and ` +
      "the tests may not see them before they run):",
  ));
  out([...lines, ...more].join("\n"));
}

/**
 * In a terminal without --field: which field, and its new name, checked as the command checks it
 * (the plan itself, so the rules are said once); `old=new`.
 */
async function askRename(
  state: ProjectState,
  rawName: string,
  force: boolean,
  given: Prompter | undefined,
): Promise<string> {
  const name = knownModule(state, rawName);
  const prompter = given ?? await (await import("../wizard/prompter.ts")).terminalPrompter();
  const fields = state.modules[name].fields;
  const old = await prompter.select({
    message: `Which field of ${name} gets a new name?`,
    choices: fields.map((f) => ({ value: f.name, name: f.name, description: fieldText(f) })),
  });
  const renamed = await prompter.input({
    message: `New name for ${old}:`,
    validate: async (value) => {
      try {
        await planRenameFields(state, name, [`${old}=${value.trim()}`], force);
        return true;
      } catch (error) {
        if (error instanceof UserError) return error.message;
        throw error;
      }
    },
  });
  return `${old}=${renamed.trim()}`;
}
