/**
 * What the commands that change a project's modules and schema share: `add`, `remove --field`
 * and `rename` render a module with this version's templates and merge it with the files on disk,
 * the base being this version's render of the module as recorded, so a project another version
 * made must be updated first; and `add`, `remove`, `rename` and `update` print alike and end
 * alike, with a migration to run.
 */
import { DeclinedError, UserError } from "../errors.ts";
import { type Colors, makeColors } from "../output/colors.ts";
import { markedFiles, type ModulePlan, type Plan } from "../plan/mod.ts";
import { asLf } from "../plan/content_hash.ts";
import type { ProjectState } from "../project/mod.ts";
import type { Prompter } from "../wizard/prompter.ts";
import { VERSION } from "../version.ts";

/** Refuses, naming `update`, a project that another version of pyscaffold made; `goal` ends the hint. */
export function refuseOtherVersion(state: ProjectState, goal: string): void {
  const made = state.file.pyscaffold;
  if (made === VERSION) return;
  throw new UserError(
    `This project was made by pyscaffold ${made}, and this is pyscaffold ${VERSION}: a module ` +
      `of ${VERSION} may need project files that ${made} did not write. Nothing was written.`,
    {
      hint: "Run `pyscaffold update` first (it shows every change, keeps your edits and " +
        `records ${VERSION}), then ${goal}.`,
    },
  );
}

/**
 * Where a command's lines go, and their colours: the prompter's when it has one (the wizard, the
 * tests' scripted prompter), else the console's.
 */
export function outputOf(
  prompter: Prompter | undefined,
): { c: Colors; out: (text: string) => void } {
  return {
    c: prompter?.colors ?? makeColors(),
    out: (text) => prompter ? prompter.print(text) : console.log(text),
  };
}

/**
 * The end of a command that wrote an Alembic revision (or changed pyproject.toml): the files it
 * left with conflict markers first, then the steps in their order, resolving them first of all
 * (a model with markers would not even import for `make migrate`).
 */
export function printMigrationSteps(
  out: (text: string) => void,
  c: Colors,
  steps: { migrate?: boolean; install?: boolean; marked?: readonly string[] } = {},
): void {
  const { migrate = true, install = false, marked = [] } = steps;
  reportMarkers(marked, out, c);
  out("Next steps:\n");
  const lines = [
    ...(marked.length ? [`resolve the conflict markers in the file(s) above`] : []),
    ...(install
      ? ["make lock      # pyproject.toml changed: pin what it names", "make install"]
      : []),
    ...(migrate ? ["make migrate   # alembic upgrade head"] : []),
    "make test",
  ];
  for (const step of lines) out(`  ${c.cyan(step)}`);
}

/** How a command that merges into the user's files is run: the options they share. */
export interface MergeOptions {
  dryRun?: boolean;
  json?: boolean;
  yes?: boolean;
  /** Replace the files whose edits the change touches with pyscaffold's version (fields only). */
  force?: boolean;
  /** Write the files whose changes overlap the user's, with conflict markers. */
  acceptConflicts?: boolean;
  /** For tests: whether stdin counts as a terminal. */
  interactive?: boolean;
}

/** Where a command prints, and how it gets a prompter when it must ask (lazily: a terminal's). */
export interface CommandIo {
  out: (text: string) => void;
  c: Colors;
  ask: () => Promise<Prompter>;
}

/** The `CommandIo` of a command run with `prompter` (a test's), else the terminal's. */
export function commandIo(
  prompter: Prompter | undefined,
  output: "stdout" | "stderr" = "stdout",
): CommandIo {
  const { c, out } = outputOf(prompter);
  let asked = prompter;
  return {
    c,
    out,
    ask: async () =>
      asked ??= await (await import("../wizard/prompter.ts")).terminalPrompter({ output }),
  };
}

/** Refuses --force with --accept-conflicts: pyscaffold's version, or markers beside yours. */
export function refuseForceAndMarkers(options: MergeOptions): void {
  if (!options.force || !options.acceptConflicts) return;
  throw new UserError(
    "--force and --accept-conflicts say opposite things about your edits: --force replaces " +
      "them with pyscaffold's lines, --accept-conflicts keeps them beside pyscaffold's, between " +
      "conflict markers. Nothing was written.",
    { hint: "Pass one of the two." },
  );
}

/** The markers `mergeText` writes, as the messages name them. */
const MARKERS = "<<<<<<< yours ... >>>>>>> pyscaffold";

/**
 * The files whose changes overlap edits of the user's (the Plan's conflicts, planned with their
 * markers; `update`'s also count a changed file it no longer generates, which it keeps): written
 * only when the user accepts them, by --accept-conflicts or by a yes at the prompt (in a
 * terminal, without --yes), after their diffs. Refused otherwise, nothing written, exit code 1:
 * `overlap` says what overlaps ("2 file(s) have changes of yours that overlap the update"),
 * `otherwise` the other ways through. `update` and the field changes of `add`, `remove` and
 * `rename` decide here, alike.
 */
