/** The database: PostgreSQL or Oracle. */
import { DATABASE_PROFILES } from "../databases.ts";
import { databaseTradeoffs } from "../tradeoffs.ts";
import type { Database, SelectQuestion } from "../questions.ts";

export const databaseQuestion: SelectQuestion<"database", Database> = {
  id: "database",
  kind: "select",
  flag: "--database",
  message: "Which database?",
  label: "Database",
  help: "database",
  explanation:
    "PostgreSQL is the default: open source, JSONB, simple cross-schema relationships. Oracle is " +
    "for organisations that already run it; pyscaffold uses python-oracledb in thin mode, so no " +
    "Oracle client libraries are needed.",
  inYourCode: "The database decides the driver and the form of `DATABASE_URL`, the limits the " +
    "models respect (string lengths, 30-character names on older Oracle), and what a failed " +
    "migration leaves behind: PostgreSQL rolls DDL back, Oracle commits each statement.",
  lesson: "postgresql-vs-oracle",
  choices: [
    {
      value: "postgresql",
      name: "PostgreSQL",
      description: "open source default; psycopg 3 (sync for Flask, async for Quart)",
    },
    {
      value: "oracle",
      name: "Oracle",
      description: "existing Oracle infrastructure; python-oracledb thin mode, no client install",
    },
  ],
  default: "postgresql",
  profiles: DATABASE_PROFILES,
  tradeoffs: databaseTradeoffs,
  files: [
    {
      path: "tests/test_oracle_schema.py",
      why: "the models and the offline migrations compile to portable Oracle 19c / 23ai DDL",
      lesson: "postgresql-vs-oracle",
      when: { database: "oracle" },
    },
  ],
};
