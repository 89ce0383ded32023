/**
 * The step of every select question (framework, database): the explanation and
 * trade-off table, then the choices of the question with their descriptions. A choice
 * whose templates have not landed yet is still offered (the data lists it);
 * picking it says so and asks again.
 */
import { UserError } from "../../errors.ts";
import { checkChoice } from "../../choices/project_spec.ts";
import type { SelectQuestion } from "../../choices/questions.ts";
import { paragraph } from "../../output/text.ts";
import type { Prompter } from "../prompter.ts";
import { renderTradeoffTable } from "../tradeoff_table.ts";

export interface ChoiceStepContext {
  prompter: Prompter;
  /** The current answer, when the user goes back to change it. */
  initial?: string;
}

export async function askChoiceQuestion<V extends string>(
  ctx: ChoiceStepContext,
  question: SelectQuestion<string, V>,
): Promise<V> {
  const { prompter } = ctx;
  const c = prompter.colors;
  prompter.print("");
  prompter.print(paragraph(question.explanation, prompter.columns));
  prompter.print("");
  prompter.print(renderTradeoffTable(question.tradeoffs, question, prompter));
  prompter.print("");
  let initial = question.choices.some((choice) => choice.value === ctx.initial)
    ? ctx.initial as V
    : question.default;
  for (;;) {
    const value = await prompter.select<V>({
      message: question.message,
      choices: question.choices,
      default: initial,
    });
    try {
      return checkChoice(question, value);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      prompter.print(`${c.yellow("!")} ${error.message} Choose another one for now.`);
      initial = question.default;
    }
  }
}
