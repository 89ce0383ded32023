/**
 * `pyscaffold add <name> --field ...`: a new resource module in an existing
 * project — model, schemas, repository, service, controller, tests and an
 * Alembic revision — without editing any existing file. The module's record
 * (`.pyscaffold/modules/<name>.json`) is written last, all of it atomically.
 */
import { conflictDiffs } from "../output/patch.ts";
import {
  confirmMerges,
  fieldChangeGoesOn,
  markersLeft,
  outputOf,
  printMigrationSteps,
  refuseForceAndMarkers,
  refuseOtherVersion,
} from "./_module_change.ts";
import { DeclinedError, UserError } from "../errors.ts";
import type { Conflict } from "../plan/mod.ts";
// Not output/mod.ts: its pager loads node:util, which `add` does not need (as in new_command.ts).
import type { Colors } from "../output/colors.ts";
import { planJson } from "../output/plan_json.ts";
import { renderTree } from "../output/tree.ts";
import { readProject } from "../project/mod.ts";
import { askFields } from "../wizard/field_wizard.ts";
import { markedFiles, type ModulePlan, planAdd, recordedName } from "../plan/mod.ts";
import { whileLocked } from "./_interrupted_runs.ts";
import { writePlan } from "../write/mod.ts";
import { ACCESS_POLICIES, fieldText } from "../choices/module_spec.ts";
import { parseAccess } from "../choices/features/module.ts";
import { askAccess } from "../wizard/steps/module.ts";
import type { Prompter } from "../wizard/prompter.ts";

export interface AddOptions {
  field: string[];
  /** The module's access policy (only with auth; default owner). */
  access?: string;
  dryRun?: boolean;
  /** Print the Plan as JSON and write nothing. */
  json?: boolean;
  yes?: boolean;
  force?: boolean;
  /** A module that exists: write the files whose changes overlap your edits, with markers. */
  acceptConflicts?: boolean;
  /** The project directory or any directory inside it (default: the working directory). */
  cwd?: string;
  /** For tests: the prompter to use instead of the terminal's. */
  prompter?: Prompter;
  /** For tests: whether stdin counts as a terminal. */
  interactive?: boolean;
}

/** `pyscaffold add <name>` with the options as parsed (commander's or src/cli/fast_path.ts). */
export async function addAction(
  name: string,
  options: Readonly<Record<string, unknown>> & { field?: string[] },
): Promise<void> {
  const parsed: AddOptions = { ...options, field: options.field ?? [] };
  // Exit code 1 while files it wrote hold conflict markers (--accept-conflicts), as update's.
  const error = markersLeft(await runAdd(name, parsed), parsed);
  if (error) throw error;
}

/** {@link runAddLocked}, with the project locked for the whole command. */
export function runAdd(rawName: string, options: AddOptions): Promise<ModulePlan | undefined> {
  return whileLocked(options.cwd ?? Deno.cwd(), () => runAddLocked(rawName, options));
}

