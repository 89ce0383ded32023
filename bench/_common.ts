/**
 * Shared by the benchmark scripts: timing of child processes with their peak
 * memory, medians, the machine description, and a cached virtual environment
 * for Python tools. Benchmarks print figures; they are not tests.
 */
import { join } from "node:path";
import { BUNDLE_ENTRY } from "../tools/bundle.ts";
import { servePackage } from "../tests/_served_package.ts";

export const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
export const BENCH_CACHE = Deno.env.get("PYSCAFFOLD_BENCH_CACHE") ??
  join(Deno.env.get("HOME") ?? "/tmp", ".cache", "pyscaffold-bench");

const dec = new TextDecoder();

export interface Timed {
  ms: number;
  /** Peak resident set size of the largest process of the run, in MiB (GNU time). */
  peakMiB: number;
  /**
   * User + system CPU time of the run, in ms (GNU time; 10 ms resolution, so compare means
   * over many runs): a loaded machine disturbs it much less than the wall time.
   */
  cpuMs: number;
}

/**
 * Runs a command under GNU time (`/usr/bin/time -v`) and returns its wall time
 * (measured here) and the peak RSS GNU time reports. Throws when it fails.
 */
export async function timed(
  cmd: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Timed> {
  const started = performance.now();
  const out = await new Deno.Command("/usr/bin/time", {
    args: ["-v", ...cmd],
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  const ms = performance.now() - started;
  const stderr = dec.decode(out.stderr);
  if (out.code !== 0) throw new Error(`\`${cmd.join(" ")}\` exited ${out.code}:\n${stderr}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
  const seconds = (what: string) =>
    Number(new RegExp(`${what} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1] ?? NaN);
  return { ms, peakMiB: kb / 1024, cpuMs: (seconds("User") + seconds("System")) * 1000 };
}

/** Runs a command and returns its stdout; throws with its output when it fails. */
export async function sh(
  cmd: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<string> {
  const out = await new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd: options.cwd,
    env: options.env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (out.code !== 0) {
    throw new Error(
      `\`${cmd.join(" ")}\` exited ${out.code}\n${dec.decode(out.stdout)}\n${
        dec.decode(out.stderr)
      }`,
    );
  }
  return dec.decode(out.stdout);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function flag(name: string, fallback: number): number {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
}

export async function loadAverage(): Promise<[number, number, number]> {
  const text = await Deno.readTextFile("/proc/loadavg");
  const [a, b, c] = text.split(" ").map(Number);
  return [a, b, c];
}

/** Samples the 1-minute load average every few seconds while a run goes on. */
export class LoadSampler {
  #samples: number[] = [];
  #timer: ReturnType<typeof setInterval>;

  constructor(everyMs = 5000) {
    const sample = async () => this.#samples.push((await loadAverage())[0]);
    sample();
    this.#timer = setInterval(sample, everyMs);
  }

  stop(): { min: number; max: number; mean: number } {
    clearInterval(this.#timer);
    const s = this.#samples.length ? this.#samples : [NaN];
    return {
      min: Math.min(...s),
      max: Math.max(...s),
      mean: s.reduce((a, b) => a + b, 0) / s.length,
    };
  }
}

async function firstLine(cmd: string[]): Promise<string> {
  try {
    return (await sh(cmd)).trim().split("\n")[0];
  } catch {
    return "not found";
  }
}

/** What the figures were measured on, as Markdown list lines. */
export async function machineDescription(): Promise<string[]> {
  const cpuinfo = await Deno.readTextFile("/proc/cpuinfo");
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? "unknown";
  const meminfo = await Deno.readTextFile("/proc/meminfo");
  const memKb = Number(/MemTotal:\s*(\d+)/.exec(meminfo)?.[1] ?? 0);
  const osRelease = await Deno.readTextFile("/etc/os-release").catch(() => "");
  const os = /PRETTY_NAME="(.*)"/.exec(osRelease)?.[1] ?? Deno.build.os;
  return [
    `- CPU: ${model}, ${navigator.hardwareConcurrency} logical cores (\`nproc\`: ${(await firstLine(
      ["nproc"],
    ))})`,
    `- RAM: ${(memKb / 1024 / 1024).toFixed(1)} GiB`,
    `- OS: ${os}, kernel ${Deno.osRelease()}`,
    `- Deno ${Deno.version.deno} (V8 ${Deno.version.v8}); ${await firstLine([
      "python3",
      "-V",
    ])}; ${await firstLine(["psql", "--version"])}; ${
      (await firstLine(["redis-server", "--version"])).replace(/ sha=.*/, "")
    }; ${await firstLine(["sh", "-c", "wrk -v 2>&1; true"])}`,
  ];
}

/**
 * A virtual environment under the bench cache with exactly `packages`
 * (pinned), built once by uv (or venv + pip when uv is missing).
 */
export async function toolVenv(name: string, packages: string[]): Promise<string> {
  // "-pyc": venvs from before bytecode was compiled at install are rebuilt
  const venv = join(
    BENCH_CACHE,
    `${name}-${packages.join("_").replace(/[^A-Za-z0-9_.=-]/g, "")}-pyc`,
  );
  const marker = join(venv, ".complete");
  try {
    await Deno.stat(marker);
    return venv;
  } catch {
    // build it
  }
  await Deno.mkdir(BENCH_CACHE, { recursive: true });
  await Deno.remove(venv, { recursive: true }).catch(() => {});
  const hasUv = await sh(["sh", "-c", "command -v uv"]).then(() => true, () => false);
  if (hasUv) {
    await sh(["uv", "venv", "--quiet", "--python", "python3", venv]);
    await sh([
      "uv",
      "pip",
      "install",
      "--quiet",
      // Compiled at install, as pip does by default: uv does not, and with
      // PYTHONDONTWRITEBYTECODE set (as on the bench machine) every run of cookiecutter or
      // copier would compile its whole import tree again, more than doubling its time
      // (docs/BENCHMARKS.md).
      "--compile-bytecode",
      "--python",
      join(venv, "bin", "python"),
      ...packages,
    ]);
  } else {
    await sh(["python3", "-m", "venv", venv]);
    await sh([join(venv, "bin", "pip"), "install", "--quiet", ...packages]);
  }
  await Deno.writeTextFile(marker, new Date().toISOString());
  return venv;
}

/**
 * Builds the bundle (`deno task bundle`) into `dir`/pyscaffold, a private copy that
 * nothing else rebuilds during a run; returns the path of its entry module.
 */
export async function buildBundle(dir: string): Promise<string> {
  const out = join(dir, "pyscaffold");
  await sh([Deno.execPath(), "task", "bundle", "--outdir", out], { cwd: ROOT });
  return join(out, BUNDLE_ENTRY);
}

/**
 * The package published to JSR (`deno task bundle --jsr`), built into `dir`, served over HTTP as
 * jsr.io would serve it (tests/_served_package.ts), with a DENO_DIR of its own under `dir` (its
 * remote modules cached there, not in the user's): the URL of its entry, the environment to run
 * it with, and how to stop serving it.
 */
export async function servedJsrPackage(
  dir: string,
): Promise<{ entry: string; env: Record<string, string>; shutdown: () => Promise<void> }> {
  const out = join(dir, "jsr");
  await sh([Deno.execPath(), "task", "bundle", "--jsr", "--outdir", out], { cwd: ROOT });
  const served = servePackage(out);
  return {
    entry: served.url(BUNDLE_ENTRY),
    env: { DENO_DIR: join(dir, "jsr-deno-dir") },
    shutdown: served.shutdown,
  };
}

/** A section of docs/BENCHMARKS.md and the rows it adds to the table of aims. */
export interface Section {
  text: string;
  /** Markdown table rows: | aim | figure | met? | */
  aims: string[];
}

export function aimRow(aim: string, figure: string, met: boolean): string {
  return `| ${aim} | ${figure} | ${met ? "yes" : "**no**"} |`;
}

export const fmtMs = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
