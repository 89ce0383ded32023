/**
 * Oracle projects end to end, without an Oracle server (there is none where
 * pyscaffold is built and tested). For Flask and Quart, all switches on and all
 * off: generate with the real CLI, install (the python-oracledb wheel from
 * PyPI, checked to load in thin mode), ruff, mypy (the bare case: matrix_e2e_test.ts
 * runs it on the all-on one in the same environment), the project's own pytest
 * suite on PostgreSQL with the schema translated away, its Oracle DDL checks
 * (tests/test_oracle_schema.py, part of that suite) named among its results, the
 * offline migration script rendered here again and checked, and the migrations
 * applied online to PostgreSQL.
 *
 * With a server (PYSCAFFOLD_ORACLE_URL, as in the tool's GitHub workflow, job "oracle",
 * on gvenzl/oracle-free) also: the project's suite on Oracle, the migrations applied and
 * reverted online, and the offline script run as written by SQL*Plus inside the container
 * (PYSCAFFOLD_ORACLE_CONTAINER). The cases share that schema, so they run one at a time.
 */
import { assert, assertEquals } from "../_assert.ts";
import { join } from "node:path";
import {
  type Combo,
  comboFlags,
  comboName,
  freshDatabase,
  generate,
  mypy,
  ok,
  PG,
  publicTables,
  ROOT,
  servicesAvailable,
  supported,
  tempDir,
  venvEnv,
  venvFor,
} from "./_harness.ts";

const CASES: Combo[] = (["flask", "quart"] as const).flatMap((framework) => [
  { framework, database: "oracle", auth: true, cache: true, celery: true },
  { framework, database: "oracle", auth: false, cache: false, celery: false },
]);

/** Redis database 4 belongs to these tests. */
const REDIS_URL = "redis://127.0.0.1:6379/4";
const ORACLE_URL = "oracle+oracledb://app:secret@db.example.com:1521/?service_name=FREEPDB1";
const available = await servicesAvailable();
/** A real Oracle schema the tests may fill and empty, when one is given. */
const ORACLE_SERVER = Deno.env.get("PYSCAFFOLD_ORACLE_URL") ?? "";
const ORACLE_CONTAINER = Deno.env.get("PYSCAFFOLD_ORACLE_CONTAINER") ?? "";

function postgresUrl(db: string): string {
  return `postgresql+psycopg://${PG.user}@${PG.host}:${PG.port}/${db}`;
}

