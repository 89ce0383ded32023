/**
 * The database profiles: everything a template or the module planner needs to
 * know about one database. Templates read it as `it.db`; no template branches
 * on a database by name where "else" would silently mean another one. A third
 * database is one more record here plus the places that truly differ.
 */
import type { Database } from "./questions.ts";

export interface DatabaseProfile {
  id: Database;
  /** Shown to people: "PostgreSQL". */
  label: string;

  // app runtime: database.py, health, conftest
  /** A URL of this database's driver that nothing answers: the health tests' dead database. */
  unreachableUrl: string;
  /**
   * The models name a placeholder schema that each engine translates to
   * DB_SCHEMA (`engine_options` in src/database.py; TEST_DB_SCHEMA in the tests).
   */
  placeholderSchema: boolean;
  /**
   * The readiness ping when a bare `SELECT 1` is not valid here, with the comment
   * lines that say why; null: `SELECT 1`. Keyed by dialect in the generated code,
   * because the tests may run the project on PostgreSQL.
   */
  ping: { statement: string; comment: string[] } | null;
}

export const DATABASE_PROFILES: Readonly<Record<Database, DatabaseProfile>> = {
  postgresql: {
    id: "postgresql",
    label: "PostgreSQL",
    unreachableUrl: "postgresql+psycopg://nobody@127.0.0.1:1/none",
    placeholderSchema: false,
    ping: null,
  },
  oracle: {
    id: "oracle",
    label: "Oracle",
    unreachableUrl: "oracle+oracledb://nobody:x@127.0.0.1:1/?service_name=none",
    placeholderSchema: true,
    ping: {
      statement: "SELECT 1 FROM dual",
      comment: [
        "Oracle's SELECT needs a FROM clause: `dual` is its one-row table. The tests",
        "may run this project on PostgreSQL, which has no `dual`.",
      ],
    },
  },
};
