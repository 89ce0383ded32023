/** The web framework: Flask (sync, WSGI) or Quart (async, ASGI). */
import { FRAMEWORK_PROFILES } from "../frameworks.ts";
import { frameworkTradeoffs } from "../tradeoffs.ts";
import type { Framework, SelectQuestion } from "../questions.ts";

export const frameworkQuestion: SelectQuestion<"framework", Framework> = {
  id: "framework",
  kind: "select",
  flag: "--framework",
  message: "Which web framework?",
  label: "Framework",
  help: "web framework",
  explanation:
    "Flask serves a request at a time in each worker process (WSGI, gunicorn). Quart is Flask's " +
    "async twin from the same Pallets project (ASGI, hypercorn): one event loop serves many " +
    "requests while they wait on the database. Flask extensions do not work on Quart.",
  inYourCode: "The framework decides how your code waits. With Flask every view is a plain " +
    "function and its worker waits with it; with Quart views are `async def` and every " +
    "database or Redis call is awaited. It also picks the server (gunicorn or hypercorn), the " +
    "database driver, and the libraries for JWT, caching and validation. The layers, endpoints, " +
    "envelope and configuration are the same either way.",
  lesson: "flask-vs-quart",
  choices: [
    {
      value: "flask",
      name: "Flask",
      description: "sync (WSGI, gunicorn): the simpler stack, every sync library works",
    },
    {
      value: "quart",
      name: "Quart",
      description: "async (ASGI, hypercorn): many concurrent connections, WebSockets",
    },
  ],
  default: "flask",
  profiles: FRAMEWORK_PROFILES,
  tradeoffs: frameworkTradeoffs,
  // Files every project has in a per-framework version are core files (src/plan/project_files.ts);
  // these exist for one framework only.
  files: [
    {
      path: "gunicorn.conf.py",
      why: "the production WSGI server, listening on $PORT",
      lesson: "flask-vs-quart",
      when: { framework: "flask" },
    },
    {
      path: "hypercorn_conf.py",
      why: "the production ASGI server, listening on $PORT",
      lesson: "flask-vs-quart",
      when: { framework: "quart" },
    },
    {
      path: "src/wsgi.py",
      why: "the WSGI entry point gunicorn serves",
      lesson: "application-factory",
      when: { framework: "flask" },
    },
    {
      path: "src/asgi.py",
      why: "the ASGI entry point hypercorn serves",
      lesson: "application-factory",
      when: { framework: "quart" },
    },
  ],
};
