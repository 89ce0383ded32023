/**
 * Every name the tool accepts gives code that passes the generated project's own
 * `ruff check` (E501 at 100 columns) and `ruff format --check`: the layouts of
 * src/python/python_format.ts, and the real CLI run on the longest project, module and
 * field names and on an ordinary multi-word module, for both frameworks, checked by ruff
 * itself (the version the projects pin, run with `uvx`; skipped where uv is missing).
 */
import { join } from "node:path";
import { assert, assertEquals } from "./_assert.ts";
import { cli } from "./_cli.ts";
import {
  formatAnnotated,
  formatAnnotatedCall,
  formatCallExpression,
  formatChain,
  formatDef,
  formatDocstring,
  formatEntry,
  formatStringCall,
  LINE_LENGTH,
} from "../src/python/mod.ts";
import { pyString } from "../src/python/module_view.ts";
import { DEPENDENCY_VERSIONS } from "../src/choices/dependencies.ts";
import { longestNames } from "./_longest_names.ts";

Deno.test("python layout: short statements stay on one line", () => {
  assertEquals(
    formatDef(4, "def update", ["self", "item_id: int"], "ItemOut"),
    "    def update(self, item_id: int) -> ItemOut:",
  );
  assertEquals(formatAnnotated(4, "title", "str | None", "None"), "    title: str | None = None");
  assertEquals(
    formatChain(8, "query", "self._active()", [".order_by(Item.id)", ".limit(1)"]),
    "        query = self._active().order_by(Item.id).limit(1)",
  );
  assertEquals(formatDocstring(0, "Routes of /api/items."), '"""Routes of /api/items."""');
  assertEquals(
    formatCallExpression(4, "return ", "success(service.get(item_id))", ", 200"),
    "    return success(service.get(item_id)), 200",
  );
});

Deno.test("python layout: long statements split as ruff format splits them", () => {
  assertEquals(
    formatDef(4, "async def update", [
      "self",
      "booking_item_id: int",
      "data: BookingItemUpdate",
      "actor: str",
    ], "BookingItemOut"),
    "    async def update(\n" +
      "        self, booking_item_id: int, data: BookingItemUpdate, actor: str\n" +
      "    ) -> BookingItemOut:",
  );
  // A lone parameter ends with a comma once split (ruff adds it, as black does).
  assertEquals(
    formatDef(0, "async def test_a_read_answered_early_refuses_a_token_of_an_ended_session", [
      "client: QuartClient",
    ], "None"),
    "async def test_a_read_answered_early_refuses_a_token_of_an_ended_session(\n" +
      "    client: QuartClient,\n) -> None:",
  );
  const name = "a23456789_123456789_123456789z";
  assertEquals(
    formatAnnotated(4, name, "Annotated[str, Field(min_length=1, max_length=255)] | None", "None"),
    `    ${name}: Annotated[str, Field(min_length=1, max_length=255)] | None = (\n` +
      "        None\n    )",
  );
  assertEquals(
    formatAnnotated(
      4,
      name,
      "Annotated[Decimal, Field(max_digits=38, decimal_places=10)] | None",
      "None",
    ),
    `    ${name}: (\n        Annotated[Decimal, Field(max_digits=38, decimal_places=10)] | None\n` +
      "    ) = None",
  );
  const docstring = formatDocstring(
    0,
    "Routes of /api/abcdefghij_klmnopqrst_uvws: parse the request, call the service, " +
      "shape the response.",
  );
  for (const line of docstring.split("\n")) assert(line.length <= LINE_LENGTH, line);
  assert(docstring.startsWith('"""Routes') && docstring.endsWith('response."""'), docstring);
  // A last line that fits only without its closing quotes: its last word goes down.
  const text = `${"word ".repeat(17)}abcdefg`;
  const closing = formatDocstring(4, text);
  for (const line of closing.split("\n")) assert(line.length <= LINE_LENGTH, line);
  assertEquals(closing.split("\n").at(-1), '    abcdefg"""');
});

const CASES = [
  ["flask", "postgresql"],
  ["flask", "oracle", "--no-auth", "--no-cache"],
  ["quart", "postgresql"],
  ["quart", "oracle", "--no-auth", "--no-cache"],
] as const;

