/**
 * The trade-off tables of the original design (Framework Selection, Database
 * Selection), as data. The wizard shows them before the framework and
 * database questions; the learning mode reuses them. Each column is a choice
 * of the question the table belongs to, so a table cannot name a choice the
 * question does not offer.
 */
import type {
  Database,
  Framework,
  TradeoffCell,
  TradeoffRow,
  TradeoffTable,
  Verdict,
} from "./questions.ts";

export type { TradeoffCell, TradeoffRow, TradeoffTable, Verdict };

const yes = (text = "Yes"): TradeoffCell => ({ verdict: "yes", text });
const no = (text = "No"): TradeoffCell => ({ verdict: "no", text });
const partly = (text: string): TradeoffCell => ({ verdict: "partly", text });

export const frameworkTradeoffs: TradeoffTable<"framework", Framework> = {
  question: "framework",
  title: "Framework selection",
  columns: ["flask", "quart"],
  rows: [
    {
      requirement: "Simple CRUD APIs",
      cells: { flask: yes(), quart: yes() },
      detail: "Both give the same routes, envelope and layers; pyscaffold generates the same API.",
    },
    {
      requirement: "High concurrent connections",
      cells: { flask: no(), quart: yes() },
      detail: "A Flask worker (a gunicorn process) serves one request at a time; Quart's " +
        "event loop serves many requests while they wait on I/O.",
    },
    {
      requirement: "WebSocket support",
      cells: { flask: partly("Limited; no live feeds"), quart: yes("Live feeds generated") },
      detail: "Quart has websocket routes built in, and pyscaffold generates authenticated " +
        "change feeds (GET /ws/<table>) for Quart projects only; Flask needs an extension " +
        "and a special server, and gets no feed.",
    },
    {
      requirement: "Existing sync libraries",
      cells: { flask: yes(), quart: partly("Needs async alternatives") },
      detail: "A blocking call inside Quart stalls every request on the loop; use async drivers.",
    },
    {
      requirement: "Team familiarity",
      cells: { flask: yes("Higher"), quart: partly("Lower") },
      detail: "Flask is the most used Python microframework; async/await adds concepts to learn.",
    },
  ],
};

export const databaseTradeoffs: TradeoffTable<"database", Database> = {
  question: "database",
  title: "Database selection",
  columns: ["postgresql", "oracle"],
  rows: [
    {
      requirement: "Open source",
      cells: { postgresql: yes(), oracle: no() },
      detail:
        "PostgreSQL is free to run anywhere; Oracle needs a licence beyond the free editions.",
    },
    {
      requirement: "JSON/JSONB support",
      cells: { postgresql: yes(), oracle: partly("Limited") },
      detail: "PostgreSQL indexes and queries JSONB natively; Oracle's JSON support varies by " +
        "version.",
    },
    {
      requirement: "Government compliance",
      cells: { postgresql: yes(), oracle: yes() },
      detail: "Both are used under common government and enterprise compliance regimes.",
    },
    {
      requirement: "Existing Oracle infrastructure",
      cells: { postgresql: no(), oracle: yes() },
      detail: "If the organisation already runs and backs up Oracle, joining it is cheaper.",
    },
    {
      requirement: "Cross-schema relationships",
      cells: { postgresql: yes("Simple"), oracle: partly("Requires explicit schema prefixes") },
      detail: "Oracle schemas are users: foreign keys across them need schema.table names and " +
        "grants.",
    },
  ],
};

export const TRADEOFF_TABLES = [frameworkTradeoffs, databaseTradeoffs] as const;
