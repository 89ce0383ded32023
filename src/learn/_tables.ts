import type { TradeoffTable, Verdict } from "../choices/tradeoffs.ts";
import { databaseQuestion, frameworkQuestion } from "../choices/features/mod.ts";

const MARK: Record<Verdict, string> = { yes: "✔", no: "✘", partly: "~" };

function choiceName(value: string): string {
  return [...frameworkQuestion.choices, ...databaseQuestion.choices].find((c) => c.value === value)
    ?.name ?? value;
}

/** A trade-off table of the wizard (src/choices/tradeoffs.ts) as a Markdown table, with its reasons. */
export function tradeoffMarkdown<V extends string>(
  table: TradeoffTable<string, V>,
  highlight?: V,
): string {
  const head = [
    "Requirement",
    ...table.columns.map((c) => c === highlight ? `${choiceName(c)} (yours)` : choiceName(c)),
  ];
  const rows = table.rows.map((r) => [
    r.requirement,
    ...table.columns.map((c) => `${MARK[r.cells[c].verdict]} ${r.cells[c].text}`),
  ]);
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const reasons = table.rows.map((r) => `- **${r.requirement}.** ${r.detail}`);
  return [
    line(head),
    line(head.map(() => "---")),
    ...rows.map(line),
    "",
    ...reasons,
  ].join("\n");
}
