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
  const tail = ` -> ${returns}:`;
  if (params.length !== 1) return formatCall(indent, head, params, tail);
  // A lone parameter split onto its own line ends with a comma: ruff (as black) adds one there.
  const pad = " ".repeat(indent);
  const one = `${pad}${head}(${params[0]})${tail}`;
  return fits(one) ? one : `${pad}${head}(\n${pad}    ${params[0]},\n${pad})${tail}`;
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
  const callee = `${head}${call.slice(0, open)}`;
  const inner = call.slice(open + 1, -1);
  const pad = " ".repeat(indent);
  // The sole argument too long on its own line and itself a call: ruff splits that call too.
  const innerOpen = lastCallOpen(inner);
  if (!fits(`${pad}${callee}(${inner})${tail}`) && !fits(`${pad}    ${inner}`) && innerOpen > 0) {
    const nested = formatCall(
      indent + 4,
      inner.slice(0, innerOpen),
      splitTopLevel(inner.slice(innerOpen + 1, -1)),
    );
    return `${pad}${callee}(\n${nested}\n${pad})${tail}`;
  }
  return formatCall(indent, callee, [inner], tail);
}

/** The index of the `(` that the final `)` of `expr` closes, or -1 when `expr` is no call. */
function lastCallOpen(expr: string): number {
  if (!expr.endsWith(")")) return -1;
  let depth = 0;
  for (let i = expr.length - 1; i >= 0; i--) {
    if (expr[i] === ")") depth++;
    else if (expr[i] === "(" && --depth === 0) return i;
  }
  return -1;
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
 * `text` cut at the commas (or ` | `) outside brackets and strings: the elements ruff puts
 * one per line when a bracket's content does not fit.
 */
export function splitTopLevel(text: string, separator: "," | "|" = ","): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== "");
}

/**
 * `{head}{Name[args]}{tail}` with the subscript's arguments split as ruff splits them:
 * on the next line when they fit there, else one per line with a trailing comma.
 */
function formatSubscript(indent: number, head: string, subscript: string, tail: string): string {
  const pad = " ".repeat(indent);
  const one = `${pad}${head}${subscript}${tail}`;
  const open = subscript.indexOf("[");
  if (fits(one) || open < 0 || !subscript.endsWith("]")) return one;
  const args = splitTopLevel(subscript.slice(open + 1, -1));
  const opener = `${pad}${head}${subscript.slice(0, open + 1)}`;
  const inner = `${pad}    ${args.join(", ")}`;
  // One per line; a sole argument that is itself a subscript too long (`Omittable[Literal[...]]`)
  // is split inside its own brackets, without the trailing comma that would make it a tuple.
  const body = fits(inner)
    ? inner
    : args.length === 1 && args[0].endsWith("]")
    ? formatSubscript(indent + 4, "", args[0], "")
    : args.map((a) => `${pad}    ${a},`).join("\n");
  return `${opener}\n${body}\n${pad}]${tail}`;
}

