/**
 * `pyscaffold remove <name>`: undoes `add`. Deletes exactly the files `add`
 * created and the user has not changed since (the module's record keeps their
 * hashes), and adds an Alembic revision that drops the table. Files the user
 * changed are never lost unasked: `remove` refuses, naming them, unless --force
 * (deleted too) or --keep-edited (kept, with what that leaves to do); a later
 * `remove <name> --force` deletes what --keep-edited kept. It refuses when a file
 * that stays would import a deleted one (src/plan/module_ops.ts): the app must still start.
 * With --field, the module stays and loses those fields (`runRemoveFields`).
 */
import { DeclinedError, UserError } from "../errors.ts";
// Not output/mod.ts: its pager loads node:util, which `remove` does not need.
import { renderTree } from "../output/tree.ts";
import { planJson } from "../output/plan_json.ts";
import { readProject } from "../project/mod.ts";
import {
  type LeftoverPlan,
  markedFiles,
  type ModulePlan,
  planDropFields,
  planLeftovers,
  planRemove,
  type RemovePlan,
} from "../plan/mod.ts";
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

export interface RemoveOptions {
  /** Fields of the module to remove (the module stays). */
  field?: string[];
  dryRun?: boolean;
  /** Print the Plan as JSON and write nothing. */
  json?: boolean;
  yes?: boolean;
  /** Delete the module's files you edited too (with --field: replace the files it conflicts with). */
  force?: boolean;
  /** Keep the module's files you edited (else `remove` refuses, naming them). */
  keepEdited?: boolean;
  /** With --field: write the files whose changes overlap your edits, with conflict markers. */
  acceptConflicts?: boolean;
  cwd?: string;
  prompter?: Prompter;
  interactive?: boolean;
}

/** `pyscaffold remove <name>` with the options as parsed (commander's or src/cli/fast_path.ts). */
export async function removeAction(
  name: string,
  options: Readonly<Record<string, unknown>>,
): Promise<void> {
  const parsed = options as RemoveOptions;
  if (parsed.field?.length && parsed.keepEdited) {
    throw new UserError(
      "--keep-edited is for removing a whole module; --field merges the change into your files.",
      { hint: `pyscaffold remove ${name} --keep-edited, or --field without it.` },
    );
  }
  if (parsed.field?.length) {
    // Exit code 1 while files it wrote hold conflict markers (--accept-conflicts), as update's.
    const error = markersLeft(
      await runRemoveFields(name, { ...parsed, field: parsed.field }),
      parsed,
    );
    if (error) throw error;
  } else await runRemove(name, parsed);
}

/** {@link runRemoveLocked}, with the project locked for the whole command. */
export function runRemove(
  rawName: string,
  options: RemoveOptions,
): Promise<RemovePlan | undefined> {
  return whileLocked(options.cwd ?? Deno.cwd(), () => runRemoveLocked(rawName, options));
}

async function runRemoveLocked(
  rawName: string,
  options: RemoveOptions,
): Promise<RemovePlan | undefined> {
  const { c, out } = outputOf(options.prompter);
  if (options.force && options.keepEdited) {
    throw new UserError(
      "--force and --keep-edited say opposite things about the module's files you edited: " +
        "--force deletes them with the rest, --keep-edited keeps them. Nothing was written.",
      { hint: "Pass one of the two." },
    );
  }
  const state = await readProject(options.cwd ?? Deno.cwd());
  // A module an earlier remove dropped while keeping your edited files: what is left of it.
  const leftovers = await planLeftovers(state, rawName);
  if (leftovers) return await removeLeftovers(leftovers, state.root, options);
  const edited = options.force ? "delete" : options.keepEdited ? "keep" : "refuse";
  const removal = await planRemove(state, rawName, edited);
  const { plan } = removal;
  const name = removal.module.name;
  if (options.json) {
    console.log(JSON.stringify(planJson(plan), null, 2));
    return removal;
  }
  // Changed files are conflicts: kept with --keep-edited, deleted with --force.
  const kept = options.force ? [] : plan.conflicts.map((f) => f.path);

  const report: string[] = [];
  const changed = new Set(plan.conflicts.map((f) => f.path));
  for (const file of plan.deletes) {
    const edits = changed.has(file.path)
      ? `  ${c.yellow("(changed since add: your edits too)")}`
      : "";
    report.push(`  ${c.red("delete")}  ${file.path}${edits}`);
  }
  for (const path of kept) {
    report.push(`  ${c.yellow("keep")}    ${path}  ${c.dim("(changed since add)")}`);
  }
  for (const path of removal.keptPackages) {
    report.push(`  ${c.yellow("keep")}    ${path}  ${c.dim("(the package of a changed file)")}`);
  }
  for (const path of removal.missing) report.push(`  ${c.dim("gone")}    ${path}`);
  report.push(`  ${c.green("create")}  ${removal.migration.path}  ${c.dim("(drops the table)")}`);
  out(`Remove module ${c.bold(name)}:\n${report.join("\n")}`);

  if (options.dryRun) {
    out(c.dim("\n--dry-run: nothing was written."));
    return removal;
  }
  await confirmed(options, {
    question: `Remove ${name}?`,
    before: "deleting files and dropping the table",
    nothing: "Nothing was removed.",
    command: `pyscaffold remove ${name} --yes`,
  });
  await writePlan(plan, state.root);
  out(`\n${c.green("✔")} Removed module ${c.bold(name)}.`);
  if (kept.length > 0) {
    const model = kept.find((path) => path === `src/models/${name}_model.py`);
    out(
      c.yellow(
        `${kept.length} file(s) you edited were kept (--keep-edited): they still use the dropped ` +
          "table, and the module is no longer recorded, so delete or adapt them by hand" +
          (model
            ? `; ${model} first: while it is there, the tests create the table and Alembic's ` +
              "autogenerate adds it back"
            : "") +
          `. \`pyscaffold remove ${name} --force\` deletes them later (your edits in them are ` +
          "lost).",
      ),
    );
  }
  printMigrationSteps(out, c);
  return removal;
}

