/**
 * The steps of `pyscaffold new`'s wizard, one file each (the create-astro
 * pattern): each takes the answers so far and an injected Prompter and returns
 * its answer, so tests drive them with a ScriptedPrompter and no terminal.
 */
export * from "./choice_question.ts";
export * from "./database.ts";
export * from "./features.ts";
export * from "./framework.ts";
export * from "./module.ts";
export * from "./preview.ts";
export * from "./project_name.ts";
