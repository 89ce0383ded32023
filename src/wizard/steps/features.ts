/**
 * Step: the optional features (auth, cache, Celery), one at a time, each
 * after what it adds and what it costs.
 */
import { FEATURE_QUESTIONS, type FeatureId } from "../../choices/features/mod.ts";
import { paragraph } from "../../output/text.ts";
import type { Prompter } from "../prompter.ts";

export type FeatureAnswers = Partial<Record<FeatureId, boolean>>;

export interface FeaturesContext {
  prompter: Prompter;
  /** The features to ask about, in any order (they are asked in question order). */
  ask: readonly FeatureId[];
  /** Current answers, when the user goes back to change them. */
  initial?: FeatureAnswers;
}

export async function askFeatures(ctx: FeaturesContext): Promise<FeatureAnswers> {
  const { prompter } = ctx;
  const c = prompter.colors;
  const answers: FeatureAnswers = {};
  for (const question of FEATURE_QUESTIONS) {
    if (!ctx.ask.includes(question.id)) continue;
    const width = prompter.columns;
    prompter.print("");
    prompter.print(paragraph(question.explanation, width));
    prompter.print(labelled(c.green("adds "), question.adds, width));
    prompter.print(labelled(c.yellow("costs"), question.costs, width));
    answers[question.id] = await prompter.select<boolean>({
      message: question.message,
      choices: question.choices,
      default: ctx.initial?.[question.id] ?? question.default,
    });
  }
  return answers;
}

/** `  adds  text that wraps under itself` */
function labelled(label: string, text: string, columns: number): string {
  const lines = paragraph(text, columns, " ".repeat(10)).split("\n");
  lines[0] = `  ${label}   ${lines[0].trimStart()}`;
  return lines.join("\n");
}
