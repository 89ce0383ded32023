/**
 * Interrupting `new`: the real CLI is killed with SIGINT, SIGTERM and SIGKILL
 * at random moments, many times. Afterwards the target is either untouched
 * (absent, or the empty directory it was) or exactly the project a complete run writes (same paths, contents and modes).
 * After SIGINT and SIGTERM no staging directory is left; after SIGKILL one may
 * be, and the next run removes it.
 *
 * Half of the kills fall anywhere in the run (start-up included); the other
 * half are aimed at the write itself: they fire a random few hundred
 * microseconds after the staging directory appears.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { assert, assertEquals } from "./_assert.ts";

const MAIN = new URL("../main.ts", import.meta.url).pathname;
const KILLS = 36;
const SIGNALS: Deno.Signal[] = ["SIGINT", "SIGKILL", "SIGTERM"];
// What a kill leaves: a staging directory, or one still being locked (src/write/_staging.ts).
const STAGING = /^\.svc\.pyscaffold-[0-9a-f]{8}(\.locking)?$/;

function spawnNew(cwd: string): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "new", "svc", "--yes", "--no-celery", "--no-env", "--no-git"],
    cwd,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
}

/** path → sha256 and permission bits of every file under `dir`. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (rel: string) => {
    for await (const entry of Deno.readDir(join(dir, rel))) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory) {
        await walk(path);
        result[`${path}/`] = "dir";
      } else {
        const full = join(dir, path);
        const mode = ((await Deno.stat(full)).mode ?? 0) & 0o777;
        const hash = createHash("sha256").update(await Deno.readFile(full)).digest("hex");
        result[path] = `${hash} ${mode.toString(8)}`;
      }
    }
  };
  await walk("");
  return result;
}

/** Equal snapshots, or an error that names the paths that differ. */
function assertSame(
  actual: Record<string, string>,
  expected: Record<string, string>,
  what: string,
) {
  const paths = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  const differ = [...paths].filter((p) => actual[p] !== expected[p]).sort();
  assert(
    differ.length === 0,
    `${what}\n${differ.length} of ${paths.size} paths differ from the reference: ` +
      differ.slice(0, 20).map((p) => `${p} (${actual[p] ? "changed" : "missing"})`).join(", "),
  );
}

function entries(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

/** A small seeded generator, so that a failing sequence can be replayed (RELIABILITY_SEED). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin: timers are too coarse for sub-millisecond delays
  }
}

Deno.test({
  name: "interrupt: new killed at random moments leaves nothing or the whole project",
  sanitizeResources: false,
  fn: async () => {
    const seed = Number(Deno.env.get("RELIABILITY_SEED") ?? Date.now() % 1_000_000);
    const rand = random(seed);
    const root = await Deno.makeTempDir({ prefix: "pyscaffold-interrupt-" });

    // The reference: one complete run, timed.
    const refParent = join(root, "ref");
    await Deno.mkdir(refParent);
    const started = performance.now();
    const refRun = await spawnNew(refParent).output();
    const duration = performance.now() - started;
    assertEquals(refRun.code, 0, new TextDecoder().decode(refRun.stderr));
    const reference = await snapshot(join(refParent, "svc"));
    assert(Object.keys(reference).length > 1);

    const tally = { complete: 0, absent: 0, staleStaging: 0, cleanedByNextRun: 0, aimed: 0 };
    for (let i = 0; i < KILLS; i++) {
      const signal = SIGNALS[i % SIGNALS.length];
      const parent = join(root, `run-${i}`);
      await Deno.mkdir(parent);
      // Every other SIGTERM run fills an existing empty directory (entry by entry, not one rename).
      const existing = signal === "SIGTERM" && i % 2 === 0;
      if (existing) await Deno.mkdir(join(parent, "svc"));
      const child = spawnNew(parent);
      const aimed = i % 2 === 1;
      let when: string;
      if (aimed) {
        // Kill while the files are being written: watch for the staging directory.
        const deadline = performance.now() + duration * 5 + 5_000;
        while (performance.now() < deadline && !entries(parent).some((n) => STAGING.test(n))) {
          // poll as fast as possible
        }
        const delay = rand() * 0.5;
        busyWait(delay);
        when = `${delay.toFixed(3)} ms after staging appeared`;
        tally.aimed++;
      } else {
        const delay = rand() * duration * 1.2;
        await new Promise((r) => setTimeout(r, delay));
        when = `${delay.toFixed(1)} ms after spawn`;
      }
      try {
        child.kill(signal);
      } catch {
        // already exited
      }
      const status = await child.status;
      const stderr = new TextDecoder().decode(await new Response(child.stderr).arrayBuffer());
      const context = `kill ${i} (${signal}${existing ? ", existing target" : ""}, ${when}, ` +
        `seed ${seed}, exit ${status.code}): ${stderr}`;

      assert(!/crashed|this is a bug/.test(stderr), context);
      const names = entries(parent);
      const staging = names.filter((n) => STAGING.test(n));
      assertEquals(names.filter((n) => n !== "svc" && !STAGING.test(n)), [], context);
      const written = names.includes("svc") && entries(join(parent, "svc")).length > 0;
      if (written) {
        assertSame(await snapshot(join(parent, "svc")), reference, `partial target: ${context}`);
        tally.complete++;
      } else {
        assertEquals(names.includes("svc"), existing, `the empty target was removed: ${context}`);
        tally.absent++;
      }
      if (signal !== "SIGKILL") {
        assertEquals(staging, [], `staging left after ${context}`);
      } else if (staging.length > 0) {
        tally.staleStaging++;
      }

      // The next run completes and removes what a killed run left behind.
      await Deno.remove(join(parent, "svc"), { recursive: true }).catch(() => {});
      const next = await spawnNew(parent).output();
      assertEquals(next.code, 0, `next run after ${context}`);
      assertSame(await snapshot(join(parent, "svc")), reference, `next run: ${context}`);
      assertEquals(entries(parent), ["svc"], `leftovers after the next run: ${context}`);
      if (staging.length > 0) tally.cleanedByNextRun++;
      await Deno.remove(parent, { recursive: true });
    }
    console.log(
      `${KILLS} kills (seed ${seed}, run ≈ ${duration.toFixed(0)} ms, ${tally.aimed} aimed at ` +
        `the write): ${tally.complete} complete, ${tally.absent} untouched, ${tally.staleStaging} ` +
        `staging dirs left by SIGKILL, all ${tally.cleanedByNextRun} removed by the next run`,
    );
    await Deno.remove(root, { recursive: true });
  },
});

Deno.test("interrupt: a staging directory that is still in use is not removed", async () => {
  const parent = await Deno.makeTempDir({ prefix: "pyscaffold-staging-" });
  const live = join(parent, ".other.pyscaffold-0123abcd");
  const dead = join(parent, ".svc.pyscaffold-deadbeef");
  const notOurs = join(parent, ".svc.pyscaffold-keep");
  for (const dir of [live, dead, notOurs]) await Deno.mkdir(dir);
  await Deno.writeTextFile(join(dead, "half.py"), "# half");
  // Another run still writes into `live`: it holds the lock.
  const holder = await Deno.open(live, { read: true });
  await holder.lock(true);
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", MAIN, "new", "svc", "--yes", "--no-env", "--no-git"],
      cwd: parent,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
    assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
    assertEquals(entries(parent), [".other.pyscaffold-0123abcd", ".svc.pyscaffold-keep", "svc"]);
  } finally {
    holder.close();
    await Deno.remove(parent, { recursive: true });
  }
});
