/**
 * The database profiles: everything a template or the module planner needs to
 * know about one database. Templates read it as `it.db`; no template branches
 * on a database by name where "else" would silently mean another one. A third
 * database is one more record here plus the places that truly differ.
 */
import type { Database } from "./questions.ts";
import type { FieldType } from "./module_spec.ts";
import { ORACLE_RESERVED_WORDS, POSTGRESQL_RESERVED_WORDS } from "./reserved.ts";

/** A model column type where a database differs from the portable one (src/python/module_view.ts). */
export interface ModelColumnType {
  /** The SQLAlchemy type expression in `mapped_column(...)`. */
  expr: string;
  /** Names it imports from sqlalchemy. */
  imports: string[];
  /** Names it imports from the generated project's src/models/types.py. */
  projectImports: string[];
  /** The Python type of the attribute (`Mapped[...]`). */
  py: string;
}

export interface DatabaseProfile {
  id: Database;
  /** Shown to people: "PostgreSQL". */
  label: string;
  // modules: names, types, migrations
  /** Words the database reserves: no module table or field column may be one. */
  reservedWords: ReadonlySet<string>;
  /** The longest identifier the database accepts, in characters. */
  maxIdentifier: number;
  /**
   * The schema models and migrations name (the generated engine translates it to DB_SCHEMA, see
   * base_model.py), or undefined where tables live in the connection's default schema.
   */
  schema?: string;
  /**
   * ON DELETE of a reference's foreign key, or undefined to write no clause (Oracle knows only
   * CASCADE and SET NULL; without a clause it refuses to delete a referenced row, as RESTRICT would).
   */
  foreignKeyOnDelete?: string;
  /** Model column types that replace the portable ones, by field type. */
  modelTypes: Partial<Record<FieldType, ModelColumnType>>;
  /** Alembic column types that replace the portable ones (the audit columns use `datetime`, `bool`). */
  migrationTypes: Partial<Record<FieldType, string>>;
  /** After a boolean column in a query, the test that it is true (`.is_(True)`, ` == true()`). */
  isTrue: string;
  /** Names `isTrue` imports from sqlalchemy. */
  isTrueImports: string[];
  /** Why `isTrue` is not the usual `.is_(True)`, as a comment above it; undefined when it is. */
  isTrueNote?: string;
}

export const DATABASE_PROFILES: Readonly<Record<Database, DatabaseProfile>> = {
  postgresql: {
    id: "postgresql",
    label: "PostgreSQL",
    // modules: names, types, migrations
    reservedWords: POSTGRESQL_RESERVED_WORDS,
    maxIdentifier: 63,
    foreignKeyOnDelete: "RESTRICT",
    modelTypes: {},
    migrationTypes: {},
    isTrue: ".is_(True)",
    isTrueImports: [],
  },
  oracle: {
    id: "oracle",
    label: "Oracle",
    // modules: names, types, migrations
    reservedWords: ORACLE_RESERVED_WORDS,
    maxIdentifier: 30,
    schema: "app",
    // The project's portable types (src/models/types.py): the same column on 19c and 23ai.
    modelTypes: {
      bool: {
        expr: "PortableBoolean",
        imports: [],
        projectImports: ["PortableBoolean"],
        py: "bool",
      },
      json: {
        expr: "JsonDocument",
        imports: [],
        projectImports: ["JsonDocument"],
        py: "dict[str, Any]",
      },
    },
    // The columns the portable types make: TIMESTAMP holding UTC, 0/1, CLOB.
    migrationTypes: { datetime: "sa.TIMESTAMP()", bool: "sa.Integer()", json: "sa.Text()" },
    isTrue: " == true()",
    isTrueImports: ["true"],
    isTrueNote: "`== true()` renders `= 1` on Oracle, where `IS TRUE` does not parse.",
  },
};
