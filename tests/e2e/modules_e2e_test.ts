/**
 * `pyscaffold add` and `remove` in real generated projects: three modules —
 * one with every field type, one referencing another — then ruff, ruff
 * format, mypy --strict, the project's whole pytest suite (the new modules'
 * tests included) against PostgreSQL and Redis, `alembic upgrade head` on a
 * fresh database, `alembic check` (migrations match the models), the new
 * endpoints over HTTP; then `remove` one module and check that the tree, the
 * migrations (upgrade again, downgrade to base and back) and the suite are
 * consistent again (the suite after remove on the Flask cases, ruff and mypy on all). Fields
 * renamed on the way keep their values, indexes and foreign keys.
 */
import { assert, assertEquals, assertMatch } from "../_assert.ts";
import { EVERY_TYPE_FIELDS } from "../_every_field_type.ts";
import { join } from "node:path";
import {
  apiHeaders,
  Background,
  type Combo,
  comboFlags,
  comboName,
  databaseUrl,
  freePort,
  freshDatabase,
  generate,
  keyColumnTypes,
  mypy,
  ok,
  publicTables,
  ROOT,
  run,
  servicesAvailable,
  sql,
  squawk,
  supported,
  tempDir,
  venvEnv,
  venvFor,
  waitForHttp,
} from "./_harness.ts";

/** Redis database 3 belongs to these tests. */
const REDIS_URL = "redis://127.0.0.1:6379/3";

const MODULES: [string, string[]][] = [
  // `t` is also an attribute of SQLAlchemy's Row: the service must read rows by column name.
  ["customer", ["full_name:str(80):required", "email_address:str(120):unique", "t:int:optional"]],
  ["product", [...EVERY_TYPE_FIELDS]],
  ["purchase", [
    "buyer:ref:customers",
    "product:ref:products:optional",
    "quantity:int:default=1",
    // one to one: each purchase its own receipt (the tests take a distinct product per row)
    "receipt:ref:products:unique",
  ]],
];

const CASES: Combo[] = [
  { framework: "flask", database: "postgresql", auth: true, cache: true, celery: false },
  { framework: "flask", database: "postgresql", auth: false, cache: false, celery: false },
  { framework: "quart", database: "postgresql", auth: true, cache: true, celery: false },
];

const available = await servicesAvailable();

async function pyscaffold(args: string[], cwd: string) {
  return await ok([Deno.execPath(), "run", "-A", join(ROOT, "main.ts"), ...args], {
    cwd,
    env: { NO_COLOR: "1", PATH: Deno.env.get("PATH") ?? "", HOME: Deno.env.get("HOME") ?? "" },
  });
}

