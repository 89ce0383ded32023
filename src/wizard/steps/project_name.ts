/**
 * Step: the project name. Checked as the user types (the problem and a valid
 * suggestion appear after the cursor) and again on Enter, where the target
 * directory must also be free.
 */
import { projectNameProblem, suggestProjectName } from "../../choices/names.ts";
import { paragraph } from "../../output/text.ts";
import type { Prompter } from "../prompter.ts";

/** The name offered when nothing else suggests one. */
export const DEFAULT_PROJECT_NAME = "my-api";
export const PROJECT_NAME_MESSAGE = "Project name?";
const PROJECT_NAME_EXPLANATION = "The directory to create, and the distribution name in " +
  "pyproject.toml: lower-case letters, digits and single hyphens.";

export interface ProjectNameContext {
  prompter: Prompter;
  /** The current answer, when the user goes back to change it. */
  initial?: string;
  /** Says why a valid name still cannot be used (its directory is not empty), or undefined. */
  checkTarget?: (name: string) => Promise<string | undefined>;
}

export async function askProjectName(ctx: ProjectNameContext): Promise<string> {
  const { prompter, checkTarget } = ctx;
  const c = prompter.colors;
  prompter.print(c.dim(paragraph(PROJECT_NAME_EXPLANATION, prompter.columns)));
  return await prompter.input({
    message: PROJECT_NAME_MESSAGE,
    default: ctx.initial ?? DEFAULT_PROJECT_NAME,
    liveHint: projectNameHint,
    validate: async (value) => projectNameError(value) ?? (await checkTarget?.(value)) ?? true,
  });
}

/** Shown while typing: the problem and a name that would be accepted. */
export function projectNameHint(value: string): string | undefined {
  const problem = projectNameProblem(value);
  return problem ? `✗ ${problem} → ${suggestProjectName(value)}` : undefined;
}

/** Shown on Enter when the name is refused. */
export function projectNameError(value: string): string | undefined {
  const problem = projectNameProblem(value);
  return problem ? `${capitalize(problem)}. Try "${suggestProjectName(value)}".` : undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
