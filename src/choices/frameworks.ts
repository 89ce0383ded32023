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
    dependencies: ["flask", "flask-cors", "gunicorn", "sqlalchemy"],
    devDependencies: ["types-flask-cors"],
  },
  quart: {
    id: "quart",
    label: "Quart",
    async: "async ",
    await: "await ",
    dependencies: ["hypercorn", "quart", "quart-cors", "quart-schema", {
      requirement: "sqlalchemy[asyncio]",
      comment: "The asyncio extra brings greenlet, which SQLAlchemy's async engine needs.",
    }],
    devDependencies: ["pytest-asyncio"],
  },
};
