/**
 * Draws a trade-off table (src/choices/tradeoffs.ts) for a terminal of any
 * width, always with the reason of each row: a table with a "Why" column when
 * the other columns fit at their natural width and leave the reasons
 * `WHY_MIN_WIDTH` columns; otherwise stacked, one block per requirement (the
 * requirement, then each option's mark and words, then the reason), which
 * reads at any width from 40 columns.
 */
import type { Colors } from "../output/colors.ts";
import type { SelectQuestion } from "../choices/questions.ts";
import type { TradeoffTable, Verdict } from "../choices/tradeoffs.ts";
import { wrap } from "../output/text.ts";

/** The narrowest "Why" column worth drawing: below it, the table is stacked. */
export const WHY_MIN_WIDTH = 32;
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
  const plain = (s: string) => s;
  const nameOf = (v: V) => question.choices.find((choice) => choice.value === v)?.name ?? v;

  const header: Cell[] = [
    { text: "Requirement", hanging: "", style: c.bold },
    ...table.columns.map((v) => ({ text: nameOf(v), hanging: "", style: c.bold })),
    { text: "Why", hanging: "", style: c.bold },
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
    { text: row.detail, hanging: "", style: c.dim },
  ]);

  // The requirement and option columns at their natural width; the reasons take the rest.
  const natural = header.slice(0, -1).map((_, i) =>
    Math.max(...[header, ...body].map((r) => [...r[i].text].length))
  );
  const whyWidth = width - natural.reduce((a, b) => a + b, 0) - GAP.length * natural.length;
  if (whyWidth < WHY_MIN_WIDTH) return renderStacked(table, nameOf, width, c);
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

/**
 * One block per requirement: the requirement in bold, each option's mark, name
 * and words (wrapped under the words), then the reason, dimmed.
 */
function renderStacked<Id extends string, V extends string>(
  table: TradeoffTable<Id, V>,
  nameOf: (v: V) => string,
  width: number,
  c: Colors,
): string {
  const lines = [INDENT + c.bold(table.title)];
  const names = table.columns.map(nameOf);
  const nameWidth = Math.max(...names.map((n) => [...n].length));
  const inner = INDENT + "  ";
  for (const row of table.rows) {
    lines.push("");
    for (const l of wrap(row.requirement, width)) lines.push(INDENT + c.bold(l));
    table.columns.forEach((v, i) => {
      const cell = row.cells[v];
      const style = c[COLOR[cell.verdict]] as (s: string) => string;
      const lead = `${MARK[cell.verdict]} ${names[i].padEnd(nameWidth)}  `;
      const room = Math.max(10, width - inner.length - lead.length);
      wrap(cell.text, room).forEach((l, n) =>
        lines.push(
          inner + (n === 0
            ? style(lead.trimEnd()) + lead.slice(lead.trimEnd().length)
            : " ".repeat(lead.length)) +
            style(l),
        )
      );
    });
    for (const l of wrap(row.detail, width - inner.length)) lines.push(inner + c.dim(l));
  }
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
