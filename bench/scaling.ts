/**
 * Does `pyscaffold add` slow down as a project grows? (Not a test.)
 *
 * For each size (1, 10 and 50 modules), a fresh project gets that many modules
 * added one after the other, timed two ways:
 *   - CLI: `deno run -A dist/pyscaffold/main.js add m_i --field ... --yes`, a new
 *     process each time, as a user runs it (Deno's start-up included);
 *   - in-process: `runAdd()` of src/cli/add_command.ts (the engine alone).
 * Prints, per size, the median, first and last per-module times and the slope
 * of a least-squares line through them (ms per module already present).
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
      if (size === Math.max(...sizes) && size > 1) {
        // Flat: the growth the slope predicts over the whole series stays under 20% of an add.
        for (const [how, s] of [["CLI", cli], ["in-process", inproc]] as const) {
          const growth = slope(s.times) * (size - 1);
          const m = median(s.times);
          aims.push(
            aimRow(
              `${how} time per \`add\` flat up to ${size} modules (slope × ${
                size - 1
              } < 20% of the median)`,
              `${growth >= 0 ? "+" : ""}${fmtMs(growth)} over ${size - 1} modules, median ${
                fmtMs(m)
              }`,
              growth < 0.2 * m,
            ),
          );
        }
      }
      console.log(rows.slice(-2).join("\n"));
      if (size === Math.max(...sizes)) {
        console.log(`  CLI per-module times: ${cli.times.map((t) => t.toFixed(0)).join(" ")}`);
        console.log(`  in-process: ${inproc.times.map((t) => t.toFixed(0)).join(" ")}`);
      }
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
