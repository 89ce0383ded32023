/**
 * Cold start of pyscaffold: the median wall time of fresh processes running
 * `pyscaffold --help`, `--version` and `new x --yes --dry-run`, from the checkout
 * (`deno run -A main.ts`), from the bundle (`deno run -A dist/pyscaffold/main.js`,
 * rebuilt first) and as the JSR package (`deno task bundle --jsr`, served over HTTP on
 * loopback as jsr.io would serve it, cached after the warm-up run), beside an empty
 * `deno run`: the aim is 2× that (issue 15). The cases are interleaved: each of 3
 * rounds runs every case in turn, so a change of load on a shared machine moves them
 * all. Beside the wall time, the CPU time (user + system) of the child processes,
 * which a loaded machine disturbs much less: the mean per run, from this process's
 * `cutime + cstime` (/proc/self/stat, clock ticks, so exact over many runs rather
 * than per run). A benchmark, not a test: it prints figures and asserts nothing.
 *
 *   deno task bench:start          3 rounds of 5 runs of each
 *   deno task bench:start --runs 30   (split over the 3 rounds)
 */
import { join } from "node:path";
import { BUNDLE_ENTRY } from "../tools/bundle.ts";
import { servedJsrPackage } from "./_common.ts";

const ROOT = new URL("..", import.meta.url).pathname;
/** The aim: within this factor of an empty `deno run`. */
const AIM_FACTOR = 2;
const ROUNDS = 3;

interface Case {
  name: string;
  args: string[];
  /** Added to the environment it runs in. */
  env?: Record<string, string>;
}

/** CPU time (user + system, ms) of this process's waited-for children so far (Linux). */
async function childrenCpuMs(): Promise<number> {
  const stat = await Deno.readTextFile("/proc/self/stat");
  // Fields after the command name (which is in parentheses): cutime and cstime are 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[13]) + Number(fields[14]);
  return ticks * 1000 / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

async function timeOnce(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<number> {
  const started = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1", ...env },
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

  const cwd = await Deno.makeTempDir({ prefix: "pyscaffold-bench-" });
  const bundle = join(cwd, "pyscaffold");
  const build = await new Deno.Command(Deno.execPath(), {
    args: ["task", "bundle", "--outdir", bundle],
    cwd: ROOT,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (build.code !== 0) throw new Error(new TextDecoder().decode(build.stderr));

  const empty = join(cwd, "empty.js");
  await Deno.writeTextFile(empty, "");
  const jsr = await servedJsrPackage(cwd);
  const entries: [string, string, Record<string, string>?][] = [
    ["checkout", join(ROOT, "main.ts")],
    ["bundle", join(bundle, BUNDLE_ENTRY)],
    ["JSR package", jsr.entry, jsr.env],
  ];
  const EMPTY = "deno run (empty script)";
  const cases: Case[] = [{ name: EMPTY, args: ["run", empty] }];
  for (const [where, entry, env] of entries) {
    cases.push(
      { name: `${where}: --help`, args: ["run", "-A", entry, "--help"], env },
      { name: `${where}: --version`, args: ["run", "-A", entry, "--version"], env },
      {
        name: `${where}: new x --yes --dry-run`,
        args: ["run", "-A", entry, "new", "x", "--yes", "--dry-run"],
        env,
      },
    );
  }

  const perRound = Math.ceil(runs / ROUNDS);
  console.log(
    `cold start: ${ROUNDS} rounds of ${perRound} runs of each case, interleaved (one warm-up ` +
      `run each first); wall: median, min and max over all runs; CPU: mean user + system ` +
      `time per run; × = ÷ the empty deno run's\n`,
  );
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const cpu = new Map<string, number>(cases.map((c) => [c.name, 0]));
  for (const c of cases) await timeOnce(c.args, cwd, c.env);
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of cases) {
      for (let i = 0; i < perRound; i++) {
        const before = await childrenCpuMs();
        times.get(c.name)!.push(await timeOnce(c.args, cwd, c.env));
        cpu.set(c.name, cpu.get(c.name)! + await childrenCpuMs() - before);
      }
    }
  }
  const width = Math.max(...cases.map((c) => c.name.length));
  const base = median(times.get(EMPTY)!);
  const cpuOf = (name: string) => cpu.get(name)! / times.get(name)!.length;
  const cpuBase = cpuOf(EMPTY);
  console.log(
    `${"".padEnd(width)}  ${"wall median".padStart(11)} ${"×".padStart(5)}   ${
      "CPU mean".padStart(9)
    } ${"×".padStart(5)}   wall min, max`,
  );
  for (const c of cases) {
    const all = times.get(c.name)!;
    const m = median(all);
    const factor = m / base;
    const cpuFactor = cpuOf(c.name) / cpuBase;
    const verdict = c.name === EMPTY
      ? ""
      : `  ${factor <= AIM_FACTOR ? "within" : "OVER"} 2× (wall), ${
        cpuFactor <= AIM_FACTOR ? "within" : "OVER"
      } 2× (CPU)`;
    console.log(
      `${c.name.padEnd(width)}  ${m.toFixed(1).padStart(8)} ms ${
        factor.toFixed(1).padStart(4)
      }×   ${cpuOf(c.name).toFixed(1).padStart(6)} ms ${cpuFactor.toFixed(1).padStart(4)}×   ${
        Math.min(...all).toFixed(1)
      }, ${Math.max(...all).toFixed(1)}${verdict}`,
    );
  }
  const load = (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(", ");
  console.log(`\nload average at the end (1, 5, 15 min): ${load}`);
  await jsr.shutdown();
  await Deno.remove(cwd, { recursive: true });
}

if (import.meta.main) await main();
