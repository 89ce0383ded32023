/**
 * After `rename`: the code of yours that still names a renamed field by its old name. The rename
 * renders the module's files again and merges them with your edits, but a line you wrote (a query
 * of your own, `columns_of(Product).sku`, a test that posts `{"sku": ...}`) keeps the old name, and
 * lint, mypy and the tests may all pass until it runs. So the project's Python files under `src/`
 * and `tests/` are searched for the old name (and a reference's old column) as a whole identifier,
 * as they are once the plan is written, and each line found is listed, `path:line`. pyscaffold's
 * own lines are not: in the module's files, the lines of the new render (`ModulePlan.generated`);
 * in any other file, the lines of its pristine copy in the base store. Alembic revisions are
 * history and are not searched (the new one names the old column on purpose).
 */
import { join } from "../path.ts";
import { fieldColumn } from "../choices/module_spec.ts";
import { readStore } from "../project/base_store.ts";
import type { ModulePlan } from "./module_ops.ts";

/** A line that still names a field by its old name. */
export interface OldNameUse {
  /** The file, relative to the project (`src/product/product_repository.py`). */
  path: string;
  /** 1-based. */
  line: number;
  /** The old name the line holds. */
  name: string;
  /** The line, trimmed. */
  text: string;
}

/** The folders searched, and the folders inside them that are not. */
const SEARCHED = ["src", "tests"];
const SKIPPED = new Set(["__pycache__", "migrations", "node_modules"]);

/** Every `.py` file under `dir` (relative to `root`), skipping hidden and generated folders. */
async function pythonFiles(root: string, dir: string, found: string[]): Promise<void> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(join(root, ...dir.split("/"))));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return;
    }
    throw error;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".") || SKIPPED.has(entry.name)) continue;
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) await pythonFiles(root, path, found);
    else if (entry.isFile && entry.name.endsWith(".py")) found.push(path);
  }
}

/** How many times each line occurs in `text`. */
function lineCounts(text: string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text?.split(/\r?\n/) ?? []) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/**
 * The lines of the project at `root` that name a field `change` renames by its old name, once
 * `change.plan` is written (its files' content, the disk's otherwise), pyscaffold's own lines
 * aside. Empty for a change that renames nothing.
 */
export async function oldNameUses(root: string, change: ModulePlan): Promise<OldNameUse[]> {
  const names = [
    ...new Set((change.renamed ?? []).flatMap(([from]) => [from.name, fieldColumn(from)])),
  ];
  if (names.length === 0) return [];
  const word = new RegExp(`(?<![A-Za-z0-9_])(${names.join("|")})(?![A-Za-z0-9_])`);
  const planned = new Map(change.plan.files.map((f) => [f.path, f.content]));
  const paths: string[] = [];
  for (const dir of SEARCHED) await pythonFiles(root, dir, paths);
  for (const path of planned.keys()) {
    if (SEARCHED.some((dir) => path.startsWith(`${dir}/`)) && path.endsWith(".py")) {
      paths.push(path);
    }
  }
  const hits: { path: string; lines: { index: number; line: string; name: string }[] }[] = [];
  for (const path of [...new Set(paths)].sort()) {
    const text = planned.get(path) ??
      await Deno.readTextFile(join(root, ...path.split("/"))).catch(() => "");
    if (!word.test(text)) continue;
    // In a region a merge left with markers, only your side is yours: the markers, the base
    // (`|||||||`) and pyscaffold's side (`=======`) are not uses of yours.
    let side: "yours" | "not yours" = "yours";
    const lines = text.split(/\r?\n/).flatMap((line, index) => {
      if (/^(<{7}|\|{7}|={7}|>{7})( |$)/.test(line)) {
        side = line.startsWith("|") || line.startsWith("=") ? "not yours" : "yours";
        return [];
      }
      const found = side === "yours" ? word.exec(line) : null;
      return found ? [{ index, line, name: found[1] }] : [];
    });
    hits.push({ path, lines });
  }
  if (hits.length === 0) return [];
  // pyscaffold's lines: the module's as rendered now, the others' as the store keeps them (read
  // only when a file outside the module has a hit; a damaged store hides nothing).
  const generated = change.generated ?? new Map<string, string>();
  const store = hits.some((h) => !generated.has(h.path))
    ? await readStore(root).catch(() => undefined)
    : undefined;
  const uses: OldNameUse[] = [];
  for (const { path, lines } of hits) {
    const ours = lineCounts(generated.get(path) ?? store?.files.get(path));
    for (const { index, line, name } of lines) {
      const left = ours.get(line) ?? 0;
      if (left > 0) {
        ours.set(line, left - 1);
        continue;
      }
      uses.push({ path, line: index + 1, name, text: line.trim() });
    }
  }
  return uses;
}
