/**
 * Step of a text question — the first resource module's name — checked as it
 * is typed against the rules of its question (for a module name: Python
 * keywords, the database's reserved words, Oracle's identifier length).
 */
import { UserError } from "../../errors.ts";
import { moduleQuestion } from "../../choices/features/mod.ts";
import type { Database, TextQuestion } from "../../choices/questions.ts";
import { paragraph } from "../_text.ts";
import type { Prompter } from "../prompter.ts";

export interface TextContext {
  prompter: Prompter;
  /** The earlier answers the text is checked against (reserved words depend on the database). */
  database: Database;
  /** The current answer, when the user goes back to change it. */
  initial?: string;
}

export type ModuleContext = TextContext;

export async function askTextQuestion(
  ctx: TextContext,
  question: TextQuestion<string, unknown>,
): Promise<string> {
  const { prompter, database } = ctx;
  const problem = (value: string) => textProblem(question, value, database);
  prompter.print("");
  prompter.print(paragraph(question.explanation, prompter.columns));
  const answer = await prompter.input({
    message: question.message,
    default: ctx.initial ?? question.default,
    liveHint: (value) => {
      const found = problem(value);
      return found ? `✗ ${found}` : undefined;
    },
    validate: (value) => problem(value) ?? true,
  });
  return question.parse(answer, { database });
}

export function askModule(ctx: ModuleContext): Promise<string> {
  return askTextQuestion(ctx, moduleQuestion);
}

/** The parser's message and suggestion as one line, or undefined when the text is fine. */
export function textProblem(
  question: TextQuestion<string, unknown>,
  value: string,
  database: Database,
): string | undefined {
  try {
    question.parse(value, { database });
    return undefined;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.hint ? `${error.message} ${error.hint}` : error.message;
  }
}

/** Why a module name cannot be used (message and suggestion), or undefined when it can. */
export function moduleNameProblem(value: string, database: Database): string | undefined {
  return textProblem(moduleQuestion, value, database);
}
