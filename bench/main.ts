/**
 * `deno task bench`: every benchmark, one after the other, then
 * docs/BENCHMARKS.md with their figures, the machine and its load. Not a test:
 * nothing here passes or fails on the figures.
 *
 *   deno task bench                     full run (about 15 minutes), writes docs/BENCHMARKS.md
 *   deno task bench --quick --out F     short runs to try the scripts; writes F instead
 *   deno task bench --only tools,scaling,backends,start,add
 *
 * Needs: PostgreSQL on 127.0.0.1:5432 (trust, user postgres), Redis on
 * 127.0.0.1:6379 (db 7 is used and flushed), wrk, uv (or python3 -m venv), and
 * PyPI for cookiecutter, copier and the generated projects' dependencies.
 */
import { join } from "node:path";
import { benchBackends } from "./backends.ts";
import { loadAverage, LoadSampler, machineDescription, ROOT, type Section } from "./_common.ts";
import { benchScaling } from "./scaling.ts";
import { benchTools } from "./vs_tools.ts";

const quick = Deno.args.includes("--quick");
const outFlag = Deno.args.indexOf("--out");
const onlyFlag = Deno.args.indexOf("--only");
const only = onlyFlag >= 0 ? new Set(Deno.args[onlyFlag + 1].split(",")) : undefined;
const out = outFlag >= 0
  ? Deno.args[outFlag + 1]
  : quick || only
  ? undefined
  : join(ROOT, "docs", "BENCHMARKS.md");

/** Runs one of the benchmark scripts that others own and keeps what it prints. */
async function script(path: string, args: string[]): Promise<Section> {
  const res = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, path), ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
    env: { NO_COLOR: "1" },
  }).output();
  const text = new TextDecoder().decode(res.stdout).trimEnd();
  console.log(text);
  if (!res.success) throw new Error(`${path} failed`);
  return { text: "```\n" + text + "\n```\n", aims: [] };
}

interface Part {
  key: string;
  title: string;
  run: () => Promise<Section>;
}

const parts: Part[] = [
  {
    key: "tools",
    title: "pyscaffold, cookiecutter and copier (`bench/vs_tools.ts`)",
    run: () => benchTools(quick ? 3 : 15),
  },
  {
    key: "scaling",
    title: "Adding modules: 1, 10 and 50 (`bench/scaling.ts`)",
    run: () => benchScaling(quick ? [1, 5] : [1, 10, 50]),
  },
  {
    key: "backends",
    title: "Generated backends against their framework's floor (`bench/backends.ts`)",
    run: () =>
      benchBackends(
        quick
          ? { seconds: 3, connections: 32, warmup: 1, rounds: 3 }
          : { seconds: 15, connections: 32, warmup: 3, rounds: 3 },
      ),
  },
  {
    key: "start",
    title: "Cold start of pyscaffold alone (`bench/cold_start.ts`, output as printed)",
    run: () => script("bench/cold_start.ts", ["--runs", quick ? "10" : "15"]),
  },
  {
    key: "add",
    title: "`add` in-process and through the CLI (`bench/add_module.ts`, output as printed)",
    run: () => script("bench/add_module.ts", [quick ? "5" : "20"]),
  },
];

const started = new Date();
const loadAtStart = await loadAverage();
const sections: string[] = [];
const aims: string[] = [];
const loads: string[] = [];
for (const part of parts) {
  if (only && !only.has(part.key)) continue;
  console.log(`\n=== ${part.title}`);
  const sampler = new LoadSampler();
  const t0 = performance.now();
  const section = await part.run();
  const minutes = (performance.now() - t0) / 60_000;
  const load = sampler.stop();
  const loadText = `load average (1 min) during this part: min ${load.min.toFixed(2)}, mean ${
    load.mean.toFixed(2)
  }, max ${load.max.toFixed(2)}; ${minutes.toFixed(1)} min`;
  console.log(loadText);
  loads.push(
    `| ${part.key} | ${load.min.toFixed(2)} | ${load.mean.toFixed(2)} | ${load.max.toFixed(2)} | ${
      minutes.toFixed(1)
    } min |`,
  );
  sections.push(`## ${part.title}`, "", `_${loadText}._`, "", section.text, "");
  aims.push(...section.aims);
}

const machine = await machineDescription();
const doc = [
  "# Benchmarks",
  "",
  `Written by \`deno task bench\` (bench/main.ts) on ${
    started.toISOString().slice(0, 16).replace("T", " ")
  } UTC` +
  `${quick ? " with --quick (short runs: figures for trying the scripts only)" : ""}. ` +
  "Every figure below comes from that run; rerun the task to refresh them. Benchmarks are not " +
  "part of the test suite and pass or fail nothing. Earlier measurements, pass by pass, with the " +
  "commits each compared: docs/BENCHMARKS_HISTORY.md.",
  "",
  "## Machine",
  "",
  ...machine,
  `- Load average at the start: ${
    loadAtStart.map((l) => l.toFixed(2)).join(", ")
  } (1, 5, 15 min).` +
  " The machine is shared: other work was running during the run, so every figure is a figure " +
  "under that load; the load during each part is below.",
  "",
  "| part | load min | load mean | load max | duration |",
  "| --- | ---: | ---: | ---: | ---: |",
  ...loads,
  "",
  "## Aims",
  "",
  "| aim | figure | met |",
  "| --- | --- | --- |",
  ...aims,
  "",
  ...sections,
].join("\n");

if (out) {
  await Deno.writeTextFile(out, doc);
  const fmt = await new Deno.Command(Deno.execPath(), { args: ["fmt", out], stderr: "null" })
    .output();
  if (!fmt.success) console.error(`deno fmt ${out} failed`);
  console.log(`\nwrote ${out}`);
} else {
  console.log(`\n${doc}`);
}
