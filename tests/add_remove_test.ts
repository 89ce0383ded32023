/**
 * `pyscaffold add` and `pyscaffold remove` on real project directories:
 * what lands on disk, what is refused, that no existing file is edited, that
 * the migration chain and the manifest stay consistent, and that a failure or
 * Ctrl-C half-way leaves the project exactly as it was.
 */
import { join } from "node:path";
import { assert, assertEquals, assertMatch, assertRejects } from "./_assert.ts";
import { DeclinedError, UserError } from "../src/errors.ts";
import { reportError } from "../src/cli/report_error.ts";
import { runAdd } from "../src/cli/add_command.ts";
import { runRemove, runRemoveFields } from "../src/cli/remove_command.ts";
import { runRename } from "../src/cli/rename_command.ts";
import { ANSWERS_FILE, isRecordPath, readProject } from "../src/project/answers_file.ts";
import {
  oldNameUses,
  planAdd,
  type PlannedFile,
  planRenameFields,
  sha256,
} from "../src/plan/mod.ts";
import { headRevision, readRevisions } from "../src/project/migrations.ts";
import { isStorePath } from "../src/project/base_store.ts";
import { writePlan } from "../src/write/mod.ts";
import type { ModulePlan } from "../src/plan/mod.ts";
import { ScriptedPrompter } from "../src/wizard/scripted_prompter.ts";
import { makeColors } from "../src/output/colors.ts";
import { renderTree } from "../src/output/tree.ts";
import { cli } from "./_cli.ts";
import { writeMinimalProject } from "./_minimal_project.ts";
import { importTest } from "../src/plan/_python_imports.ts";
import { hasConflictMarkers } from "../src/plan/three_way.ts";
import { markedFiles } from "../src/plan/mod.ts";
import { planUpdate } from "../src/plan/update_plan.ts";
import { markersLeft } from "../src/cli/_module_change.ts";

const dec = new TextDecoder();

let template: string | undefined;

/** A fresh copy of a minimal generated project (tests/_minimal_project.ts), made once. */
async function project(): Promise<string> {
  if (!template) {
    template = await Deno.makeTempDir({ prefix: "pyscaffold-add-tpl-" });
    await writeMinimalProject(template);
  }
  const copy = await Deno.makeTempDir({ prefix: "pyscaffold-add-" });
  const r = await new Deno.Command("cp", { args: ["-a", `${template}/.`, copy] }).output();
  assert(r.success);
  return copy;
}

/** Every file under `dir` with the sha256 of its content. */
async function snapshot(dir: string, prefix = ""): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) Object.assign(files, await snapshot(dir, rel));
    else files[rel] = await sha256(await Deno.readTextFile(join(dir, rel)));
  }
  return files;
}

/** The parts of an answers file the tests below corrupt. */
interface Manifest {
  pyscaffold?: unknown;
  modules: Record<string, { fields: { name: string }[]; files: Record<string, string> }>;
}

