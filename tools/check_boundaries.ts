/**
 * Keeps the module boundaries of src/ by a check, not by hope
 * (`deno task check` runs it):
 *
 * 1. every folder below src/ has a `mod.ts`, its public face;
 * 2. a file named `_*.ts` is imported only from its own folder and the folders
 *    inside it: other folders go through the folder's public files;
 * 3. no import cycles between files, and none between the top-level folders of
 *    src/ (a folder's files, its subfolders included, may import each other;
 *    two folders may not need each other; the files directly in src/ count as
 *    one folder). Type-only imports count for 1–2 but not for cycles: they vanish
 *    at run time. Dynamic `import()` counts for 2 but not for cycles: it is
 *    how commands load what only they need.
 *
 *   deno run --allow-read tools/check_boundaries.ts          # exit 1 on a violation
 *   deno run --allow-read tools/check_boundaries.ts --graph  # the folder graph
 */
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(new URL("..", import.meta.url).pathname);
const SRC = join(ROOT, "src");

interface Edge {
  from: string;
  to: string;
  /** `import type` / `export type`: erased at run time. */
  typeOnly: boolean;
  /** `import("...")`. */
  dynamic: boolean;
}

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

async function folders(dir: string): Promise<string[]> {
  const out = [dir];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory) out.push(...await folders(join(dir, entry.name)));
  }
  return out;
}

const STATIC = /^\s*(import|export)\s+(type\s+)?[^;]*?\sfrom\s+"(\.[^"]+)"/gm;
const BARE = /^\s*import\s+"(\.[^"]+)"/gm;
const DYNAMIC = /import\(\s*"(\.[^"]+)"\s*\)/g;

/** The relative imports of one file (bare and npm: specifiers are not ours). */
export function importsOf(file: string, source: string): Edge[] {
  const edges: Edge[] = [];
  const to = (spec: string) => resolve(dirname(file), spec);
  for (const m of source.matchAll(STATIC)) {
    const names = m[0];
    // `import { type A, type B } from` is type-only too.
    const braces = names.match(/\{([^}]*)\}/)?.[1];
    const allTypes = braces !== undefined && !/^\s*(import|export)\s+[^{]*\w+\s*,/.test(names) &&
      braces.split(",").map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith("type "));
    edges.push({ from: file, to: to(m[3]), typeOnly: !!m[2] || allTypes, dynamic: false });
  }
  for (const m of source.matchAll(BARE)) {
    edges.push({ from: file, to: to(m[1]), typeOnly: false, dynamic: false });
  }
  for (const m of source.matchAll(DYNAMIC)) {
    edges.push({ from: file, to: to(m[1]), typeOnly: false, dynamic: true });
  }
  return edges;
}

/** Every cycle's members in a graph given as adjacency lists (Tarjan's SCCs of size > 1). */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indices.get(w)!));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || graph.get(v)?.has(v)) found.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) visit(v);
  return found;
}

/** The top-level folder of src/ a file belongs to (`src` for the files directly in it). */
function unit(file: string): string {
  const parts = relative(SRC, file).split("/");
  return parts.length > 1 ? `src/${parts[0]}` : "src";
}

export async function checkBoundaries(): Promise<{ problems: string[]; folderGraph: string[] }> {
  const problems: string[] = [];
  const rel = (p: string) => relative(ROOT, p);
  for (const folder of (await folders(SRC)).filter((f) => f !== SRC)) {
    try {
      await Deno.stat(join(folder, "mod.ts"));
    } catch {
      problems.push(`${rel(folder)}/ has no mod.ts (its public face)`);
    }
  }
  const edges: Edge[] = [];
  for await (const file of sourceFiles(SRC)) {
    edges.push(...importsOf(file, await Deno.readTextFile(file)));
  }
  for (const e of edges) {
    const name = e.to.split("/").pop()!;
    const home = dirname(e.to);
    if (name.startsWith("_") && e.from !== home && !e.from.startsWith(home + "/")) {
      problems.push(`${rel(e.from)} imports ${rel(e.to)}, private to ${rel(dirname(e.to))}/`);
    }
  }
  const runtime = edges.filter((e) => !e.typeOnly && !e.dynamic && e.to.startsWith(SRC));
  const fileGraph = new Map<string, Set<string>>();
  const folderGraph = new Map<string, Set<string>>();
  for (const e of runtime) {
    if (!fileGraph.has(e.from)) fileGraph.set(e.from, new Set());
    fileGraph.get(e.from)!.add(e.to);
    const [a, b] = [unit(e.from), unit(e.to)];
    if (a !== b) {
      if (!folderGraph.has(a)) folderGraph.set(a, new Set());
      folderGraph.get(a)!.add(b);
    }
  }
  for (const cycle of cycles(fileGraph)) {
    problems.push(`import cycle between files: ${cycle.map(rel).join(" ↔ ")}`);
  }
  for (const cycle of cycles(folderGraph)) {
    const pairs = runtime.filter((e) =>
      cycle.includes(unit(e.from)) && cycle.includes(unit(e.to)) && unit(e.from) !== unit(e.to)
    ).map((e) => `    ${rel(e.from)} → ${rel(e.to)}`);
    problems.push(`import cycle between folders: ${cycle.join(" ↔ ")}\n${pairs.join("\n")}`);
  }
  const lines = [...folderGraph.entries()].sort().map(([a, bs]) =>
    `${a} → ${[...bs].sort().join(", ")}`
  );
  return { problems, folderGraph: lines };
}

if (import.meta.main) {
  const { problems, folderGraph } = await checkBoundaries();
  if (Deno.args.includes("--graph")) console.log(folderGraph.join("\n"));
  if (problems.length > 0) {
    console.error(
      `${problems.length} boundary problem(s) in src/:\n${
        problems.map((p) => `- ${p}`).join("\n")
      }`,
    );
    Deno.exit(1);
  }
  console.log("src/ boundaries: every folder has a mod.ts, private files stay private, no cycles");
}
