/**
 * Guided mode of the wizard (`pyscaffold new --learn`). The wizard already
 * shows each question's explanation, trade-offs, adds and costs; the guide adds
 * what the choice changes in the code about to be generated — for a feature,
 * the files it adds and changes, computed from the Plan — and the lesson that
 * explains it. Before writing, it lists the files grouped by lesson.
 */
import { type Plan, renderProject } from "../plan/mod.ts";
import { type ProjectAnswers, resolveProjectSpec } from "../choices/project_spec.ts";
import { authQuestion, type FeatureId, PROJECT_QUESTIONS } from "../choices/features/mod.ts";
import { LESSONS } from "./_lessons.ts";

/** The wizard's questions: the project name, then the question data's. */
export type QuestionId = "name" | typeof PROJECT_QUESTIONS[number]["id"];

/** What the project name decides in the generated code (the questions say it in their records). */
const NAME_IN_YOUR_CODE =
  "The name becomes the project's directory, its distribution name in `pyproject.toml`, " +
  "the title of its API documentation and the prefix of its Redis keys.";

function fileDiff(
  answers: ProjectAnswers,
  feature: FeatureId,
): { added: string[]; changed: string[] } | undefined {
  try {
    // The rendered files only: the answers file and the store are pyscaffold's records.
    const files = (on: boolean) => {
      const { project, module } = renderProject(
        resolveProjectSpec({ name: "my-api", ...answers, [feature]: on }),
      );
      return [...project, ...module];
    };
    const off = new Map(files(false).map((f) => [f.path, f.content]));
    const on = files(true);
    return {
      added: on.filter((f) => !off.has(f.path)).map((f) => f.path),
      changed: on.filter((f) => off.has(f.path) && off.get(f.path) !== f.content).map((f) =>
        f.path
      ),
    };
  } catch {
    // an answer given so far that the engine refuses: the wizard reports it itself
    return undefined;
  }
}

const list = (paths: string[]) => paths.map((p) => `\`${p}\``).join(", ");

/**
 * Markdown shown before a question in guided mode. `answers` are the answers
 * so far; unanswered questions take their defaults.
 */
export function guideFor(questionId: QuestionId, answers: ProjectAnswers = {}): string {
  const q = PROJECT_QUESTIONS.find((x) => x.id === questionId);
  const parts = [`### In your code: ${q ? q.message : "What is the project called?"}`];
  parts.push(q ? q.inYourCode : NAME_IN_YOUR_CODE);
  if (q?.kind === "confirm") {
    const diff = fileDiff(answers, q.id);
    if (diff && (diff.added.length || diff.changed.length)) {
      const lines = [];
      if (diff.added.length) {
        lines.push(`- **Yes adds ${diff.added.length} files:** ${list(diff.added)}`);
      }
      if (diff.changed.length) {
        const verb = diff.added.length ? "and changes" : "Yes changes";
        lines.push(`- **${verb} ${diff.changed.length} files:** ${list(diff.changed)}`);
      }
      parts.push(lines.join("\n"));
    }
  }
  if (questionId === "cache" && (answers.auth ?? authQuestion.default)) {
    parts.push("With authentication on, revoked tokens are kept in Redis too, with an expiry.");
  }
  if (q?.lesson) parts.push(`Learn more: \`pyscaffold learn ${q.lesson}\``);
  return parts.join("\n\n") + "\n";
}

/**
 * Markdown shown before writing in guided mode: what the Plan will create,
 * grouped by the lesson that explains each file.
 */
export function guideBeforeWrite(plan: Plan): string {
  const parts = [
    `### About to write ${plan.files.length} files into \`${plan.root}/\``,
    "Nothing has been written yet. Each group of files below is one pattern; " +
    "its lesson explains it with these very files.",
  ];
  const byLesson = new Map<string, string[]>();
  const other: string[] = [];
  for (const f of plan.files) {
    if (f.lesson && LESSONS.some((l) => l.id === f.lesson)) {
      byLesson.set(f.lesson, [...(byLesson.get(f.lesson) ?? []), f.path]);
    } else other.push(f.path);
  }
  for (const lesson of LESSONS) {
    const paths = byLesson.get(lesson.id);
    if (!paths) continue;
    parts.push(`**${lesson.title}** — \`pyscaffold learn ${lesson.id}\`: ${list(paths)}`);
  }
  if (other.length) parts.push(`**Project tooling:** ${list(other)}`);
  parts.push(
    "Writing is atomic: the project is assembled next to its target and moved into place, " +
      "so an interrupted run leaves nothing half-written. `docs/ARCHITECTURE.md` in the new " +
      "project is a tour of these files.",
  );
  return parts.join("\n\n") + "\n";
}
