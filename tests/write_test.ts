/**
 * The one writer (src/write): a `new` plan staged and renamed into place, an
 * `existing` plan applied with backups and rolled back, the answers file last
 * in both, and a failure or signal leaving the disk as it was.
 */
import { assert, assertEquals, assertMatch, assertRejects } from "./_assert.ts";
import { join } from "node:path";
import { writePlan } from "../src/write/mod.ts";
import { NEW_STAGING, TX_STAGING } from "../src/write/_staging.ts";
import type { FileAction, Plan, PlannedFile } from "../src/plan/mod.ts";
import { resolveProjectSpec } from "../src/choices/project_spec.ts";
import { ANSWERS_FILE } from "../src/project/answers_file.ts";
import { UserError } from "../src/errors.ts";
import { MAIN } from "./_cli.ts";

const dec = new TextDecoder();

function file(path: string, content = `# ${path}\n`, action: FileAction = "create"): PlannedFile {
  return {
    action,
    path,
    content,
    size: content.length,
    lines: 1,
    origin: "core",
    why: "test",
    template: "",
  };
}

function plan(target: Plan["target"], files: PlannedFile[], deletes: string[] = []): Plan {
  return {
    root: "svc",
    spec: resolveProjectSpec({ name: "svc" }),
    target,
    files,
    deletes: deletes.map((path) => ({
      action: "delete",
      path,
      origin: "module",
      why: "",
      template: "",
    })),
    conflicts: [],
    prune: [],
  };
}

async function entries(dir: string): Promise<string[]> {
  const names = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
}

/** path → content of every file under `dir`. */
async function contents(dir: string, prefix = ""): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) Object.assign(files, await contents(dir, rel));
    else files[rel] = await Deno.readTextFile(join(dir, rel));
  }
  return files;
}

/** A small existing project: a README, a module file and its answers file. */
async function existingProject(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "pyscaffold-write-" });
  await Deno.mkdir(join(dir, "src"));
  await Deno.writeTextFile(join(dir, "README.md"), "# svc\n");
  await Deno.writeTextFile(join(dir, "src", "old.py"), "old\n");
  await Deno.writeTextFile(join(dir, ANSWERS_FILE), "{}\n");
  return dir;
}

const CHANGES = () =>
  plan("existing", [
    file("src/pkg/a.py", "a\n"),
    file("README.md", "replaced\n", "replace"),
    file(ANSWERS_FILE, '{"new": true}\n', "replace"),
  ], ["src/old.py"]);

Deno.test("write: a new project appears complete, with no staging left", async () => {
  const parent = await Deno.makeTempDir();
  const progress: string[] = [];
  await writePlan(
    plan("new", [file("a.txt"), file("src/b.py"), { ...file("run.sh"), executable: true }]),
    join(parent, "svc"),
    { onProgress: (_n, _total, path) => progress.push(path) },
  );
  assertEquals(await entries(parent), ["svc"]);
  assertEquals(await Deno.readTextFile(join(parent, "svc/src/b.py")), "# src/b.py\n");
  assertEquals((await Deno.stat(join(parent, "svc/run.sh"))).mode! & 0o111, 0o111);
  assertEquals(progress, ["a.txt", "src/b.py", "run.sh"]);
});

Deno.test("write: a new project's files and folders take the umask, as git and cp make them", async () => {
  // A subprocess: the umask is the process's, and test files run side by side in this one.
  const parent = await Deno.makeTempDir();
  const run = await new Deno.Command("sh", {
    args: [
      "-c",
      'umask 027 && exec "$0" run -A "$1" new svc --yes --no-git --no-env',
      Deno.execPath(),
      MAIN,
    ],
    cwd: parent,
    stdout: "null",
    stderr: "piped",
  }).output();
  assertEquals(run.code, 0, dec.decode(run.stderr));
  let checked = 0;
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      const mode = ((await Deno.lstat(path)).mode! & 0o777).toString(8);
      assertEquals(mode, entry.isDirectory ? "750" : "640", path);
      checked++;
      if (entry.isDirectory) await walk(path);
    }
  };
  await walk(join(parent, "svc"));
  assert(checked > 40);
});

Deno.test("write: a file a change replaces keeps its permissions; a new one takes the umask", async () => {
  const dir = await existingProject();
  await Deno.chmod(join(dir, "README.md"), 0o750);
  await Deno.chmod(join(dir, ANSWERS_FILE), 0o600);
  await writePlan(
    plan("existing", [
      file("README.md", "replaced\n", "replace"),
      file(ANSWERS_FILE, '{"new": true}\n', "replace"),
      file("src/new.py"),
    ]),
    dir,
  );
  const mode = async (path: string) =>
    ((await Deno.stat(join(dir, path))).mode! & 0o777).toString(8);
  assertEquals(await Deno.readTextFile(join(dir, "README.md")), "replaced\n");
  assertEquals(await mode("README.md"), "750");
  assertEquals(await mode(ANSWERS_FILE), "600");
  // What this process's umask makes of a file created without a mode.
  await Deno.writeTextFile(join(dir, "probe"), "");
  assertEquals(await mode("src/new.py"), await mode("probe"));
});

