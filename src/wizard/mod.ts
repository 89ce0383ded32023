/**
 * The interactive side of pyscaffold: the `Prompter` interface and its
 * terminal implementation (loaded lazily), the wizard of `new`, and the
 * no-argument menu. Tests use `ScriptedPrompter` from ./scripted_prompter.ts.
 */
export type {
  CheckboxChoice,
  CheckboxOptions,
  ConfirmOptions,
  InputOptions,
  PromptChoice,
  Prompter,
  SearchOptions,
  SelectOptions,
  TerminalPrompterOptions,
} from "./prompter.ts";
export { terminalPrompter } from "./prompter.ts";
export {
  ANSWER_IDS,
  type AnswerId,
  type NewWizardContext,
  type NewWizardResult,
  runNewWizard,
} from "./new_wizard.ts";
export { chooseFromMenu, type MenuCommand } from "./menu.ts";
export { renderTradeoffTable } from "./tradeoff_table.ts";
