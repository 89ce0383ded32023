/**
 * Markdown for the terminal, drawn from marked's tokens to a given width:
 * headings as styled lines (no `#`), wrapped paragraphs and list items,
 * code blocks indented and wrapped (never cut), tables that fit the width or
 * are stacked (one block per row: its first cell, then `header: value`
 * lines), block quotes with a bar. Ours rather than marked-terminal so that
 * everything fits the terminal, and so that the one-file bundle needs no npm
 * package at run time (marked-terminal could not be bundled).
 */
import { Lexer, type Token, type Tokens } from "marked";
import { stripVTControlCharacters } from "node:util";
import type { Colors } from "../output/colors.ts";
import { visibleLength, wrap } from "../output/text.ts";

/** Hard wrap of a code line: continuation lines start two columns further in. */
function wrapCode(line: string, width: number): string[] {
  const chars = [...line];
  if (chars.length <= width) return [line];
  const out = [chars.slice(0, width).join("")];
  const room = Math.max(8, width - 2);
  for (let i = width; i < chars.length; i += room) {
    out.push("  " + chars.slice(i, i + room).join(""));
  }
  return out;
}

export class TerminalMarkdown {
  readonly #c: Colors;
  readonly #width: number;

  constructor(options: { width: number; colors: Colors }) {
    this.#c = options.colors;
    this.#width = Math.max(30, options.width - 1);
  }

  render(markdown: string): string {
    const blocks = this.#blocks(new Lexer().lex(markdown), this.#width);
    return blocks.join("\n\n").replace(/\n+$/, "") + "\n";
  }

  /** Each block's lines joined; blocks are separated by one blank line. */
  #blocks(tokens: readonly Token[], width: number): string[] {
    const out: string[] = [];
    for (const token of tokens) {
      const block = this.#block(token, width);
      if (block !== undefined) out.push(block);
    }
    return out;
  }

  #block(token: Token, width: number): string | undefined {
    const c = this.#c;
    switch (token.type) {
      case "space":
        return undefined;
      case "heading": {
        const t = token as Tokens.Heading;
        const lines = wrap(this.#inline(t.tokens), width);
        if (t.depth === 1) {
          const rule = "═".repeat(Math.min(width, Math.max(...lines.map(visibleLength))));
          return [...lines.map((l) => c.bold(c.cyan(l))), c.cyan(rule)].join("\n");
        }
        return lines.map((l) => t.depth === 2 ? c.bold(c.cyan(l)) : c.bold(l)).join("\n");
      }
      case "paragraph":
        return wrap(this.#inline((token as Tokens.Paragraph).tokens), width).join("\n");
      case "text": {
        const t = token as Tokens.Text;
        return wrap(t.tokens ? this.#inline(t.tokens) : t.text, width).join("\n");
      }
      case "code": {
        const t = token as Tokens.Code;
        const indent = "  ";
        return t.text.replace(/\n$/, "").split("\n")
          .flatMap((line) => wrapCode(line, width - indent.length))
          .map((line) => indent + c.yellow(line)).join("\n");
      }
      case "blockquote": {
        const inner = this.#blocks((token as Tokens.Blockquote).tokens, width - 2).join("\n\n");
        return inner.split("\n").map((l) => c.dim("│ ") + l).join("\n");
      }
      case "list":
        return this.#list(token as Tokens.List, width);
      case "table":
        return this.#table(token as Tokens.Table, width);
      case "hr":
        return c.dim("─".repeat(Math.min(width, 60)));
      case "html":
        return (token as Tokens.HTML).text.trimEnd();
      default:
        return "raw" in token ? String(token.raw).trimEnd() : undefined;
    }
  }

  #list(list: Tokens.List, width: number): string {
    const start = typeof list.start === "number" ? list.start : 1;
    const bullets = list.items.map((_, i) => list.ordered ? `${start + i}. ` : "• ");
    const bulletWidth = Math.max(...bullets.map((b) => b.length));
    return list.items.map((item, i) => {
      const bullet = bullets[i].padEnd(bulletWidth);
      const hanging = " ".repeat(bulletWidth);
      // A loose item's paragraphs, or a tight item's text; nested lists included.
      const body = this.#blocks(item.tokens, width - bulletWidth).join(list.loose ? "\n\n" : "\n");
      return body.split("\n").map((l, n) => (n === 0 ? this.#c.dim(bullet) : hanging) + l)
        .join("\n");
    }).join(list.loose ? "\n\n" : "\n");
  }

  /** A table when its columns fit the width; otherwise one stacked block per row. */
  #table(table: Tokens.Table, width: number): string {
    const c = this.#c;
    const header = table.header.map((cell) => this.#inline(cell.tokens));
    const rows = table.rows.map((row) => row.map((cell) => this.#inline(cell.tokens)));
    const gap = "  ";
    const natural = header.map((h, i) =>
      Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i])))
    );
    const total = natural.reduce((a, b) => a + b, 0) + gap.length * (natural.length - 1);
    if (total <= width) {
      const line = (cells: string[], style: (s: string) => string = (s) => s) =>
        cells.map((cell, i) =>
          style(cell) + " ".repeat(i === cells.length - 1 ? 0 : natural[i] - visibleLength(cell))
        ).join(gap).trimEnd();
      return [
        line(header, c.bold),
        natural.map((w) => c.dim("─".repeat(w))).join(gap),
        ...rows.map((r) => line(r)),
      ].join("\n");
    }
    // Stacked: the first cell as the row's title, then every other cell under its header.
    return rows.map((row) =>
      [
        ...wrap(row[0], width).map((l) => c.bold(l)),
        ...row.slice(1).flatMap((cell, i) => {
          const label = `${stripVTControlCharacters(header[i + 1])}: `;
          return wrap(c.dim(label) + cell, width - 2, "  ").map((l) => "  " + l);
        }),
      ].join("\n")
    ).join("\n\n");
  }

  /** Inline tokens as one styled string (wrapped later by the block). */
  #inline(tokens: readonly Token[] | undefined): string {
    const c = this.#c;
    return (tokens ?? []).map((token): string => {
      switch (token.type) {
        case "strong":
          return c.bold(this.#inline((token as Tokens.Strong).tokens));
        case "em":
          return c.italic(this.#inline((token as Tokens.Em).tokens));
        case "del":
          return c.strikethrough(this.#inline((token as Tokens.Del).tokens));
        case "codespan":
          return c.yellow(unescape((token as Tokens.Codespan).text));
        case "link": {
          const t = token as Tokens.Link;
          const text = this.#inline(t.tokens);
          return stripVTControlCharacters(text) === t.href
            ? c.underline(text)
            : `${text} ${c.dim(`(${t.href})`)}`;
        }
        case "br":
          return "\n";
        case "text": {
          const t = token as Tokens.Text;
          return t.tokens ? this.#inline(t.tokens) : unescape(t.text);
        }
        case "escape":
          return (token as Tokens.Escape).text;
        default:
          return "text" in token ? unescape(String(token.text)) : "";
      }
    }).join("");
  }
}

/** marked keeps HTML entities in inline text; the terminal shows the characters. */
function unescape(text: string): string {
  return text.replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"').replaceAll("&#39;", "'");
}
