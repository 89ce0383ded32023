/**
 * What an Oracle project contains, checked on the Plan (no Python needed): the
 * driver, the schema placeholder, Oracle-safe queries and types, and the
 * offline DDL test; and that PostgreSQL projects carry none of it.
 */
import { assert, assertEquals } from "./_assert.ts";
import { buildProjectPlan } from "../src/plan/project_plan.ts";
import { resolveProjectSpec } from "../src/choices/project_spec.ts";
import { parseFields } from "../src/choices/fields.ts";
import { addColumnSteps, moduleView } from "../src/python/module_view.ts";

async function files(framework: string, database: string): Promise<Map<string, string>> {
  const spec = resolveProjectSpec({ name: "svc", framework, database, auth: true, cache: false });
  return new Map((await buildProjectPlan(spec)).files.map((f) => [f.path, f.content]));
}

for (const framework of ["flask", "quart"]) {
  Deno.test(`oracle plan (${framework}): driver, schema, health check, DDL test`, async () => {
    const project = await files(framework, "oracle");
    const text = (path: string) => {
      const content = project.get(path);
      assert(content !== undefined, `${path} missing`);
      return content;
    };
    assert(/"oracledb==[\d.]+"/.test(text("pyproject.toml")));
    assert(/"psycopg\[binary\]==/.test(text("pyproject.toml")), "psycopg for tests on PostgreSQL");
    assert(text("tests/test_oracle_schema.py").includes("alembic"));
    // The readiness check reads Alembic's version table where migrations/env.py keeps it.
    assert(
      text("src/health/health_service.py").includes(
        'Table("alembic_version", MetaData(), Column("version_num", String(32)), schema=SCHEMA)',
      ),
    );
    assert(text("src/models/base_model.py").includes("MetaData(schema=SCHEMA"));
    assert(text("src/config.py").includes('"DB_SCHEMA"'));
    assert(text("src/database.py").includes("schema_translate_map"));
    assert(text("src/database.py").includes("pool_recycle"));
    assert(text(".env.example").includes("?service_name="));
    assert(text("docker-compose.yml").includes("gvenzl/oracle-free"));
    assert(text("README.md").includes("What runs against a real Oracle"));
    assert(
      /TEST_DATABASE_URL: oracle\+oracledb:/.test(text(".github/workflows/ci.yml")),
      "CI tests on Oracle",
    );
    const migration = text("migrations/versions/0001_initial.py");
    assert(migration.includes('schema="app"') && !migration.includes("sa.Boolean()"));
    for (const [path, content] of project) {
      // `IS 1` is what SQLAlchemy renders for `.is_(True)` on Oracle: a syntax error there.
      assert(!content.includes(".is_(True)"), `${path} filters with .is_(True)`);
      assert(!content.includes('ondelete="RESTRICT"'), `${path}: Oracle has no ON DELETE RESTRICT`);
    }
  });

  Deno.test(`postgresql plan (${framework}): nothing of Oracle`, async () => {
    const project = await files(framework, "postgresql");
    assert(!project.has("tests/test_oracle_schema.py"));
    for (const [path, content] of project) {
      for (const marker of ["oracledb", "DB_SCHEMA", "schema_translate_map", "PortableBoolean"]) {
        assert(!content.includes(marker), `${path} mentions ${marker}`);
      }
    }
  });
}

Deno.test("module view on Oracle: schema-qualified references, portable types, schema args", () => {
  const fields = parseFields(
    ["owner:ref:users", "paid:bool", "meta:json:optional", "due:datetime"],
    "oracle",
  );
  const oracle = moduleView({ name: "invoices", fields }, "oracle");
  assertEquals(oracle.schema, "app");
  const [owner, paid, meta, due] = oracle.fields;
  assertEquals(
    owner.mappedColumn,
    'mapped_column(ForeignKey("app.users.id"), nullable=False, index=True)',
  );
  assert(owner.migrationColumn.includes('sa.ForeignKey("app.users.id")'));
  assert(paid.mappedColumn.startsWith("mapped_column(PortableBoolean"));
  assert(paid.migrationColumn.includes("sa.Integer()"));
  assert(meta.mappedColumn.startsWith("mapped_column(JsonDocument"));
  assert(due.migrationColumn.includes("sa.TIMESTAMP()"));
  assert(oracle.migrationIndexes.every((line) => line.includes('schema="app"')));
  assert(
    oracle.modelImports.includes(
      "from src.models.types import JsonDocument, PortableBoolean, UtcDateTime",
    ),
  );

  const postgres = moduleView({ name: "invoices", fields });
  assertEquals(postgres.schema, undefined);
  assert(postgres.fields[0].mappedColumn.includes('ForeignKey("users.id", ondelete="RESTRICT")'));
  assert(postgres.fields[1].mappedColumn.startsWith("mapped_column(Boolean"));
  assert(postgres.migrationIndexes.every((line) => !line.includes("schema=")));
});

Deno.test("add on Oracle: a required field keeps its default, as on PostgreSQL", () => {
  for (const database of ["oracle", "postgresql"] as const) {
    const fields = parseFields(
      ["title:str(40):required", "seats:int:required:default=3"],
      database,
    );
    const view = moduleView({ name: "rooms", fields }, database);
    const { upgrade } = addColumnSteps(view, ["seats"], database);
    const text = upgrade.join("\n");
    assert(text.includes('server_default=sa.text("3")'), text);
    // The release still running inserts rows without the column: the default stays.
    assert(!text.includes("server_default=None"), text);
  }
});
