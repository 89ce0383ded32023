/**
 * A lesson for one variant, as Markdown: its text for that variant, then the
 * code pyscaffold generates for it, cut out of the Plan.
 */
import type { Plan } from "../plan/mod.ts";
import { moduleNames } from "../choices/module_names.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";
import { databaseQuestion, frameworkQuestion } from "../choices/features/mod.ts";
import { databaseTradeoffs, frameworkTradeoffs } from "../choices/tradeoffs.ts";
import { tradeoffMarkdown } from "./_tables.ts";
import { type Excerpt, ExcerptError, extractExcerpt } from "./_excerpt.ts";
import { SECTION_HEADINGS } from "./_lesson_file.ts";
import type { ExcerptDef, Lesson, LessonContext } from "./_types.ts";

export function lessonContext(spec: ProjectSpec): LessonContext {
  return {
    spec,
    flask: spec.framework === "flask",
    quart: spec.framework === "quart",
    postgresql: spec.database === "postgresql",
    oracle: spec.database === "oracle",
    auth: spec.auth,
    cache: spec.cache,
    celery: spec.celery,
    m: moduleNames(spec.module.name),
    Framework: frameworkQuestion.choices.find((c) => c.value === spec.framework)!.name,
    Database: databaseQuestion.choices.find((c) => c.value === spec.database)!.name,
    tradeoffTable: (question) =>
      question === "framework"
        ? tradeoffMarkdown(frameworkTradeoffs, spec.framework)
        : tradeoffMarkdown(databaseTradeoffs, spec.database),
  };
}

/** `Flask · PostgreSQL · auth on · cache on · celery off · module items` */
export function variantLine(spec: ProjectSpec): string {
  const c = lessonContext(spec);
  const onOff = (b: boolean) => (b ? "on" : "off");
  return [
    c.Framework,
    c.Database,
    `auth ${onOff(spec.auth)}`,
    `cache ${onOff(spec.cache)}`,
    `celery ${onOff(spec.celery)}`,
    `module ${spec.module.name}`,
  ].join(" · ");
}

/** The excerpt definitions of a lesson that apply to this variant. */
export function excerptsFor(lesson: Lesson, spec: ProjectSpec): ExcerptDef[] {
  return lesson.excerpts.filter((e) => e.when?.(spec) ?? true);
}

export function excerptMarkdown(e: Excerpt): string {
  const fence = e.code.includes("```") ? "````" : "```";
  return [
    e.caption,
    "",
    `\`${e.path}\`, lines ${e.startLine}–${e.endLine}:`,
    "",
    fence + e.language,
    e.code,
    fence,
  ].join("\n");
}

/**
 * The whole lesson as Markdown, with excerpts taken from `plan`. A locator
 * that does not match throws ExcerptError, unless `strict` is false: then the
 * lesson says which excerpt is missing (for users; tests stay strict).
 */
export function renderLesson(
  lesson: Lesson,
  plan: Plan,
  options: { strict?: boolean; note?: string } = {},
): string {
  const spec = plan.spec;
  const c = lessonContext(spec);
  const parts = [
    `# ${lesson.title}`,
    `*Your variant: ${variantLine(spec)}*`,
    ...(options.note ? [`*${options.note}*`] : []),
    SECTION_HEADINGS[0],
    lesson.problem(c),
    SECTION_HEADINGS[1],
    lesson.how(c),
    SECTION_HEADINGS[2],
    lesson.tradeoffs(c),
    SECTION_HEADINGS[3],
  ];
  const defs = excerptsFor(lesson, spec);
  if (defs.length === 0) {
    parts.push(
      "Your variant has none: this pattern comes with a feature you turned off. " +
        "Run the lesson again with its flag on (for example `--auth`, `--cache` or `--celery`) " +
        "to see the code pyscaffold would write.",
    );
  }
  for (const def of defs) {
    try {
      parts.push(excerptMarkdown(extractExcerpt(plan, def)));
    } catch (error) {
      if (options.strict !== false || !(error instanceof ExcerptError)) throw error;
      parts.push(
        `${def.caption}\n\n> This excerpt is missing from the generated project ` +
          `(${error.message}). That is a bug in pyscaffold; please report it.`,
      );
    }
  }
  if (lesson.related?.length) {
    parts.push(
      "## Read next",
      lesson.related.map((id) => `- \`pyscaffold learn ${id}\``).join("\n"),
    );
  }
  return parts.join("\n\n") + "\n";
}