Deno.test("write: new projects written side by side at once all land (no cleaner takes a live staging)", async () => {
  // Each `new` first removes the staging directories beside its target that no run holds. A
  // directory just made and not yet locked looked like a dead run's to another `new` starting
  // in the same parent (the contract e2e test generates Flask and Quart there at once).
  const parent = await Deno.makeTempDir();
  const names = Array.from({ length: 12 }, (_, i) => `svc${i}`);
  for (let round = 0; round < 5; round++) {
    const files = Array.from({ length: 20 }, (_, i) => file(`src/pkg${i}/m.py`));
    const results = await Promise.allSettled(
      names.map((name) => writePlan(plan("new", files), join(parent, `${name}-${round}`))),
    );
    const failed = results.flatMap((r) => r.status === "rejected" ? [String(r.reason)] : []);
    assertEquals(failed, []);
  }
  assertEquals((await entries(parent)).length, names.length * 5);
});

/**
 * Runs `work` while another thread (tests/_cleaner_worker.ts) looks for staging directories
 * named like `pattern` in `dir` and tries their locks, as other runs' cleaners starting at
 * every moment would. Returns the names it found unlocked: ones a cleaner would have removed.
 */
async function unlockedWhile(dir: string, pattern: RegExp, work: () => Promise<unknown>) {
  const worker = new Worker(new URL("./_cleaner_worker.ts", import.meta.url), { type: "module" });
  const looking = Promise.withResolvers<void>();
  const seen = Promise.withResolvers<{ unlocked: string[]; looks: number }>();
  worker.onmessage = (e) => e.data === "looking" ? looking.resolve() : seen.resolve(e.data);
  worker.postMessage({ dir, pattern: pattern.source });
  await looking.promise;
  try {
    await work();
  } finally {
    worker.postMessage("stop");
  }
  const { unlocked, looks } = await seen.promise;
  worker.terminate();
  assert(looks > 1, "the cleaner looked while the writer worked");
  return unlocked;
}

Deno.test("write: a staging directory is locked from the moment a cleaner could see it", async () => {
  // A cleaner removes every staging directory whose lock nobody holds. One made and locked by
  // asynchronous calls was unlocked for an event-loop turn or two, and a cleaner listing the
  // parent then removed it from under its writer (twelve `new`s at once failed so).
  const parent = await Deno.makeTempDir();
  const files = Array.from({ length: 3 }, (_, i) => file(`src/pkg${i}/m.py`));
  const news = Array.from({ length: 60 }, (_, i) => `svc${i}`);
  const unlockedNew = await unlockedWhile(parent, NEW_STAGING, async () => {
    for (const name of news) await writePlan(plan("new", files), join(parent, name));
  });
  assertEquals(unlockedNew, []);
  assertEquals(await entries(parent), news.sort());

  const project = await existingProject();
  const unlockedTx = await unlockedWhile(project, TX_STAGING, async () => {
    for (let i = 0; i < 60; i++) {
      await writePlan(plan("existing", [file(`src/m${i}.py`)]), project);
    }
  });
  assertEquals(unlockedTx, []);
  assertEquals((await entries(join(project, "src"))).length, 61);
  assertEquals(await entries(project), [ANSWERS_FILE, "README.md", "src"]);
});

Deno.test("write: a failure midway leaves neither the target nor a staging directory", async () => {
  const parent = await Deno.makeTempDir();
  // "a" as a file and then as a directory cannot both be written.
  await assertRejects(
    () => writePlan(plan("new", [file("a"), file("a/b")]), join(parent, "svc")),
    (e) => assert(e instanceof UserError, String(e)),
  );
  assertEquals(await entries(parent), []);
});

Deno.test("write: a non-empty target is refused before anything is written", async () => {
  const parent = await Deno.makeTempDir();
  await Deno.mkdir(join(parent, "svc"));
  await Deno.writeTextFile(join(parent, "svc", "keep.txt"), "mine");
  await assertRejects(() =>
    writePlan(plan("new", [file("keep.txt", "theirs")]), join(parent, "svc"))
  );
  assertEquals(await Deno.readTextFile(join(parent, "svc", "keep.txt")), "mine");
  assertEquals(await entries(parent), ["svc"]);
});

