/**
 * `pyscaffold update [--set KEY=VALUE ...]`: switch auth, cache or Celery on or
 * off in a living project, and take this version's templates, without losing
 * a line. Every generated file is merged three ways (src/plan/update_plan.ts):
 * files the user never touched are replaced, created or deleted; files both
 * sides changed are merged line-wise; overlapping changes are conflicts, written
 * with markers only when the user accepts them (--accept-conflicts, or yes at
 * the prompt), and the exit code stays 1 while any remain. Disabling auth drops
 * its tables only with --drop-tables or a yes at the prompt. Written through the
 * one writer: all or nothing, Ctrl-C included.
 */
import { coloredPatch } from "../output/patch.ts";
import { DeclinedError, UserError } from "../errors.ts";
import { type Colors, planJson } from "../output/mod.ts";
import { ANSWERS_FILE, MODULES_DIR, readProject } from "../project/mod.ts";
import {
  parseAccessSettings,
  parseSettings,
  planUpdate,
  type UpdatePlan,
} from "../plan/update_plan.ts";
import { markedFiles } from "../plan/mod.ts";
import { parseIdsSetting } from "../plan/widen_ids.ts";
import type { FeatureSettings } from "../plan/update_plan.ts";
import { FEATURE_QUESTIONS } from "../choices/features/mod.ts";
import { whileLocked } from "./_interrupted_runs.ts";
import {
  acceptConflicts,
  markersError,
  outputOf,
  printMigrationSteps,
  reportMarkers,
} from "./_module_change.ts";
import { type ChangelogSection, changesSince, rewrap } from "./changelog.ts";
import { writePlan } from "../write/mod.ts";
import type { Prompter } from "../wizard/prompter.ts";

const UPDATE_LABELS = ["yours", "after update"] as const;

export interface UpdateOptions {
  /** `KEY=VALUE` settings (auth, cache, celery). */
  set?: string[];
  dryRun?: boolean;
  json?: boolean;
  yes?: boolean;
  /** Write files whose changes overlap, with conflict markers. */
  acceptConflicts?: boolean;
  /** Disabling auth: drop its tables in the new revision. */
  dropTables?: boolean;
  cwd?: string;
  prompter?: Prompter;
  interactive?: boolean;
}

/** The outcome of a run, for tests; the exit code is 1 while conflicts remain. */
export interface UpdateResult {
  update: UpdatePlan;
  written: boolean;
  conflicts: string[];
}

/** {@link runUpdateLocked}, with the project locked for the whole command. */
export function runUpdate(options: UpdateOptions): Promise<UpdateResult> {
  return whileLocked(options.cwd ?? Deno.cwd(), () => runUpdateLocked(options));
}

