/**
 * `pyscaffold learn [lesson]`: the lessons, each with the code pyscaffold
 * generates for the chosen variant. Variant flags are derived from the
 * question data, like those of `new`, with the same defaults.
 */
import { Command } from "@commander-js/extra-typings";
import { questionOptions } from "./_question_options.ts";
import { buildProjectPlan } from "../plan/mod.ts";
import { type ProjectAnswers, resolveProjectSpec } from "../choices/project_spec.ts";
import {
  findLesson,
  formatMarkdown,
  learnSession,
  type Lesson,
  lessonListMarkdown,
  renderLesson,
  terminalOptions,
} from "../learn/mod.ts";
import { terminalPrompter } from "../wizard/prompter.ts";

export interface LearnOptions {
  framework?: string;
  database?: string;
  auth?: boolean;
  cache?: boolean;
  celery?: boolean;
  module?: string;
  interactive?: boolean;
}

/** The project name lessons are rendered with. */
export const LESSON_PROJECT = "my-api";

export function learnCommand() {
  const command = new Command("learn")
    .description(
      "lessons on the patterns of the generated project, with the code generated for your variant",
    )
    .argument("[lesson]", "the lesson to show; without it, the list");
  for (const option of questionOptions("the example module")) command.addOption(option);
  return command
    .option("--no-interactive", "print and exit, even in a terminal")
    .action(async (lesson, options) => {
      await runLearn(lesson, options as LearnOptions);
    });
}

/**
 * The lesson as Markdown for the variant the flags describe. A lesson that
 * belongs to a feature turns that feature on unless a flag turned it off.
 */
export function lessonMarkdown(lesson: Lesson, options: LearnOptions): string {
  const answers: ProjectAnswers = {
    name: LESSON_PROJECT,
    framework: options.framework,
    database: options.database,
    auth: options.auth,
    cache: options.cache,
    celery: options.celery,
    module: options.module,
  };
  if (lesson.feature && answers[lesson.feature] === undefined) answers[lesson.feature] = true;
  return renderLesson(lesson, buildProjectPlan(resolveProjectSpec(answers)), { strict: false });
}

export async function runLearn(topic: string | undefined, options: LearnOptions): Promise<void> {
  const lesson = topic === undefined ? undefined : findLesson(topic);
  // check the variant before anything is shown: an unsupported choice is an error at once
  if (lesson) lessonMarkdown(lesson, options);
  const term = terminalOptions();
  const interactive = options.interactive !== false && term.terminal && Deno.stdin.isTerminal();
  if (!interactive) {
    const text = lesson ? lessonMarkdown(lesson, options) : lessonListMarkdown();
    console.log((await formatMarkdown(text, term)).replace(/\n+$/, ""));
    return;
  }
  let rows = 24;
  try {
    rows = Deno.consoleSize().rows;
  } catch {
    // keep 24
  }
  await learnSession(await terminalPrompter(), {
    start: lesson,
    show: (l) => formatMarkdown(lessonMarkdown(l, options), term),
    pageLines: rows - 4,
  });
}
