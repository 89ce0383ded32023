/**
 * A unified diff of one file, coloured: what `add --force` and `update --dry-run` show.
 * Not re-exported by mod.ts, so commands that show no diff don't load the `diff` package.
 */
import { createTwoFilesPatch } from "diff";
import type { Colors } from "./colors.ts";
import type { Conflict } from "../plan/mod.ts";

export function coloredPatch(
  path: string,
  before: string,
  after: string,
  labels: readonly [string, string],
  c: Colors,
): string {
  const patch = createTwoFilesPatch(path, path, before, after, labels[0], labels[1]);
  return patch.split("\n").map((line) =>
    line.startsWith("+") && !line.startsWith("+++")
      ? c.green(line)
      : line.startsWith("-") && !line.startsWith("---")
      ? c.red(line)
      : line.startsWith("@@")
      ? c.cyan(line)
      : line
  ).join("\n");
}

/** A unified diff per file in the way: what --force would change. */
export function conflictDiffs(conflicts: readonly Conflict[], c: Colors): string {
  return conflicts.map((f) =>
    coloredPatch(f.path, f.current, f.planned ?? "", ["existing", "pyscaffold"], c)
  ).join("\n");
}
