/**
 * The Python view of the choices: what the templates print, already as Python
 * source (types, columns, migrations, test sample values).
 */
export {
  addColumnSteps,
  auditColumnTypes,
  columnSteps,
  constraintName,
  dropColumnSteps,
  type FieldView,
  formatCall,
  LINE_LENGTH,
  type ModuleView,
  moduleView,
  ownerColumnSteps,
  ownerIndexSteps,
  renameColumnSteps,
  uniqueWhileActiveSteps,
} from "./module_view.ts";
export {
  formatAnnotated,
  formatAnnotatedCall,
  formatAssign,
  formatCallExpression,
  formatChain,
  formatDef,
  formatDocstring,
  formatEntry,
  formatStringCall,
  PYTHON_FORMAT,
} from "./python_format.ts";
export { testSamples } from "./test_samples.ts";
