/**
 * Staging directories left by killed runs. `add` and `remove` are killed with SIGKILL at
 * every step of their write (a real process, killed by itself at the step), and `add`
 * from outside at random moments of its write; the next `add` or `remove` in the project
 * rolls an unfinished change back from its journal, so the project is exactly as it was
 * (or, killed after its commit, exactly as the change left it), and no staging directory
 * is left. Stale staging directories of `new` are removed by the next command that works
 * there; one still in use is not.
 */
import { join } from "node:path";
import { assert, assertEquals, assertMatch } from "./_assert.ts";
import { cli } from "./_cli.ts";
import { runAdd } from "../src/cli/add_command.ts";
import { runRemove } from "../src/cli/remove_command.ts";
import { ScriptedPrompter } from "../src/wizard/scripted_prompter.ts";
import { cleanStaleStaging } from "../src/write/mod.ts";
import { sha256 } from "../src/plan/mod.ts";
import type { Plan } from "../src/plan/mod.ts";
import { isRecordPath } from "../src/project/answers_file.ts";

const CONFIG = new URL("../deno.json", import.meta.url).pathname;
const WRITER = new URL("../src/write/mod.ts", import.meta.url).href;
const quiet = { interactive: false, prompter: new ScriptedPrompter([]) };
const TX = /^\.pyscaffold-tx-[0-9a-f]{8}$/;

let template: string | undefined;

/** A copy of a real generated project (made once with the CLI). */
async function project(): Promise<string> {
  if (!template) {
    const parent = await Deno.makeTempDir({ prefix: "pyscaffold-staging-tpl-" });
    const r = await cli(["new", "svc", "--yes", "--no-celery"], parent);
    assertEquals(r.code, 0, r.stderr);
    template = join(parent, "svc");
  }
  const parent = await Deno.makeTempDir({ prefix: "pyscaffold-staging-" });
  const copy = join(parent, "svc");
  const r = await new Deno.Command("cp", { args: ["-a", template, copy] }).output();
  assert(r.success);
  return copy;
}

/** Every file and folder under `dir` (folders end with `/`), files with their sha256. */
async function snapshot(dir: string, prefix = ""): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) {
      files[`${rel}/`] = "dir";
      Object.assign(files, await snapshot(dir, rel));
    } else files[rel] = await sha256(await Deno.readTextFile(join(dir, rel)));
  }
  return files;
}

/** The step names a write of `plan` goes through (the writer's checkpoints): records last. */
function steps(plan: Plan): string[] {
  const files = plan.files.filter((f) => !isRecordPath(f.path));
  const records = plan.files.filter((f) => isRecordPath(f.path));
  const deletes = plan.deletes.map((d) => d.path);
  return [
    ...[...files, ...records].map((f) => `stage ${f.path}`),
    ...files.map((f) => `place ${f.path}`),
    ...deletes.filter((p) => !isRecordPath(p)).map((p) => `delete ${p}`),
    ...deletes.filter(isRecordPath).map((p) => `delete ${p}`),
    ...records.map((f) => `place ${f.path}`),
    "commit",
  ];
}

/** Writes `plan` into `dir` in a process that kills itself (SIGKILL) at `step`. */
async function killedAt(plan: Plan, dir: string, step: string): Promise<void> {
  const script = join(await Deno.makeTempDir(), "kill.ts");
  await Deno.writeTextFile(
    script,
    `import { writePlan } from ${JSON.stringify(WRITER)};
await writePlan(${JSON.stringify(plan)}, ${JSON.stringify(dir)}, {
  onStep: (step) => {
    if (step === ${JSON.stringify(step)}) Deno.kill(Deno.pid, "SIGKILL");
  },
});
console.log("finished");
`,
  );
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", CONFIG, script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(out.signal, "SIGKILL", `${step}: ${new TextDecoder().decode(out.stderr)}`);
}

function txDirs(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => TX.test(n));
}

