import { md } from "../_markdown.ts";
import type { Lesson } from "../_types.ts";

export const repositoryPattern: Lesson = {
  id: "repository-pattern",
  title: "The repository pattern with SQLAlchemy 2",
  summary: "one place for the queries of a table: filters, ordering, paging",
  problem: (c) =>
    md`
    Queries spread through services and routes repeat the same conditions — "only active rows",
    "ordered by id", "this page" — and each copy can forget one. When a query must change (an
    index, an eager load to fix an N+1 problem${
      c.oracle ? ", an Oracle-specific rewrite" : ""
    }), you have to find all of them.
  `,
  how: (c) =>
    md`
    \`${c.m.className}Repository\` in \`src/${c.m.module}/${c.m.module}_repository.py\` owns every
    query on \`${c.m.table}\`. It uses SQLAlchemy 2's unified style: build a statement with
    \`select(${c.m.className})\`, refine it with \`.where()\`, \`.order_by()\`, \`.limit()\` and
    \`.offset()\`, and run it with the session (\`session.scalars(stmt)\` for model objects,
    \`session.scalar(stmt)\` for one value such as a count).

    ${
      c.quart
        ? md`
    On Quart the session is an \`AsyncSession\` and every call that talks to the database is
    awaited (\`await session.scalars(stmt)\`). Lazy loading of relationships cannot happen
    implicitly in async code (SQLAlchemy raises \`MissingGreenlet\`), so relationships a response
    needs are loaded eagerly in the query, for example with \`selectinload\`.`
        : md`
    On Flask the session is a regular \`Session\`, one per request, closed when the request ends.`
    }

    The repository is where the project's rules about data are enforced once: inactive (soft
    deleted) rows are filtered out, lists always have an \`ORDER BY\` (paging without one returns
    rows in an unspecified order${c.oracle ? ", and Oracle's row-limiting clause needs it" : ""}),
    and \`per_page\` is applied as \`LIMIT\`/\`OFFSET\`.

    The service calls the repository and never builds SQL; the repository never decides whether
    something is allowed.
  `,
  tradeoffs: () =>
    md`
    - **SQLAlchemy already is a repository and unit of work.** The \`Session\` tracks objects and
      flushes changes; wrapping it adds a layer. The value is in naming queries
      (\`list_active(page)\`) and keeping the project's filters in one place — not in hiding
      SQLAlchemy, so do not.
    - **Avoid the generic repository.** A base class with \`filter(**kwargs)\` leaks query
      building into services. Write the queries you need, by name.
    - **N+1 queries.** Looping over rows and touching a relationship issues one query per row.
      Load what you need in the query (\`selectinload\`, \`joinedload\`).
    - **Counting is not free.** A paged list runs a \`COUNT(*)\` too; on very large tables this
      can cost more than the page itself.
    - **Common mistake: forgetting the soft-delete filter** in a new query, which resurrects
      deleted rows. New queries belong in the repository, next to the existing filter.
  `,
  excerpts: [
    {
      caption:
        "The repository for your module: one base query with the soft-delete filter, and the queries built on it.",
      path: "src/{module}/{module}_repository.py",
      locator: { class: "{Class}Repository" },
    },
  ],
  related: ["pagination", "base-model", "three-layer-architecture"],
};
