/**
 * The database profiles: everything a template or the module planner needs to
 * know about one database. Templates read it as `it.db`; no template branches
 * on a database by name where "else" would silently mean another one. A third
 * database is one more record here plus the places that truly differ.
 */
import type { Database, Dependency } from "./questions.ts";
import { FIELD_TYPES, type FieldType } from "./module_spec.ts";
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

  // project templates: config, compose, CI, migrations
  /** SQLAlchemy's name of the dialect (`dialect.name`), as generated code compares it. */
  dialect: string;
  /** The driver package, as prose names it: "python-oracledb". */
  driver: string;
  /** The server the local stack runs, as docker-compose.yml's first line names it. */
  server: string;
  /**
   * A URL of a database of the local stack (compose, CI, .env.example, README) on `host`:
   * `name` is the database (PostgreSQL) or the user whose schema holds the tables (Oracle).
   */
  localUrl: (host: string, name: string) => string;
  /** The form of DATABASE_URL, noted above it in .env.example; null when it needs no note. */
  urlForm: string | null;
  /** A well-formed URL that tests/test_config.py reads and never connects to. */
  configTestUrl: string;
  /** Schema handling: null when the tables live in the connection's default schema. */
  translatedSchema: TranslatedSchema | null;
  /**
   * Booleans, JSON and timestamps go through the portable types of src/models/types.py: one
   * column type for every supported server version, and for the database the tests run on.
   */
  portableTypes: boolean;
  /**
   * MAX_IDENTIFIER_LENGTH of base_model.py: the longest name the offline schema test
   * (tests/test_<id>_schema.py) accepts; null when there is no such test.
   */
  maxIdentifierLength: number | null;
  /** The migration column type of a `UtcDateTime` (the migrations never import the models). */
  utcDateTimeMigrationType: string;
  /**
   * The database README and .env.example suggest for local test runs: the database itself, or
   * one that needs no heavy server (the placeholder schema translated away). CI's test job
   * always runs on the database itself.
   */
  readonly testDb: DatabaseProfile;
  /** What CI's migration step migrates, after "migrations apply to an empty ". */
  ciMigrationTarget: string;
  /**
   * The defaults of MIGRATION_LOCK_TIMEOUT and MIGRATION_STATEMENT_TIMEOUT, which migrations/env.py
   * sets on the session that migrates (PostgreSQL's `lock_timeout`, `statement_timeout`); null
   * where a DDL statement waits for no lock (Oracle's DDL_LOCK_TIMEOUT is 0: it fails at once).
   */
  migrationTimeouts: { lock: string; statement: string } | null;

  // modules: names, types, migrations
  /** Words the database reserves: no module table or field column may be one. */
  reservedWords: ReadonlySet<string>;
  /** The longest identifier the database accepts, in characters. */
  maxIdentifier: number;
  /**
   * ON DELETE of a reference's foreign key, or undefined to write no clause (Oracle knows only
   * CASCADE and SET NULL; without a clause it refuses to delete a referenced row, as RESTRICT would).
   */
  foreignKeyOnDelete?: string;
  /**
   * How a revision changes a table that already holds rows without blocking its writes: indexes
   * built with `index` (the `op.create_index` keyword of a concurrent build) outside the
   * migration's transaction, and a foreign key added with `foreignKey` (not checked against the
   * rows there) then validated apart; null where the revisions change tables in one plain step.
   */
  onlineChanges: { index: string; foreignKey: string } | null;
  /** Model column types that replace the portable ones, by field type. */
  modelTypes: Partial<Record<FieldType, ModelColumnType>>;
  /**
   * For each field type, whether its column gives back exactly the Python value the ORM sent: a
   * row whose columns all do needs no second read after a write to answer "as stored"
   * (src/python/module_view.ts `readBack`). A decimal meets its scale, a datetime becomes UTC,
   * and JSON or a float may come back in another form, so they never do. One entry per type, so
   * a new type must say.
   */
  storedAsSent: Readonly<Record<FieldType, boolean>>;
  /**
   * Whether a create's `INSERT … RETURNING` returns every column (`insert_returning` in
   * base_model.py). False on Oracle: its `RETURNING … INTO` out-binds have refused LOB columns
   * beside others (CLOB text, JSON), so the INSERT returns the id and the row is read back by it.
   */
  returningEveryColumn: boolean;
  /** Alembic column types that replace the portable ones (the audit columns use `datetime`, `bool`). */
  migrationTypes: Partial<Record<FieldType, string>>;
  /** After a boolean column in a query, the test that it is true (`.is_(True)`, ` == true()`). */
  isTrue: string;
  /** Names `isTrue` imports from sqlalchemy. */
  isTrueImports: string[];
  /** Why `isTrue` is not the usual `.is_(True)`, as a comment above it; undefined when it is. */
  isTrueNote?: string;
  /**
   * The arguments of `op.create_index(name, table, …)` after the table, for the unique index
   * of `column` over the active rows (`unique_while_active` of base_model.py, which the
   * models call): a soft-deleted row gives its value back. As base_model.py compiles it here.
   */
  uniqueWhileActive: (column: string) => string[];

  // app runtime: database.py, health, conftest
  /** A URL of this database's driver that nothing answers: the health tests' dead database. */
  unreachableUrl: string;

  // pyproject.toml (collected by src/choices/features/mod.ts)
  /** The driver, by name in the pin map (src/choices/dependencies.ts). */
  dependencies: readonly Dependency[];
  /** Packages its tests need. */
  devDependencies: readonly Dependency[];
}

