/** Step: PostgreSQL or Oracle, after the database trade-off table. */
import { type Database, databaseQuestion } from "../../choices/questions.ts";
import { databaseTradeoffs } from "../../choices/tradeoffs.ts";
import { askChoiceQuestion, type ChoiceStepContext } from "./_choice_question.ts";

export type DatabaseContext = ChoiceStepContext;

export function askDatabase(ctx: DatabaseContext): Promise<Database> {
  return askChoiceQuestion(ctx, databaseQuestion, databaseTradeoffs);
}
