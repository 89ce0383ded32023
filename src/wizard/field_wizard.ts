/**
 * The field questions of `pyscaffold add` in a terminal: one field at a time
 * (name, type, the type's arguments, modifiers), each checked by the same
 * parser as `--field`, then a summary. Talks only to the injected Prompter.
 */
import { UserError } from "../errors.ts";
import { FIELD_TYPES, fieldText, type FieldType, shellField } from "../choices/module_spec.ts";
import { moduleNames } from "../choices/module_names.ts";
import { listUse, parseField, rangeParameters } from "../choices/fields.ts";
import { FIELD_TYPE_RULES, type IfStated, TEXT_LENGTH } from "../choices/field_types.ts";
import { GoBackError, type Prompter } from "./prompter.ts";
import type { ProjectState } from "../project/answers_file.ts";
import { builtinRefs, recordedName } from "../plan/mod.ts";

/**
 * A type's arguments as a question's answer gave them (`str(12)`), checked by the parser: true, or
 * the problem it names. The limits are FIELD_TYPE_RULES', said once.
 */
function typeProblem(state: ProjectState, name: string, type: string): true | string {
  try {
    parseField(`${name}:${type}`, state.project.database);
    return true;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.message.replace(/^Invalid field "[^"]*": /, "").replace(/\.$/, "");
  }
}

/** An argument question of a type: asks for them and returns the type as a spec writes it. */
type ArgumentQuestion = (prompter: Prompter, state: ProjectState, name: string) => Promise<string>;

/**
 * What the wizard shows of each type: its line in the type list, and the question for its
 * arguments, null exactly for the types that take none (FIELD_TYPE_RULES' `arguments`,
 * src/choices/field_types.ts). Its modifiers and whether it is asked a default follow the type's
 * rules there.
 */
const TYPE_QUESTIONS: {
  readonly [T in FieldType]: {
    help: string;
    arguments: IfStated<T, "arguments", ArgumentQuestion>;
  };
} = {
  str: {
    help: "short text with a maximum length (VARCHAR)",
    arguments: async (prompter, state, name) => {
      const length = await prompter.input({
        message: `Maximum length of ${name}`,
        default: "255",
        validate: (v) => typeProblem(state, name, `str(${v})`),
      });
      return `str(${length.trim()})`;
    },
  },
  text: {
    help: "long text (TEXT), up to a maximum length a request may send",
    arguments: async (prompter, state, name) => {
      const length = await prompter.input({
        message: `Maximum length of ${name}`,
        default: String(TEXT_LENGTH),
        validate: (v) => typeProblem(state, name, `text(${v})`),
      });
      // The default is not recorded: `text` alone means TEXT_LENGTH.
      return Number(length) === TEXT_LENGTH ? "text" : `text(${Number(length)})`;
    },
  },
  int: { help: "whole number (32-bit)", arguments: null },
  bigint: { help: "whole number (64-bit)", arguments: null },
  decimal: {
    help: "exact number with precision and scale — money",
    arguments: async (prompter, state, name) => {
      const ps = await prompter.input({
        message: `Precision and scale of ${name} (digits in all, digits after the point)`,
        default: "10,2",
        validate: (v) => typeProblem(state, name, `decimal(${v.replace(/\s+/g, "")})`),
      });
      return `decimal(${ps.replace(/\s+/g, "")})`;
    },
  },
  float: { help: "floating-point number", arguments: null },
  bool: { help: "true or false", arguments: null },
  date: { help: "calendar date", arguments: null },
  datetime: { help: "timestamp with time zone (UTC)", arguments: null },
  uuid: { help: "UUID", arguments: null },
  json: { help: "JSON object", arguments: null },
  enum: {
    help: "one of a fixed list of values",
    arguments: async (prompter, state, name) => {
      const spell = (v: string) => `enum(${v.split("|").map((x) => x.trim()).join("|")})`;
      const values = await prompter.input({
        message: `Values of ${name}, separated by |`,
        validate: (v) => typeProblem(state, name, spell(v)),
      });
      return spell(values);
    },
  },
  ref: {
    help: "reference to a row of another module (foreign key)",
    arguments: async (prompter, state, name) => {
      const target = await prompter.select<string>({
        message: `${name} references`,
        choices: [...Object.keys(state.modules).sort(), ...builtinRefs(state.project)].map((m) => ({
          value: m,
          name: m,
          description: `a row of ${moduleNames(m).table}`,
        })),
      });
      return `ref:${target}`;
    },
  },
};

