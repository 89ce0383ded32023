import { md } from "../_markdown.ts";
import type { Lesson } from "../_types.ts";

export const migrations: Lesson = {
  id: "migrations",
  title: "Database migrations with Alembic",
  summary: "versioned, reviewed schema changes instead of create_all()",
  problem: () =>
    md`
    \`Base.metadata.create_all()\` creates missing tables and nothing else: it never adds a column
    to an existing table, never changes a type, never drops anything. Once a database holds data,
    the schema can only move forward through explicit, ordered changes that every environment
    applies the same way — and that someone reviewed before they ran against production.
  `,
  how: (c) =>
    md`
    Alembic keeps the schema history as Python files in \`migrations/versions/\`. Each revision has
    an \`upgrade()\` and a \`downgrade()\` and names its parent revision, so the files form a chain;
    the database records the revision it is at in the \`alembic_version\` table.

    - \`make migrate\` runs \`alembic upgrade head\`: apply every revision the database does not
      have yet.
    - The project starts with an initial revision that creates every table it has
      (${c.auth ? "the users table, " : ""}\`${c.m.table}\`${
      c.auth && !c.cache ? ", the revoked tokens table" : ""
    }).
    - After changing a model, \`alembic revision --autogenerate -m "add price"\` compares the models
      (\`target_metadata\` in \`migrations/env.py\` points at the declarative base's metadata) with
      the database and writes a draft revision. **Read and edit it** before committing.
    ${
      c.quart
        ? md`
    - On Quart, \`env.py\` runs the migration through the async engine (\`connection.run_sync\`),
      so the same \`DATABASE_URL\` and driver serve the app and Alembic.`
        : ""
    }

    ${
      c.postgresql
        ? "PostgreSQL runs DDL inside transactions, so a revision that fails halfway is rolled back " +
          "completely."
        : "Oracle commits implicitly before and after every DDL statement: a revision that fails " +
          "halfway leaves the statements before the failure applied. Keep Oracle revisions small " +
          "and write them so that they can be re-run or repaired by hand; `alembic upgrade head " +
          "--sql` shows the exact DDL before you run it."
    }
  `,
  tradeoffs: () =>
    md`
    - **Autogenerate is a draft, not a truth.** It cannot tell a rename from a drop and an add
      (renaming a column that way loses its data), and it misses some changes (server defaults,
      some constraint and type details). Review every generated file.
    - **Name your constraints.** A metadata naming convention gives every index, unique and
      foreign key a predictable name, so a later migration can drop it by name on every database.
    - **Never edit a revision that has run somewhere.** Write a new one; other databases already
      recorded the old one as applied.
    - **Run migrations as a deployment step, not in the app's startup.** Several workers starting
      at once would race to migrate. Run \`alembic upgrade head\` once, before the new version
      starts.
    - **Backwards-compatible steps.** During a rolling deploy the old code runs against the new
      schema: add a column (nullable or with a default) first, deploy code that uses it, and only
      then drop what the old code needed.
  `,
  excerpts: [
    {
      caption: "Alembic compares the database with this metadata: the models' declarative base, " +
        "after every model has been imported.",
      path: "migrations/env.py",
      locator: { from: "import_models()", to: "target_metadata = " },
    },
    {
      caption: "In the initial revision, the table of your module: the audit columns, and " +
        "constraint names from the naming convention.",
      path: "migrations/versions/0001_initial.py",
      locator: { from: '"{table}",', before: 1, to: "    )" },
    },
  ],
  related: ["base-model", "postgresql-vs-oracle"],
};
