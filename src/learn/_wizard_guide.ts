/**
 * The guide the wizard of `pyscaffold new --learn` prints: the explanations of
 * ./_guide.ts, formatted for the terminal once the renderer is loaded.
 */
import type { Plan } from "../plan/mod.ts";
import type { ProjectAnswers } from "../choices/project_spec.ts";
import { PROJECT_QUESTIONS } from "../choices/features/mod.ts";
import { guideBeforeWrite, guideFor, type QuestionId } from "./_guide.ts";
import { loadRenderer, type TerminalOptions } from "./_terminal.ts";

export interface WizardGuide {
  /** Printed before a question; "" when there is nothing to say. */
  question(id: string, answers: ProjectAnswers): string;
  /** Printed before the preview, when the project is about to be written. */
  beforeWrite(plan: Plan): string;
}

const QUESTION_IDS: readonly string[] = ["name", ...PROJECT_QUESTIONS.map((q) => q.id)];

export async function wizardGuide(options: TerminalOptions): Promise<WizardGuide> {
  const render = await loadRenderer(options);
  return {
    question: (id, answers) =>
      QUESTION_IDS.includes(id) ? render(guideFor(id as QuestionId, answers)) : "",
    beforeWrite: (plan) => render(guideBeforeWrite(plan)),
  };
}