/**
 * `remove <module>` of a module an earlier remove dropped while keeping the files you had edited
 * (--keep-edited, or 0.19.0 and earlier): lists them, and deletes them only with --force (your
 * edits in them are lost), confirmed as any removal is. Its table is dropped already.
 */
async function removeLeftovers(
  leftovers: LeftoverPlan,
  root: string,
  options: RemoveOptions,
): Promise<undefined> {
  const { c, out } = outputOf(options.prompter);
  const { name, plan, files, revision } = leftovers;
  if (options.json) {
    console.log(JSON.stringify(planJson(plan), null, 2));
    return undefined;
  }
  const list = files.map((path) => `  ${c.red("delete")}  ${path}`).join("\n");
  out(
    `Module ${c.bold(name)} was removed (${revision} drops its table), but ${files.length} ` +
      `file(s) of it that you had edited remain:\n${list}`,
  );
  if (!options.force) {
    if (options.dryRun) {
      out(c.dim("\n--dry-run: nothing was written (with --force, these files are deleted)."));
      return undefined;
    }
    throw new UserError(
      `Module "${name}" is no longer recorded; only ${files.length} file(s) of it you had edited ` +
        "remain. Nothing was written.",
      {
        hint: `Copy what you want to keep, then delete them: pyscaffold remove ${name} --force ` +
          "(your edits in them are lost), or delete them by hand.",
        exitCode: 1,
      },
    );
  }
  if (options.dryRun) {
    out(c.dim("\n--dry-run: nothing was written."));
    return undefined;
  }
  await confirmed(options, {
    question: `Delete what is left of ${name}, your edits in it too?`,
    before: "deleting files you edited",
    nothing: "Nothing was removed.",
    command: `pyscaffold remove ${name} --force --yes`,
  });
  await writePlan(plan, root);
  out(`\n${c.green("✔")} Removed what was left of module ${c.bold(name)}.`);
  printMigrationSteps(out, c, { migrate: false });
  return undefined;
}

/**
 * `pyscaffold remove <module> --field ...`: the module's files without the fields, merged with
 * your edits, and a revision that drops their columns. Their values are lost, so it asks (or
 * wants --yes); edits on the lines the change touches are refused unless --accept-conflicts
 * (written with conflict markers, as `update` writes them) or --force (replaced).
 */
export function runRemoveFields(
  rawName: string,
  options: RemoveOptions & { field: string[] },
): Promise<ModulePlan | undefined> {
  return whileLocked(options.cwd ?? Deno.cwd(), () => runRemoveFieldsLocked(rawName, options));
}

async function runRemoveFieldsLocked(
  rawName: string,
  options: RemoveOptions & { field: string[] },
): Promise<ModulePlan | undefined> {
  const { c, out } = outputOf(options.prompter);
  refuseForceAndMarkers(options);
  const state = await readProject(options.cwd ?? Deno.cwd());
  refuseOtherVersion(state, "remove its fields");
  const removal = await planDropFields(state, rawName, options.field, options.force ?? false);
  const { plan } = removal;
  const name = removal.module.name;
  const fields = removal.dropped!.map((f) => f.name).join(", ");
  if (options.json) {
    console.log(JSON.stringify(planJson(plan), null, 2));
    return removal;
  }
  out(renderTree(plan, c));
  const words = {
    module: name,
    change: `removing ${fields} changes`,
    byHand: "remove the fields",
  };
  const io = commandIo(options.prompter);
  if (!await fieldChangeGoesOn(plan, options, words, io)) return removal;
  // In a terminal, the files of yours it merges with are shown before the question below.
  await confirmMerges(removal, options, io);
  await confirmed(options, {
    question: `Remove ${fields} from ${name}? The migration drops the column(s) and their values`,
    before: "dropping columns and their values",
    nothing: "Nothing was written.",
    command: `pyscaffold remove ${name} ${
      removal.dropped!.map((f) => `--field ${f.name}`).join(" ")
    } --yes`,
  });
  await writePlan(plan, state.root);
  out(`\n${c.green("✔")} Removed from module ${c.bold(name)}: ${fields}.`);
  printMigrationSteps(out, c, { marked: markedFiles(plan) });
  return removal;
}

/**
 * Asks `question` (default no) in a terminal; without one, only --yes goes on. Deleting files
 * and dropping data is a decision: nothing is written without it.
 */
async function confirmed(
  options: RemoveOptions,
  words: { question: string; before: string; nothing: string; command: string },
): Promise<void> {
  if (options.yes) return;
  if (!(options.interactive ?? Deno.stdin.isTerminal())) {
    throw new UserError(
      `stdin is not a terminal, so pyscaffold cannot ask before ${words.before}. ${words.nothing}`,
      { hint: `Confirm it with --yes: ${words.command}`, exitCode: 1 },
    );
  }
  const prompter = options.prompter ?? await terminalPrompter();
  if (!await prompter.confirm({ message: words.question, default: false })) {
    throw new DeclinedError(words.nothing);
  }
}

async function terminalPrompter(): Promise<Prompter> {
  const { terminalPrompter } = await import("../wizard/prompter.ts");
  return await terminalPrompter();
}
