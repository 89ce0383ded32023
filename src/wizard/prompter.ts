/**
 * The prompter: the one door through which pyscaffold talks to a user in a
 * terminal. The wizard steps of `new`, the field questions of `add` and the
 * learning mode receive a `Prompter` and never touch a prompt library, so
 *
 * - tests hand them a `ScriptedPrompter` (./scripted_prompter.ts) with canned
 *   answers and check what was asked and printed — no terminal needed;
 * - the real prompts come from one adapter (./_inquirer_prompter.ts), loaded
 *   by `terminalPrompter()` only when a question is actually asked, so that
 *   `--help` and non-interactive runs never load the prompt library.
 *
 * Contract of every asking method: it resolves with the answer, rejects with
 * `GoBackError` when the user presses Escape (the caller asks the previous
 * question again), or rejects with `CancelledError` (src/errors.ts) when the
 * user presses Ctrl-C. Callers let `CancelledError` propagate: the CLI prints
 * "Cancelled — nothing was written." and exits with 130.
 */
import type { Colors } from "../output/colors.ts";

/** The user pressed Escape: back to the previous question. */
export class GoBackError extends Error {
  constructor() {
    super("Back to the previous question.");
    this.name = "GoBackError";
  }
}

export interface PromptChoice<V> {
  value: V;
  /** What the list shows. */
  name: string;
  /** One line shown under the list while this choice is highlighted. */
  description?: string;
  /** Shown but cannot be picked; a string says why ("not supported yet"). */
  disabled?: boolean | string;
}

export interface InputOptions {
  message: string;
  /** Accepted when the user presses Enter on an empty line. */
  default?: string;
  /**
   * Checked when the user presses Enter: `true` accepts the value, a string
   * is shown as the error and the prompt stays open.
   */
  validate?: (value: string) => true | string | Promise<true | string>;
  /**
   * Checked on every keystroke: a short problem shown right after what the
   * user typed (validation as you type), or undefined when the value is fine.
   */
  liveHint?: (value: string) => string | undefined;
}

export interface SelectOptions<V> {
  message: string;
  choices: readonly PromptChoice<V>[];
  /** The value highlighted first. */
  default?: V;
  /** How many choices are visible at once (long lists scroll). */
  pageSize?: number;
}

export interface ConfirmOptions {
  message: string;
  default?: boolean;
}

export interface CheckboxChoice<V> extends PromptChoice<V> {
  checked?: boolean;
}

export interface CheckboxOptions<V> {
  message: string;
  choices: readonly CheckboxChoice<V>[];
  /** Checked on Enter against the ticked values; a string keeps the prompt open. */
  validate?: (values: readonly V[]) => true | string;
  pageSize?: number;
}

export interface SearchOptions<V> {
  message: string;
  /** Filtered as the user types (case-insensitive match on `name`). */
  choices: readonly PromptChoice<V>[];
  pageSize?: number;
}

export interface Prompter {
  /** Width of the terminal in columns (80 when it is unknown). */
  readonly columns: number;
  /** Colours for text the caller prints; all no-ops with NO_COLOR or without a terminal. */
  readonly colors: Colors;
  /** Prints text between prompts: explanations, tables, a file tree, a file. */
  print(text: string): void;
  /** Prints long text a screen at a time in a terminal (src/output/pager.ts), plainly elsewhere. */
  page(text: string): Promise<void>;
  /** Free text. */
  input(options: InputOptions): Promise<string>;
  /** One of a list, with arrow keys; the highlighted choice's description is shown. */
  select<V>(options: SelectOptions<V>): Promise<V>;
  /** Yes or no. */
  confirm(options: ConfirmOptions): Promise<boolean>;
  /** Any number of a list, with space to tick. */
  checkbox<V>(options: CheckboxOptions<V>): Promise<V[]>;
  /** One of a long list, filtered by typing. */
  search<V>(options: SearchOptions<V>): Promise<V>;
  /**
   * Reports progress of a long operation on one line that redraws itself
   * (a terminal) or not at all (a test); `done === total` ends the line.
   */
  progress(done: number, total: number, label: string): void;
}

export interface TerminalPrompterOptions {
  /** Where prompts and printed text go; stderr when stdout carries data (--json). */
  output?: "stdout" | "stderr";
}

/** The real prompter for a terminal. Loads the prompt library on first use. */
export async function terminalPrompter(options: TerminalPrompterOptions = {}): Promise<Prompter> {
  const { InquirerPrompter } = await import("./_inquirer_prompter.ts");
  return new InquirerPrompter(options);
}
