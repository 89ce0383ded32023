/**
 * The Plan: every change a command would make, in memory, with where each
 * file comes from and why. `new`, `add` and `remove` build one; the preview,
 * --dry-run, --json, the learning mode and the writer all read it; only the
 * writer (src/write) touches the disk.
 */
export { buildProjectPlan, renderProject } from "./project_plan.ts";
export { buildMigrationFile, buildModuleFiles } from "./module_plan.ts";
export { moduleContext, projectContext, projectFlags } from "./template_context.ts";
export { plannedAnswersFile } from "./answers_plan.ts";
export {
  builtinRefs,
  type EditedFiles,
  findModule,
  knownModule,
  type LeftoverPlan,
  type ModulePlan,
  planAdd,
  planDropFields,
  planLeftovers,
  planRemove,
  planRenameFields,
  recordedName,
  type RemovePlan,
  resolveRefs,
} from "./module_ops.ts";
export { fileHashes, sha256 } from "./content_hash.ts";
export { type OldNameUse, oldNameUses } from "./old_names.ts";
export { markedFiles } from "./_merged_file.ts";
export type {
  Conflict,
  FileAction,
  FileFacts,
  FileRule,
  Origin,
  Plan,
  PlannedDeletion,
  PlannedFile,
} from "./_types.ts";
export { byPath, fileBytes, planSummary, resolveTemplate } from "./_types.ts";
