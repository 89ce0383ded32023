/**
 * The choices pyscaffold offers and their validation: the question records
 * (features/), the framework and database profiles templates read as `it.fw`
 * and `it.db`, every dependency pin, the ProjectSpec they resolve to, and the
 * rules for project, module and field names.
 */
export * from "./databases.ts";
export * from "./dependencies.ts";
export * from "./features/mod.ts";
export * from "./field_types.ts";
export * from "./fields.ts";
export * from "./ids.ts";
export * from "./frameworks.ts";
export * from "./module_names.ts";
export * from "./module_spec.ts";
export * from "./names.ts";
export * from "./project_spec.ts";
export * from "./questions.ts";
export * from "./reserved.ts";
export * from "./tradeoffs.ts";