Deno.test("python layout: long defaults and quoted text as ruff lays them out", () => {
  // The layouts ruff 0.17 gave for these lines (each 102–117 characters on one line).
  const ann = `Annotated[bool, Field(description="${"x".repeat(20)}")]`;
  const name = "n".repeat(98 - 4 - 2 - ann.length - 3);
  for (const value of ["True", "None", "12345", '"abcdefghijklmnop"', 'Decimal("-1.5")']) {
    assertEquals(
      formatAnnotated(4, name, ann, value),
      `    ${name}: ${ann} = (\n        ${value}\n    )`,
    );
  }
  for (const value of ["-1.5", "-922337203685477580"]) {
    assertEquals(
      formatAnnotated(4, name, ann, value),
      `    ${name}: Annotated[\n        bool, Field(description="${
        "x".repeat(20)
      }")\n    ] = ${value}`,
    );
  }
  const decimal = "Annotated[Decimal, Field(max_digits=38, decimal_places=10)]";
  assertEquals(
    formatAnnotated(4, "d", decimal, `Decimal("${"1".repeat(28)}.1234567890")`),
    `    d: ${decimal} = Decimal(\n        "${"1".repeat(28)}.1234567890"\n    )`,
  );
  // Double quotes unless the text holds more of them than of single quotes.
  assertEquals(pyString(`it's`), `"it's"`);
  assertEquals(pyString(`it's "q" \\ {x}`), `'it\\'s "q" \\\\ {x}'`);
  assertEquals(pyString(`\\"`), `'\\\\"'`);
});

Deno.test("python layout: long Literal annotations and list entries as ruff lays them out", () => {
  const [a, b] = [`"${"a".repeat(30)}"`, `"${"b".repeat(44)}"`];
  const [a2, b2] = [`"${"a".repeat(49)}"`, `"${"b".repeat(50)}"`];
  const name = "b23456789_123456789_123456789z";
  assertEquals(
    formatAnnotated(4, name, `Literal[${a}, ${b}]`, a),
    `    ${name}: Literal[\n        ${a}, ${b}\n    ] = ${a}`,
  );
  assertEquals(
    formatAnnotated(4, name, `Literal[${a}, ${b}] | None`, "None"),
    `    ${name}: (\n        Literal[${a}, ${b}]\n        | None\n    ) = None`,
  );
  assertEquals(
    formatAnnotated(4, name, `Literal[${a2}, ${b2}] | None`, "None"),
    `    ${name}: (\n        Literal[\n            ${a2},\n            ${b2},\n        ]\n` +
      "        | None\n    ) = None",
  );
  // An update schema's required enum: the Literal is split inside Omittable's brackets.
  assertEquals(
    formatAnnotated(4, name, `Omittable[Literal[${a}, ${b}]]`, "None"),
    `    ${name}: Omittable[\n        Literal[${a}, ${b}]\n    ] = None`,
  );
  assertEquals(
    formatAnnotated(4, name, `Omittable[Literal[${a2}, ${b2}]]`, "None"),
    `    ${name}: Omittable[\n        Literal[\n            ${a2},\n            ${b2},\n` +
      "        ]\n    ] = None",
  );
  assertEquals(
    formatEntry(8, `"${name}"`, `[${a}, ${b}][n % 2]`),
    `        "${name}": [\n            ${a},\n            ${b},\n        ][n % 2],`,
  );
  assertEquals(
    formatEntry(8, '"status"', '["draft", "sent"][n % 2]'),
    '        "status": ["draft", "sent"][n % 2],',
  );
});