for (const command of ["add", "remove"] as const) {
  Deno.test(`staging: SIGKILL at any step of ${command}; the next command rolls it back`, async () => {
    const dir = await project();
    const plan = command === "add"
      ? (await runAdd("booking", { ...quiet, cwd: dir, field: ["guest:str(80)"], dryRun: true }))!
        .plan
      : (await runRemove("items", { ...quiet, yes: true, cwd: dir, dryRun: true }))!.plan;
    const before = await snapshot(dir);
    const all = steps(plan);
    assert(all.length > 5, all.join(", "));
    let leftBehind = 0;
    for (const step of all) {
      await killedAt(plan, dir, step);
      leftBehind += txDirs(dir).length;
      // The next command in the project, here a dry run from a sub-folder, cleans up first.
      const args = command === "add"
        ? ["add", "other", "--field", "x:int", "--dry-run"]
        : ["remove", "items", "--dry-run"];
      const next = await cli(args, join(dir, "src"));
      assertEquals(next.code, 0, `${step}: ${next.stderr}`);
      assertEquals(txDirs(dir), [], step);
      assertEquals(await snapshot(dir), before, `after a kill at "${step}"`);
    }
    assertEquals(leftBehind, all.length, "every kill left its staging directory");
  });
}

Deno.test("staging: a finished change whose directory survived is not rolled back", async () => {
  const dir = await project();
  await runAdd("booking", { ...quiet, cwd: dir, field: ["guest:str(80)"] });
  const after = await snapshot(dir);
  // As if killed between the commit and the removal of the staging directory.
  const stale = join(dir, ".pyscaffold-tx-0badcafe");
  await Deno.mkdir(stale);
  await Deno.writeTextFile(
    join(stale, "journal"),
    `${JSON.stringify({ place: "src/booking/booking_service.py", staged: "new-0" })}\n` +
      `${JSON.stringify({ commit: true })}\n`,
  );
  assertEquals(await cleanStaleStaging(join(dir, "src")), [".pyscaffold-tx-0badcafe"]);
  assertEquals(await snapshot(dir), after);
});

Deno.test("staging: stale directories of new are removed by the next command there; live ones stay", async () => {
  const dir = await project();
  const parent = join(dir, "..");
  const dead = join(parent, ".svc.pyscaffold-deadbeef");
  const deadTx = join(dir, ".pyscaffold-tx-deadbeef");
  const live = join(parent, ".other.pyscaffold-0123abcd");
  const liveTx = join(dir, ".pyscaffold-tx-0123abcd");
  const notOurs = join(parent, ".svc.pyscaffold-keep");
  // What a kill between a staging directory's mkdir and its lock leaves (src/write/_staging.ts),
  // and one that a live run holds.
  const deadLocking = join(parent, ".svc.pyscaffold-feedf00d.locking");
  const deadTxLocking = join(dir, ".pyscaffold-tx-feedf00d.locking");
  const liveLocking = join(parent, ".other.pyscaffold-4567cdef.locking");
  for (const d of [dead, deadTx, live, liveTx, notOurs, deadLocking, deadTxLocking, liveLocking]) {
    await Deno.mkdir(d);
  }
  await Deno.writeTextFile(join(dead, "half.py"), "# half");
  const holders = await Promise.all(
    [live, liveTx, liveLocking].map((d) => Deno.open(d, { read: true })),
  );
  try {
    for (const holder of holders) await holder.lock(true);
    // `add` in the project: its own unfinished change, and new's leftovers beside it.
    const r = await cli(["add", "booking", "--field", "guest:str", "--dry-run"], dir);
    assertEquals(r.code, 0, r.stderr);
    assert(r.stderr.includes("Cleaned up after an interrupted pyscaffold run"), r.stderr);
    const names = (d: string) => [...Deno.readDirSync(d)].map((e) => e.name).sort();
    const kept = [
      ".other.pyscaffold-0123abcd",
      ".other.pyscaffold-4567cdef.locking",
      ".svc.pyscaffold-keep",
      "svc",
    ];
    assertEquals(names(parent), kept);
    assert(
      names(dir).includes(".pyscaffold-tx-0123abcd") &&
        !names(dir).includes(".pyscaffold-tx-deadbeef") &&
        !names(dir).includes(".pyscaffold-tx-feedf00d.locking"),
      names(dir).join(", "),
    );
    // `new --dry-run` elsewhere in the parent cleans a stale one too.
    await Deno.mkdir(dead);
    await Deno.mkdir(deadLocking);
    const n = await cli(["new", "other-api", "--yes", "--dry-run"], parent);
    assertEquals(n.code, 0, n.stderr);
    assertEquals(names(parent), kept);
  } finally {
    for (const holder of holders) holder.close();
  }
});

