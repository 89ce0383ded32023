/**
 * src/path.ts (pathe) answers as `node:path` does for the paths pyscaffold builds: project
 * names and targets as typed, a project's files joined to a root, staging folders beside it.
 * And the check of a path the answers file lists (src/project/paths.ts).
 */
import * as node from "node:path";
import { assertEquals } from "./_assert.ts";
import { basename, dirname, join, parentOf, resolve } from "../src/path.ts";
import { safeRelativePath } from "../src/project/paths.ts";

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

Deno.test("path: a walk up stops at a root, a Windows drive's and a network share's too", () => {
  const walk = (dir: string) => {
    const seen = [dir];
    for (let up = parentOf(dir); up !== undefined; up = parentOf(up)) seen.push(up);
    return seen;
  };
  assertEquals(walk("/home/me/shop-api"), ["/home/me/shop-api", "/home/me", "/home", "/"]);
  // pathe's dirname goes on from these to "/", the root of the working directory's drive.
  assertEquals(walk("C:/Users/me/shop-api"), [
    "C:/Users/me/shop-api",
    "C:/Users/me",
    "C:/Users",
    "C:/",
  ]);
  assertEquals(walk(resolve("D:\\work\\api")), ["D:/work/api", "D:/work", "D:/"]);
  assertEquals(walk("//server/share/team/api"), [
    "//server/share/team/api",
    "//server/share/team",
    "//server/share",
  ]);
});

Deno.test("project paths: every way out of the project, and names Windows cannot hold, are refused", () => {
  // `remove` deletes the paths the answers file lists: each is checked first (src/project/paths.ts).
  const refused = [
    "",
    "/etc/passwd",
    "../outside.py",
    "src/../../outside.py",
    "src/./items.py",
    "src//items.py",
    "src/items/",
    "src\\items.py",
    "C:/Windows/win.ini",
    "c:items.py",
    "src/items\u0000.py",
    "src/it\nems.py",
    "src/items\u007f.py",
    "src/items?.py",
    "src/items:stream.py",
    'src/"items".py',
    "src/<items>.py",
    "src/items|x.py",
    "src/items*.py",
    "src/con/items.py",
    "src/NUL.py",
    "src/lpt1",
    "com9.txt",
    "src/AUX.tar.gz",
    "src/..",
    "..",
    ".",
    `src/${"a".repeat(400)}.py`,
  ];
  assertEquals(refused.filter((path) => safeRelativePath(path) !== undefined), []);
  const kept = [
    "src/items/items_service.py",
    ".pyscaffold/base.jsonl",
    "src/console/x.py",
    "a.b",
    "src/...py",
    "src/..b/x.py",
    "src/com10.py",
    "src/nul_x.py",
  ];
  assertEquals(kept.map((path) => safeRelativePath(path)), kept);
});
