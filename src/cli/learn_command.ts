/**
 * `pyscaffold learn [lesson]`: the lessons, each with the code pyscaffold
 * generates for the chosen variant. Variant flags are derived from the
 * question data, like those of `new`, with the same defaults; inside a
 * project, its own answers come before the defaults.
 */
import { buildProjectPlan } from "../plan/mod.ts";
import { resolveProjectSpec } from "../choices/project_spec.ts";
import { pickAnswers, type ProjectAnswers, type QuestionAnswers } from "../choices/features/mod.ts";
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
import { readProject } from "../project/mod.ts";
import { UserError } from "../errors.ts";

/** The options of `learn`: the variant, as an answer for each question (derived from the records). */
export type LearnOptions = QuestionAnswers & {
  interactive?: boolean;
};

/** The project name lessons are rendered with outside a project. */
export const LESSON_PROJECT = "my-api";

/**
 * The answers of the project `cwd` is in, for the questions no flag answered: inside a project,
 * `learn` teaches the variant the user has (its name, framework, database, features and first
 * module), so an excerpt shows the project's own code (`"name": "shop"` in its answers file, its
 * name in its config). None outside a project, or where its answers file cannot be read (the
 * defaults then, and LESSON_PROJECT).
 */
export async function projectAnswers(cwd: string = Deno.cwd()): Promise<ProjectAnswers> {
  try {
    const state = await readProject(cwd);
    const { module, ...answers } = state.file.answers;
    // The first module may have been removed since: then another of the project's, if any.
    const modules = Object.keys(state.modules);
    const example = modules.includes(module) ? module : modules[0];
    return example === undefined ? answers : { ...answers, module: example };
  } catch (error) {
    if (error instanceof UserError) return {};
    throw error;
  }
}

/**
 * The lesson as Markdown for the variant the flags describe. A lesson that
 * belongs to a feature turns that feature on unless a flag turned it off; the
 * other questions no flag answered take the project's answers (`projectAnswers`).
 */
export async function lessonMarkdown(
  lesson: Lesson,
  options: LearnOptions,
  project: ProjectAnswers = {},
): Promise<string> {
  const flags = pickAnswers(options);
  const answers: ProjectAnswers = { ...project, ...flags, name: project.name ?? LESSON_PROJECT };
  const feature = lesson.feature;
  if (feature && flags[feature] === undefined) answers[feature] = true;
  const plan = await buildProjectPlan(resolveProjectSpec(answers));
  // Inside a project that has the feature off, the lesson shows it on: said, with the way to it.
  const note = feature && flags[feature] === undefined && project[feature] === false
    ? `Shown with ${feature} on: your project has it off ` +
      `(\`pyscaffold update --set ${feature}=true\` adds it).`
    : undefined;
  return renderLesson(lesson, plan, { strict: false, note });
}

export async function runLearn(topic: string | undefined, options: LearnOptions): Promise<void> {
  const lesson = topic === undefined ? undefined : findLesson(topic);
  const project = await projectAnswers();
  // check the variant before anything is shown: an unsupported choice is an error at once (the
  // list too, which has no variant of its own: `learn --framework django` is not a list)
  if (lesson) await lessonMarkdown(lesson, options, project);
  else resolveProjectSpec({ ...pickAnswers(options), name: LESSON_PROJECT });
  const term = terminalOptions();
  const interactive = options.interactive !== false && term.terminal && Deno.stdin.isTerminal();
  if (!interactive) {
    const text = lesson ? await lessonMarkdown(lesson, options, project) : lessonListMarkdown();
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
    show: async (l) => formatMarkdown(await lessonMarkdown(l, options, project), term),
    // Lines of a lesson fit the width (src/learn/_markdown.ts), so a line is a row; the rest of
    // the screen holds the menu after each page (its message and up to four choices).
    pageLines: rows - 6,
  });
}
