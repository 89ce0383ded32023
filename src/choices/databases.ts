/**
 * The database profiles: everything a template or the module planner needs to
 * know about one database. Templates read it as `it.db`; no template branches
 * on a database by name where "else" would silently mean another one. A third
 * database is one more record here plus the places that truly differ.
 */
import type { Database, Dependency } from "./questions.ts";

export interface DatabaseProfile {
  id: Database;
  /** Shown to people: "PostgreSQL". */
  label: string;
  // pyproject.toml (collected by src/choices/features/mod.ts)
  /** The driver, by name in the pin map (src/choices/dependencies.ts). */
  dependencies: readonly Dependency[];
  /** Packages its tests need. */
  devDependencies: readonly Dependency[];
}

export const DATABASE_PROFILES: Readonly<Record<Database, DatabaseProfile>> = {
  postgresql: {
    id: "postgresql",
    label: "PostgreSQL",
    dependencies: ["psycopg[binary]"],
    devDependencies: [],
  },
  oracle: {
    id: "oracle",
    label: "Oracle",
    dependencies: [{
      requirement: "oracledb",
      comment: "python-oracledb in thin mode: pure Python, no Oracle Client libraries.",
    }],
    devDependencies: [{
      requirement: "psycopg[binary]",
      comment: 'The test suite can run on PostgreSQL (see README, "Test").',
    }],
  },
};
