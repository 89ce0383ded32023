/**
 * Runs the after-write steps of `new` (git, then the install) on the project named by the
 * first argument and prints what each reported, as JSON. tests/cli_test.ts runs it with a
 * PATH that holds neither git nor python3: as a process of its own, so that the PATH of the
 * test process, which the other test files running beside it share, is never changed.
 */
import { gitInit, installDependencies } from "../src/cli/_project_setup.ts";

const project = Deno.args[0];
const git = await gitInit(project);
const announced: string[] = [];
const install = await installDependencies(project, (line) => announced.push(line));
console.log(JSON.stringify({ git, install, announced }));
