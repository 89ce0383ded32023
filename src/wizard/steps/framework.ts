/** Step: Flask or Quart, after the framework trade-off table. */
import type { Framework } from "../../choices/questions.ts";
import { frameworkQuestion } from "../../choices/features/mod.ts";
import { askChoiceQuestion, type ChoiceStepContext } from "./choice_question.ts";

export type FrameworkContext = ChoiceStepContext;

export function askFramework(ctx: FrameworkContext): Promise<Framework> {
  return askChoiceQuestion(ctx, frameworkQuestion);
}
