/**
 * Which Python files of a project import a module that `remove` would delete: after a
 * remove, the app must still start and its tests still pass, so a file that stays must
 * not import a file that goes (`ModuleNotFoundError` at start-up, the controllers being
 * imported by discovery).
 */
import { join } from "../path.ts";

/** The folders of a generated project that hold its Python code. */
const CODE_DIRS = ["src", "tests", "migrations"];

/** A file that stays and a module it imports that would be deleted. */
export interface BrokenImport {
  /** The importing file, relative to the project (`src/booking/booking_controller.py`). */
  file: string;
  /** The dotted module it imports that would be deleted (`src.booking.booking_service`). */
  module: string;
}

/** `src/booking/booking_service.py` → `src.booking.booking_service`. */
export function dottedModule(path: string): string {
  return path.replace(/\.py$/, "").replace(/\/__init__$/, "").replaceAll("/", ".");
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The names the `from PACKAGE import ...` statements that `statement` finds import. */
function importedNames(source: string, statement: RegExp): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(statement)) {
    for (const part of (m[2] ?? m[1]).split(",")) {
      const name = part.replace(/#.*$/gm, "").trim().split(/\s+/)[0];
      if (name) names.push(name);
    }
  }
  return names;
}

/**
 * A test of whether a source imports the dotted module `mod` (or something inside it): its
 * expressions built once, for every file `remove` reads. Built per file and module, they cost
 * `remove` ~100 ms in a project of 50 modules (docs/DECISIONS.md, "`remove`: the import check
 * built once per module").
 */
export function importTest(mod: string): (source: string) => boolean {
  const direct = new RegExp(
    `^\\s*(from\\s+${escape(mod)}(\\.\\w+)*\\s+import\\b|import\\s+[^\\n#]*\\b${
      escape(mod)
    }(\\.\\w+)*\\s*($|,|\\s+as\\b|#))`,
    "m",
  );
  const dot = mod.lastIndexOf(".");
  const last = mod.slice(dot + 1);
  // `from PACKAGE import (name, ...)`: one line, or a list in parentheses.
  const fromPackage = dot > 0
    ? new RegExp(
      `^\\s*from\\s+${escape(mod.slice(0, dot))}\\s+import\\s+(\\(([^)]*)\\)|[^\\n#]*)`,
      "gm",
    )
    : undefined;
  // Every form names the module's last part: a file without it is passed over unparsed.
  return (source) =>
    source.includes(last) &&
    (direct.test(source) ||
      (fromPackage !== undefined && importedNames(source, fromPackage).includes(last)));
}

/** The `.py` files under `dir`, sorted. Synchronous: a wait per entry and per file added up. */
function pythonFiles(root: string, dir: string): string[] {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(join(root, dir))];
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory && !entry.name.startsWith(".") && entry.name !== "__pycache__") {
      found.push(...pythonFiles(root, rel));
    } else if (entry.isFile && entry.name.endsWith(".py")) {
      found.push(rel);
    }
  }
  return found;
}

/**
 * The files under src/, tests/ and migrations/ that stay (not in `deleted`) and import a
 * module of a file in `deleted`. A package's `__init__.py` is left out: without it the
 * folder still imports (as a namespace package), and every module in it is checked itself.
 */
export function brokenImports(root: string, deleted: readonly string[]): BrokenImport[] {
  const deletedSet = new Set(deleted);
  const tests = deleted
    .filter((path) => path.endsWith(".py") && !path.endsWith("__init__.py"))
    .map(dottedModule)
    .map((mod) => ({ mod, imports: importTest(mod) }));
  if (tests.length === 0) return [];
  const broken: BrokenImport[] = [];
  for (const dir of CODE_DIRS) {
    for (const file of pythonFiles(root, dir)) {
      if (deletedSet.has(file)) continue;
      const source = Deno.readTextFileSync(join(root, file));
      for (const { mod, imports } of tests) {
        if (imports(source)) broken.push({ file, module: mod });
      }
    }
  }
  return broken;
}