/**
 * Every table is declared in a placeholder schema that the engine translates to DB_SCHEMA
 * (`schema_translate_map`), so the same models serve any schema.
 */
export interface TranslatedSchema {
  /** The placeholder that models and migrations name: "app". */
  placeholder: string;
  /** What DB_SCHEMA accepts, as a Python regular expression. */
  namePattern: string;
  /** `namePattern` in words, for the comment above it. */
  nameRule: string;
}

export const DATABASE_PROFILES: Readonly<Record<Database, DatabaseProfile>> = {
  postgresql: {
    id: "postgresql",
    label: "PostgreSQL",

    // project templates: config, compose, CI, migrations
    dialect: "postgresql",
    driver: "psycopg",
    server: "PostgreSQL",
    localUrl: (host, name) => `postgresql+psycopg://app:app@${host}:5432/${name}`,
    urlForm: null,
    configTestUrl: "postgresql+psycopg://u@localhost/db",
    translatedSchema: null,
    portableTypes: false,
    maxIdentifierLength: null,
    utcDateTimeMigrationType: "sa.DateTime(timezone=True)",
    get testDb(): DatabaseProfile {
      return DATABASE_PROFILES.postgresql;
    },
    ciMigrationTarget: "database",
    migrationTimeouts: { lock: "5s", statement: "1h" },

    // modules: names, types, migrations
    reservedWords: POSTGRESQL_RESERVED_WORDS,
    maxIdentifier: 63,
    foreignKeyOnDelete: "RESTRICT",
    onlineChanges: {
      index: "postgresql_concurrently=True",
      foreignKey: "postgresql_not_valid=True",
    },
    modelTypes: {},
    storedAsSent: {
      str: true,
      text: true,
      int: true,
      bigint: true,
      decimal: false,
      float: false,
      bool: true,
      date: true,
      datetime: false,
      uuid: true,
      json: false,
      enum: true,
      ref: true,
    },
    returningEveryColumn: true,
    migrationTypes: {},
    isTrue: ".is_(True)",
    isTrueImports: [],
    // A partial index.
    uniqueWhileActive: (column) => [
      `["${column}"]`,
      "unique=True",
      'postgresql_where=sa.text("is_active")',
    ],

    // app runtime: database.py, health, conftest
    unreachableUrl: "postgresql+psycopg://nobody@127.0.0.1:1/none",

    // pyproject.toml
    dependencies: ["psycopg[binary]"],
    devDependencies: [],
  },
  oracle: {
    id: "oracle",
    label: "Oracle",

    // project templates: config, compose, CI, migrations
    dialect: "oracle",
    driver: "python-oracledb",
    server: "Oracle Free",
    localUrl: (host, name) => `oracle+oracledb://${name}:app@${host}:1521/?service_name=FREEPDB1`,
    urlForm: "oracle+oracledb://USER:PASSWORD@HOST:PORT/?service_name=SERVICE " +
      "(a service name, not a SID)",
    configTestUrl: "oracle+oracledb://u:p@localhost/?service_name=db",
    translatedSchema: {
      placeholder: "app",
      namePattern: "[A-Za-z][A-Za-z0-9_$#]{0,127}",
      nameRule: "An unquoted Oracle identifier: a letter, then letters, digits, _, $ or #.",
    },
    // 19c has no BOOLEAN and 23ai has one; SQLAlchemy makes JSON a BLOB before 21c.
    portableTypes: true,
    maxIdentifierLength: 30,
    utcDateTimeMigrationType: "sa.TIMESTAMP()",
    // Oracle Free takes minutes to start: PostgreSQL is the local fast path; CI tests on Oracle.
    get testDb(): DatabaseProfile {
      return DATABASE_PROFILES.postgresql;
    },
    ciMigrationTarget: "Oracle schema",
    migrationTimeouts: null,

    // modules: names, types, migrations
    reservedWords: ORACLE_RESERVED_WORDS,
    maxIdentifier: 30,
    // The project's portable types (src/models/types.py): the same column on 19c and 23ai.
    // An empty string is stored as NULL, and the portable types convert on the way: read back.
    storedAsSent: Object.fromEntries(FIELD_TYPES.map((type) => [type, false])) as Record<
      FieldType,
      boolean
    >,
    returningEveryColumn: false,
    // Oracle builds an index ONLINE only in its Enterprise Edition, and the revisions run on any.
    onlineChanges: null,
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
    // A function-based index: Oracle has no partial index, and leaves out of an index every row
    // whose key is NULL, as the CASE makes it on a deleted row.
    uniqueWhileActive: (column) => [
      `[sa.text("(CASE WHEN (is_active = 1) THEN ${column} END)")]`,
      "unique=True",
    ],

    // app runtime: database.py, health, conftest
    unreachableUrl: "oracle+oracledb://nobody:x@127.0.0.1:1/?service_name=none",

    // pyproject.toml
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
