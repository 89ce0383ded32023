/**
 * The framework profiles: what a template needs to know to write the same
 * layer for Flask (sync, WSGI) or Quart (async, ASGI). Templates read it as
 * `it.fw`. A difference that is only `async`/`await`, an import, a request
 * object or the server belongs here; code that truly differs gets its own
 * template (see docs/CONTRIBUTING.md).
 */
import type { Framework } from "./questions.ts";

export interface FrameworkProfile {
  id: Framework;
  /** Shown to people: "Flask". */
  label: string;
  /** `"async "` on Quart, `""` on Flask: put before `def`, `with`, `for`. */
  async: string;
  /** `"await "` on Quart, `""` on Flask: put before a call whose result is used as is. */
  await: string;
  // modules
  /** The import line of `Blueprint`. */
  blueprintImport: string;
  /** The SQLAlchemy session class a repository is given. */
  session: string;
  /** The import line of `session`. */
  sessionImport: string;
  /** The application class (`app` fixtures of the generated tests). */
  app: string;
  /** The import line of `app`. */
  appImport: string;
  /** The type of the `client` fixture of the generated tests. */
  testClient: string;
  /** The import line of `testClient`. */
  testClientImport: string;
  /** The class of the app's SQLAlchemy engine (`app.extensions["database"].engine`). */
  engine: string;
  /** The import line of `engine`. */
  engineImport: string;
  /** Appended to an engine: the synchronous Engine that SQLAlchemy events attach to. */
  syncEngine: string;
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
    // modules
    blueprintImport: "from flask import Blueprint",
    session: "Session",
    sessionImport: "from sqlalchemy.orm import Session",
    app: "Flask",
    appImport: "from flask import Flask",
    testClient: "FlaskClient",
    testClientImport: "from flask.testing import FlaskClient",
    engine: "Engine",
    engineImport: "from sqlalchemy import Engine",
    syncEngine: "",
  },
  quart: {
    id: "quart",
    label: "Quart",
    async: "async ",
    await: "await ",
    // modules
    blueprintImport: "from quart import Blueprint",
    session: "AsyncSession",
    sessionImport: "from sqlalchemy.ext.asyncio import AsyncSession",
    app: "Quart",
    appImport: "from quart import Quart",
    testClient: "Client",
    testClientImport: "from quart.typing import TestClientProtocol as Client",
    engine: "AsyncEngine",
    engineImport: "from sqlalchemy.ext.asyncio import AsyncEngine",
    syncEngine: ".sync_engine",
  },
};
