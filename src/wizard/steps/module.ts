/**
 * Step of a text question — the first resource module's name — checked as it
 * is typed against the rules of its question (for a module name: Python
 * keywords, the database's reserved words, Oracle's identifier length).
 */
import { UserError } from "../../errors.ts";
import { moduleQuestion } from "../../choices/features/mod.ts";
import { accessQuestion } from "../../choices/features/module.ts";
import type { AccessPolicy } from "../../choices/module_spec.ts";
import type { Database, TextQuestion } from "../../choices/questions.ts";
import { paragraph } from "../../output/text.ts";
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
  // The name as pyscaffold will use it, when that is not what was typed (BookingItem → booking_item).
  const rewritten = (value: string) => {
    const parsed = question.parse(value, { database });
    return typeof parsed === "string" && parsed !== value.trim() ? parsed : undefined;
  };
  const answer = await prompter.input({
    message: question.message,
    default: ctx.initial ?? question.default,
    liveHint: (value) => {
      const found = problem(value);
      if (found) return `✗ ${found}`;
      const name = rewritten(value);
      return name ? `→ ${name}` : undefined;
    },
    validate: (value) => problem(value) ?? true,
  });
  const name = rewritten(answer);
  if (name) {
    prompter.print(prompter.colors.dim(`  "${answer.trim()}" is written as ${name}`));
  }
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

/**
 * The access policy of a module (`new`'s first module, and `add`), asked only in a project
 * with auth: its explanation of the trade-off, then the four policies with a line each.
 */
export async function askAccess(
  ctx: { prompter: Prompter; initial?: AccessPolicy },
): Promise<AccessPolicy> {
  const { prompter } = ctx;
  prompter.print("");
  prompter.print(paragraph(accessQuestion.explanation, prompter.columns));
  return await prompter.select<AccessPolicy>({
    message: accessQuestion.message,
    choices: accessQuestion.choices.map((c) => ({ ...c })),
    default: ctx.initial ?? accessQuestion.default,
  });
}
