import { frameworkTradeoffs } from "../../choices/tradeoffs.ts";
import { md } from "../_markdown.ts";
import { tradeoffMarkdown } from "../_tables.ts";
import type { Lesson } from "../_types.ts";

export const flaskVsQuart: Lesson = {
  id: "flask-vs-quart",
  title: "Flask or Quart: sync WSGI or async ASGI",
  summary: "threads or an event loop — what changes in your code, your server and your libraries",
  problem: (c) =>
    md`
    A request to a backend spends most of its time waiting: for the database, for Redis, for
    another service. The framework decides what happens while it waits. Flask gives each request
    its own thread (or process) that blocks while waiting; Quart runs many requests on one event
    loop and switches to another request whenever one awaits I/O. The choice shapes every line
    that does I/O, the server, and the libraries you can use. You chose **${c.Framework}**.
  `,
  how: (c) =>
    md`
    Quart is Flask's API re-implemented on \`async\`/\`await\` by the same Pallets project: the
    same blueprints, \`current_app\`, error handlers and factory. The differences are at every point
    that waits:

    | | Flask | Quart |
    |---|---|---|
    | interface | WSGI (PEP 3333) | ASGI |
    | server | gunicorn (worker processes, one request each at a time) | hypercorn (an event loop per worker) |
    | view | \`def list_items():\` | \`async def list_items():\` |
    | request body | \`request.get_json()\` | \`await request.get_json()\` |
    | database | SQLAlchemy \`Session\`, psycopg 3${
      c.oracle ? " / python-oracledb" : ""
    } | \`AsyncSession\`, psycopg 3 async${c.oracle ? " / python-oracledb async" : ""} |
    | validation and OpenAPI | pydantic v2 | quart-schema with pydantic v2 |
    | JWT | flask-jwt-extended | PyJWT |
    | cache | Flask-Caching (RedisCache) | redis.asyncio |
    | tests | \`app.test_client()\` | \`app.test_client()\` with \`await\`, pytest-asyncio |

    Flask extensions do not work on Quart, which is why the right-hand column uses other
    libraries; the project's endpoints, envelope, status codes and configuration are the same on
    both.

    Flask 2.0 and later accept \`async def\` views, but each one runs in its own event loop on the
    worker thread: it lets you call async libraries, it does not give you concurrency. Only an
    ASGI framework such as Quart serves many requests on one loop.

    The trade-offs from the wizard:

    ${tradeoffMarkdown(frameworkTradeoffs, c.spec.framework)}
  `,
  tradeoffs: () =>
    md`
    - **Flask scales by adding threads and processes.** For typical CRUD APIs whose time is spent
      in the database, gunicorn with a few worker processes (and threads, if you need more) is
      simple and fast enough; the database usually saturates first.
    - **Quart shines with many slow, concurrent connections**: WebSockets, server-sent events,
      calls to slow upstream services. Thousands of waiting requests cost little on an event loop.
    - **One blocking call stalls everyone on Quart.** A sync database driver, \`requests.get\`,
      \`time.sleep\` or a CPU-heavy loop inside an async view blocks the whole loop. Use async
      libraries, or push blocking work to a thread (\`asyncio.to_thread\`) or a Celery task.
    - **Async needs async all the way down.** In async SQLAlchemy, accessing a relationship that
      was not loaded raises instead of quietly querying; load what you need in the query.
    - **Team familiarity.** Flask is the better known of the two, and its ecosystem is larger.
      Pick Quart for a concrete concurrency need, not for fashion.
  `,
  excerpts: [
    {
      caption: "A route of your module, as written for your framework.",
      path: "src/{module}/{module}_controller.py",
      locator: { def: "list_{plural}" },
    },
    {
      caption: "The server configuration.",
      path: "gunicorn.conf.py",
      locator: { whole: true },
      when: (s) => s.framework === "flask",
    },
    {
      caption: "The server configuration.",
      path: "hypercorn_conf.py",
      locator: { whole: true },
      when: (s) => s.framework === "quart",
    },
  ],
  related: ["application-factory", "testing", "celery"],
};
