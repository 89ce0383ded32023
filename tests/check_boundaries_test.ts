/** The boundary check of `deno task check` (tools/check_boundaries.ts) finds what it promises. */
import { assert, assertEquals } from "./_assert.ts";
import { checkBoundaries, cycles, importsOf } from "../tools/check_boundaries.ts";

Deno.test("boundaries: imports are classified as value, type-only or dynamic", () => {
  const source = [
    'import { a } from "./a.ts";',
    'import type { B } from "../b/b.ts";',
    'import { type C, type D } from "./c.ts";',
    'export { e } from "./e.ts";',
    'import { f } from "npm:f";',
    'const g = await import("../g/mod.ts");',
  ].join("\n");
  const edges = importsOf("/x/src/p/file.ts", source);
  const by = (to: string) => edges.find((e) => e.to === to)!;
  assertEquals(edges.length, 5, JSON.stringify(edges));
  assertEquals([by("/x/src/p/a.ts").typeOnly, by("/x/src/p/a.ts").dynamic], [false, false]);
  assert(by("/x/src/b/b.ts").typeOnly);
  assert(by("/x/src/p/c.ts").typeOnly);
  assert(!by("/x/src/p/e.ts").typeOnly);
  assert(by("/x/src/g/mod.ts").dynamic);
});

Deno.test("boundaries: cycles are found, a chain is not a cycle", () => {
  const graph = (pairs: [string, string][]) => {
    const g = new Map<string, Set<string>>();
    for (const [a, b] of pairs) g.set(a, (g.get(a) ?? new Set()).add(b));
    return g;
  };
  assertEquals(cycles(graph([["a", "b"], ["b", "c"]])), []);
  assertEquals(cycles(graph([["a", "b"], ["b", "c"], ["c", "a"], ["c", "d"]])), [["a", "b", "c"]]);
});

Deno.test("boundaries: src/ as it is keeps every rule", async () => {
  const { problems } = await checkBoundaries();
  assertEquals(problems, []);
});