/**
 * A class attribute or variable with an annotation and an optional value:
 * `{name}: {annotation} = {value}`. Too long, ruff first puts the value in parentheses on
 * its own line; when the annotation leaves no room for that, it puts a union annotation
 * (`X | None`) in parentheses (its members one per line if it is still too long), or
 * splits a subscript annotation (`Literal[...]`) inside its brackets.
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
  const head = `${pad}${name}: ${annotation} = `;
  // A call (`Decimal("1.50")`) has its argument on the next line; a negative number is never
  // put in parentheses: ruff splits the annotation instead (both checked against ruff 0.17).
  const call = value === undefined ? -1 : value.indexOf("(");
  if (
    value !== undefined && call > 0 && /^\w+$/.test(value.slice(0, call)) &&
    value.endsWith(")") && fits(`${head}${value.slice(0, call + 1)}`)
  ) {
    return `${head}${value.slice(0, call + 1)}\n${pad}    ${value.slice(call + 1, -1)}\n${pad})`;
  }
  const atom = value !== undefined && !value.startsWith("-");
  if (atom && fits(`${head}(`)) {
    return `${head}(\n${pad}    ${value}\n${pad})`;
  }
  const members = splitTopLevel(annotation, "|");
  if (members.length === 1) return formatSubscript(indent, `${name}: `, annotation, assigned);
  const inner = `${pad}    ${annotation}`;
  const body = fits(inner) ? inner : [
    formatSubscript(indent + 4, "", members[0], ""),
    ...members.slice(1).map((m) => `${pad}    | ${m}`),
  ].join("\n");
  return `${pad}${name}: (\n${body}\n${pad})${assigned}`;
}

/**
 * A dictionary entry `{key}: {value},`. Too long, a value that starts with a list literal
 * (`["a", "b"][n % 2]`) has the list's items one per line, as ruff lays out a list; a call
 * (`make_row("items")`) has its arguments split; any other value (a string, which no formatter
 * can split, or an awaited call) goes in parentheses on a line of its own, which ruff keeps.
 */
export function formatEntry(indent: number, key: string, value: string): string {
  const pad = " ".repeat(indent);
  const one = `${pad}${key}: ${value},`;
  if (fits(one)) return one;
  const call = /^[\w.]+\(/.exec(value);
  if (call && lastCallOpen(value) === call[0].length - 1) {
    const args = splitTopLevel(value.slice(call[0].length, -1));
    return formatCall(indent, `${key}: ${value.slice(0, call[0].length - 1)}`, args, ",");
  }
  // Any other value: the parentheses ruff keeps, the value on a line of its own.
  if (!value.startsWith("[")) return `${pad}${key}: (\n${pad}    ${value}\n${pad}),`;
  let depth = 0;
  let quote = "";
  let close = -1;
  for (let i = 0; i < value.length && close < 0; i++) {
    const c = value[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) close = i;
  }
  if (close < 0) return one;
  const parts = splitTopLevel(value.slice(1, close));
  // A lone item (a comprehension) on a line of its own, without the comma that splits a list.
  const items = parts.length === 1 && fits(`${pad}    ${parts[0]}`)
    ? [`${pad}    ${parts[0]}`]
    : parts.map((item) => `${pad}    ${item},`);
  return `${pad}${key}: [\n${items.join("\n")}\n${pad}]${value.slice(close + 1)},`;
}

/**
 * `{target} = {base}{links}`, a method chain (`self._active()`, `.order_by(...)`, ...):
 * too long, ruff puts it in parentheses, on one line when that fits, else one link per line.
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
  // Ruff first tries the whole chain on one line inside the parentheses.
  const wrapped = `${inner}${base}${links.join("")}`;
  if (fits(wrapped)) return `${pad}${target} = (\n${wrapped}\n${pad})`;
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
  // The closing quotes count too: the last word goes down a line when they would not fit.
  const last = line.lastIndexOf(" ");
  if (!fits(`${line}"""`) && last > indent) {
    lines.push(line.slice(0, last));
    line = `${pad}${line.slice(last + 1)}`;
  }
  lines.push(`${line}"""`);
  return lines.join("\n");
}

/**
 * A paragraph of a module's docstring (no indentation, no quotes on its lines) as lines of at
 * most LINE_LENGTH, broken at spaces.
 */
export function proseLines(text: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && !fits(`${line} ${word}`)) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}

/** What templates see as `it.py`: the layouts above and `formatCall`. */
/**
 * `{head}{open}a, b, c{close}{tail}` for a list, set or tuple display: on one line when it
 * fits, otherwise one element per line with a trailing comma (ruff explodes a collection
 * that does not fit rather than moving its content to one indented line).
 */
