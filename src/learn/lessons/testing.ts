import { md } from "../_markdown.ts";
import type { Lesson } from "../_types.ts";

export const testing: Lesson = {
  id: "testing",
  title: "Testing the backend",
  summary: "pytest against a real database: the factory, the envelope, CRUD, auth and more",
  problem: () =>
    md`
    A backend's bugs hide in the seams: the query that works on SQLite but not on the real
    database, the error handler that answers HTML for one status code, the token that is still
    accepted after logout. Tests that mock the database or call functions in isolation miss them;
    tests that need a manually prepared environment are not run.
  `,
  how: (c) =>
    md`
    The project has its own pytest suite in \`tests/\`, run with \`make test\`:

    - **A real database.** Tests use \`TEST_DATABASE_URL\` — never \`DATABASE_URL\`, so they
      cannot wipe your development data — and fail at once when it is not set. The tables are
      created once per test session and dropped at the end; after each test every row is
      deleted.${
      c.cache || c.celery
        ? " Redis tests use `TEST_REDIS_URL` (database 15 by default); after each test the " +
          "keys under the project's prefix are deleted — never `FLUSHALL`, the Redis database " +
          "may be shared."
        : ""
    }
    - **The factory.** A fixture calls \`create_app()\` with \`APP_ENV=testing\`, and
      ${
      c.flask
        ? "`app.test_client()` sends requests through the whole stack without a server."
        : "`app.test_app()` starts it as the server would (the `before_serving` hooks open the " +
          "engine and Redis) and `app.test_client()` sends requests through the whole stack " +
          "without a server; tests are `async def` and run with pytest-asyncio."
    }
    - **Through HTTP.** Most tests call the API the way a client does and check both the status
      code and the envelope: CRUD and pagination of \`${c.m.urlPrefix}\`, every error kind (404,
      405, malformed JSON, validation)${
      c.auth
        ? ", the whole auth flow with expired, tampered " +
          "and revoked tokens"
        : ""
    }${c.cache ? ", cache hits and invalidation" : ""}${
      c.celery ? ", the Celery task" : ""
    } and the health endpoints.

    \`make lint\` (ruff) and \`make typecheck\` (mypy --strict) run in CI next to the tests; typed
    models and services make many mistakes type errors instead of test failures.
  `,
  tradeoffs: (c) =>
    md`
    - **Real services make tests slower and need setup.** The CI workflow starts the database and
      Redis as services; locally, docker-compose does. The gain is that a green suite means the
      real stack works.
    - **Isolation.** Each test must start from a known state. Deleting every row after each test
      (what the generated fixtures do) is simple and tests real commits; wrapping each test in a
      transaction that is rolled back is faster but hides commit behaviour; recreating the tables
      per test is the slowest. Never let tests depend on each other's order.
    - **Unit tests still have a place.** Services with real rules are worth testing directly,
      with a fake repository, for the cases that are hard to reach through HTTP.
    - **Test the failure paths.** Most production incidents are in error handling: what happens
      when the database or Redis is down, when the input is huge, when the token expired. The
      generated suite starts you off; keep adding to it.
    - **Common mistake: testing against SQLite** "because it is faster". It accepts SQL and types
      that ${c.Database} rejects, and rejects things ${c.Database} accepts.
  `,
  excerpts: [
    {
      caption: "The app fixture: built by the factory, on the test database, tables created once.",
      path: "tests/conftest.py",
      locator: { def: "app" },
      when: (s) => s.framework === "flask",
    },
    {
      caption: "Clean state after every test.",
      path: "tests/conftest.py",
      locator: { def: "_clean_state" },
      when: (s) => s.framework === "flask",
    },
    {
      caption: "The tables, created once per test session and dropped at the end.",
      path: "tests/conftest.py",
      locator: { def: "_tables" },
      when: (s) => s.framework === "quart",
    },
    {
      caption:
        "The app fixture: built by the factory and started as the server starts it; after the " +
        "test, every row is deleted, and the project's Redis keys when it uses Redis.",
      path: "tests/conftest.py",
      locator: { def: "app" },
      when: (s) => s.framework === "quart",
    },
    {
      caption: "A test of your module, through HTTP: status, envelope, audit fields.",
      path: "tests/test_{module}.py",
      locator: { def: "test_create_returns_the_row" },
    },
  ],
  related: ["application-factory", "response-envelope"],
};