const quiet = { interactive: false, prompter: new ScriptedPrompter([]) };

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** The files `add` created (the module's, its migration); pyscaffold's records and store aside. */
function createdBy(added: ModulePlan): PlannedFile[] {
  return added.plan.files.filter((f) =>
    f.action === "create" && !isStorePath(f.path) && !isRecordPath(f.path)
  );
}

Deno.test("add: writes the module and a chained revision, records hashes, edits nothing else", async () => {
  const dir = await project();
  const before = await snapshot(dir);
  const headBefore = headRevision(readRevisions(dir));
  const plan = (await runAdd("BookingItem", {
    ...quiet,
    cwd: join(dir, "src"), // anywhere inside the project
    field: ["guest:str(120):required", "nights:int:default=1", "lodge:ref:items"],
  }))!;
  assertEquals(plan.module.name, "booking_item");
  const after = await snapshot(dir);
  // every file that existed is untouched, pyscaffold's records included: the new module's record
  // is a file of its own
  for (const [path, hash] of Object.entries(before)) {
    assertEquals(after[path], hash, `${path} was changed`);
  }
  const created = Object.keys(after).filter((p) => !(p in before) && !isStorePath(p)).sort();
  const record = ".pyscaffold/modules/booking_item.json";
  assertEquals(created, [...createdBy(plan).map((f) => f.path), record].sort());
  assertEquals(
    plan.plan.files.filter((f) => f.action === "replace").map((f) => f.path),
    [],
    "add replaces nothing",
  );
  // the revision follows the previous head
  const revisions = readRevisions(dir);
  const mine = revisions.find((r) => r.path === plan.migration.path)!;
  assertEquals(mine.down, [headBefore!]);
  assertEquals(headRevision(revisions), mine.id);
  assertMatch(mine.id, /^0002_[0-9a-f]{8}$/);
  const migration = await Deno.readTextFile(join(dir, plan.migration.path));
  assertMatch(migration, /op\.create_table\(\n {8}"booking_items",/);
  assertMatch(migration, /sa\.ForeignKey\("items\.id", ondelete="RESTRICT"\)/);
  // the manifest
  const state = await readProject(dir);
  const recorded = state.modules.booking_item;
  assertEquals(recorded.fields.map((f) => f.name), ["guest", "nights", "lodge"]);
  assertEquals(recorded.fields[2].ref, "items");
  assertEquals(recorded.migration, plan.migration.path);
  for (const file of createdBy(plan).filter((f) => f.path !== plan.migration.path)) {
    assertEquals(recorded.files[file.path], await sha256(file.content));
  }
  assertEquals(Object.keys(recorded.files).length, createdBy(plan).length - 1);
  assert(!(plan.migration.path in recorded.files), "the migration is history, not a module file");
  assert("items" in state.modules, "the first module stays in the manifest");
  // nothing left behind by the transaction
  assert(!Object.keys(after).some((p) => p.includes(".pyscaffold-tx-")));
});

Deno.test("add: refusals — existing module, same table, unknown reference, no fields", async () => {
  const dir = await project();
  const before = await snapshot(dir);
  const cases: [string, string[], RegExp][] = [
    // A module that exists gains fields: optional ones, no reference, no column it has, no policy.
    ["items", ["x:int"], /Field "x" is required, and the rows items already holds/],
    ["items", ["x:date:required"], /already holds would have no value/],
    ["items", ["name:str(20):optional"], /already has the column name/],
    ["item", ["x:int"], /table or class of the existing module "items"/],
    ["orders_list", ["buyer:ref:customers"], /references "customers", which is not a module/],
    ["order_line", ["line:ref:order_lines"], /module being added/],
    ["booking", [], /No fields given, and stdin is not a terminal/],
    ["json", ["x:int"], /standard library/],
    ["booking", ["id:int"], /audit field/],
  ];
  for (const [name, field, problem] of cases) {
    await assertRejects(() => runAdd(name, { ...quiet, cwd: dir, field }), (error) => {
      assert(error instanceof UserError, String(error));
      assertMatch(error.message, problem);
    });
  }
  // A required field's hint: a default the rows get, where its type has defaults; else optional.
  const hints = await Promise.all(
    [["x:int"], ["x:date:required"]].map((field) =>
      runAdd("items", { ...quiet, cwd: dir, field }).then(
        () => "written",
        (error: UserError) => error.hint,
      )
    ),
  );
  assertMatch(hints[0]!, /--field 'x:int:required:default=0'\), or add it as optional/);
  assertEquals(hints[1], "Either add it as optional (--field 'x:date:optional').");
  assertEquals(await snapshot(dir), before);
});

Deno.test("add: a module that exists gains fields (optional, or required with a default), merged with your edits, and a revision", async () => {
  const dir = await project();
  const service = join(dir, "src", "items", "items_service.py");
  await Deno.writeTextFile(service, (await Deno.readTextFile(service)) + "\n# team note\n");
  await assertRejects(
    () => runAdd("items", { ...quiet, cwd: dir, field: ["due:date:optional"], access: "public" }),
    (error) => {
      assertMatch(String(error), /--access only a new module/);
      // "public" is no policy of a project with auth: no command that would fail is offered.
      assertEquals((error as UserError).hint, "Leave --access out to add fields to items.");
    },
  );
  const head = readRevisions(dir).at(-1)!;
  const fields = [
    "note:str(200):optional:index",
    "code:str(12):optional:unique",
    "stock:int:required:default=5",
  ];
  const added = (await runAdd("items", { ...quiet, cwd: dir, field: fields }))!;
  assertEquals(added.added?.map((f) => f.name), ["note", "code", "stock"]);
  // The edit stays, merged with the new fields; the revision follows the head.
  const merged = await Deno.readTextFile(service);
  assert(merged.endsWith("\n# team note\n"), merged);
  const schemas = await Deno.readTextFile(join(dir, "src", "items", "items_schemas.py"));
  assert(schemas.includes("note: Annotated[str, Field(min_length=1, max_length=200)] | None"));
  const revision = readRevisions(dir).at(-1)!;
  assertEquals(revision.down, [head.id]);
  const source = await Deno.readTextFile(join(dir, revision.path));
  const [upgrade, downgrade] = source.split("def downgrade()");
  const flat = (text: string) =>
    text.replace(/\s+/g, " ").replace(/\( /g, "(").replace(/,? \)/g, ")");
  for (
    const step of [
      // The columns in the revision's transaction, found there when it runs again.
      'op.add_column("items", sa.Column("note", sa.String(length=200), nullable=True), ' +
      "if_not_exists=True)",
      // A required field: its default fills the rows there, and the column keeps it (below).
      'sa.Column("stock", sa.Integer(), nullable=False, server_default=sa.text("5")),',
      // Their indexes after it, without blocking writes; what a failed build left dropped first.
      "with op.get_context().autocommit_block(): " +
      'op.drop_index(op.f("ix_items_note"), table_name="items", if_exists=True, ' +
      "postgresql_concurrently=True) " +
      'op.create_index(op.f("ix_items_note"), "items", ["note"], unique=False, ' +
      "postgresql_concurrently=True)",
      'op.create_index(op.f("uq_items_code"), "items", ["code"], unique=True, ' +
      'postgresql_where=sa.text("is_active"), postgresql_concurrently=True)',
    ]
  ) assert(flat(upgrade).includes(step), `${step}\n${source}`);
  for (
    const step of [
      'op.drop_index(op.f("ix_items_note"), table_name="items")',
      'op.drop_column("items", "code")',
    ]
  ) assert(flat(downgrade).includes(step), `${step}\n${source}`);
  // The release still running inserts rows without the column: they get the default too.
  assert(!upgrade.includes("server_default=None"), source);
  assert(source.includes("Required: stock. The rows the table already holds get the default"));
  assert(flat(source).includes("which the column keeps: the release still running"), source);
  const record = JSON.parse(
    await Deno.readTextFile(join(dir, ".pyscaffold", "modules", "items.json")),
  );
  assertEquals(record.fields.slice(-3).map((f: { name: string }) => f.name), [
    "note",
    "code",
    "stock",
  ]);
  // A reference back to a module that references this one: a cycle, refused.
  await runAdd("shelves", { ...quiet, cwd: dir, field: ["item:ref:items:optional"] });
  await assertRejects(
    () => runAdd("items", { ...quiet, cwd: dir, field: ["shelf:ref:shelves:optional"] }),
    (error) => assertMatch(String(error), /cycle of references \(items → shelves → items\)/),
  );
  // Edits on the lines the new fields change: refused, nothing written.
  const schemasPath = join(dir, "src", "items", "items_schemas.py");
  await Deno.writeTextFile(schemasPath, schemas.replace(/(\n {4}stock: [^\n]*)/, "$1  # ours"));
  const before = await snapshot(dir);
  await assertRejects(
    () => runAdd("items", { ...quiet, cwd: dir, field: ["due:date:optional"] }),
    (error) => assertMatch(String(error), /hold edits of yours on the lines the new fields change/),
  );
  assertEquals(await snapshot(dir), before);
});

Deno.test("remove --field: the module loses fields, merged with your edits; a revision drops the columns", async () => {
  const dir = await project();
  await runAdd("shelves", { ...quiet, cwd: dir, field: ["label:str(20)"] });
  const fields = ["stock:int:required:default=5", "shelf:ref:shelves:optional", "memo:text"];
  await runAdd("items", { ...quiet, cwd: dir, field: fields.slice(0, 2) });
  const service = join(dir, "src", "items", "items_service.py");
  await Deno.writeTextFile(service, "# team note\n" + await Deno.readTextFile(service));
  const before = await snapshot(dir);
  const refusals: [string[], RegExp, boolean?][] = [
    [["nope"], /Module "items" has no field "nope"/],
    [["name", "description", "quantity", "stock", "shelf"], /would have no field left/],
    [["stock"], /stdin is not a terminal/, false], // no --yes: dropping values is a decision
  ];
  for (const [field, problem, yes = true] of refusals) {
    await assertRejects(() => runRemoveFields("items", { ...quiet, yes, cwd: dir, field }), (e) => {
      assert(e instanceof UserError, String(e));
      assertMatch(e.message, problem);
    });
  }
  assertEquals(await snapshot(dir), before);
  const head = readRevisions(dir).at(-1)!;
  const plan = (await runRemoveFields("items", {
    ...quiet,
    yes: true,
    cwd: dir,
    field: ["stock", "shelf_id"], // a field's name, or a reference's column
  }))!;
  assertEquals(plan.dropped?.map((f) => f.name), ["stock", "shelf"]);
  assert((await Deno.readTextFile(service)).startsWith("# team note\n"), "the edit stays");
  const schemas = await Deno.readTextFile(join(dir, "src", "items", "items_schemas.py"));
  assert(!/stock|shelf/.test(schemas), schemas);
  const revision = readRevisions(dir).at(-1)!;
  assertEquals(revision.down, [head.id]);
  assertMatch(revision.path, /_drop_from_items\.py$/);
  const source = await Deno.readTextFile(join(dir, revision.path));
  const [upgrade, downgrade] = source.split("def downgrade()");
  // The columns alone: PostgreSQL drops their indexes and foreign keys with them.
  for (
    const step of ['op.drop_column("items", "shelf_id")', 'op.drop_column("items", "stock")']
  ) assert(upgrade.includes(step), `${step}\n${source}`);
  assert(!/op\.drop_(index|constraint)/.test(upgrade), source);
  // The way back: the columns as they were, the required one filled with its default.
  for (
    const step of [
      'sa.Column("stock", sa.Integer(), nullable=False, server_default=sa.text("5")),',
      'op.create_index(op.f("ix_items_shelf_id"), "items", ["shelf_id"], unique=False)',
    ]
  ) assert(downgrade.includes(step), `${step}\n${source}`);
  const record = JSON.parse(
    await Deno.readTextFile(join(dir, ".pyscaffold", "modules", "items.json")),
  );
  assertEquals(record.fields.map((f: { name: string }) => f.name), [
    "name",
    "description",
    "quantity",
  ]);
  // A required field without a default comes back nullable: its values are gone.
  await runAdd("items", { ...quiet, cwd: dir, field: ["memo:text:optional"] });
  const memo =
    (await runRemoveFields("items", { ...quiet, yes: true, cwd: dir, field: ["name"] }))!;
  const back = await Deno.readTextFile(join(dir, memo.migration.path));
  assert(back.includes('sa.Column("name", sa.String(length=120), nullable=True)'), back);
  assertMatch(
    back.replace(/\s+/g, " "),
    /name comes back nullable, being required without a default/,
  );
});

Deno.test("rename: fields take new names, merged with your edits; a revision renames the columns", async () => {
  const dir = await project();
  await runAdd("shelves", { ...quiet, cwd: dir, field: ["label:str(20)"] });
  const fields = ["code:str(20):optional:unique", "shelf:ref:shelves:optional"];
  await runAdd("items", { ...quiet, cwd: dir, field: fields });
  const service = join(dir, "src", "items", "items_service.py");
  await Deno.writeTextFile(service, "# team note\n" + await Deno.readTextFile(service));
  const before = await snapshot(dir);
  const refusals: [string[], RegExp][] = [
    [[], /Nothing to rename/],
    [["code"], /is no rename/],
    [["nope=other"], /Module "items" has no field "nope"/],
    [["code=sku", "code=ref"], /renamed twice/],
    [["code=code"], /is named so already/],
    [["code=name"], /Field "code" cannot be renamed "name": field "name" has that name/],
    [
      ["code=quantity", "quantity=code"],
      /"quantity" cannot be renamed "code" in the command that renames "code" away/,
    ],
    [["code=Bad Name"], /Field "code" cannot be renamed "Bad Name": field names are snake_case/],
    [["code=owner_id"], /the owner policy/],
  ];
  for (const [field, problem] of refusals) {
    await assertRejects(() => runRename("items", { ...quiet, cwd: dir, field }), (e) => {
      assert(e instanceof UserError, String(e));
      assertMatch(e.message, problem);
    });
  }
  assertEquals(await snapshot(dir), before);
  const head = readRevisions(dir).at(-1)!;
  const plan = (await runRename("items", {
    ...quiet,
    cwd: dir,
    field: ["code=sku", "shelf_id=rack"], // a field's name, or a reference's column
  }))!;
  assertEquals(plan.renamed?.map(([from, to]) => [from.name, to.name]), [
    ["code", "sku"],
    ["shelf", "rack"],
  ]);
  assert((await Deno.readTextFile(service)).startsWith("# team note\n"), "the edit stays");
  const schemas = await Deno.readTextFile(join(dir, "src", "items", "items_schemas.py"));
  assert(!/\bcode\b|shelf_id/.test(schemas) && /\bsku\b/.test(schemas), schemas);
  assertMatch(schemas, /rack_id/);
  const revision = readRevisions(dir).at(-1)!;
  assertEquals(revision.down, [head.id]);
  assertMatch(revision.path, /_rename_in_items\.py$/);
  const source = await Deno.readTextFile(join(dir, revision.path));
  const [upgrade, downgrade] = source.split("def downgrade()");
  const flat = (text: string) =>
    text.replace(/\s+/g, " ").replace(/\( /g, "(").replace(/,? \)/g, ")");
  // Renamed in place, the indexes and the foreign key with their column: nothing rebuilt.
  for (
    const step of [
      'op.alter_column("items", "code", new_column_name="sku") ' +
      'op.execute("ALTER INDEX uq_items_code RENAME TO uq_items_sku")',
      'op.alter_column("items", "shelf_id", new_column_name="rack_id") ' +
      'op.execute("ALTER INDEX ix_items_shelf_id RENAME TO ix_items_rack_id") ' +
      'op.execute("ALTER TABLE items RENAME CONSTRAINT fk_items_shelf_id TO fk_items_rack_id")',
    ]
  ) assert(flat(upgrade).includes(step), `${step}\n${source}`);
  for (
    const step of [
      'op.alter_column("items", "sku", new_column_name="code") ' +
      'op.execute("ALTER INDEX uq_items_sku RENAME TO uq_items_code")',
      'op.alter_column("items", "rack_id", new_column_name="shelf_id") ' +
      'op.execute("ALTER INDEX ix_items_rack_id RENAME TO ix_items_shelf_id") ' +
      'op.execute("ALTER TABLE items RENAME CONSTRAINT fk_items_rack_id TO fk_items_shelf_id")',
    ]
  ) assert(flat(downgrade).includes(step), `${step}\n${source}`);
  assert(!/op\.(create|drop)_(index|constraint|foreign_key)/.test(source), source);
  const record = JSON.parse(
    await Deno.readTextFile(join(dir, ".pyscaffold", "modules", "items.json")),
  );
  assertEquals(record.fields.map((f: { name: string }) => f.name).slice(-2), ["sku", "rack"]);
  // A rename without a unique index names no `sa`: the revision does not import it.
  const plain = (await runRename("items", { ...quiet, cwd: dir, field: ["quantity=amount"] }))!;
  const text = await Deno.readTextFile(join(dir, plain.migration.path));
  assert(!text.includes("import sqlalchemy"), text);
  // Renamed back, a module renders as the one that never changed.
  await runRename("items", {
    ...quiet,
    cwd: dir,
    field: ["amount=quantity", "sku=code", "rack=shelf"],
  });
  const after = await snapshot(dir);
  const moduleFiles = Object.keys(before).filter((path) =>
    path.startsWith("src/items/") || path === "tests/test_items.py" ||
    path === ".pyscaffold/modules/items.json"
  );
  assert(moduleFiles.length > 5, moduleFiles.join(", "));
  for (const path of moduleFiles) assertEquals(after[path], before[path], path);
});

Deno.test("add: a project another version made is refused until updated", async () => {
  const dir = await project();
  const answers = join(dir, ANSWERS_FILE);
  const recorded = JSON.parse(await Deno.readTextFile(answers));
  recorded.pyscaffold = "0.1.0";
  await Deno.writeTextFile(answers, JSON.stringify(recorded, null, 2) + "\n");
  const before = await snapshot(dir);
  await assertRejects(() => runAdd("booking", { ...quiet, cwd: dir, field: ["x:int"] }), (e) => {
    assert(e instanceof UserError, String(e));
    assertMatch(e.message, /made by pyscaffold 0\.1\.0, and this is pyscaffold \d/);
    assertMatch(e.hint ?? "", /pyscaffold update/);
  });
  assertEquals(await snapshot(dir), before);
});

Deno.test("add: outside a project is a clear error", async () => {
  const dir = await Deno.makeTempDir();
  await assertRejects(() => runAdd("booking", { ...quiet, cwd: dir, field: ["x:int"] }), (e) => {
    assert(e instanceof UserError);
    assertMatch(e.message, /No pyscaffold project here/);
  });
});

Deno.test("add: existing files are listed and nothing is written; --force shows diffs", async () => {
  const dir = await project();
  const first = (await runAdd("booking", { ...quiet, cwd: dir, field: ["x:int"], dryRun: true }))!;
  const target = createdBy(first)[0].path;
  await Deno.mkdir(join(dir, target, ".."), { recursive: true });
  await Deno.writeTextFile(join(dir, target), "mine\n");
  const before = await snapshot(dir);
  await assertRejects(() => runAdd("booking", { ...quiet, cwd: dir, field: ["x:int"] }), (e) => {
    assert(e instanceof UserError);
    assertEquals(e.exitCode, 1);
    assert(e.message.includes(target), e.message);
    assertMatch(e.hint ?? "", /--force/);
  });
  assertEquals(await snapshot(dir), before);
  // --force without --yes, not in a terminal: refused
  await assertRejects(
    () => runAdd("booking", { ...quiet, cwd: dir, field: ["x:int"], force: true }),
    (e) => assertMatch((e as Error).message, /--yes/),
  );
  assertEquals(await snapshot(dir), before);
  const prompter = new ScriptedPrompter([]);
  await runAdd("booking", {
    interactive: false,
    prompter,
    cwd: dir,
    field: ["x:int"],
    force: true,
    yes: true,
  });
  const shown = prompter.printed.join("\n");
  assert(shown.includes(`--- ${target}`) && shown.includes("-mine"), shown);
  assertEquals(await Deno.readTextFile(join(dir, target)), createdBy(first)[0].content);
});

Deno.test("add --dry-run writes nothing", async () => {
  const dir = await project();
  const before = await snapshot(dir);
  const prompter = new ScriptedPrompter([]);
  await runAdd("booking", {
    interactive: false,
    prompter,
    cwd: dir,
    field: ["x:int"],
    dryRun: true,
  });
  assertEquals(await snapshot(dir), before);
  assertMatch(prompter.printed.join("\n"), /nothing was written/);
});

/** The steps the writer takes to apply `plan` to the project at `dir` (run on a copy). */
async function writeSteps(dir: string, plan: ModulePlan["plan"]): Promise<string[]> {
  const copy = await Deno.makeTempDir({ prefix: "pyscaffold-add-" });
  const r = await new Deno.Command("cp", { args: ["-a", `${dir}/.`, copy] }).output();
  assert(r.success);
  const steps: string[] = [];
  await writePlan(plan, copy, {
    onStep: (step) => {
      steps.push(step);
    },
  });
  return steps;
}

Deno.test("write: a failure at any step of add or remove restores the project exactly", async () => {
  const dir = await project();
  await runAdd("booking", { ...quiet, cwd: dir, field: ["x:int"] });
  const before = await snapshot(dir);
  const added = (await runAdd("invoice", { ...quiet, cwd: dir, field: ["x:int"], dryRun: true }))!;
  const removed = (await runRemove("booking", { ...quiet, yes: true, cwd: dir, dryRun: true }))!;
  assert(removed.plan.deletes.length > 0, "the remove plan deletes files");
  for (const { plan } of [added, removed]) {
    const steps = await writeSteps(dir, plan);
    const last = steps.filter((s) => s.startsWith("place ") || s.startsWith("delete ")).at(-1);
    assert(last && isRecordPath(last.replace(/^\w+ /, "")), `the record comes last: ${last}`);
    for (const failAt of steps) {
      await assertRejects(
        () =>
          writePlan(plan, dir, {
            onStep: (step) => {
              if (step === failAt) throw new Error(`disk full at ${step}`);
            },
          }),
        (e) => assertMatch((e as Error).message, /disk full/),
      );
      assertEquals(await snapshot(dir), before, `after a failure at ${failAt}`);
    }
  }
});

Deno.test("write: Ctrl-C half-way through add leaves nothing half-written", async () => {
  const dir = await project();
  const before = await snapshot(dir);
  const { plan } =
    (await runAdd("booking", { ...quiet, cwd: dir, field: ["x:int"], dryRun: true }))!;
  const second = plan.files.filter((f) => f.action === "create")[1].path;
  // A real SIGINT, in a process of its own (the test runner handles SIGINT itself).
  const script = join(await Deno.makeTempDir(), "interrupt.ts");
  const writer = new URL("../src/write/mod.ts", import.meta.url).href;
  await Deno.writeTextFile(
    script,
    `import { writePlan } from ${JSON.stringify(writer)};
let delivered = false;
Deno.addSignalListener("SIGINT", () => delivered = true);
try {
  await writePlan(${JSON.stringify(plan)}, ${JSON.stringify(dir)}, {
    // Sends the signal, and waits there until it is delivered.
    onStep: async (step) => {
      if (step !== ${JSON.stringify(`place ${second}`)}) return;
      Deno.kill(Deno.pid, "SIGINT");
      while (!delivered) await new Promise((r) => setTimeout(r, 1));
    },
  });
  console.log("finished");
} catch (error) {
  console.log(error.name);
}
`,
  );
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", new URL("../deno.json", import.meta.url).pathname, script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(dec.decode(out.stdout).trim(), "CancelledError", dec.decode(out.stderr));
  assertEquals(await snapshot(dir), before);
});

Deno.test("remove: an edited file stops it, named; --keep-edited keeps it; a later remove --force deletes what is left", async () => {
  const dir = await project();
  const added = (await runAdd("booking", {
    ...quiet,
    cwd: dir,
    field: ["guest:str(80)", "nights:int"],
  }))!;
  const moduleFiles = createdBy(added).filter((f) => f.path !== added.migration.path);
  const changed = "src/models/booking_model.py";
  assert(moduleFiles.some((f) => f.path === changed));
  await Deno.writeTextFile(join(dir, changed), "# my change\n", { append: true });
  // An edited file is never kept nor deleted unasked: refused, named, nothing written.
  const before = await snapshot(dir);
  await assertRejects(() => runRemove("bookings", { ...quiet, yes: true, cwd: dir }), (e) => {
    assert(e instanceof UserError, String(e));
    assertEquals(e.exitCode, 1);
    assertMatch(e.message, /1 file\(s\) of booking hold edits of yours since add/);
    assertMatch(e.message, /booking_model\.py would even bring the table back/);
    assertMatch(e.message, /Nothing was written:\n {2}src\/models\/booking_model\.py$/);
    assertMatch(e.hint ?? "", /--force to delete them .*--keep-edited to keep them/);
  });
  assertEquals(await snapshot(dir), before);
  await assertRejects(
    () => runRemove("bookings", { ...quiet, yes: true, cwd: dir, force: true, keepEdited: true }),
    (e) => assertMatch(String(e), /--force and --keep-edited say opposite things/),
  );
  const printed = new ScriptedPrompter([]);
  const plan = (await runRemove("bookings", {
    ...quiet,
    prompter: printed,
    yes: true,
    cwd: dir,
    keepEdited: true,
  }))!;
  assertMatch(printed.transcript, /1 file\(s\) you edited were kept \(--keep-edited\)/);
  assertMatch(printed.transcript, /booking_model\.py first: .*autogenerate adds it back/);
  assertEquals(plan.module.name, "booking");
  assertEquals(plan.plan.conflicts.map((f) => f.path), changed ? [changed] : []);
  assertEquals(plan.plan.conflicts.map((f) => f.kind), changed ? ["changed"] : []);
  const after = await snapshot(dir);
  for (const file of moduleFiles) {
    assertEquals(file.path in after, file.path === changed, file.path);
  }
  assert(added.migration.path in after, "the create revision stays: it is history");
  const revisions = readRevisions(dir);
  const drop = revisions.find((r) => r.path === plan.migration.path)!;
  assertEquals(drop.down, [revisions.find((r) => r.path === added.migration.path)!.id]);
  const text = await Deno.readTextFile(join(dir, plan.migration.path));
  assertMatch(text, /def upgrade\(\) -> None:\n {4}op\.drop_table\("bookings"\)/);
  assertMatch(text, /def downgrade\(\) -> None:\n {4}op\.create_table\(/);
  const state = await readProject(dir);
  assert(!("booking" in state.modules));
  // What --keep-edited kept: named by a later remove, deleted only with --force.
  const kept = await snapshot(dir);
  await assertRejects(() => runRemove("booking", { ...quiet, yes: true, cwd: dir }), (e) => {
    assert(e instanceof UserError, String(e));
    assertMatch(e.message, /"booking" is no longer recorded; only 1 file\(s\) of it/);
    assertMatch(e.hint ?? "", /pyscaffold remove booking --force/);
  });
  assertEquals(await snapshot(dir), kept);
  const leftovers = new ScriptedPrompter([]);
  await runRemove("bookings", { ...quiet, prompter: leftovers, yes: true, cwd: dir, force: true });
  assertMatch(leftovers.transcript, new RegExp(`${plan.migration.path} drops its table`));
  assertMatch(leftovers.transcript, /Removed what was left of module booking/);
  assert(!(await exists(join(dir, changed))), "the kept model is gone");
  assertEquals(readRevisions(dir).length, revisions.length, "no second drop");
  await assertRejects(
    () => runRemove("booking", { ...quiet, yes: true, cwd: dir, force: true }),
    (e) => assertMatch(String(e), /No module "booking"/),
  );
});

Deno.test("remove --force deletes changed files too; a referenced module cannot be removed", async () => {
  const dir = await project();
  await runAdd("customer", { ...quiet, cwd: dir, field: ["name:str(80)"] });
  const order = (await runAdd("purchase", {
    ...quiet,
    cwd: dir,
    field: ["buyer:ref:customers"],
  }))!;
  await assertRejects(() => runRemove("customer", { ...quiet, yes: true, cwd: dir }), (e) => {
    assertMatch((e as Error).message, /referenced by purchase/);
  });
  const moduleFiles = createdBy(order).filter((f) => f.path !== order.migration.path);
  for (const f of moduleFiles) await Deno.writeTextFile(join(dir, f.path), "changed\n");
  const prompter = new ScriptedPrompter([]);
  const plan =
    (await runRemove("purchase", { ...quiet, prompter, yes: true, cwd: dir, force: true }))!;
  // The plan says which deletions take edits with them.
  for (const f of moduleFiles) {
    assertMatch(prompter.transcript, new RegExp(`delete  ${f.path}  \\(changed since add`));
  }
  assertEquals(
    plan.plan.deletes.map((f) => f.path),
    [".pyscaffold/modules/purchase.json", ...moduleFiles.map((f) => f.path)].sort(),
    "the module's files and its record",
  );
  const after = await snapshot(dir);
  for (const f of moduleFiles) assert(!(f.path in after), f.path);
  // its folders are gone when nothing else is in them
  for (const f of moduleFiles) {
    const folder = f.path.split("/").slice(0, -1).join("/");
    if (folder.endsWith("/purchase")) {
      await assertRejects(() => Deno.stat(join(dir, folder)));
    }
  }
  // now customer can go
  await runRemove("customer", { ...quiet, yes: true, cwd: dir });
  assertEquals(Object.keys((await readProject(dir)).modules), ["items"]);
  assertEquals((readRevisions(dir)).length, 5);
});

Deno.test("remove: a referenced module names the referencing fields, and removing them as the lighter way", async () => {
  const dir = await project();
  await runAdd("customer", { ...quiet, cwd: dir, field: ["name:str(80)"] });
  await runAdd("purchase", { ...quiet, cwd: dir, field: ["buyer:ref:customers", "total:int"] });
  await runAdd("visit", { ...quiet, cwd: dir, field: ["guest:ref:customers"] });
  const refused = async () => {
    try {
      await runRemove("customer", { ...quiet, yes: true, cwd: dir });
    } catch (error) {
      assert(error instanceof UserError, String(error));
      return error;
    }
    throw new Error("not refused");
  };
  const both = await refused();
  assertMatch(both.message, /referenced by purchase \(buyer_id\), visit \(guest_id\);/);
  // visit has no other field: only removing it whole lets customer go.
  assertMatch(both.hint ?? "", /Remove purchase, visit first \(pyscaffold remove purchase; /);
  assertMatch(
    both.hint ?? "",
    /drop the references .*: pyscaffold remove purchase --field buyer\./,
  );
  await runRemove("visit", { ...quiet, yes: true, cwd: dir });
  const one = await refused();
  assertEquals(
    one.hint,
    "Drop the reference first, which keeps the rest of purchase: " +
      "pyscaffold remove purchase --field buyer. " +
      "Or remove that module whole first: pyscaffold remove purchase.",
  );
  // The hint's command works, and then the module goes.
  await runRemoveFields("purchase", { ...quiet, yes: true, cwd: dir, field: ["buyer"] });
  await runRemove("customer", { ...quiet, yes: true, cwd: dir });
  assertEquals(Object.keys((await readProject(dir)).modules).sort(), ["items", "purchase"]);
});

Deno.test("remove: refuses when a file that stays would import a deleted one", async () => {
  const dir = await project();
  await runAdd("booking", { ...quiet, cwd: dir, field: ["guest:str(80)"] });
  const controller = "src/booking/booking_controller.py";
  await Deno.writeTextFile(join(dir, controller), "# my route\n", { append: true });
  const before = await snapshot(dir);
  // The kept controller imports the repository, the service and the schemas: refused.
  await assertRejects(
    () => runRemove("booking", { ...quiet, yes: true, cwd: dir, keepEdited: true }),
    (e) => {
      assert(e instanceof UserError);
      assertMatch(e.message, /src\/booking\/booking_controller\.py \(changed since add, so kept\)/);
      assertMatch(e.message, /imports src\.booking\.booking_repository/);
      assertMatch(e.message, /no longer start/);
      assertMatch(e.hint ?? "", /pyscaffold remove booking --force/);
    },
  );
  assertEquals(await snapshot(dir), before, "a refused remove writes nothing");
  // A file of the user's own that imports the module: --force does not help, it must be edited.
  const own = "src/reports/summary.py";
  await Deno.mkdir(join(dir, "src/reports"), { recursive: true });
  await Deno.writeTextFile(
    join(dir, own),
    "from src.booking import (\n    booking_service,  # the totals\n)\n",
  );
  await assertRejects(
    () => runRemove("booking", { ...quiet, yes: true, cwd: dir, force: true }),
    (e) => {
      assert(e instanceof UserError);
      assertMatch(e.message, /src\/reports\/summary\.py imports src\.booking\.booking_service/);
      assertMatch(e.hint ?? "", /Edit those files/);
    },
  );
  await Deno.remove(join(dir, "src/reports"), { recursive: true });
  // --force deletes the changed controller with the rest: nothing is left to import them.
  const plan = (await runRemove("booking", { ...quiet, yes: true, cwd: dir, force: true }))!;
  assert(plan.plan.deletes.some((d) => d.path === controller));
  await assertRejects(() => Deno.stat(join(dir, "src/booking")));
});

Deno.test("remove: a kept file that imports nothing deleted keeps its package", async () => {
  const dir = await project();
  await runAdd("booking", { ...quiet, cwd: dir, field: ["guest:str(80)"] });
  // The user rewrote the controller: it no longer uses the module's layers.
  const controller = "src/booking/booking_controller.py";
  await Deno.writeTextFile(
    join(dir, controller),
    'from flask import Blueprint\n\nbp = Blueprint("booking", __name__, url_prefix="/api/x")\n',
  );
  const plan = (await runRemove("booking", { ...quiet, yes: true, cwd: dir, keepEdited: true }))!;
  assertEquals(plan.plan.conflicts.map((c) => c.path), [controller]);
  assertEquals(plan.keptPackages, ["src/booking/__init__.py"]);
  const after = await snapshot(dir);
  assert(controller in after && "src/booking/__init__.py" in after);
  for (const gone of ["booking_service.py", "booking_repository.py", "booking_schemas.py"]) {
    assert(!(`src/booking/${gone}` in after), gone);
  }
  assert(!("src/models/booking_model.py" in after));
});

Deno.test("python imports: from-imports, plain imports and parenthesised lists", () => {
  const importsModule = importTest("src.booking.booking_service");
  for (
    const source of [
      "from src.booking.booking_service import BookingService\n",
      "import src.booking.booking_service\n",
      "import os, src.booking.booking_service as svc\n",
      "from src.booking import booking_service\n",
      "from src.booking import (\n    booking_schemas,\n    booking_service,\n)\n",
      "    from src.booking.booking_service import x  # lazily\n",
    ]
  ) assert(importsModule(source), source);
  for (
    const source of [
      "from src.booking.booking_services import X\n",
      "from src.booking import booking_schemas\n",
      "# from src.booking.booking_service import X\n",
      '"""Uses src.booking.booking_service."""\n',
    ]
  ) assert(!importsModule(source), source);
});

Deno.test("remove: an unknown module names the known ones", async () => {
  const dir = await project();
  await assertRejects(() => runRemove("ghost", { ...quiet, yes: true, cwd: dir }), (e) => {
    assert(e instanceof UserError);
    assertMatch(e.message, /No module "ghost"/);
    assertMatch(e.hint ?? "", /items/);
  });
});

Deno.test("records: paths outside the project, bad fields and a bad version are refused", async () => {
  // The same checks whether a module's record is a file of its own or (0.12.4 and earlier) in
  // the answers file.
  const recordCases: [(r: Manifest["modules"][string]) => void, RegExp][] = [
    [(r) => (r.files["../../etc/passwd"] = "0".repeat(64)), /outside the project/],
    [(r) => (r.files["/etc/passwd"] = "0".repeat(64)), /outside the project/],
    [(r) => (r.files["src/x.py"] = "nothex"), /not a sha256/],
    [(r) => (r.fields[0].name = "id"), /audit field/],
  ];
  for (const legacy of [false, true]) {
    const dir = await Deno.makeTempDir();
    await writeMinimalProject(dir, { legacy });
    const path = join(dir, legacy ? ANSWERS_FILE : ".pyscaffold/modules/items.json");
    const good = JSON.parse(await Deno.readTextFile(path));
    const where = legacy
      ? /\.pyscaffold\.json: module "items"/
      : /^\.pyscaffold\/modules\/items\.json/;
    for (const [mutate, problem] of recordCases) {
      const data = structuredClone(good);
      mutate(legacy ? data.modules.items : data);
      await Deno.writeTextFile(path, JSON.stringify(data));
      await assertRejects(() => readProject(dir).then((s) => s.modules.items), (e) => {
        assert(e instanceof UserError, String(e));
        assertMatch(e.message, problem);
        assertMatch(e.message, where);
      });
    }
    await Deno.writeTextFile(path, JSON.stringify(good));
  }
  const dir = await project();
  const path = join(dir, ANSWERS_FILE);
  const good = JSON.parse(await Deno.readTextFile(path));
  for (
    const [mutate, problem] of [
      [(d: Manifest) => (d.modules = { "../x": { fields: [], files: {} } }), /not a module name/],
      [(d: Manifest) => delete d.pyscaffold, /"pyscaffold" is undefined; it must be the version/],
      [(d: Manifest) => (d.pyscaffold = 7), /"pyscaffold" is 7; it must be the version/],
      [(d: Manifest) => (d.pyscaffold = "0.6"), /"pyscaffold" is the string "0.6"/],
    ] as [(d: unknown) => void, RegExp][]
  ) {
    const data = structuredClone(good);
    mutate(data);
    await Deno.writeTextFile(path, JSON.stringify(data));
    await assertRejects(() => readProject(dir), (e) => {
      assert(e instanceof UserError, String(e));
      assertMatch(e.message, problem);
    });
  }
});

Deno.test("records: a file of its own per module, read when used; damaged ones named", async () => {
  const dir = await project();
  await runAdd("booking", { ...quiet, cwd: dir, field: ["guest:str(80)"] });
  const items = join(dir, ".pyscaffold/modules/items.json");
  const good = await Deno.readTextFile(items);
  // A damaged record of another module: `add` does not read it (nor rewrite it)...
  await Deno.writeTextFile(items, good.replace('"fields"', '"fields" 1'));
  await runAdd("invoice", { ...quiet, cwd: dir, field: ["x:int"] });
  assert(await Deno.readTextFile(items) !== good, "left as it was");
  // ...`remove`, which looks at every module's references, names it with its line.
  await assertRejects(() => runRemove("invoice", { ...quiet, yes: true, cwd: dir }), (e) => {
    assert(e instanceof UserError, String(e));
    assertMatch(e.message, /^\.pyscaffold\/modules\/items\.json:2:\d+: not valid JSON/);
  });
  await Deno.writeTextFile(items, good);
  await runRemove("invoice", { ...quiet, yes: true, cwd: dir });
  // A file there that is not a module's record, and a module recorded twice.
  const stray = join(dir, ".pyscaffold/modules/Notes.json");
  await Deno.writeTextFile(stray, "{}");
  await assertRejects(() => readProject(dir), (e) => {
    assertMatch((e as Error).message, /Notes\.json: "Notes" is not a module name/);
  });
  await Deno.remove(stray);
  const answers = join(dir, ANSWERS_FILE);
  const file = JSON.parse(await Deno.readTextFile(answers));
  await Deno.writeTextFile(
    answers,
    JSON.stringify({ ...file, modules: { items: JSON.parse(good) } }, null, 2),
  );
  await assertRejects(() => readProject(dir), (e) => {
    assertMatch((e as Error).message, /"items" is recorded twice: in \.pyscaffold\.json and in/);
  });
  // Anything else in the directory (an editor's backup) is not a record.
  await Deno.writeTextFile(answers, JSON.stringify(file, null, 2));
  await Deno.writeTextFile(join(dir, ".pyscaffold/modules/items.json~"), good);
  assertEquals(Object.keys((await readProject(dir)).modules), ["booking", "items"]);
});

Deno.test("records: in a 0.12.4 project's answers file, read; remove rewrites the file", async () => {
  const dir = await Deno.makeTempDir();
  await writeMinimalProject(dir, { legacy: true });
  const answers = join(dir, ANSWERS_FILE);
  const file = JSON.parse(await Deno.readTextFile(answers));
  const record = file.modules.items;
  // One more module recorded the old way, with its files on disk as add wrote them.
  const state = await readProject(dir);
  const booking = await planAdd(state, "booking", ["x:int"]);
  for (const f of createdBy(booking)) {
    await Deno.mkdir(join(dir, f.path, ".."), { recursive: true });
    await Deno.writeTextFile(join(dir, f.path), f.content);
  }
  const hashes = Object.fromEntries(
    await Promise.all(
      createdBy(booking).filter((f) => f.path !== booking.migration.path)
        .map(async (f) => [f.path, await sha256(f.content)]),
    ),
  );
  file.modules.booking = { fields: booking.module.fields, files: hashes };
  await Deno.writeTextFile(answers, JSON.stringify(file, null, 2) + "\n");
  assertEquals(Object.keys((await readProject(dir)).modules), ["booking", "items"]);
  await runRemove("booking", { ...quiet, yes: true, cwd: dir });
  const after = JSON.parse(await Deno.readTextFile(answers));
  assertEquals(after.modules, { items: record }, "the answers file keeps the other record");
  assert(!(await exists(join(dir, ".pyscaffold/modules"))), "and no record file is made");
  for (const path of Object.keys(hashes)) assert(!(await exists(join(dir, path))), path);
});

Deno.test("add in a terminal asks the fields one by one and previews before writing", async () => {
  const dir = await project();
  const prompter = new ScriptedPrompter([
    { expect: /Field 1 name/, answer: "title" },
    { expect: /Type of title/, answer: "str" },
    { expect: /Maximum length/, answer: "80" },
    { expect: /required/, answer: true },
    { expect: /Constraints/, answer: ["index"] },
    { expect: /Default/, answer: "" },
    { expect: /Field 2 name/, answer: "id" }, // refused: audit field, asked again
    { expect: /Field 2 name/, answer: "owner" },
    { expect: /Type of owner/, answer: "ref" },
    { expect: /owner references/, answer: "items" },
    { expect: /required/, answer: false },
    { expect: /Constraints/, answer: [] },
    { expect: /Field 3 name/, answer: "" },
    { expect: /Who may read/, answer: "public-read" },
    { expect: /Create these files/, answer: true },
  ]);
  const plan = (await runAdd("note", { interactive: true, prompter, cwd: dir, field: [] }))!;
  assertEquals(plan.module.fields.map((f) => [f.name, f.type]), [["title", "str"], [
    "owner",
    "ref",
  ]]);
  assertEquals(plan.module.fields[0].length, 80);
  assertEquals(plan.module.fields[1].required, false);
  assertEquals(plan.module.access, "public-read");
  const idPrompt = prompter.asked.find((a) => a.errors.some((e) => /audit field/.test(e)));
  assert(idPrompt, "the audit field name was refused while typing");
  assert(prompter.printed.some((p) => p.includes("--field 'title:str(80):required:index'")));
  assert((await readProject(dir)).modules.note);
});

Deno.test("add in a terminal, of a module that exists, asks for new fields only, required with a default", async () => {
  const dir = await project();
  const prompter = new ScriptedPrompter([
    { expect: /Field 1 name/, answer: "name" }, // refused: items has it, asked again
    { expect: /Field 1 name/, answer: "memo" },
    { expect: /Type of memo/, answer: "str" },
    { expect: /Maximum length/, answer: "40" },
    { expect: /Constraints/, answer: [] },
    { expect: /Default/, answer: "" },
    { expect: /Field 2 name/, answer: "stock" },
    { expect: /Type of stock/, answer: "int" },
    { expect: /Constraints/, answer: [] },
    { expect: /Default/, answer: "5" },
    { expect: /Is stock required\? The rows items holds get 5/, answer: true },
    { expect: /Field 3 name/, answer: "" },
    { expect: /Write these changes/, answer: true },
  ]);
  const plan = (await runAdd("items", { interactive: true, prompter, cwd: dir, field: [] }))!;
  assertEquals(plan.added?.map((f) => [f.name, f.required, f.default]), [
    ["memo", false, undefined],
    ["stock", true, "5"],
  ]);
  assert(prompter.printed.some((p) => /New fields of items, which has name/.test(p)));
  const refused = prompter.asked.find((a) => a.errors.some((e) => /already a field/.test(e)));
  assert(refused, "the name items has was refused while typing");
  assert((await readProject(dir)).modules.items.fields.some((f) => f.name === "memo"));
});

Deno.test("rename in a terminal asks which field and its new name, checked as --field is", async () => {
  const dir = await project();
  const prompter = new ScriptedPrompter([
    { expect: /Which field of items/, answer: "quantity" },
    { expect: /New name for quantity/, answer: "name" }, // refused: the module has it
    { expect: /New name for quantity/, answer: "amount" },
  ]);
  const plan = (await runRename("items", { interactive: true, prompter, cwd: dir }))!;
  assertEquals(plan.renamed?.map(([from, to]) => [from.name, to.name]), [["quantity", "amount"]]);
  const refused = prompter.asked.find((a) =>
    a.errors.some((e) => /field "name" has that name/.test(e))
  );
  assert(refused, "the taken name was refused while typing");
  assertMatch(prompter.printed.join("\n"), /Renamed in module items: quantity → amount/);
});

Deno.test("rename and remove --field: edits on the lines they change are refused, or replaced with --force", async () => {
  const dir = await project();
  const schemas = join(dir, "src", "items", "items_schemas.py");
  const edited = (await Deno.readTextFile(schemas)).replace(
    "    quantity: int\n",
    "    quantity: int  # counted by the warehouse\n",
  );
  await Deno.writeTextFile(schemas, edited);
  const before = await snapshot(dir);
  const refusals: [string, () => Promise<unknown>][] = [
    [
      "renaming quantity → amount",
      () => runRename("items", { ...quiet, cwd: dir, field: ["quantity=amount"] }),
    ],
    [
      "removing quantity",
      () => runRemoveFields("items", { ...quiet, yes: true, cwd: dir, field: ["quantity"] }),
    ],
  ];
  for (const [change, run] of refusals) {
    await assertRejects(run, (e) => {
      assert(e instanceof UserError, String(e));
      assertEquals(e.exitCode, 1);
      assertMatch(e.message, new RegExp(`on the lines ${change} changes`));
      assertMatch(e.message, /src\/items\/items_schemas\.py/);
      assertMatch(e.hint ?? "", /--force/);
    });
  }
  assertEquals(await snapshot(dir), before, "nothing was written");
  const dry = new ScriptedPrompter([]);
  await runRename("items", {
    interactive: false,
    prompter: dry,
    cwd: dir,
    field: ["quantity=amount"],
    dryRun: true,
  });
  assertMatch(dry.printed.join("\n"), /1 file\(s\) hold edits[^]*items_schemas\.py/);
  assertEquals(await snapshot(dir), before);
  const forced = new ScriptedPrompter([]);
  await runRename("items", {
    interactive: false,
    prompter: forced,
    cwd: dir,
    field: ["quantity=amount"],
    force: true,
  });
  assertMatch(forced.printed.join("\n"), /counted by the warehouse/); // the diff, shown first
  const text = await Deno.readTextFile(schemas);
  assert(text.includes("    amount: int\n") && !text.includes("warehouse"), text);
});

Deno.test("rename: the lines of yours that still use an old name are listed, pyscaffold's own are not", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "pyscaffold-old-names-" });
  const made = await cli(["new", "shop", "--yes", "--no-git", "--no-env", "--no-install"], cwd);
  assertEquals(made.code, 0, made.stderr);
  const dir = join(cwd, "shop");
  // `name` is everywhere in a generated project (users, blueprints, settings): none of it counts.
  const uses = async () => {
    const change = await planRenameFields(await readProject(dir), "items", ["name=label"], false);
    const found = await oldNameUses(dir, change);
    // Each line as it will be once written (a merged file's lines may move).
    for (const use of found) {
      const text = change.plan.files.find((f) => f.path === use.path)?.content ??
        await Deno.readTextFile(join(dir, use.path));
      assertEquals(text.split("\n")[use.line - 1].trim(), use.text, `${use.path}:${use.line}`);
    }
    return found.map((u) => `${u.path} ${u.name} ${u.text}`);
  };
  assertEquals(await uses(), []);
  const append = async (path: string, text: string) => {
    await Deno.mkdir(join(dir, path, ".."), { recursive: true });
    await Deno.writeTextFile(join(dir, path), text, { append: true });
  };
  // A method of yours in a module file the rename merges, a file of your own, a test of yours;
  // identifiers that only contain the name, and a revision, are not uses.
  await append(
    "src/items/items_repository.py",
    "\n    def named(self, text: str) -> Any:\n" +
      "        return self.session.scalar(select(Item).where(columns_of(Item).name == text))\n",
  );
  await append(
    "src/reports/names.py",
    "def names(rows):  # name_of, rename, names\n    return [row['name'] for row in rows]\n",
  );
  await append("tests/test_items.py", '\n\ndef test_mine() -> None:\n    assert {"name": 1}\n');
  await append("migrations/versions/0099_mine.py", "name = 1\n");
  assertEquals(await uses(), [
    "src/items/items_repository.py name return self.session.scalar(select(Item).where(columns_of(Item).name == text))",
    "src/reports/names.py name return [row['name'] for row in rows]",
    'tests/test_items.py name assert {"name": 1}',
  ]);
  // The CLI lists them: in a dry run, in --json, and after the rename.
  const dry = await cli(["rename", "items", "-f", "name=label", "--dry-run"], dir);
  assertMatch(dry.stdout, /3 line\(s\) of your code would still use the old name name/);
  assertMatch(dry.stdout, /src\/reports\/names\.py:2 +return \[row\['name'\]/);
  const json = await cli(["rename", "items", "-f", "name=label", "--json"], dir);
  assertEquals(JSON.parse(json.stdout).oldNameUses.length, 3);
  const done = await cli(["rename", "items", "-f", "name=label"], dir);
  assertEquals(done.code, 0, done.stderr);
  const listed = done.stdout.indexOf("3 line(s) of your code still use the old name name");
  assert(listed > 0 && listed < done.stdout.indexOf("Next steps"), done.stdout);
  const line = Number(/tests\/test_items\.py:(\d+) +assert/.exec(done.stdout)?.[1]);
  const written = (await Deno.readTextFile(join(dir, "tests/test_items.py"))).split("\n");
  assertEquals(written[line - 1], '    assert {"name": 1}');
  // A rename nothing of yours uses says nothing of it.
  const quietRename = await cli(["rename", "items", "-f", "description=summary"], dir);
  assertEquals(quietRename.code, 0, quietRename.stderr);
  assert(!/of your code/.test(quietRename.stdout), quietRename.stdout);
});

Deno.test("cli: rename --dry-run and --json write nothing; the rename says what it breaks", async () => {
  const dir = await project();
  const before = await snapshot(dir);
  const none = await cli(["rename", "items"], dir);
  assertEquals(none.code, 2);
  assertMatch(none.stderr, /Nothing to rename/);
  const dry = await cli(["rename", "items", "--field", "quantity=amount", "--dry-run"], dir);
  assertEquals(dry.code, 0, dry.stderr);
  assertMatch(dry.stdout, /_rename_in_items\.py/);
  assertMatch(dry.stdout, /nothing was written/);
  const json = await cli(["rename", "items", "-f", "quantity=amount", "--json"], dir);
  assertEquals(json.code, 0, json.stderr);
  const paths = JSON.parse(json.stdout).files.map((f: { path: string }) => f.path);
  assert(paths.some((p: string) => /_rename_in_items\.py$/.test(p)), paths.join(", "));
  assertEquals(await snapshot(dir), before);
  const done = await cli(["rename", "items", "-f", "quantity=amount"], dir);
  assertEquals(done.code, 0, done.stderr);
  assertMatch(done.stdout, /Renamed in module items: quantity → amount/);
  assertMatch(done.stdout.replace(/\s+/g, " "), /the old release looks for the old columns/);
});

Deno.test("cli: add without --field and without a terminal exits 2 naming --field", async () => {
  const dir = await project();
  const r = await cli(["add", "booking"], dir);
  assertEquals(r.code, 2);
  assertMatch(r.stderr, /--field/);
  await Deno.mkdir(join(dir, "src", "models"), { recursive: true });
  const ok = await cli(["add", "booking", "--field", "guest:str(80)"], join(dir, "src", "models"));
  assertEquals(ok.code, 0, ok.stderr);
  assertMatch(ok.stdout, /Added module booking/);
  const bad = await cli(["add", "booking2", "--field", "starts_at:datetime:default=now"], dir);
  assertEquals(bad.code, 2);
  assertMatch(bad.stderr, /cannot have a default/);
  const rm = await cli(["remove", "booking", "--yes"], dir);
  assertEquals(rm.code, 0, rm.stderr);
  assertMatch(rm.stdout, /Removed module booking/);
});

Deno.test("add: with auth on, fields may reference the users table; without auth they may not", async () => {
  const dir = await project();
  const plan = (await runAdd("note", { ...quiet, cwd: dir, field: ["author:ref:users"] }))!;
  assertEquals(plan.module.fields[0].ref, "users");
  assertMatch(plan.migration.content, /sa\.ForeignKey\("users\.id", ondelete="RESTRICT"\)/);
  const path = join(dir, ANSWERS_FILE);
  const data = JSON.parse(await Deno.readTextFile(path));
  data.answers.auth = false;
  await Deno.writeTextFile(path, JSON.stringify(data));
  await assertRejects(
    () => runAdd("memo", { ...quiet, cwd: dir, field: ["author:ref:users"] }),
    (e) => {
      assertMatch((e as Error).message, /references "users", which is not a module/);
      assertMatch((e as UserError).hint ?? "", /update --set auth=true/);
    },
  );
});

Deno.test("add: under the owner policy no field may take the owner_id column", async () => {
  const dir = await project();
  for (const field of ["owner:ref:users", "owner_id:int"]) {
    await assertRejects(
      () => runAdd("note", { ...quiet, cwd: dir, field: [field] }),
      (e) => {
        assert(e instanceof UserError, String(e));
        assertMatch(e.message, /would be the column owner_id, which the owner policy/);
      },
    );
  }
  // Another policy has no such column: the field is the module's own.
  const plan = (await runAdd("memo", {
    ...quiet,
    cwd: dir,
    field: ["owner:ref:users"],
    access: "authenticated",
  }))!;
  assertEquals(plan.module.fields[0].name, "owner");
});

Deno.test("cli: add --json and remove --json print the same Plan as new, and write nothing", async () => {
  const dir = await project();
  const before = await snapshot(dir);
  const add = await cli(["add", "booking", "--field", "guest:str(80)", "--json"], dir);
  assertEquals(add.code, 0, add.stderr);
  const plan = JSON.parse(add.stdout);
  assertEquals(plan.root, "svc");
  assertEquals(plan.target, "existing");
  assertEquals(plan.spec.module.name, "booking");
  const byAction = (action: string) =>
    plan.files.filter((f: PlannedFile) => f.action === action).map((f: PlannedFile) => f.path);
  assert(byAction("create").includes("src/booking/booking_service.py"), add.stdout);
  assert(byAction("create").includes(".pyscaffold/modules/booking.json"), add.stdout);
  assertEquals(byAction("replace"), []);
  for (const f of plan.files) {
    for (const key of ["path", "content", "size", "lines", "origin", "why", "template"]) {
      assert(key in f, `${f.path} has no ${key}`);
    }
  }
  assertEquals(plan.deletes, []);
  assertEquals(await snapshot(dir), before);

  const remove = await cli(["remove", "items", "--json"], dir);
  assertEquals(remove.code, 0, remove.stderr);
  const removal = JSON.parse(remove.stdout);
  const deleted = removal.deletes.map((d: { path: string }) => d.path);
  assert(deleted.includes("src/items/items_service.py"), remove.stdout);
  assert(deleted.includes(".pyscaffold/modules/items.json"), remove.stdout);
  assertEquals(
    removal.files.map((f: PlannedFile) => f.action).sort(),
    ["create"],
    "the drop revision",
  );
  assertEquals(await snapshot(dir), before);
});

Deno.test("preview: the tree marks what a change does when it does more than create", async () => {
  const dir = await project();
  const c = makeColors(false);
  const plain = (await runAdd("booking", { ...quiet, cwd: dir, field: ["x:int"], dryRun: true }))!;
  const tree = renderTree(plain.plan, c);
  assert(!/\b(create|replace|delete)\b/.test(tree), tree);
  assert(!tree.includes(ANSWERS_FILE), "the answers file is not touched");
  assert(tree.includes("booking.json"), "the module's record is drawn: a file add creates");
  // a file in the way, replaced with --force: found while planning, marked in the tree
  const target = "src/booking/booking_service.py";
  assert(createdBy(plain).some((f) => f.path === target));
  await Deno.mkdir(join(dir, target, ".."), { recursive: true });
  await Deno.writeTextFile(join(dir, target), "mine\n");
  const forced = (await runAdd("booking", {
    ...quiet,
    cwd: dir,
    field: ["x:int"],
    dryRun: true,
    force: true,
  }))!;
  assertEquals(forced.plan.conflicts.map((f) => [f.path, f.kind]), [[target, "exists"]]);
  const marked = renderTree(forced.plan, c).split("\n");
  const name = target.split("/").at(-1)!;
  assertMatch(marked.find((l) => l.includes(name))!, /module\s+replace$/);
  assertMatch(marked.find((l) => l.includes("_create_bookings.py"))!, /module\s+create$/);
  // remove: its deletions
  const removal = (await runRemove("items", { ...quiet, yes: true, cwd: dir, dryRun: true }))!;
  const removed = renderTree(removal.plan, c);
  assertMatch(removed, /items_service\.py\s+module\s+delete/);
  assertMatch(removed, /items\.json\s+module\s+delete/);
  assertMatch(removed, /, 8 to delete\n/, "the module's 7 files and its record");
});

Deno.test("cli: a file where add needs a directory is said, not a crash", async () => {
  const dir = await project();
  await Deno.writeTextFile(join(dir, "src", "booking"), "a file of the user's\n");
  const result = await cli(["add", "booking", "--field", "guest:str(80)", "--yes"], dir);
  assertEquals(result.code, 1);
  assertMatch(result.stderr, /src\/booking\/__init__\.py: a part of it is a file/);
  assert(!result.stderr.includes("crashed"), result.stderr);
  assertEquals(await Deno.readTextFile(join(dir, "src", "booking")), "a file of the user's\n");
});

Deno.test("add: two at once in one project are done one after the other", async () => {
  const dir = await project();
  const add = (name: string) => runAdd(name, { ...quiet, cwd: dir, field: ["title:str(80)"] });
  await Promise.all([add("alpha"), add("beta"), add("gamma")]);
  const recorded = (await readProject(dir)).modules;
  assertEquals(Object.keys(recorded), ["alpha", "beta", "gamma", "items"]);
  // One chain of revisions: each new one follows the one before (no two "0002").
  const revisions = readRevisions(dir);
  assertEquals(revisions.map((r) => r.id.slice(0, 4)), ["0001", "0002", "0003", "0004"]);
  assertEquals(revisions.slice(1).map((r) => r.down), revisions.slice(0, -1).map((r) => [r.id]));
});

Deno.test("add on two branches: two revision ids, two heads Alembic can merge, then one chain", async () => {
  // Two branches of one project each add a module onto the same head. Merged, their revisions
  // are two heads: each needs an id of its own, or `alembic merge heads` cannot join them.
  const [main, branch, again] = [await project(), await project(), await project()];
  const add = (dir: string, name: string) =>
    runAdd(name, { ...quiet, cwd: dir, field: ["title:str(80)"] });
  const ours = (await add(main, "alpha"))!.migration;
  const theirs = (await add(branch, "beta"))!.migration;
  const [a, b] = [readRevisions(main).at(-1)!, readRevisions(branch).at(-1)!];
  assertEquals([a.path, b.path], [ours.path, theirs.path]);
  assertMatch(a.id, /^0002_[0-9a-f]{8}$/);
  assertMatch(b.id, /^0002_[0-9a-f]{8}$/);
  assert(a.id !== b.id, `two ids: ${a.id} and ${b.id}`);
  assertEquals([a.down, b.down], [["0001"], ["0001"]]);
  // The same module added on another branch: the same revision, byte for byte (git merges it).
  const same = (await add(again, "alpha"))!.migration;
  assertEquals([same.path, same.content], [ours.path, ours.content]);

  // The merge brings the other branch's revision; `add` asks for Alembic's merge first.
  await Deno.writeTextFile(join(main, theirs.path), theirs.content);
  await assertRejects(() => add(main, "gamma"), (error) => {
    assert(error instanceof UserError, String(error));
    assertMatch(error.message, /The migrations have 2 heads/);
    assertMatch(error.hint ?? "", /alembic merge heads/);
  });
  // What `alembic merge heads` writes (a revision of its own id that follows both), then `add`.
  await Deno.writeTextFile(
    join(main, "migrations/versions/3c1f2b9d7e6a_merge.py"),
    `revision = "3c1f2b9d7e6a"\ndown_revision = ("${a.id}", "${b.id}")\n`,
  );
  const after = (await add(main, "gamma"))!.migration;
  const gamma = readRevisions(main).find((r) => r.path === after.path)!;
  assertMatch(gamma.id, /^0003_[0-9a-f]{8}$/);
  assertEquals(gamma.down, ["3c1f2b9d7e6a"]);
  assertEquals(headRevision(readRevisions(main)), gamma.id);
});

Deno.test("add: a module of the user's own, src/<name>.py, is not shadowed by a package", async () => {
  const dir = await project();
  await Deno.writeTextFile(join(dir, "src", "utils.py"), "def helper() -> int:\n    return 1\n");
  await assertRejects(
    () => runAdd("utils", { ...quiet, cwd: dir, field: ["title:str(80)"] }),
    (e) => {
      assert(e instanceof UserError, String(e));
      assertMatch(
        e.message,
        /src\/utils\.py exists: the module's package src\/utils\/ would shadow/,
      );
    },
  );
  assert(!(await Deno.lstat(join(dir, "src", "utils")).then(() => true, () => false)));
});

Deno.test("cli: remove without a terminal and without --yes deletes nothing and says how", async () => {
  const dir = await project();
  const before = await snapshot(dir);
  const r = await cli(["remove", "items"], dir);
  assertEquals(r.code, 1);
  assertMatch(r.stderr, /cannot ask before deleting files[\s\S]*--yes/);
  assertEquals(await snapshot(dir), before);
});

Deno.test("remove: a no at the question writes nothing and is reported as a decision, not an error", async () => {
  const dir = await project();
  await runAdd("booking", { ...quiet, cwd: dir, field: ["x:int"] });
  const before = await snapshot(dir);
  const prompter = new ScriptedPrompter([{ expect: /Remove booking\?/, answer: false }]);
  let error: unknown;
  await assertRejects(
    () => runRemove("booking", { interactive: true, prompter, cwd: dir }),
    (e) => error = e,
  );
  assert(error instanceof DeclinedError, String(error));
  assertEquals(await snapshot(dir), before);
  const printed: string[] = [];
  const print = console.error;
  console.error = (text: string) => printed.push(text);
  try {
    assertEquals(reportError(error), 1);
  } finally {
    console.error = print;
  }
  assertEquals(printed, ["Nothing was removed."]);
});

/** The minimal project's `items` schemas, with an edit on the line of ItemOut's `quantity`. */
async function editQuantityLine(dir: string): Promise<string> {
  const schemas = join(dir, "src", "items", "items_schemas.py");
  const edited = (await Deno.readTextFile(schemas)).replace(
    "    quantity: int\n",
    "    quantity: int  # counted by the warehouse\n",
  );
  await Deno.writeTextFile(schemas, edited);
  return schemas;
}

Deno.test("add, remove --field and rename: --accept-conflicts writes update's markers, exit 1 while they remain", async () => {
  const dir = await project();
  const schemas = await editQuantityLine(dir);
  const path = "src/items/items_schemas.py";
  const before = await snapshot(dir);
  // The refusal names both ways through; --force with --accept-conflicts is refused.
  await assertRejects(
    () => runRename("items", { ...quiet, cwd: dir, field: ["quantity=amount"] }),
    (e) => {
      assert(e instanceof UserError, String(e));
      assertEquals(e.exitCode, 1);
      assertMatch(e.hint ?? "", /--accept-conflicts to write them with conflict markers/);
      assertMatch(e.hint ?? "", /--force/);
    },
  );
  await assertRejects(
    () =>
      runRename("items", {
        ...quiet,
        cwd: dir,
        field: ["quantity=amount"],
        force: true,
        acceptConflicts: true,
      }),
    (e) => assertMatch(String(e), /--force and --accept-conflicts say opposite things/),
  );
  assertEquals(await snapshot(dir), before, "nothing was written");

  // Accepted: the file holds your line and pyscaffold's between the markers update writes.
  const printed = new ScriptedPrompter([]);
  const renamed = (await runRename("items", {
    interactive: false,
    prompter: printed,
    cwd: dir,
    field: ["quantity=amount"],
    acceptConflicts: true,
  }))!;
  const text = await Deno.readTextFile(schemas);
  assert(hasConflictMarkers(text), text);
  assertMatch(text, /<<<<<<< yours\n {4}quantity: int {2}# counted by the warehouse\n/);
  assertMatch(
    text,
    /=======\n {4}amount: int\n>>>>>>> pyscaffold \(items with quantity as amount\)/,
  );
  assertEquals(markedFiles(renamed.plan), [path]);
  assertMatch(printed.transcript, /1 file\(s\) hold conflict markers to resolve:\n {2}src\/items/);
  // Your side of the region still says quantity; the base, pyscaffold's side and the markers
  // (whose label names the rename) are not yours.
  assertMatch(
    printed.transcript,
    /1 line\(s\) of your code still use the old name quantity[^\n]*\n {2}src\/items\/items_schemas\.py:\d+ +quantity: int {2}# counted by the warehouse\n/,
  );
  // The exit code: 1, as update's, with update's words.
  const left = markersLeft(renamed, {});
  assertEquals([left?.exitCode, left?.message], [1, "1 file(s) still hold conflict markers."]);
  assertEquals(markersLeft(renamed, { dryRun: true }), undefined);

  // The records hold no marker: the project reads, and the rename is recorded. `update` says
  // which file still holds markers; `add` and `rename` refuse to merge over them.
  const state = await readProject(dir);
  assert(state.modules.items.fields.some((f) => f.name === "amount"));
  assertEquals((await planUpdate(state, {})).unresolved, [path]);
  const marked = await snapshot(dir);
  await assertRejects(
    () => runAdd("items", { ...quiet, cwd: dir, field: ["note:str(20):optional"] }),
    (e) => assertMatch(String(e), /1 file\(s\) of items still hold conflict markers/),
  );
  assertEquals(await snapshot(dir), marked);
  // A record that git left with its markers is still refused, naming the way out.
  const record = join(dir, ".pyscaffold", "modules", "items.json");
  await Deno.writeTextFile(
    record,
    `<<<<<<< HEAD\n${await Deno.readTextFile(record)}=======\n{}\n>>>>>>> other\n`,
  );
  await assertRejects(
    async () => (await readProject(dir)).modules.items,
    (e) => assertMatch(String(e), /holds git's conflict markers: a merge left it unresolved/),
  );
});

Deno.test("cli: add and remove --field --accept-conflicts write the markers and exit 1; in a terminal they ask first", async () => {
  const dir = await project();
  await editQuantityLine(dir);
  // `add`: a field after quantity touches the line next to the edit (diff3: a conflict).
  const add = await cli(["add", "items", "-f", "note:str(20):optional", "--accept-conflicts"], dir);
  assertEquals(add.code, 1, add.stderr);
  assertMatch(add.stdout, /Added to module items: note/);
  assertMatch(add.stdout, /1 file\(s\) hold conflict markers to resolve/);
  assertMatch(add.stderr, /1 file\(s\) still hold conflict markers/);
  // The files to resolve come before the next steps, which begin with resolving them.
  assertMatch(
    add.stdout,
    /hold conflict markers to resolve:\n {2}src\/items\/items_schemas\.py\nNext steps:\n\n {2}resolve the conflict markers in the file\(s\) above\n {2}make migrate/,
  );
  const schemas = join(dir, "src", "items", "items_schemas.py");
  assert(hasConflictMarkers(await Deno.readTextFile(schemas)));

  // `remove --field` in a terminal: the overlap shown, then asked (default no), then the drop.
  const other = await project();
  await editQuantityLine(other);
  const no = new ScriptedPrompter([
    { expect: /Write 1 conflicting file\(s\) with conflict markers\?/, answer: false },
  ]);
  const before = await snapshot(other);
  await assertRejects(
    () =>
      runRemoveFields("items", {
        interactive: true,
        prompter: no,
        cwd: other,
        field: ["quantity"],
      }),
    (e) => assertMatch(String(e), /hold edits of yours on the lines removing quantity changes/),
  );
  assertEquals(no.asked[0].default, false);
  assertMatch(no.transcript, /\+<<<<<<< yours/, "the markers shown before the question");
  assertEquals(await snapshot(other), before);
  const yes = new ScriptedPrompter([
    { expect: /Write 1 conflicting file\(s\) with conflict markers\?/, answer: true },
    { expect: /Remove quantity from items\?/, answer: true },
  ]);
  const removal = (await runRemoveFields("items", {
    interactive: true,
    prompter: yes,
    cwd: other,
    field: ["quantity"],
  }))!;
  assertEquals(markedFiles(removal.plan), ["src/items/items_schemas.py"]);
  assert(hasConflictMarkers(await Deno.readTextFile(join(other, "src/items/items_schemas.py"))));
});

Deno.test("add and rename in a terminal show the merges into files you edited and ask first; scripts do not", async () => {
  const dir = await project();
  // An edit away from the lines the change touches: merged, not a conflict.
  const schemas = join(dir, "src", "items", "items_schemas.py");
  await Deno.writeTextFile(schemas, "# team note\n" + await Deno.readTextFile(schemas));
  const before = await snapshot(dir);
  const field = ["note:str(20):optional"];
  const declined = new ScriptedPrompter([{ expect: /^Write these changes\?$/, answer: false }]);
  await assertRejects(
    () => runAdd("items", { interactive: true, prompter: declined, cwd: dir, field }),
    (e) => assert(e instanceof DeclinedError, String(e)),
  );
  assertEquals(declined.asked[0].default, true);
  const shown = declined.transcript;
  assertMatch(shown, /items_schemas\.py\s+[\d.]+ KB\s+module\s+merge/, "the tree");
  assertMatch(shown, /1 file\(s\) you edited, merged with the change:/);
  assertMatch(shown, /\+\+\+ src\/items\/items_schemas\.py\tmerged/);
  assertMatch(shown, /\+ {4}note: /, "the merged diff");
  assertEquals(await snapshot(dir), before, "a no writes nothing");
  // --yes, and a run without a terminal, write without asking (the script is empty).
  for (const options of [{ interactive: true, yes: true }, { interactive: false }]) {
    const copy = await project();
    await Deno.copyFile(schemas, join(copy, "src", "items", "items_schemas.py"));
    const silent = new ScriptedPrompter([]);
    await runAdd("items", { ...options, prompter: silent, cwd: copy, field });
    assertEquals(silent.asked, []);
    assertMatch(await Deno.readTextFile(join(copy, "src/items/items_schemas.py")), /note: /);
  }
  // No file of yours merged (a new module, or a module you never edited): nothing to ask.
  const fresh = await project();
  const quietTerminal = new ScriptedPrompter([]);
  await runAdd("items", { interactive: true, prompter: quietTerminal, cwd: fresh, field });
  await runAdd("booking", { interactive: true, prompter: quietTerminal, cwd: fresh, field });
  assertEquals(quietTerminal.asked, []);
  // Yes: written, the edit kept; the tree shown once.
  const accepted = new ScriptedPrompter([{ expect: /^Write these changes\?$/, answer: true }]);
  await runAdd("items", { interactive: true, prompter: accepted, cwd: dir, field });
  const merged = await Deno.readTextFile(schemas);
  assert(merged.startsWith("# team note\n") && merged.includes("    note: "), merged);
  assertEquals(accepted.printed.filter((p) => p.includes("items_schemas.py")).length, 2);
  // rename asks the same, and takes --yes.
  const rename = new ScriptedPrompter([{ expect: /^Write these changes\?$/, answer: false }]);
  const renamed = await snapshot(dir);
  await assertRejects(
    () =>
      runRename("items", { interactive: true, prompter: rename, cwd: dir, field: ["note=memo"] }),
    (e) => assert(e instanceof DeclinedError, String(e)),
  );
  assertEquals(await snapshot(dir), renamed);
  const yes = new ScriptedPrompter([]);
  await runRename("items", {
    interactive: true,
    yes: true,
    prompter: yes,
    cwd: dir,
    field: ["note=memo"],
  });
  assertMatch(await Deno.readTextFile(schemas), /memo: /);
});

Deno.test("add of a module that exists: a CRLF checkout (core.autocrlf) keeps CRLF, as update keeps it", async () => {
  const dir = await project();
  const paths = ["src/items/items_schemas.py", "src/models/items_model.py"];
  for (const path of paths) {
    const file = join(dir, path);
    await Deno.writeTextFile(file, (await Deno.readTextFile(file)).replaceAll("\n", "\r\n"));
  }
  // An edit of yours in one of them, away from the new field's lines: merged.
  const schemas = join(dir, paths[0]);
  await Deno.writeTextFile(schemas, "# team note\r\n" + await Deno.readTextFile(schemas));
  const added = (await runAdd("items", { ...quiet, cwd: dir, field: ["note:text:optional"] }))!;
  assertEquals(added.plan.files.find((f) => f.path === paths[0])?.action, "merge");
  assertEquals(added.plan.files.find((f) => f.path === paths[1])?.action, "replace");
  for (const path of paths) {
    const text = await Deno.readTextFile(join(dir, path));
    assertMatch(text, /note/);
    assert(!/(^|[^\r])\n/.test(text), `${path} keeps CRLF line endings`);
  }
  // The module's files are unchanged since add (the record's hashes are of the LF text).
  const removal = (await runRemove("items", {
    ...quiet,
    cwd: dir,
    yes: true,
    dryRun: true,
    keepEdited: true,
  }))!;
  assertEquals(removal.plan.conflicts.map((f) => f.path), [paths[0]]);
});
