/**
 * The framework profiles: what a template needs to know to write the same
 * layer for Flask (sync, WSGI) or Quart (async, ASGI). Templates read it as
 * `it.fw`. A difference that is only `async`/`await`, an import, a request
 * object or the server belongs here; code that truly differs gets its own
 * template (see docs/CONTRIBUTING.md).
 */
import type { Dependency, Framework } from "./questions.ts";

export interface FrameworkProfile {
  id: Framework;
  /** Shown to people: "Flask". */
  label: string;
  /** `"async "` on Quart, `""` on Flask: put before `def`, `with`, `for`. */
  async: string;
  /** `"await "` on Quart, `""` on Flask: put before a call whose result is used as is. */
  await: string;

  // project files: the names the merged project templates (src/, tests/) print
  /** The Python package the app imports from: "flask". */
  package: string;
  /** The application class: "Flask". */
  appClass: string;
  /** The SQLAlchemy session class repositories take: "Session" (sync) or "AsyncSession". */
  sessionClass: string;
  /** The module `sessionClass` is imported from. */
  sessionModule: string;
  /** The SQLAlchemy engine class: "Engine" or "AsyncEngine". */
  engineClass: string;
  /** The function that builds `engineClass`: "create_engine" or "create_async_engine". */
  createEngine: string;
  /** The session factory of `sessionClass`: "sessionmaker" or "async_sessionmaker". */
  sessionmaker: string;
  /** The test client's type in test signatures: "FlaskClient". */
  testClient: string;
  /** The import line that brings `testClient`. */
  testClientImport: string;
  /**
   * An app must be started (its before/after_serving hooks run) before a test
   * uses it: tests take the `serve` fixture of conftest.py and await it.
   */
  startsApps: boolean;
  /** The parameters of a test that builds (and, if `startsApps`, starts) an app of its own. */
  appFixtures: string;
  /**
   * Appended to an app's Redis extension (`app.extensions["redis"]` or `["cache"]`) to reach
   * the client the calling thread uses: `.client()` on Flask (src/extensions.py's
   * RedisPerThread, a client per thread), nothing on Quart (one pooled client).
   */
  redisClient: string;
  /**
   * Live change feeds over WebSockets (`GET /ws/<module>`, src/realtime): the project files
   * of src/realtime and each module's `<module>_feed.py`. Quart only: Flask's WSGI server
   * holds one thread per open socket (lesson websockets).
   */
  realtime: boolean;

  // modules: what module templates need beyond the names above
  /** The import line of `engineClass`. */
  engineImport: string;
  /** Appended to an engine: the synchronous Engine that SQLAlchemy events attach to. */
  syncEngine: string;

  // pyproject.toml (collected by src/choices/features/mod.ts)
  /** Packages this framework brings, by name in the pin map (src/choices/dependencies.ts). */
  dependencies: readonly Dependency[];
  /** Packages its tests and type checks need. */
  devDependencies: readonly Dependency[];
}

/** `(await expr)` on Quart, `expr` on Flask: for a result used in the same expression. */
export function awaited(fw: FrameworkProfile, expr: string): string {
  return fw.await ? `(${fw.await}${expr})` : expr;
}

export const FRAMEWORK_PROFILES: Readonly<Record<Framework, FrameworkProfile>> = {
  flask: {
    id: "flask",
    label: "Flask",
    async: "",
    await: "",
    package: "flask",
    appClass: "Flask",
    sessionClass: "Session",
    sessionModule: "sqlalchemy.orm",
    engineClass: "Engine",
    createEngine: "create_engine",
    sessionmaker: "sessionmaker",
    testClient: "FlaskClient",
    testClientImport: "from flask.testing import FlaskClient",
    startsApps: false,
    appFixtures: "make_app: AppFactory",
    redisClient: ".client()",
    realtime: false,
    engineImport: "from sqlalchemy import Engine",
    syncEngine: "",
    dependencies: ["flask", "flask-cors", "gunicorn", "sqlalchemy", {
      requirement: "werkzeug",
      comment: "Werkzeug: Flask's HTTP layer; the code imports its exceptions and converters.",
    }],
    devDependencies: ["types-flask-cors"],
  },
  quart: {
    id: "quart",
    label: "Quart",
    async: "async ",
    await: "await ",
    package: "quart",
    appClass: "Quart",
    sessionClass: "AsyncSession",
    sessionModule: "sqlalchemy.ext.asyncio",
    engineClass: "AsyncEngine",
    createEngine: "create_async_engine",
    sessionmaker: "async_sessionmaker",
    testClient: "QuartClient",
    testClientImport: "from quart.typing import TestClientProtocol as QuartClient",
    startsApps: true,
    appFixtures: "make_app: AppFactory, serve: Serve",
    redisClient: "",
    realtime: true,
    engineImport: "from sqlalchemy.ext.asyncio import AsyncEngine",
    syncEngine: ".sync_engine",
    dependencies: [
      {
        requirement: "hypercorn[uvloop]",
        comment: "uvloop: the event loop of hypercorn's workers, written in C (Linux and macOS).",
      },
      "quart",
      "quart-cors",
      {
        requirement: "sqlalchemy[asyncio]",
        comment: "The asyncio extra brings greenlet, which SQLAlchemy's async engine needs.",
      },
      {
        requirement: "werkzeug",
        comment: "Werkzeug: under Quart too; the code imports its exceptions and converters.",
      },
    ],
    devDependencies: ["pytest-asyncio"],
  },
};