async function runUpdateLocked(options: UpdateOptions): Promise<UpdateResult> {
  const { c, out } = outputOf(options.prompter);
  const cwd = options.cwd ?? Deno.cwd();
  const state = await readProject(cwd);
  const interactive = options.interactive ?? Deno.stdin.isTerminal();
  let settings: FeatureSettings = parseSettings(options.set ?? []);
  const access = parseAccessSettings(options.set ?? []);
  let prompter = options.prompter;
  const ask = async () => prompter ??= await terminalPrompter(options.json ? "stderr" : "stdout");

  if ((options.set ?? []).length === 0 && interactive && !options.json && !options.yes) {
    const { askFeatures } = await import("../wizard/steps/features.ts");
    const current = Object.fromEntries(FEATURE_QUESTIONS.map((q) => [q.id, state.project[q.id]]));
    settings = await askFeatures({
      prompter: await ask(),
      ask: FEATURE_QUESTIONS.map((q) => q.id),
      initial: current,
    });
  }

  const update = await planUpdate(state, settings, access, parseIdsSetting(options.set ?? []));
  const { plan } = update;
  if (options.json) {
    const policies = Object.fromEntries(
      update.accessSwitches.map((s) => [`${s.module}.access`, s.to]),
    );
    const ids = update.widenedIds ? { ids: "bigint" } : {};
    console.log(
      JSON.stringify(
        { ...planJson(plan), switched: { ...update.switched, ...policies, ...ids } },
        null,
        2,
      ),
    );
    // The exit code says what is on disk: markers an earlier update left, not the conflicts the
    // Plan lists (they are in its JSON; nothing was written).
    return { update, written: false, conflicts: [...update.unresolved].sort() };
  }

  out(summary(update, c));
  const changes = changesSince(state.file.pyscaffold);
  if (changes.length > 0) out(changelog(state.file.pyscaffold, changes, c));
  const diffs = update.merges.filter((m) =>
    ["replace", "merge", "conflict", "delete"].includes(m.kind)
  );
  if (options.dryRun) {
    for (const m of diffs) {
      out(coloredPatch(m.path, m.ours ?? "", m.result ?? "", UPDATE_LABELS, c));
    }
    for (const migration of update.migrations) {
      out(coloredPatch(migration.path, "", migration.content, UPDATE_LABELS, c));
    }
    out(c.dim("\n--dry-run: nothing was written."));
    // As after a real run: exit 1 while files hold markers (shown above as CONFLICT otherwise).
    return finish(update, false, out, c);
  }
  const nothing = plan.files.length === 0 && plan.deletes.length === 0;
  if (nothing) {
    out(`${c.green("✔")} The project is up to date with pyscaffold's templates.`);
    return finish(update, false, out, c);
  }

  // Overlapping changes: shown, written with markers only when the user says so.
  const conflicts = plan.conflicts;
  await acceptConflicts(plan, { ...options, interactive }, {
    overlap: `${conflicts.length} file(s) have changes of yours that overlap the update`,
    otherwise: "or adapt your changes first",
    labels: UPDATE_LABELS,
  }, { c, out, ask });
  // Dropping tables: never without an explicit yes.
  if (update.drops.length > 0 && !options.dropTables) {
    const tables = update.drops.join(" and ");
    const accepted = interactive && !options.yes
      ? await (await ask()).confirm({
        message: `Switching auth off adds a migration that drops ${tables}, with every account. ` +
          "Continue?",
        default: false,
      })
      : false;
    if (!accepted) {
      throw new UserError(
        `Switching auth off drops the ${tables} tables; nothing was written.`,
        { hint: "Confirm it with --drop-tables (after a backup of the accounts).", exitCode: 1 },
      );
    }
  }
  if (!options.yes && interactive && conflicts.length === 0 && update.drops.length === 0) {
    const go = await (await ask()).confirm({ message: "Apply the update?", default: true });
    if (!go) throw new DeclinedError();
  } else if (!options.yes && !interactive && plan.files.length + plan.deletes.length > 0) {
    // Rewriting the project's files is a decision: without a terminal to ask, --yes says it.
    throw new UserError(
      "stdin is not a terminal, so pyscaffold cannot ask before changing the project's files. " +
        "Nothing was written.",
      {
        hint: "Confirm it with --yes (pyscaffold update --yes), or look first with --dry-run.",
        exitCode: 1,
      },
    );
  }
  await writePlan(plan, state.root);
  out(`\n${c.green("✔")} Updated.`);
  const install = plan.files.some((f) => f.path === "pyproject.toml");
  const steps = update.migrations.length > 0 || install;
  // The files left to resolve come before the steps, which start with resolving them.
  const result = finish(update, true, out, c, !steps);
  if (steps) {
    printMigrationSteps(out, c, {
      migrate: update.migrations.length > 0,
      install,
      marked: result.conflicts,
    });
  }
  for (const s of update.accessSwitches.filter((s) => s.to === "owner" && s.revision)) {
    out(c.yellow(
      `Before migrating: if ${s.module}'s table holds rows, set ROWS_OWNER in ${s.revision} to ` +
        "the email of the user who gets them (while it is None, the upgrade stops before " +
        "changing anything).",
    ));
  }
  return result;
}

/**
 * Reports what remains to resolve (the command exits with 1 while the list is not empty); the
 * files with markers only with `markers` (the next steps list them otherwise).
 */
