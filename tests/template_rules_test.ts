/**
 * Rules every template keeps, checked on the embedded template set:
 * - no template branches on a database by name (`it.oracle`, `it.postgresql`,
 *   `it.database === ...`), where "else" would silently mean the other one:
 *   what differs comes from the database profile (`it.db`) or from the
 *   database's own partials under templates/project/_db/<id>/;
 * - every database has the same set of those partials;
 * - a framework's own template (templates/<family>/<framework>/...) exists
 *   only where the frameworks truly differ: a path that both frameworks have
 *   as their own is allowed, one that only one framework has must not also
 *   exist as a shared template (it would be silently shadowed).
 */
import { assert, assertEquals } from "./_assert.ts";
import { templateNames, templateSource } from "../src/render/sources.ts";
import { DATABASES, FRAMEWORKS } from "../src/choices/questions.ts";

const names = templateNames();

Deno.test("templates: no branch on a database by name outside the database's own partials", () => {
  const byName = new RegExp(
    String.raw`\bit\.(${DATABASES.join("|")})\b|\bit\.database\s*[!=]==|\b(${
      DATABASES.join("|")
    })\s*:\s*(true|false)\b`,
  );
  const offenders: string[] = [];
  for (const name of names) {
    if (name.startsWith("project/_db/")) continue;
    const source = templateSource(name);
    source.split("\n").forEach((line, i) => {
      if (byName.test(line)) offenders.push(`${name}:${i + 1}: ${line.trim()}`);
    });
  }
  assertEquals(offenders, [], "use a field of the database profile (src/choices/databases.ts)");
});

Deno.test("templates: every database has the same partials under project/_db/", () => {
  const partials = (db: string) =>
    names.filter((n) => n.startsWith(`project/_db/${db}/`)).map((n) => n.split("/").pop()).sort();
  const first = partials(DATABASES[0]);
  assert(first.length > 0, "no database partials at all");
  for (const db of DATABASES) assertEquals(partials(db), first, `project/_db/${db}/`);
});

Deno.test("templates: a framework's own template never shadows a shared one", () => {
  for (const name of names) {
    const [family, framework, ...rest] = name.split("/");
    if (!(FRAMEWORKS as readonly string[]).includes(framework)) continue;
    const shared = [family, ...rest].join("/");
    assert(
      !names.includes(shared),
      `${name} and ${shared} both exist: one of them is never used for ${framework}`,
    );
  }
});
