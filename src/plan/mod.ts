/**
 * The Plan: every file a command would write, in memory, with where it came
 * from. Preview, --dry-run, --json, the learning mode and the writer all read
 * a Plan; only the writer touches the disk.
 */
export { buildProjectPlan, projectContext } from "./project_plan.ts";
export { buildModuleFiles, moduleContext } from "./module_plan.ts";
export type { FileRule, Origin, Plan, PlannedFile } from "./_types.ts";
export { planSummary } from "./_types.ts";