function finish(
  update: UpdatePlan,
  written: boolean,
  out: (text: string) => void,
  c: Colors,
  markers = true,
): UpdateResult {
  const remaining = [
    ...new Set([...(written ? markedFiles(update.plan) : []), ...update.unresolved]),
  ].sort();
  const kept = update.plan.conflicts.filter((f) => f.kind === "changed").map((f) => f.path);
  if (kept.length > 0) {
    out(c.yellow(
      `${kept.length} file(s) no longer generated were kept because you changed them:\n` +
        kept.map((p) => `  ${p}`).join("\n"),
    ));
  }
  // Else printed by the next steps (printMigrationSteps), before them.
  if (markers) reportMarkers(remaining, out, c);
  return { update, written, conflicts: remaining };
}

const LABEL: Record<string, string> = {
  create: "create",
  replace: "update",
  merge: "merge",
  conflict: "CONFLICT",
  delete: "delete",
  "kept-deleted": "deleted by you, stays deleted",
  "kept-changed": "no longer generated, kept (changed by you)",
};

/** What the versions since the project's change (CHANGELOG.md), before any file is shown. */
function changelog(since: string, changes: ChangelogSection[], c: Colors): string {
  const lines = [`\nWhat changes since ${since} (CHANGELOG.md):`];
  for (const { version, text } of changes) {
    lines.push("", c.bold(version), ...rewrap(text, 2, 80));
  }
  return lines.join("\n") + "\n";
}

function summary(update: UpdatePlan, c: Colors): string {
  const switched = [
    ...Object.entries(update.switched).map(([k, v]) => `${k}=${v}`),
    ...update.accessSwitches.map((s) => `${s.module}.access: ${s.from} → ${s.to}`),
    ...update.widenedIds ? ["ids=bigint"] : [],
  ];
  const lines = [
    `Update ${c.bold(update.plan.root)}` +
    (switched.length ? ` (${switched.join(", ")})` : "") +
    c.dim(` — base: ${update.baseSource}`),
  ];
  for (const m of update.merges) {
    if (m.kind === "unchanged") continue;
    const label = LABEL[m.kind];
    const color = m.kind === "conflict" ? c.red : m.kind === "create" ? c.green : c.yellow;
    lines.push(`  ${color(label.padEnd(8))}  ${m.path}`);
  }
  for (const migration of update.migrations) {
    lines.push(`  ${c.green("create  ")}  ${migration.path}`);
  }
  if (update.widenedIds?.length) {
    const tables = update.widenedIds;
    lines.push(c.yellow(
      `  ids=bigint: its revision rewrites ${tables.length} table${
        tables.length === 1 ? "" : "s"
      } ` +
        `(${tables.join(", ")}), one at a time; reads and writes of each wait while its rewrite ` +
        "lasts (seconds per million rows). Run it when that wait is acceptable.",
    ));
  }
  for (const s of update.accessSwitches.filter((s) => s.from === "owner")) {
    lines.push(c.yellow(
      `  ${s.module} leaves the owner policy: its revision drops owner_id, and with it who owns ` +
        "each row (back it up first if you may want it again).",
    ));
  }
  const moved = update.movedRecords.length;
  if (moved > 0) {
    lines.push(c.dim(
      `  record    ${moved} module record${moved === 1 ? "" : "s"}: from ${ANSWERS_FILE} ` +
        `to ${MODULES_DIR}/, a file each`,
    ));
  }
  if (lines.length === 1) lines.push(c.dim("  no generated file changes"));
  return lines.join("\n");
}

async function terminalPrompter(output: "stdout" | "stderr" = "stdout"): Promise<Prompter> {
  const { terminalPrompter } = await import("../wizard/prompter.ts");
  return await terminalPrompter({ output });
}

/** The error that makes the exit code 1 while conflict markers remain (after any writing). */
export function unresolvedError(result: UpdateResult): UserError | undefined {
  return markersError(result.conflicts);
}
