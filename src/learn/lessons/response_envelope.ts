import { md } from "../_markdown.ts";
import type { Lesson } from "../_types.ts";

export const responseEnvelope: Lesson = {
  id: "response-envelope",
  title: "The response envelope: one JSON shape for every answer",
  summary: "success, data, pagination — and errors that are JSON too, even 404 and 500",
  problem: () =>
    md`
    Without a convention, each endpoint invents its own response: a bare list here, an object
    there, an HTML error page from the framework when a route does not exist, a stack trace when
    something breaks. Every client then needs special cases, and the HTML pages and tracebacks
    leak details about the server.
  `,
  how: (c) =>
    md`
    Every response body has the same shape:

    \`\`\`json
    {"success": true, "data": {"id": 1}}
    {"success": true, "data": [], "pagination": {"page": 1, "per_page": 20, "total": 0, "pages": 0}}
    {"success": false, "error": "Validation failed", "details": [{"field": "name", "message": "...", "type": "..."}]}
    \`\`\`

    \`src/envelope.py\` builds the three shapes — \`success(data)\`, \`paginated(page)\` and
    \`failure(error, details)\` — so no code assembles these dictionaries by hand. Pydantic models
    in \`data\` are dumped in JSON mode (datetimes as ISO 8601 strings).

    Errors are produced in one place. Services raise exceptions from \`src/errors.py\` —
    \`NotFoundError\`, \`ConflictError\`${
      c.auth ? ", `AuthenticationError`, `ForbiddenError`" : ""
    } and the others — each carrying its status code and message; they know nothing about HTTP
    responses. The error handlers registered by the factory then catch

    - those \`ApiError\`s, answering with their status and message;
    - pydantic's \`ValidationError\` (422), with a \`details\` list naming each bad field as
      \`{"field", "message", "type"}\`;
    - ${c.Framework}'s own HTTP errors (404 for an unknown route, 405, 413 for a body that is too
      large), keeping useful headers such as \`Allow\` and \`Retry-After\`;
    - anything else (500): logged with its traceback and the request id, answered with
      \`Internal server error\` and no traceback — except in development, where the traceback
      is put in \`details\` to help you.

    The HTTP status code stays the authority: an error is never answered with 200. The
    \`success\` flag is a convenience for clients that look at the body first.
  `,
  tradeoffs: () =>
    md`
    - **A house format, not a standard.** RFC 9457 ("Problem Details", \`application/problem+json\`)
      standardises error bodies. The envelope is simpler and covers success bodies too; if you
      publish an API for many third parties, Problem Details is worth considering.
    - **Redundancy.** \`success\` repeats what the status code says. Keep them consistent: a test
      that checks both (the generated suite does) catches a handler that drifts.
    - **Common mistake: catching exceptions in routes.** A \`try/except\` in a controller that
      returns its own error dict bypasses the central handlers and their logging. Raise, and let
      the handlers answer.
    - **Common mistake: leaking internals.** Never put \`str(exception)\` of an unexpected error
      into \`error\`: database messages contain table names, SQL and sometimes data.
  `,
  excerpts: [
    {
      caption: "The three shapes.",
      path: "src/envelope.py",
      locator: { from: "def success", to: '"details": details' },
    },
    {
      caption: "Errors the services raise: a status and a message, no HTTP objects.",
      path: "src/errors.py",
      locator: { class: "ApiError" },
    },
    {
      caption:
        "The handlers: every error becomes the envelope, with no HTML page and no traceback.",
      path: "src/error_handlers.py",
      locator: { def: "register_error_handlers" },
    },
  ],
  related: ["pagination", "three-layer-architecture", "testing"],
};
