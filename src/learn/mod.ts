/**
 * The learning mode: lessons that explain each pattern of a generated project
 * with the code pyscaffold writes for the chosen variant (`pyscaffold learn`),
 * and the guided wizard's explanations (`pyscaffold new --learn`).
 */
import { UserError } from "../errors.ts";
import { LESSONS } from "./_lessons.ts";
import type { Lesson } from "./_types.ts";

export { LESSONS };
export type { ExcerptDef, Lesson, LessonContext, Locator } from "./_types.ts";
export { type Excerpt, ExcerptError, extractExcerpt } from "./_excerpt.ts";
export { LessonFileError, parseLessonFile } from "./_lesson_file.ts";
export { excerptsFor, lessonContext, renderLesson, variantLine } from "./_render.ts";
export { guideBeforeWrite, guideFor, type QuestionId } from "./_guide.ts";
export { learnSession, pages, type SessionOptions } from "./_session.ts";
export {
  formatMarkdown,
  loadRenderer,
  type TerminalOptions,
  terminalOptions,
} from "./_terminal.ts";
export { type WizardGuide, wizardGuide } from "./_wizard_guide.ts";

export function findLesson(id: string): Lesson {
  // By name, or by its number in the list (`pyscaffold learn 3`).
  const lesson = LESSONS.find((l) => l.id === id) ??
    (/^[1-9][0-9]*$/.test(id) ? LESSONS[Number(id) - 1] : undefined);
  if (lesson) return lesson;
  const near = LESSONS.filter((l) =>
    l.id.includes(id.toLowerCase()) || id.toLowerCase().includes(l.id.split("-")[0])
  );
  throw new UserError(`No lesson "${id}".`, {
    hint: near.length
      ? `Did you mean ${near.map((l) => l.id).join(", ")}? \`pyscaffold learn\` lists them all.`
      : "`pyscaffold learn` lists the lessons.",
  });
}

/** The list of lessons as Markdown. */
export function lessonListMarkdown(): string {
  return [
    "# Lessons",
    "Each lesson explains one pattern of the generated project and shows the code pyscaffold " +
    "writes for your variant: inside a project, the project's own; pick another with the same " +
    "flags as `pyscaffold new`.",
    LESSONS.map((l, i) => `${i + 1}. \`${l.id}\` — ${l.summary}`).join("\n"),
    "Run `pyscaffold learn <lesson>`, for example `pyscaffold learn three-layer-architecture " +
    "--framework flask --no-cache`.",
  ].join("\n\n") + "\n";
}
