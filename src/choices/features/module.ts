/**
 * The first resource module. Its files are the module files of `pyscaffold
 * add` (src/plan/module_files.ts), so the record brings none of its own.
 */
import { exampleModule, type ModuleSpec, parseModuleName } from "../module_spec.ts";
import type { TextQuestion } from "../questions.ts";

export const moduleQuestion: TextQuestion<"module", ModuleSpec> = {
  id: "module",
  kind: "text",
  flag: "--module",
  placeholder: "name",
  message: "Name of the first resource module?",
  label: "Module name",
  help: "the first resource module (controller, service, repository, model)",
  explanation:
    "A resource module is one table with its routes: controller (HTTP), service (rules), " +
    "repository (queries) and model. Add more later with `pyscaffold add`.",
  lesson: "three-layer-architecture",
  default: "items",
  parse: (raw, { database }) => parseModuleName(raw, database),
  resolve: (name) => exampleModule(name),
  answerOf: (module) => module.name,
};
