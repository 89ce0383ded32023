/**
 * A minimal generated project for the tests of `add`, `remove` and access policies: the answers
 * file, the first module's files exactly as `new` writes them (same code path), an initial
 * revision and a README. The project-level templates are exercised by the end-to-end tests; these
 * tests only need what `add` and `remove` read.
 */
import { join } from "node:path";
import { ANSWERS_FILE, answersFileContent } from "../src/project/answers_file.ts";
import { buildModuleFiles, fileHashes } from "../src/plan/mod.ts";
import { resolveProjectSpec } from "../src/choices/project_spec.ts";
import type { AccessPolicy } from "../src/choices/module_spec.ts";

export async function writeMinimalProject(
  dir: string,
  options: { auth?: boolean; access?: AccessPolicy } = {},
): Promise<void> {
  const { auth, access } = options;
  const spec = resolveProjectSpec({ name: "svc", celery: false, auth });
  const moduleFiles = buildModuleFiles(spec, { ...spec.module, access });
  const files: [string, string][] = [
    ["README.md", "# svc\n"],
    ["src/__init__.py", ""],
    [
      "migrations/versions/0001_initial.py",
      'revision: str = "0001"\ndown_revision: str | None = None\n',
    ],
    ...moduleFiles.map((f): [string, string] => [f.path, f.content]),
    [
      ANSWERS_FILE,
      answersFileContent(spec, {
        [spec.module.name]: {
          fields: spec.module.fields,
          ...(access ? { access } : {}),
          files: await fileHashes(moduleFiles),
        },
      }),
    ],
  ];
  for (const [path, content] of files) {
    await Deno.mkdir(join(dir, path, ".."), { recursive: true });
    await Deno.writeTextFile(join(dir, path), content);
  }
}
