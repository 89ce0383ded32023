/**
 * Does `pyscaffold add` slow down as a project grows? (Not a test.)
 *
 * For each size (1, 10 and 50 modules), a fresh project gets that many modules
 * added one after the other, timed two ways:
 *   - CLI: `deno run -A dist/pyscaffold/main.js add m_i --field ... --yes`, a new
 *     process each time, as a user runs it (Deno's start-up included);
 *   - in-process: `runAdd()` of src/cli/add_command.ts (the engine alone).
 * Prints, per size, the median, first and last per-module times and the slope
 * of a least-squares line through them (ms per module already present). The aim
 * ("flat") is judged on a comparison in turn, not on that slope: the same add on
 * copies of the smallest and the largest project, alternately, so that what else a
 * shared machine does meanwhile weighs on both (the series lays it on the later adds).
 *
 *   deno run -A bench/scaling.ts [--sizes 1,10,50]
 */
import { join } from "node:path";
import { runAdd } from "../src/cli/add_command.ts";
import { ScriptedPrompter } from "../src/wizard/scripted_prompter.ts";
import { aimRow, buildBundle, fmtMs, median, type Section, sh, timed } from "./_common.ts";
import { PROJECT_FLAGS } from "./vs_tools.ts";

/** One field per type family, and a reference to the project's first module. */
const FIELDS = [
  "title:str(120):required:index",
  "body:text:optional",
  "quantity:int:default=1",
  "price:decimal(10,2)",
  "due_on:date:optional",
  "status:enum(draft|sent|paid):default=draft",
  "maker:ref:items",
];

/** The value below which a share `q` of `values` lies (linear between the two nearest). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

/** Rounds of the comparison in turn (each round times one add on each project). */
const PAIRED_ROUNDS = 20;

/**
 * Times `add` on a fresh copy of each of two projects, in turn (A B B A …), `rounds`
 * times each: drift on a shared machine weighs on both, where a series run one add after
 * another lays it on the later, larger project. The copies keep each project's size fixed.
 */
async function inTurn(
  dirs: [string, string],
  add: (cwd: string) => Promise<number>,
  rounds: number,
): Promise<[number[], number[]]> {
  const times: [number[], number[]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    for (const k of r % 2 ? [1, 0] : [0, 1]) {
      const copy = `${dirs[k]}-copy`;
      await sh(["cp", "-a", dirs[k], copy]);
      // The copy on disk before the add: otherwise the kernel writes it back while the add
      // runs, a larger project's copy for longer (+11 to +13 ms measured on the 50-module side).
      await sh(["sync"]);
      try {
        times[k].push(await add(copy));
      } finally {
        await Deno.remove(copy, { recursive: true });
      }
    }
  }
  return times;
}

interface Series {
  size: number;
  times: number[];
}

/** Slope of the least-squares line through (i, times[i]), in ms per module. */
function slope(times: number[]): number {
  const n = times.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = times.reduce((a, b) => a + b, 0) / n;
  let num = 0, den = 0;
  for (let i = 0; i < n; i++) {
    num += (i - mx) * (times[i] - my);
    den += (i - mx) ** 2;
  }
  return num / den;
}

function row(how: string, s: Series): string {
  const t = s.times;
  const tail = t.slice(-Math.min(5, t.length));
  const head = t.slice(0, Math.min(5, t.length));
  return `| ${how} | ${s.size} | ${fmtMs(median(t))} | ${fmtMs(median(head))} | ${
    fmtMs(median(tail))
  } | ${s.size > 1 ? `${slope(t).toFixed(2)} ms` : "—"} | ${fmtMs(t.reduce((a, b) => a + b, 0))} |`;
}