export function formatCollection(
  indent: number,
  head: string,
  brackets: "[]" | "{}" | "()",
  items: readonly string[],
  tail = "",
): string {
  const pad = " ".repeat(indent);
  const [open, close] = brackets;
  const one = `${pad}${head}${open}${items.join(", ")}${close}${tail}`;
  if (fits(one) || items.length === 0) return one;
  const body = items.map((item) => `${pad}    ${item},`).join("\n");
  return `${pad}${head}${open}\n${body}\n${pad}${close}${tail}`;
}

/**
 * `@pytest.mark.parametrize("name", [values])` as ruff lays it out: one line; else the
 * arguments on one indented line; else one argument per line, the list exploded if it must.
 */
export function formatParametrize(name: string, values: readonly string[]): string {
  const head = "@pytest.mark.parametrize";
  const list = `[${values.join(", ")}]`;
  const one = `${head}(${JSON.stringify(name)}, ${list})`;
  if (fits(one)) return one;
  const inner = `    ${JSON.stringify(name)}, ${list}`;
  if (fits(inner)) return `${head}(\n${inner}\n)`;
  return `${head}(\n    ${JSON.stringify(name)},\n${formatCollection(4, "", "[]", values, ",")}\n)`;
}

/**
 * `{name}: {annotation} = {call}` where the value is one call (`mapped_column(...)`), as ruff
 * lays it out: the call's arguments split when the line up to its `(` fits; else the call in
 * parentheses (split inside them if it must); else the annotation split inside its brackets (a
 * long column's `Mapped[dict[str, Any] | None]`), the call after it split as usual.
 */
export function formatAnnotatedCall(
  indent: number,
  name: string,
  annotation: string,
  call: string,
): string {
  const pad = " ".repeat(indent);
  const head = `${pad}${name}: ${annotation} = `;
  const open = call.indexOf("(");
  const split = (first: string) =>
    formatCall(indent, `${first}${call.slice(0, open)}`, splitTopLevel(call.slice(open + 1, -1)));
  if (fits(`${head}${call}`) || fits(`${head}${call.slice(0, open + 1)}`)) {
    return split(head.slice(indent));
  }
  if (fits(`${head}(`)) {
    const args = splitTopLevel(call.slice(open + 1, -1));
    return `${head}(\n${formatCall(indent + 4, call.slice(0, open), args)}\n${pad})`;
  }
  const bracket = annotation.indexOf("[");
  if (bracket < 0 || !annotation.endsWith("]")) return split(head.slice(indent));
  const args = splitTopLevel(annotation.slice(bracket + 1, -1));
  const inner = fits(`${pad}    ${args.join(", ")}`)
    ? `${pad}    ${args.join(", ")}`
    : args.map((a) => `${pad}    ${a},`).join("\n");
  return `${pad}${name}: ${annotation.slice(0, bracket + 1)}\n${inner}\n${split("] = ")}`;
}

/**
 * `{callee}({prefix}"{parts joined}")`, a call of one string (`f"Item {item_id} not found"`):
 * laid out by formatCall while the string fits on a line of its own; else the string cut into
 * `parts`, one implicitly concatenated string a line (ruff joins them only when they fit).
 */
export function formatStringCall(
  indent: number,
  callee: string,
  prefix: string,
  parts: readonly string[],
): string {
  const pad = " ".repeat(indent);
  const whole = `${prefix}"${parts.join("")}"`;
  if (fits(`${pad}    ${whole}`)) return formatCall(indent, callee, [whole]);
  const lines = parts.map((part) => `${pad}    ${prefix}"${part}"`);
  return `${pad}${callee}(\n${lines.join("\n")}\n${pad})`;
}

export const PYTHON_FORMAT = {
  stringCall: formatStringCall,
  annotatedCall: formatAnnotatedCall,
  collection: formatCollection,
  parametrize: formatParametrize,
  call: formatCall,
  callExpression: formatCallExpression,
  def: formatDef,
  assign: formatAssign,
  annotated: formatAnnotated,
  chain: formatChain,
  entry: formatEntry,
  docstring: formatDocstring,
  prose: proseLines,
  lineLength: LINE_LENGTH,
} as const;
