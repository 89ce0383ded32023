import { md } from "../_markdown.ts";
import type { Lesson } from "../_types.ts";

export const threeLayerArchitecture: Lesson = {
  id: "three-layer-architecture",
  title: "The three-layer architecture: controller → service → repository",
  summary: "why every resource is split into HTTP, business rules and data access",
  problem: () =>
    md`
    A route function is the first place everyone puts code: it reads the request, checks the
    input, queries the database, applies a rule or two, commits and builds the response. It works
    for the first endpoint. By the tenth, the same query is written three times with small
    differences, a business rule lives in two routes and only one of them was fixed, and testing
    a rule means sending an HTTP request through a real database.

    The fix is not more discipline but a place for each kind of code, so that the question
    "where does this go?" always has one answer.
  `,
  how: (c) =>
    md`
    Each resource module (yours is \`${c.m.module}\`, served at \`${c.m.urlPrefix}\`) has three
    files, and calls only go downwards:

    | layer | file | knows about | must not know about |
    |---|---|---|---|
    | controller | \`src/${c.m.module}/${c.m.module}_controller.py\` | HTTP: routes, status codes, request parsing, the response envelope | SQL, transactions, rules |
    | service | \`src/${c.m.module}/${c.m.module}_service.py\` | business rules: what may be created, changed, deleted, by whom | HTTP, ${c.Framework}'s \`request\` |
    | repository | \`src/${c.m.module}/${c.m.module}_repository.py\` | queries: \`select()\`, filters, ordering, paging | HTTP, business rules |

    Below them sits the model, \`src/models/${c.m.module}_model.py\`: the SQLAlchemy class that maps
    the \`${c.m.table}\` table.

    A request travels like this:

    1. The **controller** matches the route, validates the body or query string against a pydantic
       schema (a bad request stops here with 422), and calls one service method with plain Python
       values.
    2. The **service** applies the rules (for example: a missing row is a "not found" error, a
       duplicate is a conflict) and asks the repository for data.
    3. The **repository** builds the query with SQLAlchemy and runs it in the current session.
    4. The result travels back up: the service turns rows into response schemas
       (\`${c.m.className}Out\`, so only the declared fields leave the server) and the controller
       wraps them in the envelope.

    Because the service does not know about HTTP, the same method can be called from a
    ${c.celery ? "Celery task, " : ""}CLI command or test; because the controller does not know
    about SQL, a query can be rewritten (a join, an index hint${
      c.oracle ? ", an Oracle-specific construct" : ""
    }) without touching a route.
  `,
  tradeoffs: () =>
    md`
    - **More files for simple CRUD.** For a table with four endpoints, the service can look like a
      pass-through. That is fine: the layer costs a few lines and is where rules will go the day
      they arrive, without moving code.
    - **Do not let layers leak.** The most common mistakes: reading \`request\` or returning a
      \`Response\` from a service; building queries in a controller; raising \`HTTPException\`
      (an HTTP concept) deep in a repository. Each one ties a lower layer to the web framework.
    - **Decide where the transaction ends.** One operation should be one unit of work. A
      repository that commits after every statement makes a service operation that does two
      writes non-atomic: if the second write fails, the first one stays. Here the service ends
      each write with one commit (through the repository) and turns a unique-constraint
      violation into a 409.
    - **Do not return ORM objects to the client.** Serialise through a response schema, so a new
      column (say, a password hash) is not published by accident.
    - **Don't build a framework.** Generic base repositories with a dozen hooks are harder to read
      than the ten lines of SQLAlchemy they hide. Keep each layer plain.
  `,
  excerpts: [
    {
      caption: "The controller: one route, no SQL — parse, call the service, wrap the result.",
      path: "src/{module}/{module}_controller.py",
      locator: { def: "create_{singular}" },
    },
    {
      caption: "The service: the rule (what happens when the row is missing) lives here.",
      path: "src/{module}/{module}_service.py",
      locator: { def: "{Class}Service._find" },
    },
    {
      caption: "The repository: the query, and nothing but the query.",
      path: "src/{module}/{module}_repository.py",
      locator: { def: "{Class}Repository.get" },
    },
  ],
  related: ["repository-pattern", "response-envelope", "auto-discovery"],
};
