import { md } from "../_markdown.ts";
import type { Lesson } from "../_types.ts";

export const celery: Lesson = {
  id: "celery",
  title: "Background tasks with Celery and a Redis broker",
  summary: "slow work out of the request: enqueue, answer 202, poll the status",
  problem: (c) =>
    md`
    Some work is too slow for a request: sending emails, generating reports, calling a slow
    partner API, importing a file. Done inline, it holds a ${
      c.flask ? "worker thread" : "request"
    } for seconds, hits server and proxy timeouts, and is lost if the process restarts halfway.
    The client does not need the result now — it needs to know the work was accepted.
  `,
  how: (c) =>
    md`
    Celery splits the work in three parts: the **API** puts a message on a queue (the **broker**,
    here Redis), a separate **worker** process takes messages off the queue and runs the task, and
    the result is stored in a **result backend** (Redis again) under the task's id.

    - \`POST /api/tasks/example\` validates its input, enqueues the task and answers **202
      Accepted** with \`{"task_id": ...}\` at once. If the broker is down it answers 503.
    - \`GET /api/tasks/<task_id>\` reads the task's state (\`PENDING\`, \`STARTED\`,
      \`SUCCESS\`, \`FAILURE\`, ...) and result from the backend.
    - \`make worker\` starts the worker (\`src/worker.py\` is its entry point); docker-compose
      runs it as its own service.

    ${
      c.flask
        ? md`
    The Celery app is created with the pattern from Flask's documentation, \`celery_init_app\`:
    the factory builds the Celery app from the \`CELERY\` section of the Flask config and gives it
    a task base class whose \`__call__\` runs each task inside \`app.app_context()\`, so tasks
    use the same configuration, database sessions, extensions and services as requests. The
    worker's entry point builds the Flask app with the same factory.`
        : md`
    On Quart the tasks call the same async services as the API. Each worker process owns **one
    event loop** for its whole life, running in a thread with a Quart app started on it
    (\`WorkerLoop\` in \`src/tasks/worker_loop.py\`), and every task submits its coroutine to that
    loop and waits for the result. The alternative — \`asyncio.run()\` per task — creates a new
    loop each time, and the database engine's pooled connections, which belong to the loop that
    created them, break on the next task. On the API side, Celery's client blocks on the broker's
    socket, so enqueueing and reading a status run in a thread (\`asyncio.to_thread\`): the event
    loop keeps serving other requests meanwhile. The worker's entry point builds the Quart app
    with the same factory, so Celery is configured from the same settings.`
    }
  `,
  tradeoffs: () =>
    md`
    - **At-least-once delivery.** A task can run twice: a worker can die after doing the work but
      before acknowledging it, and with the Redis broker a task not acknowledged within the
      visibility timeout (one hour by default) is handed to another worker. Make tasks idempotent
      (safe to repeat) or check what was already done.
    - **Pass ids, not objects.** Arguments are serialised as JSON. Send \`order_id\`, and let the
      task load the current row; an object from the request would be stale or unserialisable.
    - **A task has no request.** No \`request\`, no current user: pass what the task needs as
      arguments, and use its own database session.
    - **Retries need limits and backoff.** Retrying a failing partner API every second makes its
      outage worse; use \`autoretry_for\` with \`retry_backoff\` and \`max_retries\`.
    - **One more thing to run.** Workers need deployment, monitoring and capacity planning. Results
      stay in Redis for \`result_expires\` (one hour in this project): a client that polls later
      than that sees \`PENDING\`, Celery's answer for any id it does not know.
    - **Eager mode is not a worker.** The generated tests set \`task_always_eager\`, so a task runs
      inline in the test process: fast, and enough to test the endpoints. But it skips the broker,
      the serialisation of arguments and the worker process, which is why Celery's documentation
      warns that it is not a faithful test. Keep at least one test that runs a real worker
      (pyscaffold's own end-to-end test does).
  `,
  excerpts: [
    {
      caption: "Wiring Celery to the app: every task runs in an app context.",
      path: "src/extensions.py",
      locator: { def: "celery_init_app" },
      when: (s) => s.celery && s.framework === "flask",
    },
    {
      caption: "One event loop per worker process, shared by every task it runs.",
      path: "src/tasks/worker_loop.py",
      locator: { class: "WorkerLoop" },
      when: (s) => s.celery && s.framework === "quart",
    },
    {
      caption: "A task: Celery calls it synchronously, and it hands its async work to that loop.",
      path: "src/tasks/example_tasks.py",
      locator: { def: "add" },
      when: (s) => s.celery && s.framework === "quart",
    },
    {
      caption: "Enqueueing from the API in a thread, so the event loop never waits on the broker.",
      path: "src/tasks/tasks_service.py",
      locator: { def: "enqueue_add" },
      when: (s) => s.celery && s.framework === "quart",
    },
    {
      caption: "The worker's entry point.",
      path: "src/worker.py",
      locator: { whole: true },
      when: (s) => s.celery,
    },
  ],
  feature: "celery",
  related: ["application-factory", "caching"],
};
