/**
 * Cold start of pyscaffold: the median wall time of fresh processes running
 * `pyscaffold --help` and `pyscaffold new x --yes --dry-run`, from the checkout
 * (`deno run -A main.ts`) and from the bundle (`deno run -A dist/pyscaffold.js`,
 * rebuilt first), next to an empty Deno script for scale. A benchmark, not a
 * test: it prints figures and asserts nothing.
 *
 *   deno task bench:start          15 runs of each
 *   deno task bench:start --runs 30
 */
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const TARGET_HELP_MS = 100;

interface Case {
  name: string;
  args: string[];
}

async function timeOnce(args: string[], cwd: string): Promise<number> {
  const started = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const elapsed = performance.now() - started;
  if (out.code !== 0) {
    throw new Error(`${args.join(" ")} failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  const runsFlag = Deno.args.indexOf("--runs");
  const runs = runsFlag >= 0 ? Number(Deno.args[runsFlag + 1]) : 15;
  if (!Number.isInteger(runs) || runs < 10) throw new Error("--runs must be an integer ≥ 10");

  const build = await new Deno.Command(Deno.execPath(), {
    args: ["task", "bundle"],
    cwd: ROOT,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (build.code !== 0) throw new Error(new TextDecoder().decode(build.stderr));

  const cwd = await Deno.makeTempDir({ prefix: "pyscaffold-bench-" });
  const empty = join(cwd, "empty.js");
  await Deno.writeTextFile(empty, "");
  const entries: [string, string][] = [
    ["checkout", join(ROOT, "main.ts")],
    ["bundle", join(ROOT, "dist", "pyscaffold.js")],
  ];
  const cases: Case[] = [{ name: "deno run (empty script, for scale)", args: ["run", empty] }];
  for (const [where, entry] of entries) {
    cases.push(
      { name: `${where}: --help`, args: ["run", "-A", entry, "--help"] },
      {
        name: `${where}: new x --yes --dry-run`,
        args: ["run", "-A", entry, "new", "x", "--yes", "--dry-run"],
      },
    );
  }

  console.log(`cold start, median of ${runs} runs (after one warm-up run each)\n`);
  const width = Math.max(...cases.map((c) => c.name.length));
  const results = new Map<string, number>();
  for (const c of cases) {
    await timeOnce(c.args, cwd);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await timeOnce(c.args, cwd));
    const m = median(times);
    results.set(c.name, m);
    const min = Math.min(...times), max = Math.max(...times);
    console.log(
      `${c.name.padEnd(width)}  ${m.toFixed(1).padStart(7)} ms   (min ${min.toFixed(1)}, max ${
        max.toFixed(1)
      })`,
    );
  }
  const help = results.get("bundle: --help")!;
  console.log(
    `\nbundle --help: ${help.toFixed(1)} ms — ${
      help < TARGET_HELP_MS ? "within" : "OVER"
    } the ${TARGET_HELP_MS} ms aim`,
  );
  await Deno.remove(cwd, { recursive: true });
}

if (import.meta.main) await main();