async function runAddLocked(
  rawName: string,
  options: AddOptions,
): Promise<ModulePlan | undefined> {
  const { c, out } = outputOf(options.prompter);
  refuseForceAndMarkers(options);
  const state = await readProject(options.cwd ?? Deno.cwd());
  // A module of this version calls into project files of this version (the guard's prefetch, the
  // cache's generation key): added to a project another version made, it could not even import.
  refuseOtherVersion(state, "add the module");
  const interactive = options.interactive ?? Deno.stdin.isTerminal();
  // A module that exists gains fields (planAdd); its access policy stays the one it has.
  const exists = recordedName(state.modules, rawName) !== undefined;
  if (exists && options.access !== undefined) {
    throw new UserError(
      `Module "${rawName}" exists: add gives it fields, and --access only a new module.`,
      {
        // The command that changes a policy, for a policy this project can take.
        hint: `Leave --access out to add fields to ${rawName}` + (
          state.project.auth && (ACCESS_POLICIES as readonly string[]).includes(options.access)
            ? `; to change its policy: pyscaffold update --set ${rawName}.access=${options.access}`
            : "."
        ),
      },
    );
  }
  // A policy the project cannot have (any --access without auth) is refused before anything else.
  let access: string = parseAccess(options.access, state.project.auth);
  let fields = options.field;
  let asked = false;
  let prompter = options.prompter;
  if (fields.length === 0) {
    if (!interactive) {
      throw new UserError(
        "No fields given, and stdin is not a terminal, so pyscaffold cannot ask for them.",
        {
          hint: `Pass each field with --field, e.g. pyscaffold add ${rawName} ` +
            "--field 'title:str(120):required' --field due:date:optional",
        },
      );
    }
    // With --json, stdout is the Plan: the questions go to stderr.
    prompter ??= await terminalPrompter(options.json ? "stderr" : "stdout");
    fields = await askFields(prompter, state, rawName);
    if (!exists && options.access === undefined && state.project.auth) {
      access = await askAccess({ prompter });
    }
    asked = true;
  }
  const added = await planAdd(state, rawName, fields, options.force, access);
  const { plan } = added;
  if (options.json) {
    console.log(JSON.stringify(planJson(plan), null, 2));
    return added;
  }
  const tree = renderTree(plan, c);
  const io = { c, out, ask: async () => prompter ??= await terminalPrompter() };
  let shown = false;

  if (added.added) {
    // A module that exists gains fields: its files are merged with your edits, as `remove
    // --field` and `rename` merge them.
    out(tree);
    shown = true;
    const words = {
      module: added.module.name,
      change: "the new fields change",
      byHand: "add the fields",
    };
    if (!await fieldChangeGoesOn(plan, { ...options, interactive }, words, io)) return added;
  } else if (options.dryRun) {
    out(tree);
    if (plan.conflicts.length) out(conflictList(plan.conflicts, c));
    out(c.dim("\n--dry-run: nothing was written."));
    return added;
  } else if (plan.conflicts.length > 0 && !options.force) {
    const files = plan.conflicts.map((f) => `  ${f.path}`).join("\n");
    throw new UserError(
      `${plan.conflicts.length} file(s) that \`add ${added.module.name}\` would create ` +
        `already exist; nothing was written:\n${files}`,
      {
        hint: "Move them away, or pass --force to see the differences and replace them.",
        exitCode: 1,
      },
    );
  } else if (plan.conflicts.length > 0) {
    out(conflictDiffs(plan.conflicts, c));
  }
  if (plan.conflicts.length > 0 && options.force && !options.yes) {
    if (!interactive) {
      throw new UserError("--force replaces existing files; confirm it with --yes.", {
        exitCode: 1,
      });
    }
    const replace = await (await io.ask()).confirm({
      message: `Replace these ${plan.conflicts.length} file(s)?`,
      default: false,
    });
    if (!replace) throw new DeclinedError();
  } else if (plan.conflicts.length === 0 && !options.yes && interactive) {
    // In a terminal: before merging into files you edited, or writing what the questions
    // gathered, the tree (shown) and the merged diffs, and a question.
    if (asked && !shown) {
      out(tree);
      shown = true;
    }
    await confirmMerges(added, { ...options, interactive }, io, {
      question: added.added ? "Write these changes?" : "Create these files?",
      always: asked,
    });
  }

  await writePlan(plan, state.root);
  if (!shown) out(tree);
  out(
    added.added
      ? `\n${c.green("✔")} Added to module ${c.bold(added.module.name)}: ` +
        `${added.added.map((f) => fieldText(f)).join(", ")}.`
      : `\n${c.green("✔")} Added module ${c.bold(added.module.name)} ` +
        `(${
          added.module.fields.map((f) => fieldText(f)).join(", ")
        }; access ${added.module.access}).`,
  );
  printMigrationSteps(out, c, { marked: markedFiles(plan) });
  return added;
}

async function terminalPrompter(output: "stdout" | "stderr" = "stdout"): Promise<Prompter> {
  const { terminalPrompter } = await import("../wizard/prompter.ts");
  return await terminalPrompter({ output });
}

function conflictList(conflicts: readonly Conflict[], c: Colors): string {
  return `\n${c.yellow(`${conflicts.length} file(s) already exist:`)}\n` +
    conflicts.map((f) => `  ${f.path}`).join("\n");
}