/** Asks for fields until the user has none left to add; returns them as `--field` texts. */
export async function askFields(
  prompter: Prompter,
  state: ProjectState,
  moduleName: string,
): Promise<string[]> {
  const database = state.project.database;
  const texts: string[] = [];
  // A module that exists gains optional fields, or required ones with a default its rows get
  // (planExtend's rule): the default is asked first, then whether the field is required.
  const recorded = recordedName(state.modules, moduleName);
  const existing = recorded === undefined ? undefined : state.modules[recorded].fields;
  const taken = new Set<string>(existing?.map((f) => f.name) ?? []);
  prompter.print(
    existing
      ? `New fields of ${moduleName}, which has ${existing.map((f) => f.name).join(", ")} ` +
        "(optional, or required with a default, which its rows get):"
      : `Fields of ${moduleName} (every table also has id and the audit fields):`,
  );
  // Names taken by each field, so Escape can give back the last field's names.
  const takenBy: string[][] = [];
  for (;;) {
    // Escape: within a field, that field from its name; at a name, the previous field again.
    let atName = true;
    try {
      const name = await prompter.input({
        message: `Field ${texts.length + 1} name${texts.length ? " (empty to finish)" : ""}`,
        validate: (value) => {
          if (value === "" && texts.length > 0) return true;
          if (taken.has(value)) return `"${value}" is already a field`;
          try {
            parseField(`${value}:int`, database);
            return true;
          } catch (error) {
            return error instanceof UserError ? error.message : String(error);
          }
        },
      });
      if (name === "") break;
      atName = false;
      const type = await prompter.select<FieldType>({
        message: `Type of ${name}`,
        choices: FIELD_TYPES.map((t) => ({
          value: t,
          name: t,
          description: TYPE_QUESTIONS[t].help,
          disabled: t === "ref" && Object.keys(state.modules).length === 0 &&
              builtinRefs(state.project).length === 0
            ? "no module to reference yet"
            : false,
        })),
        default: "str",
        pageSize: FIELD_TYPES.length,
      });
      const typeText = await TYPE_QUESTIONS[type].arguments?.(prompter, state, name) ?? type;
      const rule = FIELD_TYPE_RULES[type];
      const required = existing
        ? false
        : await prompter.confirm({ message: `Is ${name} required?`, default: true });
      // Indexed, unique or a reference, the column orders the list, and filters it by its
      // value or by a range, as its type and name allow (listUse).
      const column = type === "ref" ? `${name}_id` : name;
      const use = listUse(type, column);
      const [min, max] = rangeParameters(column);
      const parameters = [
        ...(use.order ? [`?sort=${column}`] : []),
        ...(use.equal ? [`?${column}=...`] : []),
        ...(use.range ? [`?${min}=...&${max}=...`] : []),
      ];
      const listed = !use.order
        ? `faster lookups in your own queries (${column} is not a list parameter)`
        : `faster lookups; the list sorts${parameters.length > 1 ? " and filters" : ""} on it ` +
          `(${parameters.join(", ")})`;
      const flags = !rule.keys.index ? [] : await prompter.checkbox<string>({
        message: `Constraints on ${name}`,
        choices: [
          ...(!rule.keys.unique ? [] : [{
            value: "unique",
            name: "unique",
            description: "no two active rows share a value (a duplicate is a 409); a deleted " +
              `row gives its value back${use.order ? "; the list sorts on it too" : ""}`,
          }]),
          {
            value: "index",
            name: "index",
            description: `${listed}. Each index makes writes a little slower`,
          },
        ],
      });
      const modifiers = [required ? "required" : "optional", ...flags];
      if (rule.default) {
        const def = await prompter.input({
          message: `Default value of ${name} (empty for none)`,
          validate: (value) => {
            if (value === "") return true;
            try {
              parseField([name, typeText, ...modifiers, `default=${value}`].join(":"), database);
              return true;
            } catch (error) {
              return error instanceof UserError ? error.message : String(error);
            }
          },
        });
        if (def !== "") {
          modifiers.push(`default=${def}`);
          const filled = existing !== undefined && await prompter.confirm({
            message: `Is ${name} required? The rows ${moduleName} holds get ${def}`,
            default: true,
          });
          if (filled) modifiers[0] = "required";
        }
      }
      const text = [name, typeText, ...modifiers].join(":");
      try {
        const field = parseField(text, database);
        texts.push(fieldText(field));
        const names = field.type === "ref" ? [name, `${name}_id`] : [name];
        for (const n of names) taken.add(n);
        takenBy.push(names);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        prompter.print(prompter.colors.red(error.message));
      }
    } catch (error) {
      if (!(error instanceof GoBackError)) throw error;
      if (atName && texts.length > 0) {
        const last = texts.pop()!;
        for (const n of takenBy.pop() ?? []) taken.delete(n);
        prompter.print(prompter.colors.dim(`← ${last} removed: enter it again.`));
      } else prompter.print(prompter.colors.dim("← this field again, from its name."));
    }
  }
  prompter.print(
    `\n${moduleName}:\n${texts.map((t) => `  --field ${shellField(t)}`).join("\n")}\n`,
  );
  return texts;
}
