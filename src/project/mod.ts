/**
 * A generated project as it is on disk: its answers file (.pyscaffold.json:
 * the answers, the pyscaffold version and the module manifest), its Alembic
 * revisions, and the rule for paths inside it. Read by planning; written only
 * through src/write.
 */
export * from "./answers_file.ts";
export * from "./migrations.ts";
export * from "./paths.ts";
export * from "./lock.ts";
