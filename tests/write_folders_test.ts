/** The folders a new project's writer creates, once each (src/write/_new_project.ts). */
import { assertEquals } from "./_assert.ts";
import { foldersOf } from "../src/write/_new_project.ts";

Deno.test("write: every folder of the files once, each parent before its children", () => {
  const files = [
    "README.md",
    "src/items/items_model.py",
    "src/items/__init__.py",
    "src/app.py",
    "a-b/x",
    "a/b/c/d.txt",
    ".github/workflows/ci.yml",
  ].map((path) => ({ path }));
  const folders = foldersOf(files);
  assertEquals(folders, [
    ".github",
    ".github/workflows",
    "a",
    "a-b",
    "a/b",
    "a/b/c",
    "src",
    "src/items",
  ]);
  for (const [i, folder] of folders.entries()) {
    const parent = folder.slice(0, folder.lastIndexOf("/"));
    if (folder.includes("/")) assertEquals(folders.indexOf(parent) < i, true, folder);
  }
});
