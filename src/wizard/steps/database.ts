/** Step: PostgreSQL or Oracle, after the database trade-off table. */
import type { Database } from "../../choices/questions.ts";
import { databaseQuestion } from "../../choices/features/mod.ts";
import { askChoiceQuestion, type ChoiceStepContext } from "./choice_question.ts";

export type DatabaseContext = ChoiceStepContext;

export function askDatabase(ctx: DatabaseContext): Promise<Database> {
  return askChoiceQuestion(ctx, databaseQuestion);
}
