/**
 * Cold start of pyscaffold: the median wall time of fresh processes running
 * `pyscaffold --help`, `--version` and `new x --yes --dry-run`, from the checkout
 * (`deno run -A main.ts`) and from the bundle (`deno run -A dist/pyscaffold.js`,
 * rebuilt first), beside an empty `deno run`: the aim is 2× that (issue 15). The
 * cases are interleaved: each of 3 rounds runs every case in turn, so a change of
 * load on a shared machine moves them all. A benchmark, not a test: it prints
 * figures and asserts nothing.
 *
 *   deno task bench:start          3 rounds of 5 runs of each
 *   deno task bench:start --runs 30   (split over the 3 rounds)
 */
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
/** The aim: within this factor of an empty `deno run`. */
const AIM_FACTOR = 2;
const ROUNDS = 3;

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
  if (!Number.isInteger(runs) || runs < 6) throw new Error("--runs must be an integer ≥ 6");

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
  const EMPTY = "deno run (empty script)";
  const cases: Case[] = [{ name: EMPTY, args: ["run", empty] }];
  for (const [where, entry] of entries) {
    cases.push(
      { name: `${where}: --help`, args: ["run", "-A", entry, "--help"] },
      { name: `${where}: --version`, args: ["run", "-A", entry, "--version"] },
      {
        name: `${where}: new x --yes --dry-run`,
        args: ["run", "-A", entry, "new", "x", "--yes", "--dry-run"],
      },
    );
  }

  const perRound = Math.ceil(runs / ROUNDS);
  console.log(
    `cold start: ${ROUNDS} rounds of ${perRound} runs of each case, interleaved (one warm-up ` +
      `run each first); median, min and max over all runs; × = median ÷ the empty deno run's\n`,
  );
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (const c of cases) await timeOnce(c.args, cwd);
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of cases) {
      for (let i = 0; i < perRound; i++) times.get(c.name)!.push(await timeOnce(c.args, cwd));
    }
  }
  const width = Math.max(...cases.map((c) => c.name.length));
  const base = median(times.get(EMPTY)!);
  for (const c of cases) {
    const all = times.get(c.name)!;
    const m = median(all);
    const factor = m / base;
    const verdict = c.name === EMPTY ? "" : factor <= AIM_FACTOR ? "  within 2×" : "  OVER 2×";
    console.log(
      `${c.name.padEnd(width)}  ${m.toFixed(1).padStart(7)} ms  ${
        factor.toFixed(1).padStart(4)
      }×   (min ${Math.min(...all).toFixed(1)}, max ${Math.max(...all).toFixed(1)})${verdict}`,
    );
  }
  await Deno.remove(cwd, { recursive: true });
}

if (import.meta.main) await main();