export async function benchScaling(sizes: number[]): Promise<Section> {
  const work = await Deno.makeTempDir({ prefix: "pyscaffold-scaling-" });
  try {
    const bundle = await buildBundle(work);
    const deno = Deno.execPath();
    const fresh = async (name: string) => {
      await sh([deno, "run", "-A", bundle, "new", name, "--yes", ...PROJECT_FLAGS], { cwd: work });
      return join(work, name);
    };
    const rows: string[] = [];
    const aims: string[] = [];
    const quiet = { interactive: false, field: FIELDS, yes: true };
    const projects = new Map<number, { cli: string; inproc: string }>();
    for (const size of sizes) {
      const cliDir = await fresh(`cli-${size}`);
      const cli: Series = { size, times: [] };
      for (let i = 0; i < size; i++) {
        const fields = FIELDS.flatMap((f) => ["--field", f]);
        const t = await timed([deno, "run", "-A", bundle, "add", `m_${i}`, ...fields, "--yes"], {
          cwd: cliDir,
        });
        cli.times.push(t.ms);
      }
      const inDir = await fresh(`inproc-${size}`);
      const inproc: Series = { size, times: [] };
      for (let i = 0; i < size; i++) {
        const started = performance.now();
        await runAdd(`m_${i}`, { ...quiet, prompter: new ScriptedPrompter([]), cwd: inDir });
        inproc.times.push(performance.now() - started);
      }
      rows.push(row("CLI (bundle)", cli), row("in-process", inproc));
      projects.set(size, { cli: cliDir, inproc: inDir });
      console.log(rows.slice(-2).join("\n"));
      if (size === Math.max(...sizes)) {
        console.log(`  CLI per-module times: ${cli.times.map((t) => t.toFixed(0)).join(" ")}`);
        console.log(`  in-process: ${inproc.times.map((t) => t.toFixed(0)).join(" ")}`);
      }
    }
    const small = Math.min(...sizes), large = Math.max(...sizes);
    const pairs: string[] = [];
    if (large > small) {
      const fields = FIELDS.flatMap((f) => ["--field", f]);
      const ways = [
        [
          "CLI",
          "cli",
          async (cwd: string) =>
            (await timed([deno, "run", "-A", bundle, "add", "extra", ...fields, "--yes"], { cwd }))
              .ms,
        ],
        ["in-process", "inproc", async (cwd: string) => {
          const started = performance.now();
          await runAdd("extra", { ...quiet, prompter: new ScriptedPrompter([]), cwd });
          return performance.now() - started;
        }],
      ] as const;
      for (const [how, key, add] of ways) {
        const [a, b] = await inTurn(
          [projects.get(small)![key], projects.get(large)![key]],
          add,
          PAIRED_ROUNDS,
        );
        // Each round's two adds ran back to back: their difference is the least disturbed figure.
        const differences = b.map((t, r) => t - a[r]);
        const growth = median(differences);
        const signed = (ms: number) => `${ms >= 0 ? "+" : ""}${fmtMs(ms)}`;
        pairs.push(
          `| ${how} | ${fmtMs(median(a))} | ${fmtMs(median(b))} | ${signed(growth)} | ${
            signed(quantile(differences, 0.25))
          } to ${signed(quantile(differences, 0.75))} | ${
            (100 * growth / median(a)).toFixed(0)
          }% |`,
        );
        // Flat: an add to the largest project costs less than 20% more than one to the smallest.
        aims.push(
          aimRow(
            `${how} time per \`add\` flat up to ${large} modules (an add at ${large} < 120% of one at ${small})`,
            `${signed(growth)} over ${large - small} modules, ${fmtMs(median(a))} at ${small}`,
            growth < 0.2 * median(a),
          ),
        );
      }
      console.log(pairs.join("\n"));
    }
    const text = [
      `A fresh project (\`new --yes ${PROJECT_FLAGS.join(" ")}\`) per size and way, then ` +
      `\`add m_i\` with ${FIELDS.length} fields (one per type family and a \`ref\`) for i = 0 … ` +
      `size − 1, one after the other. "First 5" and "last 5" are medians of the first and last ` +
      `five adds; the slope is the least-squares growth of an add's time per module already ` +
      `present (0 = flat).`,
      "",
      "| how | modules | median per module | first 5 | last 5 | slope | total |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...rows,
      "",
      ...(pairs.length
        ? [
          `The series above ran one add after the other for a while, so whatever else the machine ` +
          `did meanwhile leans on its slope. The aim is judged on a comparison in turn instead: ` +
          `the same add (\`add extra\`, the same fields) on a fresh copy of the ${small}-module ` +
          `and of the ${large}-module project, alternately (ABBA), ${PAIRED_ROUNDS} times each. ` +
          `The growth is the median of the rounds' differences (each round's two adds ran back ` +
          `to back); the middle half of those differences shows how much a round's figure ` +
          `varies.`,
          "",
          `| how | add at ${small} | add at ${large} | growth | middle half of the rounds | growth ÷ add at ${small} |`,
          "| --- | ---: | ---: | ---: | ---: | ---: |",
          ...pairs,
          "",
        ]
        : []),
    ].join("\n");
    return { text, aims };
  } finally {
    await Deno.remove(work, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  const i = Deno.args.indexOf("--sizes");
  const sizes = (i >= 0 ? Deno.args[i + 1] : "1,10,50").split(",").map(Number);
  await benchScaling(sizes);
}
