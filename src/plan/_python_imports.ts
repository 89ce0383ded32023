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

/** The names one `from PACKAGE import ...` statement imports (one line or in parentheses). */
function importedNames(source: string, pkg: string): string[] {
  const names: string[] = [];
  const statement = new RegExp(
    `^\\s*from\\s+${escape(pkg)}\\s+import\\s+(\\(([^)]*)\\)|[^\\n#]*)`,
    "gm",
  );
  for (const m of source.matchAll(statement)) {
    for (const part of (m[2] ?? m[1]).split(",")) {
      const name = part.replace(/#.*$/gm, "").trim().split(/\s+/)[0];
      if (name) names.push(name);
    }
  }
  return names;
}

/** Whether `source` imports the dotted module `mod` (or something inside it). */
export function importsModule(source: string, mod: string): boolean {
  const direct = new RegExp(
    `^\\s*(from\\s+${escape(mod)}(\\.\\w+)*\\s+import\\b|import\\s+[^\\n#]*\\b${
      escape(mod)
    }(\\.\\w+)*\\s*($|,|\\s+as\\b|#))`,
    "m",
  );
  if (direct.test(source)) return true;
  const dot = mod.lastIndexOf(".");
  return dot > 0 && importedNames(source, mod.slice(0, dot)).includes(mod.slice(dot + 1));
}

async function pythonFiles(root: string, dir: string): Promise<string[]> {
  const entries: Deno.DirEntry[] = [];
  try {
    for await (const entry of Deno.readDir(join(root, dir))) entries.push(entry);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory && !entry.name.startsWith(".") && entry.name !== "__pycache__") {
      found.push(...await pythonFiles(root, rel));
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
export async function brokenImports(
  root: string,
  deleted: readonly string[],
): Promise<BrokenImport[]> {
  const deletedSet = new Set(deleted);
  const modules = deleted
    .filter((path) => path.endsWith(".py") && !path.endsWith("__init__.py"))
    .map(dottedModule);
  if (modules.length === 0) return [];
  const broken: BrokenImport[] = [];
  for (const dir of CODE_DIRS) {
    for (const file of await pythonFiles(root, dir)) {
      if (deletedSet.has(file)) continue;
      const source = await Deno.readTextFile(join(root, file));
      for (const mod of modules) {
        if (importsModule(source, mod)) broken.push({ file, module: mod });
      }
    }
  }
  return broken;
}
