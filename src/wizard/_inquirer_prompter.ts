/**
 * The only file that imports the prompt library (@inquirer/prompts). Loaded
 * lazily by `terminalPrompter()` in ./prompter.ts; everything else sees the
 * `Prompter` interface, so moving to another library means rewriting this
 * file alone.
 */
import { checkbox, confirm, input, search, select } from "@inquirer/prompts";
import process from "node:process";
import { CancelledError } from "../errors.ts";
import { type Colors, makeColors } from "../output/colors.ts";
import { page } from "../output/pager.ts";
import {
  type CheckboxOptions,
  type ConfirmOptions,
  GoBackError,
  type InputOptions,
  type Prompter,
  type SearchOptions,
  type SelectOptions,
  type TerminalPrompterOptions,
} from "./prompter.ts";

const encoder = new TextEncoder();

export class InquirerPrompter implements Prompter {
  readonly colors: Colors;
  readonly #stream: typeof Deno.stdout;
  readonly #context: { output?: NodeJS.WritableStream };

  constructor(options: TerminalPrompterOptions = {}) {
    const toStderr = options.output === "stderr";
    this.#stream = toStderr ? Deno.stderr : Deno.stdout;
    this.#context = toStderr ? { output: process.stderr } : {};
    const noColor = Deno.env.get("NO_COLOR");
    this.colors = makeColors((noColor === undefined || noColor === "") && this.#isTerminal());
  }

  get columns(): number {
    try {
      return Deno.consoleSize().columns || 80;
    } catch {
      return 80;
    }
  }

  print(text: string): void {
    this.#stream.writeSync(encoder.encode(text + "\n"));
  }

  page(text: string): Promise<void> {
    return page(text, this.colors, this.#stream);
  }

  input(options: InputOptions): Promise<string> {
    return this.#ask((context) => input(inputConfig(options, this.colors), context));
  }

  select<V>(options: SelectOptions<V>): Promise<V> {
    return this.#ask((context) => select<V>(selectConfig(options), context));
  }

  confirm(options: ConfirmOptions): Promise<boolean> {
    return this.#ask((context) => confirm(options, context));
  }

  checkbox<V>(options: CheckboxOptions<V>): Promise<V[]> {
    const { validate } = options;
    return this.#ask((context) =>
      checkbox<V>({
        message: options.message,
        choices: options.choices.map((c) => ({ ...c })),
        pageSize: options.pageSize,
        validate: validate ? (ticked) => validate(ticked.map((c) => c.value)) : undefined,
      }, context)
    );
  }

  search<V>(options: SearchOptions<V>): Promise<V> {
    return this.#ask((context) =>
      search<V>({
        message: options.message,
        pageSize: options.pageSize,
        source: (term) => {
          const needle = (term ?? "").toLowerCase();
          return options.choices.filter((c) => c.name.toLowerCase().includes(needle))
            .map((c) => ({ ...c }));
        },
      }, context)
    );
  }

  progress(done: number, total: number, label: string): void {
    if (!this.#isTerminal()) return;
    if (done >= total) {
      this.#stream.writeSync(encoder.encode("\r\x1b[2K"));
      return;
    }
    const width = 20;
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    const bar = this.colors.green("█".repeat(filled)) + this.colors.dim("░".repeat(width - filled));
    const counter = `${done}/${total}`;
    const room = Math.max(0, this.columns - width - counter.length - 6);
    const shown = label.length > room ? "…" + label.slice(label.length - room + 1) : label;
    this.#stream.writeSync(
      encoder.encode(`\r\x1b[2K  ${bar} ${counter} ${this.colors.dim(shown)}`),
    );
  }

  /**
   * One prompt, with Escape as "back": inquirer has no key for it, so a
   * keypress listener on stdin (readline emits them while a prompt reads)
   * aborts the prompt, and the abort becomes a GoBackError.
   */
  async #ask<T>(
    prompt: (context: { output?: NodeJS.WritableStream; signal: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    let back = false;
    const onKey = (_text: string | undefined, key: { name?: string } | undefined) => {
      if (key?.name !== "escape") return;
      back = true;
      controller.abort();
    };
    process.stdin.on("keypress", onKey);
    try {
      return await cancellable(prompt({ ...this.#context, signal: controller.signal }));
    } catch (error) {
      if (back) throw new GoBackError();
      throw error;
    } finally {
      process.stdin.off("keypress", onKey);
    }
  }

  #isTerminal(): boolean {
    return this.#stream.isTerminal();
  }
}

/** The input prompt's configuration: the live hint is drawn after the typed text. */
export function inputConfig(options: InputOptions, colors: Colors): Parameters<typeof input>[0] {
  const { liveHint } = options;
  return {
    message: options.message,
    default: options.default,
    validate: options.validate,
    transformer: liveHint
      ? (value, { isFinal }) => {
        const hint = isFinal || value === "" ? undefined : liveHint(value);
        return hint ? `${value}  ${colors.yellow(hint)}` : value;
      }
      : undefined,
  };
}

/** The select prompt's configuration: inquirer shows the highlighted choice's description. */
export function selectConfig<V>(options: SelectOptions<V>): Parameters<typeof select<V>>[0] {
  return {
    message: options.message,
    choices: options.choices.map((c) => ({ ...c })),
    default: options.default,
    pageSize: options.pageSize,
  };
}

/** Ctrl-C makes inquirer reject with ExitPromptError; the rest of pyscaffold knows CancelledError. */
async function cancellable<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    if (
      error instanceof Error &&
      (error.name === "ExitPromptError" || error.name === "AbortPromptError")
    ) {
      throw new CancelledError();
    }
    throw error;
  }
}
