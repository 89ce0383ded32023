import { assert, assertEquals, assertRejects } from "./_assert.ts";
import { join } from "node:path";
import { writeNewProject } from "../src/write/mod.ts";
import type { PlannedFile } from "../src/plan/mod.ts";
import { UserError } from "../src/errors.ts";

function file(path: string, content = `# ${path}\n`): PlannedFile {
  return {
    path,
    content,
    size: content.length,
    lines: 1,
    origin: "core",
    why: "test",
    template: "",
  };
}

async function entries(dir: string): Promise<string[]> {
  const names = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
}

Deno.test("write: a new project appears complete, with no staging left", async () => {
  const parent = await Deno.makeTempDir();
  const progress: string[] = [];
  await writeNewProject(
    join(parent, "svc"),
    [file("a.txt"), file("src/b.py"), { ...file("run.sh"), executable: true }],
    (_n, _total, path) => progress.push(path),
  );
  assertEquals(await entries(parent), ["svc"]);
  assertEquals(await Deno.readTextFile(join(parent, "svc/src/b.py")), "# src/b.py\n");
  assertEquals((await Deno.stat(join(parent, "svc/run.sh"))).mode! & 0o111, 0o111);
  assertEquals(progress, ["a.txt", "src/b.py", "run.sh"]);
});

Deno.test("write: a failure midway leaves neither the target nor a staging directory", async () => {
  const parent = await Deno.makeTempDir();
  // "a" as a file and then as a directory cannot both be written.
  await assertRejects(
    () => writeNewProject(join(parent, "svc"), [file("a"), file("a/b")]),
    (e) => assert(e instanceof UserError, String(e)),
  );
  assertEquals(await entries(parent), []);
});

Deno.test("write: a non-empty target is refused before anything is written", async () => {
  const parent = await Deno.makeTempDir();
  await Deno.mkdir(join(parent, "svc"));
  await Deno.writeTextFile(join(parent, "svc", "keep.txt"), "mine");
  await assertRejects(() => writeNewProject(join(parent, "svc"), [file("keep.txt", "theirs")]));
  assertEquals(await Deno.readTextFile(join(parent, "svc", "keep.txt")), "mine");
  assertEquals(await entries(parent), ["svc"]);
});