for (const combo of CASES) {
  const name = comboName(combo);
  const allOn = combo.auth && combo.cache && combo.celery;
  Deno.test({
    name: `oracle ${name}: oracledb, ruff, ${
      allOn ? "" : "mypy, "
    }own tests on PostgreSQL, Oracle DDL offline`,
    ignore: !available || !(await supported(combo)),
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      const dir = join(await tempDir(name), `oracle-${name}`);
      await generate(dir, comboFlags(combo));
      // A module that references the first, then gains a required field with a default: the
      // revisions `add` writes go through the project's own schema test below.
      const add = (fields: string[]) =>
        ok([
          Deno.execPath(),
          "run",
          "-A",
          join(ROOT, "main.ts"),
          "add",
          "orders",
          "--yes",
          ...fields.flatMap((f) => ["--field", f]),
        ], { cwd: dir, env: { NO_COLOR: "1", PATH: Deno.env.get("PATH") ?? "" } });
      await add(["item:ref:items:optional"]);
      await add(["seats:int:required:default=3", "label:str(20):required:default=basic"]);
      const venv = await venvFor(dir);
      const env = venvEnv(venv);

      await t.step("python-oracledb is installed and runs in thin mode", async () => {
        const pyproject = await Deno.readTextFile(join(dir, "pyproject.toml"));
        assert(/"oracledb==[\d.]+"/.test(pyproject), "oracledb is not a pinned dependency");
        const check = await ok([
          "python",
          "-c",
          "import oracledb; oracledb.ConnectParams(); assert oracledb.is_thin_mode(); print('thin')",
        ], { cwd: dir, env });
        assertEquals(check.stdout.trim(), "thin");
      });

      await t.step("ruff check and ruff format --check", async () => {
        await ok(["ruff", "check", "--no-cache", "."], { cwd: dir, env });
        await ok(["ruff", "format", "--check", "--no-cache", "."], { cwd: dir, env });
      });

      // matrix_e2e_test.ts type-checks the all-on combination in this very environment (its
      // superset environment is this project's own); the bare one is checked here, in an
      // environment with exactly its dependencies.
      if (!allOn) {
        await t.step("mypy (strict, from pyproject)", async () => {
          await mypy(dir, env);
        });
      }

      const testEnv = async (label: string) => ({
        ...env,
        TEST_DATABASE_URL: postgresUrl(await freshDatabase(`oracle_e2e_${label}_${name}`)),
        TEST_REDIS_URL: REDIS_URL,
      });

      // tests/test_oracle_schema.py is part of the project's suite (testpaths): one run, verbose,
      // shows both the summary and each of its checks by name.
      await t.step(
        "the project's pytest suite on PostgreSQL, schema translated, Oracle DDL checks included",
        async () => {
          const result = await ok(["python", "-m", "pytest", "-v", "-p", "no:cacheprovider"], {
            cwd: dir,
            env: await testEnv("test"),
            timeoutMs: 900_000,
          });
          const summary = /(\d+) passed/.exec(result.stdout);
          assert(summary && Number(summary[1]) > 10, `too few tests ran:\n${result.stdout}`);
          assert(!/\d+ (skipped|failed|error)/.test(result.stdout), result.stdout);
          // its Oracle DDL checks (19c, 23ai, offline migrations) ran and passed
          for (
            const check of [
              "tests/test_oracle_schema.py::test_models_compile_to_portable_oracle_ddl[19c] PASSED",
              "tests/test_oracle_schema.py::test_models_compile_to_portable_oracle_ddl[23ai] PASSED",
              "tests/test_oracle_schema.py::test_models_make_the_same_ddl_on_19c_and_23ai PASSED",
              "tests/test_oracle_schema.py::test_offline_migrations_render_portable_oracle_ddl PASSED",
              "tests/test_oracle_schema.py::test_migrations_create_exactly_the_models PASSED",
            ]
          ) {
            assert(result.stdout.includes(check), `missing "${check}":\n${result.stdout}`);
          }
        },
      );

      await t.step("alembic upgrade head --sql renders Oracle DDL in DB_SCHEMA", async () => {
        const sql = (await ok(["alembic", "upgrade", "head", "--sql"], {
          cwd: dir,
          env: { ...env, DATABASE_URL: ORACLE_URL, DB_SCHEMA: "app_owner" },
        })).stdout;
        const tables = [...sql.matchAll(/CREATE TABLE (\S+) \(/g)].map((m) => m[1]).sort();
        const expected = ["app_owner.alembic_version", "app_owner.items", "app_owner.orders"];
        if (combo.auth) expected.push("app_owner.users");
        if (combo.auth) expected.push("app_owner.revoked_tokens");
        assertEquals(tables, expected.sort());
        // 64-bit keys (BigInteger), and the references that point at them.
        assert(/id NUMBER\(19\) GENERATED BY DEFAULT AS IDENTITY/.test(sql), sql);
        assert(/item_id NUMBER\(19\),/.test(sql), sql);
        // `add` of a required field with a default: the column keeps it (the release still running).
        assert(
          /ALTER TABLE app_owner\.orders ADD seats INTEGER DEFAULT 3 NOT NULL\n/.test(sql),
          sql,
        );
        assert(/name VARCHAR2\(120 CHAR\) NOT NULL/.test(sql), sql);
        assert(/inserted_date TIMESTAMP NOT NULL/.test(sql), sql);
        assert(!/\bBOOLEAN\b|\bJSON\b|"|VARCHAR2(?!\()|\bapp\./.test(sql), sql);
        // SQL*Plus and SQLcl run it as written: no bind variable to fill.
        assert(
          /INSERT INTO app_owner\.alembic_version \(version_num\) VALUES \('0001'\)\n/.test(sql),
          sql,
        );
        assert(!/RETURNING|:ret_\d/.test(sql), sql);
      });

      await t.step("the migrations apply to PostgreSQL with the schema translated", async () => {
        const db = await freshDatabase(`oracle_e2e_migrate_${name}`);
        await ok(["alembic", "upgrade", "head"], {
          cwd: dir,
          env: { ...env, DATABASE_URL: postgresUrl(db), DB_SCHEMA: "" },
        });
        const names = await publicTables(db);
        assert(names.includes("items") && names.includes("alembic_version"), `${names}`);
      });

      if (!ORACLE_SERVER) return;
      const oracleEnv = { ...env, DATABASE_URL: ORACLE_SERVER, DB_SCHEMA: "" };

      await t.step(
        "on Oracle: the project's pytest suite (tables created and dropped)",
        async () => {
          const result = await ok(["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"], {
            cwd: dir,
            env: {
              ...env,
              TEST_DATABASE_URL: ORACLE_SERVER,
              TEST_DB_SCHEMA: "",
              TEST_REDIS_URL: REDIS_URL,
            },
            timeoutMs: 1_800_000,
          });
          const summary = /(\d+) passed/.exec(result.stdout);
          assert(summary && Number(summary[1]) > 10, `too few tests ran:\n${result.stdout}`);
          assert(!/\d+ (skipped|failed|error)/.test(result.stdout), result.stdout);
        },
      );

      await t.step("on Oracle: alembic upgrade head, then downgrade base", async () => {
        await ok(["alembic", "upgrade", "head"], { cwd: dir, env: oracleEnv });
        assertEquals(await oracleTables(dir, env), expectedTables(combo));
        await ok(["alembic", "downgrade", "base"], { cwd: dir, env: oracleEnv });
        assertEquals(await oracleTables(dir, env), ["alembic_version"]);
        await dropVersionTable(dir, env);
      });

      await t.step("on Oracle: SQL*Plus runs the offline script as written", async () => {
        assert(ORACLE_CONTAINER, "PYSCAFFOLD_ORACLE_CONTAINER: the id of the Oracle container");
        const script = (await ok(["alembic", "upgrade", "head", "--sql"], {
          cwd: dir,
          env: oracleEnv,
        })).stdout;
        const url = new URL(ORACLE_SERVER.replace(/^oracle\+oracledb:/, "http:"));
        const service = url.searchParams.get("service_name");
        const login = `${url.username}/${url.password}@//localhost:1521/${service}`;
        const sqlplus = new Deno.Command("docker", {
          args: ["exec", "-i", ORACLE_CONTAINER, "sqlplus", "-S", "-L", login],
          stdin: "piped",
          stdout: "piped",
          stderr: "piped",
        }).spawn();
        const writer = sqlplus.stdin.getWriter();
        await writer.write(
          new TextEncoder().encode(`WHENEVER SQLERROR EXIT FAILURE\n${script}\nCOMMIT;\nEXIT\n`),
        );
        await writer.close();
        const out = await sqlplus.output();
        const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
        assertEquals(out.code, 0, text);
        assert(!/ORA-|SP2-/.test(text), text);
        assertEquals(await oracleTables(dir, env), expectedTables(combo));
        const version = await ok([
          "python",
          "-c",
          "import os, sqlalchemy as sa; e = sa.create_engine(os.environ['DATABASE_URL']);" +
          " print(e.connect().exec_driver_sql('SELECT version_num FROM alembic_version').scalar_one())",
        ], { cwd: dir, env: oracleEnv });
        assertEquals(version.stdout.trim(), "0001");
        await ok(["alembic", "downgrade", "base"], { cwd: dir, env: oracleEnv });
        await dropVersionTable(dir, env);
      });
    },
  });
}

/** The tables a project's migrations create, lower-case and sorted. */
function expectedTables(combo: Combo): string[] {
  const tables = ["alembic_version", "items"];
  if (combo.auth) tables.push("users");
  if (combo.auth) tables.push("revoked_tokens");
  return tables.sort();
}

/** The tables of the Oracle schema of PYSCAFFOLD_ORACLE_URL, lower-case and sorted. */
async function oracleTables(dir: string, env: Record<string, string>): Promise<string[]> {
  const result = await ok([
    "python",
    "-c",
    "import os, sqlalchemy as sa; e = sa.create_engine(os.environ['DATABASE_URL']);" +
    " print('\\n'.join(sorted(sa.inspect(e).get_table_names())))",
  ], { cwd: dir, env: { ...env, DATABASE_URL: ORACLE_SERVER } });
  return result.stdout.trim().split("\n").filter((name) => name !== "").sort();
}

/** `alembic downgrade base` leaves the version table: the next case starts without it. */
async function dropVersionTable(dir: string, env: Record<string, string>): Promise<void> {
  await ok([
    "python",
    "-c",
    "import os, sqlalchemy as sa; e = sa.create_engine(os.environ['DATABASE_URL']);\n" +
    "with e.begin() as c: c.exec_driver_sql('DROP TABLE alembic_version')",
  ], { cwd: dir, env: { ...env, DATABASE_URL: ORACLE_SERVER } });
}
