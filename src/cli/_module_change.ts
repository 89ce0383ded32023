/**
 * What the commands that change a project's modules and schema share: `add`, `remove --field`
 * and `rename` render a module with this version's templates and merge it with the files on disk,
 * the base being this version's render of the module as recorded, so a project another version
 * made must be updated first; and `add`, `remove`, `rename` and `update` print alike and end
 * alike, with a migration to run.
 */
import { UserError } from "../errors.ts";
import { type Colors, makeColors } from "../output/colors.ts";
import type { Plan } from "../plan/mod.ts";
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

/** The steps after a command that wrote an Alembic revision. */
export function printMigrationSteps(
  out: (text: string) => void,
  c: Colors,
  steps = { migrate: true, install: false },
): void {
  out("Next steps:\n");
  const lines = [
    ...(steps.install
      ? ["make lock      # pyproject.toml changed: pin what it names", "make install"]
      : []),
    ...(steps.migrate ? ["make migrate   # alembic upgrade head"] : []),
    "make test",
  ];
  for (const step of lines) out(`  ${c.cyan(step)}`);
}

/**
 * Before a change of a module's fields is written (`remove --field`, `rename`): with `dryRun`,
 * the files whose edits the change touches are listed and nothing is written (false: stop);
 * otherwise such files are refused, naming them (`change`: "removing note"), unless `force`,
 * which shows their diffs first (true: write).
 */
export async function fieldChangeGoesOn(
  plan: Plan,
  options: { dryRun?: boolean; force?: boolean },
  words: { module: string; change: string; byHand: string },
  out: (text: string) => void,
  c: Colors,
): Promise<boolean> {
  const listed = plan.conflicts.map((f) => `  ${f.path}`).join("\n");
  if (options.dryRun) {
    if (plan.conflicts.length) {
      out(
        c.yellow(`\n${plan.conflicts.length} file(s) hold edits on the lines the change touches:`),
      );
      out(listed);
    }
    out(c.dim("\n--dry-run: nothing was written."));
    return false;
  }
  if (plan.conflicts.length === 0) return true;
  if (!options.force) {
    throw new UserError(
      `${plan.conflicts.length} file(s) of ${words.module} hold edits of yours on the lines ` +
        `${words.change} changes; nothing was written:\n${listed}`,
      {
        hint: "Pass --force to see the differences and replace those files with pyscaffold's " +
          `(your edits in them are lost), or ${words.byHand} by hand.`,
        exitCode: 1,
      },
    );
  }
  // The diff library loads only for diffs.
  const { conflictDiffs } = await import("../output/patch.ts");
  out(conflictDiffs(plan.conflicts, c));
  return true;
}