/** Spins for `ms` milliseconds (a timer cannot wait a fraction of one). */
function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

Deno.test({
  name:
    "staging: add killed (SIGKILL) at random moments of its write; the next command leaves it undone or done",
  sanitizeResources: false,
  fn: async () => {
    const kills = 12;
    const add = ["add", "booking", "--field", "guest:str(80)", "--yes"];
    const reference = await project();
    const before = await snapshot(reference);
    const run = await cli(add, reference);
    assertEquals(run.code, 0, run.stderr);
    const after = await snapshot(reference);
    const tally = { undone: 0, done: 0, leftBehind: 0 };
    for (let i = 0; i < kills; i++) {
      const dir = await project();
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", new URL("../main.ts", import.meta.url).pathname, ...add],
        cwd: dir,
        stdin: "null",
        stdout: "null",
        stderr: "null",
        env: { NO_COLOR: "1" },
      }).spawn();
      // Aimed at the write: killed a random fraction of a millisecond after staging appears.
      let exited = false;
      child.status.then(() => exited = true);
      while (!exited && txDirs(dir).length === 0) {
        await new Promise((r) => setTimeout(r, 0)); // lets `exited` be set
      }
      const delay = (i / kills) * 12;
      busyWait(delay);
      try {
        child.kill("SIGKILL");
      } catch {
        // already exited
      }
      await child.status;
      tally.leftBehind += txDirs(dir).length;
      const next = await cli(["remove", "ghost", "--dry-run"], dir);
      assertEquals(next.code, 2, next.stderr); // no such module: but it cleaned up first
      assertEquals(txDirs(dir), [], `kill ${i}, ${delay.toFixed(2)} ms`);
      const now = await snapshot(dir);
      const sorted = (o: Record<string, string>) =>
        Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
      const [n, b, a] = [sorted(now), sorted(before), sorted(after)];
      const isBefore = JSON.stringify(n) === JSON.stringify(b);
      const isAfter = JSON.stringify(n) === JSON.stringify(a);
      assert(isBefore || isAfter, `kill ${i} (${delay.toFixed(2)} ms): neither before nor after`);
      if (isBefore) tally.undone++;
      else tally.done++;
    }
    console.log(
      `${kills} kills: ${tally.undone} rolled back, ${tally.done} complete, ` +
        `${tally.leftBehind} staging directories left and cleaned`,
    );
  },
});

Deno.test("staging: a file the killed add placed and the user changed since is kept, and said", async () => {
  const dir = await project();
  const plan = (await runAdd("booking", {
    ...quiet,
    cwd: dir,
    field: ["guest:str(80)"],
    dryRun: true,
  }))!.plan;
  // Killed as it places the module's record: every module file is in place, nothing recorded.
  await killedAt(plan, dir, "place .pyscaffold/modules/booking.json");
  const model = join(dir, "src", "models", "booking_model.py");
  const edited = (await Deno.readTextFile(model)) + "# an edit of the user's\n";
  await Deno.writeTextFile(model, edited);
  const next = await cli(["add", "other", "--field", "x:int", "--dry-run"], dir);
  assertEquals(next.code, 0, next.stderr);
  assertMatch(next.stderr, /kept, changed since: src\/models\/booking_model\.py/);
  assertEquals(await Deno.readTextFile(model), edited);
  // What nobody changed is rolled back as before.
  const gone = await Deno.lstat(join(dir, "src", "booking", "booking_service.py")).then(
    () => false,
    () => true,
  );
  assert(gone, "an unchanged file of the killed add stays");
  assertEquals(txDirs(dir), []);
});
