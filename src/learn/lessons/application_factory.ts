import { md } from "../_markdown.ts";
import type { Lesson } from "../_types.ts";

export const applicationFactory: Lesson = {
  id: "application-factory",
  title: "The application factory: create_app()",
  summary: "building the app in a function instead of at import time",
  problem: (c) =>
    md`
    The smallest ${c.Framework} app is a module-level \`app = ${c.Framework}(__name__)\`. It
    becomes a problem as soon as the project grows:

    - Configuration is fixed at import time, so tests cannot build an app with a test database
      without patching globals.
    - Every module that needs the app imports it, and the app module imports them back to register
      routes: circular imports.
    - Importing the package has side effects (connecting, reading secrets), so even a tool that
      only wants to read a constant pays for them — or crashes.
  `,
  how: (c) =>
    md`
    \`create_app()\` in \`src/__init__.py\` builds and returns a fresh application:

    1. takes a \`Config\` — read from the environment by \`Config.from_env()\`, or built by a
       test — and sets up JSON logging;
    ${
      c.flask
        ? md`
    2. creates the database engine and the per-request session handling;
    3. binds the extensions, which \`src/extensions.py\` created *unbound*, to this app with
       their \`init_app(app)\` method — that is how one extension object can serve every app a
       test run creates;`
        : md`
    2. registers the \`before_serving\` and \`after_serving\` hooks that create the async
       database engine${
          c.cache || c.celery ? " and the Redis clients" : ""
        } when the server starts, on the event loop that will use them, and dispose of them when
       it stops; each request gets its own session;
    3. sets up the extensions for this app in \`init_extensions(app)\` (\`src/extensions.py\`):
       CORS, quart-schema's OpenAPI document${c.auth ? ", the login rate limiter" : ""}${
          c.celery ? ", the process's Celery app" : ""
        } — each app a test run creates gets its own;`
    }
    4. registers the error handlers that turn every error into the JSON envelope, and the request
       hooks (request id, security headers, access log);
    5. imports the models, discovers the controllers and registers their blueprints, and
       publishes the OpenAPI document;
    6. returns the app.

    Importing the package creates no application, connection or configuration. The production server imports a tiny
    entry point that calls the factory (${
      c.flask ? "`src/wsgi.py`, served by gunicorn" : "`src/asgi.py`, served by hypercorn"
    }), the tests call it with a test configuration${
      c.celery ? ", and the Celery worker builds an app to run its tasks in its context" : ""
    }.

    Code that needs the application at run time uses \`current_app\`, a proxy to the app handling
    the current request, instead of importing a global.
  `,
  tradeoffs: (c) =>
    md`
    - **Indirection.** "Where is \`app\`?" has no one-line answer; newcomers must learn
      \`current_app\` and the application context. Flask's own tutorial uses this pattern for
      exactly the reasons above, so the cost is well documented.
    - **Working outside a request.** Scripts and shells need an app context
      (${
      c.flask
        ? "`with app.app_context():`"
        : "`async with app.app_context():`, after `await app.startup()` so that the engine exists"
    }) before they touch \`current_app\` or extensions; forgetting it gives "Working outside of
      application context".
    - **Common mistake: work at import time.** Opening connections or reading required
      environment variables at module level defeats the factory. Keep module level to
      definitions.
    - **Common mistake: binding extensions twice or to a global app.** Create the extension
      object once in \`extensions.py\` and call \`init_app\` in the factory only.
  `,
  excerpts: [
    {
      caption: "The factory itself: configuration, extensions, error handlers, discovery.",
      path: "src/__init__.py",
      locator: { def: "create_app" },
    },
    {
      caption: "Extensions are created in `src/extensions.py` without an app, and bound here.",
      path: "src/extensions.py",
      locator: { def: "init_extensions" },
    },
    {
      caption:
        "The production entry point, outside the factory: importing it builds the app for gunicorn.",
      path: "src/wsgi.py",
      locator: { whole: true },
      when: (s) => s.framework === "flask",
    },
    {
      caption:
        "The production entry point, outside the factory: importing it builds the app for hypercorn.",
      path: "src/asgi.py",
      locator: { whole: true },
      when: (s) => s.framework === "quart",
    },
    {
      caption:
        "The engine is opened when the server starts serving and disposed when it stops: its " +
        "connection pool belongs to the event loop that uses it.",
      path: "src/database.py",
      locator: { def: "init_database" },
      when: (s) => s.framework === "quart",
    },
  ],
  related: ["configuration", "auto-discovery", "testing"],
};
