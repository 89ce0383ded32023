/** Celery background tasks with a Redis broker. */
import { HIREDIS } from "../dependencies.ts";
import { type ConfirmQuestion, yesNo } from "../questions.ts";

export const celeryQuestion: ConfirmQuestion<"celery"> = {
  id: "celery",
  kind: "confirm",
  flag: "--celery",
  message: "Add Celery background tasks?",
  label: "Celery background tasks",
  help: "Celery worker with a Redis broker",
  explanation:
    "Slow work (emails, reports, imports) runs in a separate worker process. The API enqueues " +
    "a task through Redis and answers at once with a task id whose status clients can poll.",
  inYourCode:
    "With Celery, the API can answer 202 at once and leave slow work to a worker process, " +
    "which runs tasks with the same configuration and services as the API.",
  lesson: "celery",
  adds: "src/tasks/, a worker entry point and service in docker-compose, an example task",
  costs: "a worker process to deploy and monitor; tasks must be idempotent",
  choices: yesNo("worker, example task, task status endpoint", "no background work"),
  default: false,
  nextSteps: [{ command: "make worker", note: "the Celery worker, in another terminal" }],
  dependencies: ["celery", HIREDIS, {
    requirement: "kombu",
    comment: "Kombu: Celery's messaging library; the code catches its OperationalError.",
  }],
  devDependencies: ["celery-types"],
  files: [
    {
      path: "deploy/k8s/worker-deployment.yaml",
      why: "Celery workers on Kubernetes, scaled apart from the API",
      lesson: "celery",
    },
    {
      path: "src/worker.py",
      why: "the Celery worker entry point",
      lesson: "celery",
    },
    {
      path: "src/tasks/__init__.py",
      why: "the tasks package",
      lesson: "celery",
    },
    {
      path: "src/tasks/example_tasks.py",
      why: "an example Celery task",
      lesson: "celery",
    },
    { path: "src/tasks/tasks_schemas.py", why: "bodies of the task endpoints", lesson: "celery" },
    {
      path: "src/tasks/tasks_service.py",
      why: "enqueue tasks, recording who started each, and read their state; broker down → 503",
      lesson: "celery",
    },
    {
      path: "src/tasks/worker_heartbeat.py",
      why: "the worker's liveness: a file its main loop touches, which the probes check",
      lesson: "celery",
    },
    {
      path: "src/tasks/worker_loop.py",
      why: "one event loop per worker process for the async tasks",
      lesson: "celery",
      when: { framework: "quart" },
    },
    {
      path: "src/tasks/tasks_controller.py",
      why: "POST /api/tasks/example and GET /api/tasks/<id>",
      lesson: "celery",
    },
    {
      path: "tests/test_tasks.py",
      why: "the example task runs, a task not the caller's is 404, a broker outage answers 503",
      lesson: "celery",
    },
  ],
};
