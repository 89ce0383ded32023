/**
 * `pyscaffold update --set ids=bigint`: a project made with 32-bit ids (before 0.26.0) gets
 * 64-bit ones — its models from the templates, its tables from one revision that widens every
 * key and every column that references one, a table at a time (src/choices/ids.ts).
 */
import { UserError } from "../errors.ts";
import { ID_WIDTHS, type IdWidth } from "../choices/ids.ts";
import type { ProjectSpec } from "../choices/project_spec.ts";
import type { ModuleRecord } from "../project/answers_file.ts";
import { nextRevision, type Revision, VERSIONS_DIR } from "../project/migrations.ts";
import { moduleView } from "../python/mod.ts";
import { render } from "../render/mod.ts";
import { recordedModule } from "./module_ops.ts";
import { projectFlags } from "./template_context.ts";
import { type PlannedFile, plannedFile } from "./_types.ts";

const KEY = /^ids$/i;
/** The longest line ruff format leaves as it is (the generated pyproject.toml's line-length). */
const LINE_LENGTH = 100;

/** The width `--set ids=<width>` asks for, or undefined when no `--set` names the ids. */
export function parseIdsSetting(raw: readonly string[]): IdWidth | undefined {
  let width: IdWidth | undefined;
  for (const item of raw) {
    const at = item.indexOf("=");
    if (!KEY.test((at < 0 ? item : item.slice(0, at)).trim())) continue;
    const value = at < 0 ? "" : item.slice(at + 1).trim().toLowerCase();
    if (!(ID_WIDTHS as readonly string[]).includes(value)) {
      throw new UserError(`--set ids: "${value}" is no width of ids.`, {
        hint: "--set ids=bigint makes the 32-bit ids of a project made before 0.26.0 64-bit.",
      });
    }
    width = value as IdWidth;
  }
  return width;
}

/** Whether `--set ids=<width>` changes the project's ids; refused where it cannot. */
export function widensIds(spec: ProjectSpec, width: IdWidth | undefined): boolean {
  if (width === undefined || width === spec.ids) return false;
  if (width === "integer") {
    throw new UserError("update cannot make a project's 64-bit ids 32-bit. Nothing was written.", {
      hint: "Leave out --set ids: 64-bit ids cost 4 bytes more per key and reference.",
    });
  }
  if (spec.database === "oracle") {
    throw new UserError(
      "update cannot change the ids of an Oracle project. Nothing was written.",
      {
        hint: "Its keys are INTEGER columns, NUMBER(38), which hold 64-bit ids already; the " +
          "models' NUMBER(19) would be a narrower type Oracle refuses on a column with rows. " +
          "The 32-bit limit is the API's (MAX_ID in src/models/base_model.py).",
      },
    );
  }
  return true;
}

/** Each table with the columns the revision widens: its key, its references, its owner. */
export function keyColumns(
  spec: ProjectSpec,
  modules: Record<string, ModuleRecord>,
): [string, string[]][] {
  const tables: [string, string[]][] = spec.auth
    ? [["users", ["id"]], ["revoked_tokens", ["id"]]]
    : [];
  for (const name of Object.keys(modules).sort()) {
    const view = moduleView(recordedModule(name, modules, spec), spec.database, spec.auth);
    tables.push([view.table, [
      "id",
      ...view.fields.filter((f) => f.type === "ref").map((f) => f.column),
      ...(view.owner ? [view.owner.column] : []),
    ]]);
  }
  return tables;
}

/**
 * `op.execute(...)` of one `ALTER TABLE` of `table` that gives each of `columns` the SQL type
 * `type`, as ruff formats it at 8 spaces: on one line, its string on a line of its own, or
 * (longer) in parts a line each, which ruff leaves apart when they would not fit joined.
 */
export function alterTypes(table: string, columns: readonly string[], type: string): string {
  const parts = [
    // Unquoted: no module or field may take a reserved word's name (src/choices/reserved.ts).
    `ALTER TABLE ${table}`,
    ...columns.map((c, i) => ` ALTER COLUMN ${c} TYPE ${type}${i < columns.length - 1 ? "," : ""}`),
  ];
  const whole = JSON.stringify(parts.join(""));
  const one = `        op.execute(${whole})`;
  if (one.length <= LINE_LENGTH) return one;
  const lines = 12 + whole.length <= LINE_LENGTH
    ? [whole]
    : parts.map((part) => JSON.stringify(part));
  return ["        op.execute(", ...lines.map((l) => `            ${l}`), "        )"].join("\n");
}

/** The upgrade and downgrade of the revision, in `autocommit_block()`s: a table at a time. */
export function widenIdsSteps(
  tables: readonly [string, string[]][],
): { upgrade: string[]; downgrade: string[] } {
  const block = "    with op.get_context().autocommit_block():";
  return {
    upgrade: [block, ...tables.map(([t, columns]) => alterTypes(t, columns, "BIGINT"))],
    downgrade: [
      block,
      ...tables.toReversed().map(([t, columns]) => alterTypes(t, columns, "INTEGER")),
    ],
  };
}

/**
 * The revision that widens every key and reference of the tables there before this update
 * (`before`, `modules`: the project as recorded), chained onto `revisions`' head. Tables an
 * update creates later in its chain are made 64-bit by their own revisions.
 */
export function widenIdsMigration(
  revisions: readonly Revision[],
  before: ProjectSpec,
  modules: Record<string, ModuleRecord>,
): { file?: PlannedFile; tables: string[] } {
  const tables = keyColumns(before, modules);
  if (tables.length === 0) return { tables: [] }; // no table yet: the models are enough
  const { id, down } = nextRevision(revisions, "widen_ids");
  const path = `${VERSIONS_DIR}/${id}_widen_ids.py`;
  const template = "module/migrations/widen_ids.py.eta";
  const content = render(template, {
    ...projectFlags(before),
    steps: widenIdsSteps(tables),
    revision: { id, down: down ?? null },
  });
  return {
    file: plannedFile(
      {
        origin: "core",
        why: `makes every key and reference 64-bit, a table at a time (Alembic revision ${id})`,
        lesson: "migrations",
      },
      path,
      template,
      content,
    ),
    tables: tables.map(([table]) => table),
  };
}
