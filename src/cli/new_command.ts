/**
 * `pyscaffold new <dir>`: answers → ProjectSpec → Plan → preview / JSON / write.
 */
import { Command, Option } from "@commander-js/extra-typings";
import { basename, resolve } from "node:path";
import { UserError } from "../errors.ts";
import { buildProjectPlan, type Plan } from "../plan/mod.ts";
import { type ProjectAnswers, resolveProjectSpec } from "../spec/project_spec.ts";
import { FEATURE_QUESTIONS, PROJECT_QUESTIONS, SELECT_QUESTIONS } from "../spec/questions.ts";
import { parseAnswers } from "../project/answers_file.ts";
import { makeColors } from "../output/colors.ts";
import { renderTree } from "../output/tree.ts";
import { checkNewTarget, writeNewProject } from "../write/mod.ts";
import { answersOf } from "../project/answers_file.ts";

export interface NewOptions {
  framework?: string;
  database?: string;
  auth?: boolean;
  cache?: boolean;
  celery?: boolean;
  module?: string;
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
  answers?: string;
  saveAnswers?: string;
}

export function newCommand() {
  const command = new Command("new")
    .description("generate a new project")
    .argument("[directory]", "where to create the project; its last segment is the project name");
  for (const q of SELECT_QUESTIONS) {
    command.addOption(
      new Option(`${q.flag} <${q.id}>`, `${q.help}: ${q.choices.map((c) => c.value).join(" | ")}`)
        .default(undefined, q.default),
    );
  }
  for (const q of FEATURE_QUESTIONS) {
    command.addOption(
      new Option(q.flag, `${q.help} (default: ${q.default ? "on" : "off"})`).default(undefined),
    );
    command.addOption(new Option(`--no-${q.flag.slice(2)}`, `without ${q.id}`));
  }
  const moduleQ = PROJECT_QUESTIONS[PROJECT_QUESTIONS.length - 1];
  command.addOption(
    new Option(`${moduleQ.flag} <name>`, `${moduleQ.help} (default: ${moduleQ.default})`),
  );
  return command
    .option("-y, --yes", "accept the default for every question not given by a flag")
    .option("--dry-run", "print the file tree and write nothing")
    .option("--json", "print the Plan (every file with its content and origin) as JSON")
    .option("--answers <file>", "read answers from a JSON file")
    .option("--save-answers <file>", "write the final answers to a JSON file")
    .action(async (directory, options) => {
      await runNew(directory, options as NewOptions);
    });
}

/** Answers from the answers file, then flags on top. */
async function collectAnswers(
  directory: string | undefined,
  options: NewOptions,
): Promise<ProjectAnswers> {
  let answers: ProjectAnswers = {};
  if (options.answers) {
    let text: string;
    try {
      text = await Deno.readTextFile(options.answers);
    } catch (error) {
      throw new UserError(
        `Cannot read answers file ${options.answers}: ${(error as Error).message}`,
      );
    }
    answers = parseAnswers(text, options.answers);
  }
  const fromFlags: ProjectAnswers = {
    framework: options.framework,
    database: options.database,
    auth: options.auth,
    cache: options.cache,
    celery: options.celery,
    module: options.module,
  };
  for (const [key, value] of Object.entries(fromFlags)) {
    if (value !== undefined) (answers as Record<string, unknown>)[key] = value;
  }
  if (directory !== undefined) answers.name = basename(resolve(directory));
  return answers;
}

/** The flags that would answer the questions still open. */
export function missingFlags(answers: ProjectAnswers): string[] {
  const missing: string[] = [];
  if (answers.name === undefined) missing.push("<directory>");
  for (const q of PROJECT_QUESTIONS) {
    if (answers[q.id] === undefined) {
      missing.push(
        q.kind === "select"
          ? `${q.flag} ${q.choices.map((c) => c.value).join("|")}`
          : q.kind === "confirm"
          ? `${q.flag}/--no-${q.flag.slice(2)}`
          : `${q.flag} <name>`,
      );
    }
  }
  return missing;
}

export async function runNew(directory: string | undefined, options: NewOptions): Promise<void> {
  const answers = await collectAnswers(directory, options);
  const missing = missingFlags(answers);
  if (missing.length > 0 && !options.yes) {
    if (!Deno.stdin.isTerminal()) {
      throw new UserError(
        "Some questions are unanswered and stdin is not a terminal, so pyscaffold cannot ask them.",
        { hint: `Pass ${missing.join(", ")} — or --yes to accept the defaults.` },
      );
    }
  }
  if (answers.name === undefined) {
    throw new UserError("Missing the project directory.", { hint: "pyscaffold new my-api" });
  }
  const spec = resolveProjectSpec(answers);
  const target = directory ?? spec.name;
  const plan = buildProjectPlan(spec);

  if (options.saveAnswers) {
    await Deno.writeTextFile(options.saveAnswers, JSON.stringify(answersOf(spec), null, 2) + "\n");
  }
  if (options.json) {
    console.log(JSON.stringify(planJson(plan), null, 2));
    return;
  }
  const c = makeColors();
  if (options.dryRun) {
    await checkNewTarget(target);
    console.log(renderTree(plan, c));
    console.log(c.dim("\n--dry-run: nothing was written."));
    return;
  }
  await writeNewProject(target, plan.files);
  console.log(renderTree(plan, c));
  console.log(`\n${c.green("✔")} Created ${c.bold(target)}. Next steps:\n`);
  for (const step of nextSteps(target)) console.log(`  ${c.cyan(step)}`);
}

export function nextSteps(target: string): string[] {
  return [`cd ${target}`, "make install", "make migrate", "make run", "make test"];
}

export function planJson(plan: Plan): object {
  return { root: plan.root, spec: plan.spec, files: plan.files };
}
