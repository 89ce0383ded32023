/**
 * The flags that answer project questions, derived from the question data:
 * `--framework <framework>`, `--database <database>`, `--auth`/`--no-auth`, ...
 * `new` and `learn` both take them, so they are built in one place.
 */
import { Option } from "@commander-js/extra-typings";
import { FEATURE_QUESTIONS, moduleQuestion, SELECT_QUESTIONS } from "../choices/questions.ts";

export function questionOptions(moduleHelp: string = moduleQuestion.help): Option[] {
  const options: Option[] = [];
  for (const q of SELECT_QUESTIONS) {
    options.push(
      new Option(
        `${q.flag} <${q.id}>`,
        `${q.help}: ${q.choices.map((c) => c.value).join(" | ")} (default: ${q.default})`,
      ) as unknown as Option,
    );
  }
  for (const q of FEATURE_QUESTIONS) {
    options.push(
      new Option(q.flag, `${q.help} (default: ${q.default ? "on" : "off"})`)
        .default(undefined) as unknown as Option,
      new Option(`--no-${q.flag.slice(2)}`, `without ${q.id}`) as unknown as Option,
    );
  }
  options.push(
    new Option(
      `${moduleQuestion.flag} <name>`,
      `${moduleHelp} (default: ${moduleQuestion.default})`,
    ) as unknown as Option,
  );
  return options;
}