Deno.test("python layout: lines of PostgreSQL's longest columns as ruff lays them out", () => {
  // The layouts ruff 0.17 gave for these lines of a model, a payload and a service.
  const col = "b23456789_123456789_123456789_123456789_123456789_123456789_123";
  assertEquals(col.length, 63);
  assertEquals(
    formatAnnotatedCall(4, "title", "Mapped[str]", "mapped_column(String(120), nullable=False)"),
    "    title: Mapped[str] = mapped_column(String(120), nullable=False)",
  );
  assertEquals(
    formatAnnotatedCall(4, col, "Mapped[int]", "mapped_column(BigInteger, nullable=False)"),
    `    ${col}: Mapped[int] = mapped_column(\n        BigInteger, nullable=False\n    )`,
  );
  // The line up to the call's `(` too long: the call in parentheses, split inside if it must.
  assertEquals(
    formatAnnotatedCall(4, col, "Mapped[str | None]", "mapped_column(Text, default=None)"),
    `    ${col}: Mapped[str | None] = (\n        mapped_column(Text, default=None)\n    )`,
  );
  const fk = 'ForeignKey("abcdefghij_klmnopqrst_uvwxyza_children.id", ondelete="RESTRICT")';
  assertEquals(
    formatAnnotatedCall(4, col, "Mapped[int | None]", `mapped_column(${fk}, nullable=True)`),
    `    ${col}: Mapped[int | None] = (\n        mapped_column(\n            ${fk},\n` +
      "            nullable=True,\n        )\n    )",
  );
  // Not even `= (` fits: the annotation is split in its brackets.
  assertEquals(
    formatAnnotatedCall(4, col, "Mapped[dict[str, Any] | None]", "mapped_column(JSON)"),
    `    ${col}: Mapped[\n        dict[str, Any] | None\n    ] = mapped_column(JSON)`,
  );
  // Dict entries: a string in parentheses (ruff keeps them), a call split at its arguments.
  assertEquals(formatEntry(8, '"day"', '"2026-01-15"'), '        "day": "2026-01-15",');
  assertEquals(
    formatEntry(8, `"${col}"`, '"2026-01-15T10:30:00+00:00"'),
    `        "${col}": (\n            "2026-01-15T10:30:00+00:00"\n        ),`,
  );
  assertEquals(
    formatEntry(8, `"${col}"`, 'make_row("abcdefghij_klmnopqrst_uvwxyza_children")'),
    `        "${col}": make_row(\n            "abcdefghij_klmnopqrst_uvwxyza_children"\n        ),`,
  );
  const pool = '[make_row("abcdefghij_klmnopqrst_uvwxyza_children") for _ in range(POOL)]';
  assertEquals(
    formatEntry(8, `"${col}"`, pool),
    `        "${col}": [\n            ${pool.slice(1, -1)}\n        ],`,
  );
  // A message no line holds: two implicitly concatenated f-strings, which ruff leaves apart.
  assertEquals(
    formatStringCall(12, "raise NotFoundError", "f", ["Item ", "{item_id} not found"]),
    '            raise NotFoundError(f"Item {item_id} not found")',
  );
  const id = "abcdefghij_klmnopqrst_uvw_criterion_id";
  assertEquals(
    formatStringCall(12, "raise NotFoundError", "f", [
      "Abcdefghij klmnopqrst uvw criterion ",
      `{${id}} not found`,
    ]),
    "            raise NotFoundError(\n" +
      '                f"Abcdefghij klmnopqrst uvw criterion "\n' +
      `                f"{${id}} not found"\n            )`,
  );
});

/** A ruff command line: the pinned ruff through uvx, or undefined when uv is not installed. */
/** ruff through uvx; without uv the tests are skipped, loudly, except in CI, where they fail. */
async function ruff(): Promise<string[] | undefined> {
  let found = false;
  try {
    found =
      (await new Deno.Command("uv", { args: ["--version"], stdout: "null" }).output()).success;
  } catch {
    // not on PATH
  }
  if (found) return ["uvx", "--quiet", `ruff@${DEPENDENCY_VERSIONS.ruff}`];
  if (Deno.env.get("CI")) throw new Error("uv not found: the Python layout tests need uvx in CI.");
  console.error("\n!!! uv not found: the Python layout tests (ruff) are NOT RUN here.\n");
  return undefined;
}

const RUFF = await ruff();

async function run(command: string[], cwd: string): Promise<{ code: number; output: string }> {
  const out = await new Deno.Command(command[0], {
    args: command.slice(1),
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, output: dec.decode(out.stdout) + dec.decode(out.stderr) };
}

for (const [framework, database, ...flags] of CASES) {
  Deno.test({
    name: `python layout: the longest names and a multi-word module pass ruff (${
      [framework, database, ...flags].join(" ")
    })`,
    ignore: RUFF === undefined,
    async fn() {
      const command = RUFF!;
      const { project, module, other, fields } = longestNames(database);
      const first = fields[0].split(":")[0];
      const renamed = first.replace(/^./, "y");
      const parent = await Deno.makeTempDir({ prefix: "pyscaffold-ruff-" });
      const dir = join(parent, project);
      try {
        const steps: [string[], string][] = [
          [
            [
              "new",
              dir,
              "--yes",
              "--framework",
              framework,
              "--database",
              database,
              "--celery",
              ...flags,
              "--module",
              module,
            ],
            parent,
          ],
          [["add", other, ...fields.flatMap((f) => ["--field", f])], dir],
          [["add", "booking_item", "--field", "title:str:required"], dir],
          // The revisions of a rename and a removal of the longest columns, and of a policy
          // change (where auth is on): their docstrings name them.
          [["rename", other, "--yes", "--field", `${first}=${renamed}`], dir],
          [["remove", other, "--yes", "--field", renamed], dir],
        ];
        if (flags.length === 0) {
          steps.push([["update", "--yes", "--set", `${other}.access=public-read`], dir]);
        }
        for (const [args, cwd] of steps) {
          const r = await cli([...args], cwd);
          assertEquals(r.code, 0, `${args.join(" ")}\n${r.stderr}`);
        }
        const check = await run([...command, "check", "--no-cache", "."], dir);
        assertEquals(check.code, 0, check.output);
        const format = await run([...command, "format", "--check", "--no-cache", "."], dir);
        assertEquals(format.code, 0, format.output);
      } finally {
        await Deno.remove(parent, { recursive: true });
      }
    },
  });
}
