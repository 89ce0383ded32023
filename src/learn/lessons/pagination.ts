import { md } from "../_markdown.ts";
import type { Lesson } from "../_types.ts";

export const pagination: Lesson = {
  id: "pagination",
  title: "Pagination: page, per_page, total, pages",
  summary: "bounded list endpoints with a stable order and the metadata clients need",
  problem: () =>
    md`
    A list endpoint that returns every row works in development and times out in production: the
    table grows, the response grows with it, and one client asking for everything can exhaust the
    database, the server's memory and the network. Clients also need to know how many pages exist
    to show "page 3 of 12".
  `,
  how: (c) =>
    md`
    \`GET ${c.m.urlPrefix}?page=2&per_page=20\` returns the second page:

    \`\`\`json
    {"success": true, "data": [...], "pagination": {"page": 2, "per_page": 20, "total": 57, "pages": 3}}
    \`\`\`

    - \`page\` starts at 1; \`per_page\` defaults to 20 and must be between 1 and 100
      (\`PageParams\` in \`src/pagination.py\`, a pydantic model with \`ge\`/\`le\` bounds).
      A value out of range is a validation error (422), not silently corrected, so clients learn
      the limit.
    - The repository runs two queries: the page itself, with \`ORDER BY id\`, \`LIMIT per_page\`
      and \`OFFSET (page - 1) * per_page\`, and a \`COUNT(*)\` of the active rows for \`total\`.
      \`pages\` is \`ceil(total / per_page)\` (0 for an empty table), computed by \`Page.meta()\`.
    - ${
      c.oracle
        ? "On Oracle, SQLAlchemy turns limit and offset into `OFFSET n ROWS FETCH NEXT m ROWS ONLY` " +
          "(Oracle 12c and later). The ORDER BY is what makes the pages deterministic."
        : "On PostgreSQL, limit and offset become `LIMIT m OFFSET n`. The ORDER BY is what makes " +
          "the pages deterministic: without it PostgreSQL may return rows in any order."
    }
  `,
  tradeoffs: () =>
    md`
    - **Offset pagination gets slower with depth.** \`OFFSET 100000\` still reads and discards
      100,000 rows. For deep or infinite scrolling, keyset (cursor) pagination —
      \`WHERE id > :last_seen ORDER BY id LIMIT 20\` — stays fast, at the cost of not being able
      to jump to page N.
    - **Pages shift under writes.** A row inserted or deleted while a client pages through moves
      every later row by one: a row can appear twice or be skipped. Keyset pagination avoids this
      too.
    - **Always order by something unique.** Ordering by a non-unique column (a date) alone gives
      ties in arbitrary order, and rows can jump between pages; add \`id\` as a tie-breaker.
    - **The count may cost more than the page** on large tables. If clients do not need exact
      totals, drop the count or estimate it.
    - **Common mistake: an unbounded \`per_page\`.** The cap is what protects the server; keep it.
  `,
  excerpts: [
    {
      caption: "The query parameters, validated: out of range is a 422.",
      path: "src/pagination.py",
      locator: { class: "PageParams" },
    },
    {
      caption: "A page of results and its metadata.",
      path: "src/pagination.py",
      locator: { class: "Page" },
    },
    {
      caption: "The paged query in your module's repository: ordered, filtered, limited, counted.",
      path: "src/{module}/{module}_repository.py",
      locator: { def: "{Class}Repository.page" },
    },
  ],
  related: ["repository-pattern", "response-envelope"],
};
