/**
 * The flags that answer project questions, derived from the question records:
 * `--framework <framework>`, `--database <database>`, `--auth`/`--no-auth`, ...
 * `new` and `learn` both take them, so they are built in one place. Commander
 * stores each under its question's id; `pickAnswers()` reads them back typed.
 */
import { type CommandUnknownOpts, Option } from "@commander-js/extra-typings";
import { PROJECT_QUESTIONS, type QuestionId } from "../choices/features/mod.ts";

/**
 * Adds the question flags to `command`. `help` replaces a question's help line
 * where the command gives it another meaning (`learn --module`: the example module).
 */
export function addQuestionOptions(
  command: CommandUnknownOpts,
  help: Partial<Record<QuestionId, string>> = {},
): void {
  for (const q of PROJECT_QUESTIONS) {
    switch (q.kind) {
      case "select":
        command.addOption(
          new Option(
            `${q.flag} <${q.id}>`,
            `${help[q.id] ?? q.help}: ${
              q.choices.map((c) => c.value).join(" | ")
            } (default: ${q.default})`,
          ),
        );
        break;
      case "confirm":
        command.addOption(
          new Option(q.flag, `${help[q.id] ?? q.help} (default: ${q.default ? "on" : "off"})`)
            .default(undefined),
        );
        command.addOption(new Option(`--no-${q.id}`, `without ${q.id}`));
        break;
      case "text":
        command.addOption(
          new Option(
            `${q.flag} <${q.placeholder}>`,
            `${help[q.id] ?? q.help} (default: ${q.default})`,
          ),
        );
    }
  }
}
