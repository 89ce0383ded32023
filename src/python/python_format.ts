/**
 * Python statements whose length depends on a name the user chose (a project, module or
 * field name), laid out as `ruff format` lays them out at LINE_LENGTH: on one line when it
 * fits, otherwise split the way ruff splits that kind of statement. Templates print these
 * (`it.py.def(...)`, `it.py.annotated(...)`) wherever a long name could push a line past the
 * limit, so every name the tool accepts gives code that passes `ruff check` (E501) and
 * `ruff format --check` as generated. tests/python_format_test.ts runs ruff on the longest names.
 */
import { formatCall, LINE_LENGTH } from "./module_view.ts";

function fits(line: string): boolean {
  return line.length <= LINE_LENGTH;
}

/**
 * A function definition: `{head}({params}) -> {returns}:` at `indent` spaces, e.g.
 * `formatDef(4, "async def update", ["self", "item_id: int"], "ItemOut")`.
 */
export function formatDef(
  indent: number,
  head: string,
  params: readonly string[],
  returns: string,
): string {
  return formatCall(indent, head, params, ` -> ${returns}:`);
}

/**
 * `{head}{call}{tail}` where `call` is one call expression (`success(service.get(id))`),
 * e.g. `formatCallExpression(4, "return ", "success(x)", ", 200")`: too long, the call's
 * arguments go on the next line, as formatCall lays them out.
 */
export function formatCallExpression(
  indent: number,
  head: string,
  call: string,
  tail = "",
): string {
  const open = call.indexOf("(");
  if (open < 0 || !call.endsWith(")")) return `${" ".repeat(indent)}${head}${call}${tail}`;
  return formatCall(indent, `${head}${call.slice(0, open)}`, [call.slice(open + 1, -1)], tail);
}

/**
 * `{target} = {value}` where the value is one expression ruff cannot split (a string, an
 * f-string): in parentheses on its own line when the statement is too long.
 */
export function formatAssign(indent: number, target: string, value: string): string {
  const pad = " ".repeat(indent);
  const one = `${pad}${target} = ${value}`;
  return fits(one) ? one : `${pad}${target} = (\n${pad}    ${value}\n${pad})`;
}

/**
 * A class attribute or variable with an annotation and an optional value:
 * `{name}: {annotation} = {value}`. Too long, ruff first puts the value in parentheses on
 * its own line, and when the annotation leaves no room for that, the annotation instead.
 */
export function formatAnnotated(
  indent: number,
  name: string,
  annotation: string,
  value?: string,
): string {
  const pad = " ".repeat(indent);
  const assigned = value === undefined ? "" : ` = ${value}`;
  const one = `${pad}${name}: ${annotation}${assigned}`;
  if (fits(one)) return one;
  if (value !== undefined && fits(`${pad}${name}: ${annotation} = (`)) {
    return `${pad}${name}: ${annotation} = (\n${pad}    ${value}\n${pad})`;
  }
  return `${pad}${name}: (\n${pad}    ${annotation}\n${pad})${assigned}`;
}

/**
 * `{target} = {base}{links}`, a method chain (`self._active()`, `.order_by(...)`, ...):
 * too long, ruff puts it in parentheses with one link per line.
 */
export function formatChain(
  indent: number,
  target: string,
  base: string,
  links: readonly string[],
): string {
  const pad = " ".repeat(indent);
  const one = `${pad}${target} = ${base}${links.join("")}`;
  if (fits(one)) return one;
  const inner = `${pad}    `;
  return `${pad}${target} = (\n${inner}${base}\n${
    links.map((l) => `${inner}${l}`).join("\n")
  }\n${pad})`;
}

/**
 * A docstring of one paragraph: on one line when it fits, otherwise wrapped at word
 * boundaries (ruff format leaves the text of a docstring as it is; E501 counts its lines).
 */
export function formatDocstring(indent: number, text: string): string {
  const pad = " ".repeat(indent);
  const one = `${pad}"""${text}"""`;
  if (fits(one)) return one;
  const lines: string[] = [];
  let line = `${pad}"""`;
  let first = true;
  for (const word of text.split(" ")) {
    const next = first ? `${line}${word}` : `${line} ${word}`;
    if (!first && !fits(next)) {
      lines.push(line);
      line = `${pad}${word}`;
    } else {
      line = next;
    }
    first = false;
  }
  lines.push(`${line}"""`);
  return lines.join("\n");
}

/** What templates see as `it.py`: the layouts above and `formatCall`. */
export const PYTHON_FORMAT = {
  call: formatCall,
  callExpression: formatCallExpression,
  def: formatDef,
  assign: formatAssign,
  annotated: formatAnnotated,
  chain: formatChain,
  docstring: formatDocstring,
} as const;
