/**
 * Draws a trade-off table (src/choices/tradeoffs.ts) for a terminal of any
 * width: at 80 columns long cells wrap inside their column; from
 * `DETAIL_MIN_COLUMNS` on, a "Why" column adds the one-line reason of each row.
 */
import type { Colors } from "../output/colors.ts";
import type { SelectQuestion } from "../choices/questions.ts";
import type { TradeoffTable, Verdict } from "../choices/tradeoffs.ts";
import { wrap } from "./_text.ts";

/** Terminals at least this wide also get the "Why" column. */
export const DETAIL_MIN_COLUMNS = 120;
/** Never wider than this, however wide the terminal: long lines are hard to read. */
const MAX_WIDTH = 160;
const GAP = "  ";
const INDENT = "  ";

const MARK: Record<Verdict, string> = { yes: "✔", no: "✘", partly: "~" };
const COLOR: Record<Verdict, keyof Colors> = { yes: "green", no: "red", partly: "yellow" };

interface Cell {
  text: string;
  hanging: string;
  style: (s: string) => string;
}

export function renderTradeoffTable<Id extends string, V extends string>(
  table: TradeoffTable<Id, V>,
  question: SelectQuestion<string, V>,
  options: { columns: number; colors: Colors },
): string {
  const { colors: c } = options;
  const width = Math.min(options.columns, MAX_WIDTH) - 1 - INDENT.length;
  const withDetail = options.columns >= DETAIL_MIN_COLUMNS;
  const plain = (s: string) => s;
  const nameOf = (v: V) => question.choices.find((choice) => choice.value === v)?.name ?? v;

  const header: Cell[] = [
    { text: "Requirement", hanging: "", style: c.bold },
    ...table.columns.map((v) => ({ text: nameOf(v), hanging: "", style: c.bold })),
    ...(withDetail ? [{ text: "Why", hanging: "", style: c.bold }] : []),
  ];
  const body: Cell[][] = table.rows.map((row) => [
    { text: row.requirement, hanging: "", style: plain },
    ...table.columns.map((v) => {
      const cell = row.cells[v];
      return {
        text: `${MARK[cell.verdict]} ${cell.text}`,
        hanging: "  ",
        style: c[COLOR[cell.verdict]] as (s: string) => string,
      };
    }),
    ...(withDetail ? [{ text: row.detail, hanging: "", style: c.dim }] : []),
  ]);

  const widths = columnWidths([header, ...body], width - GAP.length * (header.length - 1));
  const lines = [INDENT + c.bold(table.title), ""];
  const draw = (cells: Cell[]) => {
    const wrapped = cells.map((cell, i) => wrap(cell.text, widths[i], cell.hanging));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let l = 0; l < height; l++) {
      const parts = wrapped.map((w, i) => {
        const text = w[l] ?? "";
        const padded = i === cells.length - 1 ? text : text.padEnd(widths[i]);
        return text === "" ? padded : cells[i].style(text) + padded.slice(text.length);
      });
      lines.push((INDENT + parts.join(GAP)).trimEnd());
    }
  };
  draw(header);
  lines.push(INDENT + widths.map((w) => c.dim("─".repeat(w))).join(GAP));
  for (const row of body) draw(row);
  return lines.join("\n");
}

/** Natural widths, then the widest columns give way until the table fits `room`. */
function columnWidths(rows: Cell[][], room: number): number[] {
  const count = rows[0].length;
  const natural = Array.from(
    { length: count },
    (_, i) => Math.max(...rows.map((r) => [...r[i].text].length)),
  );
  const floor = Array.from(
    { length: count },
    (_, i) =>
      Math.max(
        ...rows.map((r) => Math.max(...r[i].text.split(" ").map((w) => [...w].length + 2))),
      ),
  );
  const widths = [...natural];
  while (widths.reduce((a, b) => a + b, 0) > room) {
    let widest = -1;
    for (let i = 0; i < count; i++) {
      if (widths[i] > Math.min(floor[i], 12) && (widest < 0 || widths[i] > widths[widest])) {
        widest = i;
      }
    }
    if (widest < 0) break;
    widths[widest]--;
  }
  return widths;
}
