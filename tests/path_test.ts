/**
 * src/path.ts (pathe) answers as `node:path` does for the paths pyscaffold builds: project
 * names and targets as typed, a project's files joined to a root, staging folders beside it.
 */
import * as node from "node:path";
import { assertEquals } from "./_assert.ts";
import { basename, dirname, join, resolve } from "../src/path.ts";

const PATHS: string[][] = [
  ["shop-api"],
  ["./shop-api"],
  ["../x/shop-api"],
  ["/tmp/work", "shop-api"],
  ["/tmp/work/", "src", "items", "items_service.py"],
  ["a/", "b/"],
  ["/a", "..", "b"],
  ["a", "", "b"],
  ["."],
  ["a//b"],
  ["/a/b/"],
  ["..", "x"],
  ["../../x"],
  ["/tmp/x", ".pyscaffold-tx-1/alembic/versions"],
  ["/"],
];

Deno.test("path: join, resolve, dirname and basename answer as node:path does", () => {
  for (const parts of PATHS) {
    const label = JSON.stringify(parts);
    assertEquals(join(...parts), node.join(...parts), `join ${label}`);
    assertEquals(resolve(...parts), node.resolve(...parts), `resolve ${label}`);
    assertEquals(dirname(parts[0]), node.dirname(parts[0]), `dirname ${label}`);
    assertEquals(basename(parts[0]), node.basename(parts[0]), `basename ${label}`);
  }
});

Deno.test("path: resolve starts from Deno's working directory", () => {
  assertEquals(resolve("x"), `${Deno.cwd()}/x`);
  assertEquals(resolve("/abs", "y"), "/abs/y");
});
