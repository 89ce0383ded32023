import {
  ANSWERS_FILE,
  type ModuleRecord,
  moduleRecordContent,
  moduleRecordPath,
} from "../project/answers_file.ts";
import { type FileAction, type PlannedFile, plannedFile } from "./_types.ts";

/**
 * The answers file as a planned file: created by `new`, replaced by `update`
 * (and by `remove` in a project of 0.12.4 or earlier, whose answers file holds
 * the module records). The writers place the records last, so that they never
 * record a change that did not happen.
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

/** A module's record (`.pyscaffold/modules/<name>.json`) as a planned file. */
export function plannedModuleRecord(
  name: string,
  record: ModuleRecord,
  action: FileAction,
): PlannedFile {
  return plannedFile(
    {
      origin: "module",
      why: `what pyscaffold made of the module ${name}: its fields, its access and a hash of ` +
        "each of its files, for `remove` and `update`",
    },
    moduleRecordPath(name),
    "",
    moduleRecordContent(record),
    action,
  );
}
