/**
 * Step: the first resource module's name, checked as it is typed against the
 * rules of module names (Python keywords, the database's reserved words,
 * Oracle's identifier length).
 */
import { UserError } from "../../errors.ts";
import { parseModuleName } from "../../choices/module_names.ts";
import { type Database, moduleQuestion } from "../../choices/questions.ts";
import { paragraph } from "../_text.ts";
import type { Prompter } from "../prompter.ts";

export interface ModuleContext {
  prompter: Prompter;
  /** Reserved words depend on it. */
  database: Database;
  /** The current answer, when the user goes back to change it. */
  initial?: string;
}

export async function askModule(ctx: ModuleContext): Promise<string> {
  const { prompter, database } = ctx;
  prompter.print("");
  prompter.print(paragraph(moduleQuestion.explanation, prompter.columns));
  const answer = await prompter.input({
    message: moduleQuestion.message,
    default: ctx.initial ?? moduleQuestion.default,
    liveHint: (value) => {
      const problem = moduleNameProblem(value, database);
      return problem ? `✗ ${problem}` : undefined;
    },
    validate: (value) => moduleNameProblem(value, database) ?? true,
  });
  return parseModuleName(answer, database);
}

/** The parser's message and suggestion as one line, or undefined when the name is fine. */
export function moduleNameProblem(value: string, database: Database): string | undefined {
  try {
    parseModuleName(value, database);
    return undefined;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.hint ? `${error.message} ${error.hint}` : error.message;
  }
}
