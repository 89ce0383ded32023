/**
 * How long `pyscaffold add` takes (not a test). Generates a project in a
 * temporary directory, then times:
 *   - `add` in-process (parse, render, plan, write), several runs;
 *   - `pyscaffold add` as a user runs it (`deno run main.ts add ...`), which
 *     includes Deno's start-up and module loading.
 *
 *   deno run -A bench/add_module.ts [runs]
 */
import { join } from "node:path";
import { runAdd } from "../src/cli/add_command.ts";
import { runRemove } from "../src/cli/remove_command.ts";
import { buildProjectPlan } from "../src/plan/mod.ts";
import { resolveProjectSpec } from "../src/choices/project_spec.ts";
import { writePlan } from "../src/write/mod.ts";
import { ScriptedPrompter } from "../src/wizard/scripted_prompter.ts";

const runs = Number(Deno.args[0] ?? 20);
const FIELDS = [
  "title:str(120):required:index",
  "body:text:optional",
  "quantity:int:default=1",
  "price:decimal(10,2)",
  "due_on:date:optional",
  "status:enum(draft|sent|paid):default=draft",
  "maker:ref:items",
];

const dir = await Deno.makeTempDir({ prefix: "pyscaffold-bench-" });
const root = join(dir, "svc");
await writePlan(await buildProjectPlan(resolveProjectSpec({ name: "svc" })), root);

const quiet = { interactive: false, prompter: new ScriptedPrompter([]), cwd: root };
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  await runAdd(`bench_${i}`, { ...quiet, field: FIELDS });
  times.push(performance.now() - start);
}
// the CLI, as a user runs it
const cliTimes: number[] = [];
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../main.ts", import.meta.url).pathname, "add", `cli_${i}`]
      .concat(FIELDS.flatMap((f) => ["--field", f])),
    cwd: root,
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  cliTimes.push(performance.now() - start);
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
}
const removeStart = performance.now();
await runRemove("bench_0", { ...quiet, yes: true });
const removeTime = performance.now() - removeStart;
await Deno.remove(dir, { recursive: true });

const sorted = [...times].sort((a, b) => a - b);
const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log(`pyscaffold add, ${FIELDS.length} fields (one per type family), ${runs} runs:`);
console.log(
  `  in-process: median ${ms(sorted[Math.floor(runs / 2)])}, ` +
    `min ${ms(sorted[0])}, max ${ms(sorted[runs - 1])} (first run ${ms(times[0])})`,
);
console.log(`  CLI (deno run main.ts add, incl. start-up): ${cliTimes.map(ms).join(", ")}`);
console.log(`  remove (in-process): ${ms(removeTime)}`);