Deno.test("write: a path outside the project is refused, in either kind of plan", async () => {
  const parent = await Deno.makeTempDir();
  for (const bad of ["../escape.py", "/etc/passwd", "a/../../b", "C:/x"]) {
    await assertRejects(() => writePlan(plan("new", [file(bad)]), join(parent, "svc")));
    await assertRejects(() => writePlan(plan("existing", [], [bad]), parent));
  }
  assertEquals(await entries(parent), []);
});

Deno.test("write: changes to a project create, replace and delete, the answers file last", async () => {
  const dir = await existingProject();
  const steps: string[] = [];
  await writePlan(CHANGES(), dir, {
    onStep: (step) => {
      steps.push(step);
    },
  });
  assertEquals(await contents(dir), {
    "README.md": "replaced\n",
    "src/pkg/a.py": "a\n",
    [ANSWERS_FILE]: '{"new": true}\n',
  });
  const placed = steps.filter((s) => !s.startsWith("stage "));
  assertEquals(placed, [
    "place src/pkg/a.py",
    "place README.md",
    "delete src/old.py",
    `place ${ANSWERS_FILE}`,
    "commit",
  ]);
});

Deno.test("write: a failure at any step of a change restores the project exactly", async () => {
  const dir = await existingProject();
  const before = await contents(dir);
  const steps: string[] = [];
  await writePlan(CHANGES(), await existingProject(), {
    onStep: (step) => {
      steps.push(step);
    },
  });
  for (const failAt of steps) {
    await assertRejects(
      () =>
        writePlan(CHANGES(), dir, {
          onStep: (step) => {
            if (step === failAt) throw new Error(`disk full at ${step}`);
          },
        }),
      (e) => assertMatch((e as Error).message, /disk full/),
    );
    assertEquals(await contents(dir), before, `after a failure at ${failAt}`);
    assertEquals(await entries(join(dir, "src")), ["old.py"], `after a failure at ${failAt}`);
  }
});

Deno.test("write: a file that appeared where the plan creates one is not replaced", async () => {
  const dir = await existingProject();
  await Deno.mkdir(join(dir, "src", "pkg"));
  await Deno.writeTextFile(join(dir, "src", "pkg", "a.py"), "mine\n");
  const before = await contents(dir);
  await assertRejects(() => writePlan(CHANGES(), dir), (e) => {
    assert(e instanceof UserError, String(e));
    assertMatch(e.message, /src\/pkg\/a\.py appeared since the plan was made/);
  });
  assertEquals(await contents(dir), before);
});

/**
 * A real signal, in a process of its own (the test runner handles SIGINT
 * itself), sent by the step hook half-way through `target`'s write.
 */
async function interruptedWrite(
  signal: Deno.Signal,
  target: string,
  writePlanArgs: string,
  at: string,
): Promise<string> {
  const script = join(await Deno.makeTempDir(), "interrupt.ts");
  const writer = new URL("../src/write/mod.ts", import.meta.url).href;
  await Deno.writeTextFile(
    script,
    `import { writePlan } from ${JSON.stringify(writer)};
let delivered = false;
Deno.addSignalListener(${JSON.stringify(signal)}, () => delivered = true);
try {
  await writePlan(${writePlanArgs}, ${JSON.stringify(target)}, {
    // Sends the signal, and waits there until it is delivered.
    onStep: async (step) => {
      if (step !== ${JSON.stringify(at)}) return;
      Deno.kill(Deno.pid, ${JSON.stringify(signal)});
      while (!delivered) await new Promise((r) => setTimeout(r, 1));
    },
  });
  console.log("finished");
} catch (error) {
  console.log(error.name);
}
`,
  );
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", new URL("../deno.json", import.meta.url).pathname, script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  return dec.decode(out.stdout).trim() + dec.decode(out.stderr);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.test(`write: ${signal} half-way through a change rolls it back`, async () => {
    const dir = await existingProject();
    const before = await contents(dir);
    const out = await interruptedWrite(
      signal,
      dir,
      JSON.stringify(CHANGES()),
      "place src/pkg/a.py",
    );
    assertEquals(out, "CancelledError");
    assertEquals(await contents(dir), before);
  });

  Deno.test(`write: ${signal} half-way through a new project leaves nothing`, async () => {
    const parent = await Deno.makeTempDir();
    const files = [file("a.py"), file("src/b.py"), file(ANSWERS_FILE, "{}\n")];
    const out = await interruptedWrite(
      signal,
      join(parent, "svc"),
      JSON.stringify(plan("new", files)),
      "stage src/b.py",
    );
    assertEquals(out, "CancelledError");
    assertEquals(await entries(parent), []);
  });
}
