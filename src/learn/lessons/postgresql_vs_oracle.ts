import { databaseTradeoffs } from "../../choices/tradeoffs.ts";
import { md } from "../_markdown.ts";
import { tradeoffMarkdown } from "../_tables.ts";
import type { Lesson } from "../_types.ts";

export const postgresqlVsOracle: Lesson = {
  id: "postgresql-vs-oracle",
  title: "PostgreSQL or Oracle: what differs, and what SQLAlchemy hides",
  summary: "drivers, URLs, DDL and transactions, identifiers, booleans, NULL and empty strings",
  problem: (c) =>
    md`
    SQLAlchemy lets the same models and queries run on both databases, but it cannot make them the
    same database. Types, limits, transactional behaviour and a few famous quirks differ, and
    code that ignores them works in development and fails in production. You chose
    **${c.Database}**.
  `,
  how: (c) =>
    md`
    | | PostgreSQL | Oracle |
    |---|---|---|
    | driver (${c.Framework}) | ${
      c.flask ? "psycopg 3" : "psycopg 3, its asyncio API"
    } | python-oracledb, thin mode (pure Python, no Oracle Client install) |
    | \`DATABASE_URL\` | \`postgresql+psycopg://user:pass@host:5432/db\` | \`oracle+oracledb://user:pass@host:1521/?service_name=NAME\` |
    | DDL in transactions | yes: a failed migration rolls back | no: every DDL statement commits |
    | unquoted identifiers | folded to lower case | folded to UPPER case (SQLAlchemy handles it if you use lower-case names) |
    | identifier length | 63 bytes | 30 bytes before 12.2, 128 after |
    | booleans | \`boolean\` | native \`BOOLEAN\` only from 23ai; before, a number column (0/1) |
    | auto-increment keys | identity columns | identity columns (12c and later) |
    | JSON | \`jsonb\`, indexable | native \`JSON\` type from 21c; text with \`IS JSON\` checks before |
    | paging | \`LIMIT\` / \`OFFSET\` | \`OFFSET ... FETCH NEXT ...\` (12c and later) |
    | health check | \`SELECT 1\` | \`SELECT 1 FROM dual\` |
    | schemas | namespaces inside a database | a schema is a user; cross-schema access needs grants and \`schema.table\` names |

    ${
      c.oracle
        ? md`
    **The famous one: Oracle treats the empty string as NULL.** Inserting \`''\` into a
    \`VARCHAR2\` column stores NULL, so a \`NOT NULL\` column rejects it and \`WHERE name = ''\`
    never matches. Validate "required" strings as non-empty before they reach the database.

    Oracle strings need a length (\`String(100)\`, never a bare \`String\`), and a connection
    string needs the **service name**, not the SID, in the form above.`
        : md`
    PostgreSQL is the default because it is open source, runs anywhere from a laptop to every
    cloud, and does transactional DDL, which makes migrations safe to retry.`
    }

    The trade-offs from the wizard:

    ${tradeoffMarkdown(databaseTradeoffs, c.spec.database)}
  `,
  tradeoffs: (c) =>
    md`
    - **Test on the database you run.** SQLite, or the other database, in tests hides exactly the
      differences above.${
      c.postgresql
        ? " The generated tests run against PostgreSQL."
        : " Where no Oracle is at hand (as in this project's CI), the generated suite runs on" +
          " PostgreSQL with the schema translated away, and tests/test_oracle_schema.py checks" +
          " the Oracle DDL offline; run the suite against an Oracle schema before production."
    }
    - **Portable code is a choice.** Database-specific features (PostgreSQL's \`jsonb\` operators,
      Oracle's hierarchical queries) are worth using when you need them; put them in the
      repository so they are easy to find.
    - **Name constraints and keep names short** if the schema must work on Oracle: a naming
      convention and 30-character names avoid surprises on older versions.
    - **Connection pools are per process.** Size them so that workers × pool size stays below the
      database's connection limit (PostgreSQL's \`max_connections\` defaults to 100; Oracle's
      sessions are limited by \`PROCESSES\`/\`SESSIONS\`).
    - **Common mistake: timezones.** Keep datetimes aware and in UTC. PostgreSQL stores them in
      \`TIMESTAMP WITH TIME ZONE\`; on Oracle, python-oracledb binds datetimes without their
      offset and returns naive ones, so the generated project stores UTC in a plain
      \`TIMESTAMP\` and converts in \`UtcDateTime\`.
  `,
  excerpts: [
    {
      caption: "The connection URL for your database, as documented for local development.",
      path: ".env.example",
      locator: { from: "DATABASE_URL=", lines: 1 },
    },
    {
      caption: "The engine, and the session factory built on it.",
      path: "src/database.py",
      locator: { class: "Database" },
      when: (s) => s.framework === "flask",
    },
    {
      caption: "The async engine, and the session factory built on it (`expire_on_commit=False`: " +
        "objects stay readable after a commit without another query).",
      path: "src/database.py",
      locator: { class: "Database" },
      when: (s) => s.framework === "quart",
    },
  ],
  related: ["migrations", "pagination", "flask-vs-quart"],
};
