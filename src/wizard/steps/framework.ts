/** Step: Flask or Quart, after the framework trade-off table. */
import { type Framework, frameworkQuestion } from "../../choices/questions.ts";
import { frameworkTradeoffs } from "../../choices/tradeoffs.ts";
import { askChoiceQuestion, type ChoiceStepContext } from "./_choice_question.ts";

export type FrameworkContext = ChoiceStepContext;

export function askFramework(ctx: FrameworkContext): Promise<Framework> {
  return askChoiceQuestion(ctx, frameworkQuestion, frameworkTradeoffs);
}
