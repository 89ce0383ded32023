/**
 * A `Prompter` that answers from a script instead of a keyboard, for tests of
 * anything that asks questions (wizard steps, `add`, `learn`). It records what
 * was asked and printed, so a test can check both the resulting answers and
 * what the user would have read.
 *
 * ```ts
 * const prompter = new ScriptedPrompter([
 *   { expect: /framework/, answer: "flask" },
 *   "my-api",          // the next prompt, whatever it asks
 *   CANCEL,            // the user presses Ctrl-C here
 * ]);
 * ```
 *
 * An input answer that fails the prompt's `validate` is recorded in
 * `asked[i].errors` and the next script entry answers the same prompt again,
 * as a user would retype it. An empty input answer takes the default.
 */
import { CancelledError } from "../errors.ts";
import { type Colors, makeColors } from "../output/colors.ts";
import {
  type CheckboxOptions,
  type ConfirmOptions,
  GoBackError,
  type InputOptions,
  type PromptChoice,
  type Prompter,
  type SearchOptions,
  type SelectOptions,
} from "./prompter.ts";

/** A script entry that presses Ctrl-C. */
export const CANCEL: unique symbol = Symbol("cancel");
/** A script entry that presses Escape: back to the previous question. */
export const BACK: unique symbol = Symbol("back");

export type ScriptAnswer = string | boolean | readonly unknown[] | typeof CANCEL | typeof BACK | {
  /** The prompt this answer is meant for; the test fails if another prompt comes. */
  expect: string | RegExp;
  answer: unknown;
};

export interface AskedPrompt {
  kind: "input" | "select" | "confirm" | "checkbox" | "search";
  message: string;
  choices?: readonly PromptChoice<unknown>[];
  default?: unknown;
  /** Live hints shown while the answer was typed (input only). */
  hints: string[];
  /** Validation errors shown before an answer was accepted. */
  errors: string[];
  answer?: unknown;
}

export class ScriptedPrompter implements Prompter {
  readonly colors: Colors = makeColors(false);
  readonly columns: number;
  readonly asked: AskedPrompt[] = [];
  readonly printed: string[] = [];
  readonly progressed: [number, number, string][] = [];
  readonly #script: ScriptAnswer[];

  constructor(script: readonly ScriptAnswer[], options: { columns?: number } = {}) {
    this.#script = [...script];
    this.columns = options.columns ?? 80;
  }

  /** Script entries not used yet. */
  get remaining(): number {
    return this.#script.length;
  }

  /** Everything printed and asked, in order, as one text (for assertions on wording). */
  get transcript(): string {
    return this.#log.join("\n");
  }

  readonly #log: string[] = [];

  print(text: string): void {
    this.printed.push(text);
    this.#log.push(text);
  }

  /** Paged text is recorded like printed text. */
  page(text: string): Promise<void> {
    this.print(text);
    return Promise.resolve();
  }

  async input(options: InputOptions): Promise<string> {
    const asked = this.#ask("input", options.message, { default: options.default });
    for (;;) {
      const raw = this.#next(options.message);
      if (typeof raw !== "string") throw new Error(`input "${options.message}": got ${raw}`);
      const hint = raw === "" ? undefined : options.liveHint?.(raw);
      if (hint) asked.hints.push(hint);
      const value = raw === "" ? options.default ?? "" : raw;
      const verdict = options.validate ? await options.validate(value) : true;
      if (verdict === true) return this.#answer(asked, value);
      asked.errors.push(verdict);
      this.#log.push(`  ! ${verdict}`);
    }
  }

  // async: a scripted Escape or Ctrl-C rejects the promise, as a real prompt does.
  // deno-lint-ignore require-await
  async select<V>(options: SelectOptions<V>): Promise<V> {
    const asked = this.#ask("select", options.message, {
      choices: options.choices,
      default: options.default,
    });
    const value = this.#next(options.message) as V;
    const choice = options.choices.find((c) => c.value === value);
    if (!choice) {
      throw new Error(`select "${options.message}": ${String(value)} is not a choice`);
    }
    if (choice.disabled) {
      throw new Error(`select "${options.message}": ${String(value)} is disabled`);
    }
    return this.#answer(asked, value);
  }

  // async: a scripted Escape or Ctrl-C rejects the promise, as a real prompt does.
  // deno-lint-ignore require-await
  async confirm(options: ConfirmOptions): Promise<boolean> {
    const asked = this.#ask("confirm", options.message, { default: options.default });
    const value = this.#next(options.message);
    if (typeof value !== "boolean") throw new Error(`confirm "${options.message}": got ${value}`);
    return this.#answer(asked, value);
  }

  // async: a scripted Escape or Ctrl-C rejects the promise, as a real prompt does.
  // deno-lint-ignore require-await
  async checkbox<V>(options: CheckboxOptions<V>): Promise<V[]> {
    const asked = this.#ask("checkbox", options.message, { choices: options.choices });
    for (;;) {
      const values = this.#next(options.message);
      if (!Array.isArray(values)) throw new Error(`checkbox "${options.message}": got ${values}`);
      for (const v of values) {
        if (!options.choices.some((c) => c.value === v)) {
          throw new Error(`checkbox "${options.message}": ${String(v)} is not a choice`);
        }
      }
      const verdict = options.validate?.(values as V[]) ?? true;
      if (verdict === true) return this.#answer(asked, values as V[]);
      asked.errors.push(verdict);
    }
  }

  // async: a scripted Escape or Ctrl-C rejects the promise, as a real prompt does.
  // deno-lint-ignore require-await
  async search<V>(options: SearchOptions<V>): Promise<V> {
    const asked = this.#ask("search", options.message, { choices: options.choices });
    const value = this.#next(options.message) as V;
    if (!options.choices.some((c) => c.value === value)) {
      throw new Error(`search "${options.message}": ${String(value)} is not a choice`);
    }
    return this.#answer(asked, value);
  }

  progress(done: number, total: number, label: string): void {
    this.progressed.push([done, total, label]);
  }

  #ask(
    kind: AskedPrompt["kind"],
    message: string,
    extra: Partial<AskedPrompt>,
  ): AskedPrompt {
    const asked: AskedPrompt = { kind, message, hints: [], errors: [], ...extra };
    this.asked.push(asked);
    this.#log.push(`? ${message}`);
    for (const choice of extra.choices ?? []) {
      this.#log.push(`  ${choice.name}${choice.description ? ` — ${choice.description}` : ""}`);
    }
    return asked;
  }

  #answer<T>(asked: AskedPrompt, value: T): T {
    asked.answer = value;
    this.#log.push(`> ${typeof value === "string" ? value : JSON.stringify(value)}`);
    return value;
  }

  #next(message: string): unknown {
    if (this.#script.length === 0) throw new Error(`no scripted answer left for "${message}"`);
    let entry: unknown = this.#script.shift()!;
    if (typeof entry === "object" && entry !== null && !Array.isArray(entry) && "expect" in entry) {
      const { expect, answer } = entry as { expect: string | RegExp; answer: unknown };
      const matches = typeof expect === "string" ? message === expect : expect.test(message);
      if (!matches) throw new Error(`expected a prompt matching ${expect}, got "${message}"`);
      entry = answer;
    }
    if (entry === CANCEL) throw new CancelledError();
    if (entry === BACK) {
      this.#log.push("> ← back");
      throw new GoBackError();
    }
    return entry;
  }
}
