import { ANSWERS_FILE } from "../project/answers_file.ts";
import { type FileAction, type PlannedFile, plannedFile } from "./_types.ts";

/**
 * The answers file as a planned file: created by `new`, replaced by `add` and
 * `remove`. The writer writes it last, so that it never records a change that
 * did not happen.
 */
export function plannedAnswersFile(content: string, action: FileAction): PlannedFile {
  return plannedFile(
    {
      origin: "core",
      why: "the answers this project was generated with; `pyscaffold add` reads them",
    },
    ANSWERS_FILE,
    "",
    content,
    action,
  );
}