/** The revision files under the project's migrations/versions/. */
function revisionFiles(dir: string): string[] {
  return [...Deno.readDirSync(join(dir, "migrations", "versions"))]
    .map((e) => e.name).filter((n) => n.endsWith(".py")).sort();
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

for (const combo of CASES) {
  const name = comboName(combo);
  const isSupported = await supported(combo);
  Deno.test({
    name: `modules e2e ${name}: add three modules, lint, types, suite, migrations, HTTP, remove`,
    ignore: !available || !isSupported,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      const parent = await tempDir(`modules-${name}`);
      const dir = join(parent, `mod-${name}`);
      await generate(dir, comboFlags(combo));
      const venv = await venvFor(dir);
      const env = venvEnv(venv);
      const slug = name.replaceAll("-", "_");

      await t.step("add three modules (every field type, references)", async () => {
        for (const [module, moduleFields] of MODULES) {
          // with auth, a reference to the project's own users table too
          const fields = module === "purchase" && combo.auth
            ? [...moduleFields, "clerk:ref:users:optional"]
            : moduleFields;
          // with auth, customers are shared between users (`public-read`: anyone reads them,
          // writes need a token; with the cache, their reads are answered early without one): a
          // purchase (owner) may reference any customer, but only its owner's products (owner).
          const access = module === "customer" && combo.auth ? ["--access", "public-read"] : [];
          // run from a subdirectory: the project is found by searching upwards
          await pyscaffold(
            ["add", module, ...access, ...fields.flatMap((f) => ["--field", f])],
            join(dir, "src"),
          );
        }
        for (const module of MODULES.map(([m]) => m)) {
          assert(await exists(join(dir, "src", module, `${module}_controller.py`)), module);
          assert(await exists(join(dir, "src", "models", `${module}_model.py`)), module);
        }
        assertEquals(revisionFiles(dir).map((v) => v.replace(/^(\d{4})_[0-9a-f]{8}_/, "$1_")), [
          "0001_initial.py",
          "0002_create_customers.py",
          "0003_create_products.py",
          "0004_create_purchases.py",
        ]);
      });

      await t.step(
        "modules gain fields: optional, one indexed, one unique, a required one with a default, a reference",
        async () => {
          const fields = [
            "nickname:str(40):optional:index",
            "born_on:date:optional",
            "vat:str(20):optional:unique",
            "tier:enum(basic|gold):required:default=basic:index",
          ];
          await pyscaffold(["add", "customer", ...fields.flatMap((f) => ["--field", f])], dir);
          const model = await Deno.readTextFile(join(dir, "src", "models", "customer_model.py"));
          for (const column of ["nickname", "born_on", "vat", "tier"]) {
            assert(model.includes(column), model);
          }
          // A reference, with its foreign key.
          await pyscaffold(["add", "purchase", "--field", "gift_for:ref:customers:optional"], dir);
          assertEquals(
            revisionFiles(dir).slice(-2).map((v) => v.replace(/^(\d{4})_[0-9a-f]{8}_/, "$1_")),
            ["0005_add_to_customers.py", "0006_add_to_purchases.py"],
          );
          // One back to a module that references this one would close a cycle: refused.
          const cycle = await run(
            [
              Deno.execPath(),
              "run",
              "-A",
              join(ROOT, "main.ts"),
              "add",
              "customer",
              "--field",
              "fav:ref:products:optional",
            ],
            {
              cwd: dir,
              env: {
                NO_COLOR: "1",
                PATH: Deno.env.get("PATH") ?? "",
                HOME: Deno.env.get("HOME") ?? "",
              },
            },
          );
          assertEquals(cycle.code, 2, cycle.stderr);
          assertMatch(cycle.stderr, /would close a cycle of references/);
        },
      );

      const check = async (label: string, suite = true) => {
        await t.step(`${label}: ruff check, ruff format --check, mypy --strict`, async () => {
          await ok(["ruff", "check", "."], { cwd: dir, env });
          await ok(["ruff", "format", "--check", "."], { cwd: dir, env });
          await mypy(dir, env);
        });
        if (!suite) {
          return;
        }
        await t.step(`${label}: the whole pytest suite against PostgreSQL and Redis`, async () => {
          const db = await freshDatabase(`modules_test_${slug}`);
          const result = await ok(["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"], {
            cwd: dir,
            env: {
              ...env,
              TEST_DATABASE_URL: await databaseUrl(dir, db),
              TEST_REDIS_URL: REDIS_URL,
            },
            timeoutMs: 900_000,
          });
          assert(/\d+ passed/.test(result.stdout), result.stdout);
          assert(!/skipped|error/i.test(result.stdout.split("\n").pop() ?? ""), result.stdout);
          assert(!/\d+ warnings?\b/.test(result.stdout), `warnings:\n${result.stdout}`);
        });
      };
      await check("with three modules");

      const db = await freshDatabase(`modules_run_${slug}`);
      const serverEnv = {
        ...env,
        APP_ENV: "production",
        DATABASE_URL: await databaseUrl(dir, db),
        REDIS_URL,
        SECRET_KEY: crypto.randomUUID() + crypto.randomUUID(),
        JWT_SECRET_KEY: crypto.randomUUID() + crypto.randomUUID(),
        LOG_LEVEL: "WARNING",
      };

      await t.step("alembic upgrade head on a fresh database; alembic check", async () => {
        await ok(["alembic", "upgrade", "head"], { cwd: dir, env: serverEnv });
        const names = await publicTables(db);
        for (const table of ["customers", "products", "purchases"]) {
          assert(names.includes(table), `${table} missing: ${names}`);
        }
        // the migrations produce exactly what the models describe
        await ok(["alembic", "check"], { cwd: dir, env: serverEnv });
      });

      await t.step("the new endpoints answer over HTTP", async () => {
        const port = freePort();
        const base = `http://127.0.0.1:${port}`;
        const server = new Background(["make", "run"], {
          cwd: dir,
          env: { ...serverEnv, PORT: String(port) },
        });
        try {
          await waitForHttp(`${base}/health/live`, 60_000);
          const headers = await apiHeaders(base, combo.auth, "modules@example.com");
          const post = async (path: string, payload: unknown) => {
            const r = await fetch(`${base}${path}`, {
              method: "POST",
              headers,
              body: JSON.stringify(payload),
            });
            const body = await r.json();
            return { status: r.status, body };
          };
          const customer = await post("/api/customers", { full_name: "Ada", email_address: "a@x" });
          assertEquals(customer.status, 201, JSON.stringify(customer.body));
          const product = {
            title: "Lamp",
            summary: "A lamp",
            stock: 5,
            views: 9007199254740,
            price: "19.99",
            ratio: 0.5,
            featured: true,
            release_on: "2026-03-01",
            starts_at: "2026-03-01T10:00:00+00:00",
            external_id: "0b6f3a4e-8e4c-4c55-9d2e-1f0f5b8f7a10",
            extra: { color: "red" },
            status: "live",
            sku: "LAMP-1",
            maker_id: customer.body.data.id,
          };
          const created = await post("/api/products", product);
          assertEquals(created.status, 201, JSON.stringify(created.body));
          assertEquals(created.body.data.title, "Lamp");
          assertEquals(created.body.data.extra, { color: "red" });
          const dup = await post("/api/products", product);
          assertEquals(dup.status, 409, JSON.stringify(dup.body));
          // The database names one of the two unique fields it refused.
          assertEquals(dup.body.details.length, 1, JSON.stringify(dup.body));
          assert(
            ["external_id", "sku"].includes(dup.body.details[0].field),
            JSON.stringify(dup.body),
          );
          const badRef = await post("/api/purchases", { buyer_id: 999999 });
          assertEquals(badRef.status, 422, JSON.stringify(badRef.body));
          const bad = await post("/api/products", { ...product, sku: "X", status: "nope" });
          assertEquals(bad.status, 422, JSON.stringify(bad.body));
          const list = await fetch(`${base}/api/products?page=1&per_page=10`, { headers });
          const listBody = await list.json();
          assertEquals(list.status, 200, JSON.stringify(listBody));
          assertEquals(listBody.pagination.total, 1);
          if (combo.auth) {
            const anonymous = await fetch(`${base}/api/products`);
            assertEquals(anonymous.status, 401);
            await anonymous.body?.cancel();
          }
        } finally {
          await server.stop();
        }
      });

      await t.step(
        "a module with rows gains a required field: the rows get its default",
        async () => {
          await pyscaffold([
            "add",
            "customer",
            "--field",
            "score:int:required:default=7:index",
          ], dir);
          // Its index is built outside the revision's transaction (CONCURRENTLY). A failure there
          // leaves the column; the revision, run again, finds it and builds the index again,
          // dropping what a failed build left. Made to fail by a table under the index's name:
          const head = await sql(db, "SELECT version_num FROM alembic_version");
          await sql(db, "CREATE TABLE ix_customers_score (x int)");
          const failed = await run(["alembic", "upgrade", "head"], { cwd: dir, env: serverEnv });
          assertEquals(failed.code, 1, failed.stderr);
          assertMatch(failed.stderr, /"ix_customers_score" is not an index/);
          assertEquals(await sql(db, "SELECT version_num FROM alembic_version"), head);
          assertEquals(await sql(db, "SELECT count(score) FROM customers"), "1");
          // ... then, what a concurrent build that failed leaves: an index marked invalid.
          await sql(
            db,
            "DROP TABLE ix_customers_score; CREATE INDEX ix_customers_score ON customers (score); " +
              "UPDATE pg_index SET indisvalid = false " +
              "WHERE indexrelid = 'ix_customers_score'::regclass",
          );
          await ok(["alembic", "upgrade", "head"], { cwd: dir, env: serverEnv });
          assertEquals(
            await sql(
              db,
              "SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_customers_score'::regclass",
            ),
            "t",
          );
          // The customer the HTTP step made holds the default, and the column keeps it: a row the
          // release still running inserts (it knows no score) gets it too, instead of failing.
          assertEquals(await sql(db, "SELECT full_name, score FROM customers"), "Ada|7");
          assertEquals(
            await sql(
              db,
              "WITH added AS (INSERT INTO customers (full_name, email_address, inserted_by, " +
                "inserted_date, is_active) VALUES ('Old', 'old@x', 'old release', now(), true) " +
                "RETURNING score, tier) SELECT score, tier FROM added",
            ),
            "7|basic",
          );
          await sql(db, "DELETE FROM customers WHERE full_name = 'Old'");
          await ok(["alembic", "check"], { cwd: dir, env: serverEnv });
        },
      );

      await t.step(
        "fields are renamed: their values stay, their indexes and foreign key follow",
        async () => {
          await pyscaffold(["rename", "customer", "--field", "email_address=email"], dir);
          await pyscaffold(["rename", "product", "--field", "maker_id=creator"], dir);
          await ok(["alembic", "upgrade", "head"], { cwd: dir, env: serverEnv });
          // The rows the HTTP step made, under the new names; the reference still holds.
          assertEquals(await sql(db, "SELECT full_name, email FROM customers"), "Ada|a@x");
          assertEquals(
            await sql(
              db,
              "SELECT p.title, c.full_name FROM products p JOIN customers c ON c.id = p.creator_id",
            ),
            "Lamp|Ada",
          );
          const indexes = await sql(
            db,
            "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes " +
              "WHERE tablename IN ('customers', 'products') AND indexname LIKE ANY " +
              "(ARRAY['%email%', '%maker%', '%creator%'])",
          );
          assertEquals(indexes, "ix_products_creator_id,uq_customers_email");
          await ok(["alembic", "check"], { cwd: dir, env: serverEnv });
          // The way back, and forth again: the values survive both.
          await ok(["alembic", "downgrade", "-2"], { cwd: dir, env: serverEnv });
          assertEquals(await sql(db, "SELECT email_address FROM customers"), "a@x");
          await ok(["alembic", "upgrade", "head"], { cwd: dir, env: serverEnv });
          assertEquals(
            await sql(db, "SELECT count(*) FROM products WHERE creator_id IS NOT NULL"),
            "1",
          );
        },
      );

      await t.step(
        "a module loses fields: their columns, index and foreign key dropped",
        async () => {
          const before = await Deno.readTextFile(join(dir, "src", "models", "purchase_model.py"));
          assert(before.includes("gift_for_id"), before);
          await pyscaffold(["remove", "customer", "--field", "nickname", "--yes"], dir);
          await pyscaffold(["remove", "purchase", "--field", "gift_for", "--yes"], dir);
          await ok(["alembic", "upgrade", "head"], { cwd: dir, env: serverEnv });
          const columns = await sql(
            db,
            "SELECT string_agg(column_name, ',') FROM information_schema.columns " +
              "WHERE table_name IN ('customers', 'purchases') " +
              "AND column_name IN ('nickname', 'gift_for_id', 'score')",
          );
          assertEquals(columns, "score");
          await ok(["alembic", "check"], { cwd: dir, env: serverEnv });
          const model = await Deno.readTextFile(join(dir, "src", "models", "customer_model.py"));
          assert(!model.includes("nickname"), model);
        },
      );

      await t.step("squawk finds nothing in any revision (each on its own, as SQL)", async () => {
        // `alembic upgrade <previous>:<revision> --sql` for each revision in the chain's order,
        // in one process (eleven `alembic` starts cost half a minute).
        const script = [
          "import io, pathlib, sys",
          "from alembic import command",
          "from alembic.config import Config",
          "from alembic.script import ScriptDirectory",
          'config = Config("alembic.ini")',
          "chain = reversed(list(ScriptDirectory.from_config(config).walk_revisions()))",
          "previous = None",
          "for revision in [r.revision for r in chain]:",
          "    config.output_buffer = io.StringIO()",
          '    span = revision if previous is None else f"{previous}:{revision}"',
          "    command.upgrade(config, span, sql=True)",
          '    sql = pathlib.Path(sys.argv[1]) / f"{revision}.sql"',
          "    sql.write_text(config.output_buffer.getvalue())",
          "    print(sql)",
          "    previous = revision",
        ].join("\n");
        const out = await ok(["python", "-c", script, parent], { cwd: dir, env: serverEnv });
        const files = out.stdout.trim().split("\n");
        assertEquals(files.length, revisionFiles(dir).length, out.stdout);
        assert(files.length >= 10, out.stdout);
        await squawk(files, dir);
        // squawk's prefer-bigint-over-int is left out for the int fields a user declares: every
        // primary key and reference column of the migrated database is checked to be 64-bit.
        const keys = await keyColumnTypes(db);
        assert(keys.length >= 8, keys.join("\n"));
        assertEquals(keys.filter((key) => !key.endsWith(" bigint")), []);
      });

      await t.step("remove purchase: tree, manifest and migrations are consistent", async () => {
        // a referenced module cannot go
        const refused = await new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", join(ROOT, "main.ts"), "remove", "customer", "--yes"],
          cwd: dir,
          stdout: "piped",
          stderr: "piped",
          env: { NO_COLOR: "1" },
        }).output();
        assertEquals(refused.code, 2);
        await pyscaffold(["remove", "purchase", "--yes"], dir);
        assert(!(await exists(join(dir, "src", "purchase"))), "src/purchase/ is left");
        assert(!(await exists(join(dir, "src", "models", "purchase_model.py"))));
        assert(!(await exists(join(dir, "tests", "test_purchase.py"))));
        assert(
          revisionFiles(dir).some((name) => /^0012_[0-9a-f]{8}_drop_purchases\.py$/.test(name)),
          revisionFiles(dir).join(", "),
        );
        const records = [...Deno.readDirSync(join(dir, ".pyscaffold", "modules"))].map((e) =>
          e.name
        );
        assertEquals(records.sort(), ["customer.json", "items.json", "product.json"]);
        await ok(["alembic", "upgrade", "head"], { cwd: dir, env: serverEnv });
        assert(!(await publicTables(db)).includes("purchases"), "purchases was not dropped");
        await ok(["alembic", "check"], { cwd: dir, env: serverEnv });
        // every downgrade works, and the chain upgrades again from nothing
        await ok(["alembic", "downgrade", "base"], { cwd: dir, env: serverEnv });
        assertEquals((await publicTables(db)).filter((n) => n !== "alembic_version"), []);
        await ok(["alembic", "upgrade", "head"], { cwd: dir, env: serverEnv });
      });

      // Two ways of living with the migrations, once (the first case).
      if (name === comboName(CASES[0])) {
        // The lesson's way to change the schema by hand: a model, then a revision autogenerated
        // from it, run as Alembic wrote it (the project's types named as they are stored, ruff
        // run on it by alembic.ini's hooks; the suite's lint below covers it).
        await t.step(
          "a model written by hand; make revision (autogenerate); upgrade",
          async () => {
            await Deno.writeTextFile(
              join(dir, "src", "models", "note_model.py"),
              [
                '"""Notes, a model written by hand."""',
                "",
                "from __future__ import annotations",
                "",
                "from sqlalchemy import String",
                "from sqlalchemy.orm import Mapped, mapped_column",
                "",
                "from src.models.base_model import BaseModel",
                "",
                "",
                "class Note(BaseModel):",
                '    __tablename__ = "notes"',
                "",
                "    body: Mapped[str] = mapped_column(String(200), nullable=False)",
                "",
              ].join("\n"),
            );
            const before = new Set(revisionFiles(dir));
            // `make revision`: the target the README and the lesson name for it.
            await ok(["make", "revision", "MESSAGE=notes"], { cwd: dir, env: serverEnv });
            const written = revisionFiles(dir).filter((n) => !before.has(n));
            assertEquals(written.length, 1, written.join(", "));
            const revision = await Deno.readTextFile(
              join(dir, "migrations", "versions", written[0]),
            );
            assert(revision.includes('op.create_table(\n        "notes",'), revision);
            await ok(["alembic", "upgrade", "head"], { cwd: dir, env: serverEnv });
            assert((await publicTables(db)).includes("notes"), "notes missing");
            await ok(["alembic", "check"], { cwd: dir, env: serverEnv });
          },
        );
        // A team's: two branches of the project each add a module onto the same head, merged by
        // git without a conflict (each module's files, record and store change are files of
        // their own). Merged, the two revisions are two heads; Alembic joins them (their ids
        // differ), and the next `add` follows the merge.
        await t.step(
          "two branches each add a module; git merges them; alembic merge heads",
          async () => {
            const git = (...args: string[]) =>
              ok([
                "git",
                "-c",
                "user.name=e2e",
                "-c",
                "user.email=e2e@example.com",
                "-c",
                "init.defaultBranch=main",
                ...args,
              ], { cwd: dir });
            await git("init", "-q");
            await git("add", "-A");
            await git("commit", "-q", "--allow-empty", "-m", "before the branches");
            const before = new Set(revisionFiles(dir));
            await git("checkout", "-q", "-b", "invoices");
            await pyscaffold(["add", "invoice", "--field", "total:decimal(10,2)"], dir);
            await git("add", "-A");
            await git("commit", "-q", "-m", "invoice");
            await git("checkout", "-q", "-");
            await pyscaffold(["add", "shipment", "--field", "carrier:str(40)"], dir);
            await git("add", "-A");
            await git("commit", "-q", "-m", "shipment");
            await git("merge", "-q", "--no-edit", "invoices");
            assertEquals((await git("status", "--porcelain")).stdout, "", "a clean merge");
            const theirs = revisionFiles(dir).filter((n) => !before.has(n));
            assertEquals(theirs.length, 2, theirs.join(", "));
            const records = [...Deno.readDirSync(join(dir, ".pyscaffold", "modules"))];
            assert(records.some((e) => e.name === "invoice.json"), "the branch's record merged");
            const heads = await ok(["alembic", "heads"], { cwd: dir, env: serverEnv });
            assertEquals(heads.stdout.trim().split("\n").length, 2, heads.stdout);
            await ok(["alembic", "merge", "heads", "-m", "merge branches"], {
              cwd: dir,
              env: serverEnv,
            });
            await pyscaffold(["add", "refund", "--field", "amount:decimal(10,2)"], dir);
            await ok(["alembic", "upgrade", "head"], { cwd: dir, env: serverEnv });
            const tables = await publicTables(db);
            for (const table of ["shipments", "invoices", "refunds"]) {
              assert(tables.includes(table), `${table} missing: ${tables}`);
            }
          },
        );
      }

      // The project's suite after remove runs on the Flask cases: remove is the same code for
      // both frameworks, and Quart's module templates had their suite run above. Quart keeps
      // ruff and mypy here (a reference left to the removed module fails them) and the
      // migration checks of the step before.
      await check("after remove", combo.framework === "flask");
      await Deno.remove(parent, { recursive: true });
    },
  });
}