export async function acceptConflicts(
  plan: Plan,
  options: MergeOptions,
  words: { overlap: string; otherwise: string; labels: readonly [string, string] },
  io: CommandIo,
): Promise<void> {
  const conflicts = plan.conflicts;
  if (conflicts.length === 0 || options.acceptConflicts) return;
  // The diff library loads only for diffs.
  const { coloredPatch } = await import("../output/patch.ts");
  for (const f of conflicts) {
    io.out(coloredPatch(f.path, f.current, f.planned ?? "", words.labels, io.c));
  }
  const interactive = options.interactive ?? Deno.stdin.isTerminal();
  const accepted = interactive && !options.yes
    ? await (await io.ask()).confirm({
      message: `Write ${conflicts.length} conflicting file(s) with conflict markers?`,
      default: false,
    })
    : false;
  if (accepted) return;
  throw new UserError(
    `${words.overlap}; nothing was written:\n${conflicts.map((f) => `  ${f.path}`).join("\n")}`,
    {
      hint: `Run again with --accept-conflicts to write them with conflict markers (${MARKERS}), ` +
        `then resolve them; ${words.otherwise}.`,
      exitCode: 1,
    },
  );
}

/** Lists the files written with conflict markers, to resolve (after a command wrote them). */
export function reportMarkers(paths: readonly string[], out: (text: string) => void, c: Colors) {
  if (paths.length === 0) return;
  out(c.yellow(
    `${paths.length} file(s) hold conflict markers to resolve:\n` +
      paths.map((p) => `  ${p}`).join("\n"),
  ));
}

/** The error that makes the exit code 1 while files hold conflict markers (after any writing). */
export function markersError(paths: readonly string[]): UserError | undefined {
  if (paths.length === 0) return undefined;
  return new UserError(`${paths.length} file(s) still hold conflict markers.`, {
    hint: `Resolve each ${MARKERS} region, then run make test.`,
    exitCode: 1,
  });
}

/**
 * After `add`, `remove --field` or `rename` returned `change`: the error that makes the exit code
 * 1 when it wrote files with conflict markers (none for --dry-run and --json, which write nothing).
 */
export function markersLeft(
  change: { plan: Plan } | undefined,
  options: { dryRun?: boolean; json?: boolean },
): UserError | undefined {
  if (change === undefined || options.dryRun || options.json) return undefined;
  return markersError(markedFiles(change.plan));
}

/**
 * Before a change of a module's fields is written (`add` of a module that exists, `remove
 * --field`, `rename`): with `dryRun`, the files whose edits the change touches are listed and
 * nothing is written (false: stop). Otherwise such files go on as the user says: with `force`,
 * their diffs are shown and pyscaffold's version replaces them; else they are written with
 * conflict markers only when accepted (`acceptConflicts`, as `update` does), and refused
 * otherwise, naming them (`change`: "removing note changes", "the new fields change").
 */
export async function fieldChangeGoesOn(
  plan: Plan,
  options: MergeOptions,
  words: { module: string; change: string; byHand: string },
  io: CommandIo,
): Promise<boolean> {
  const { out, c } = io;
  if (options.dryRun) {
    if (plan.conflicts.length) {
      out(
        c.yellow(`\n${plan.conflicts.length} file(s) hold edits on the lines the change touches:`),
      );
      out(plan.conflicts.map((f) => `  ${f.path}`).join("\n"));
    }
    out(c.dim("\n--dry-run: nothing was written."));
    return false;
  }
  if (plan.conflicts.length === 0) return true;
  if (options.force) {
    // The diff library loads only for diffs.
    const { conflictDiffs } = await import("../output/patch.ts");
    out(conflictDiffs(plan.conflicts, c));
    return true;
  }
  await acceptConflicts(plan, options, {
    overlap: `${plan.conflicts.length} file(s) of ${words.module} hold edits of yours on the ` +
      `lines ${words.change}`,
    otherwise: "or pass --force to see the differences and replace those files with " +
      `pyscaffold's (your edits in them are lost), or ${words.byHand} by hand`,
    labels: ["yours", "with markers"],
  }, io);
  return true;
}

/**
 * In a terminal, without --yes: the diffs of the files whose edits of yours `change` merges
 * with (none: nothing shown), then `question` (default yes) when there are such files, or
 * whatever the plan (`always`: the plan came from the user's answers to questions). A plan with
 * conflicts was decided already (`fieldChangeGoesOn`), as `update` asks once; without a
 * terminal, nothing is shown nor asked, and scripts go on as they always did.
 */
export async function confirmMerges(
  change: ModulePlan,
  options: MergeOptions,
  io: CommandIo,
  ask: { question?: string; always?: boolean } = {},
): Promise<void> {
  const interactive = options.interactive ?? Deno.stdin.isTerminal();
  if (!interactive || options.yes || options.json || options.dryRun) return;
  if (change.plan.conflicts.length > 0) return;
  const { merges } = change;
  if (merges.length > 0) {
    const { coloredPatch } = await import("../output/patch.ts");
    io.out(io.c.yellow(`\n${merges.length} file(s) you edited, merged with the change:`));
    const written = new Map(change.plan.files.map((f) => [f.path, f.content]));
    for (const m of merges) {
      io.out(coloredPatch(m.path, m.ours, asLf(written.get(m.path)!), ["yours", "merged"], io.c));
    }
  }
  if (ask.question === undefined || (merges.length === 0 && !ask.always)) return;
  const write = await (await io.ask()).confirm({ message: ask.question, default: true });
  if (!write) throw new DeclinedError();
}
