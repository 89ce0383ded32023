/**
 * A cleaner's view on a thread of its own (a Worker), for tests/write_test.ts: over and over,
 * as other runs starting at every moment would, it looks in `dir` for staging directories
 * (`pattern`) and tries each one's lock, in parallel with the writer. A directory it can lock
 * while the name still names it is one a cleaner would have removed: it records the name
 * (and removes nothing). It posts "looking" after its first look; told to stop, it posts what it
 * recorded and how often it looked.
 */
declare const self: Worker;

self.onmessage = async (event: MessageEvent<{ dir: string; pattern: string }>) => {
  const { dir, pattern } = event.data;
  const staging = new RegExp(pattern);
  let stop = false;
  self.onmessage = () => {
    stop = true;
  };
  const unlocked: string[] = [];
  let looks = 0;
  while (!stop) {
    looks++;
    const names: string[] = [];
    for await (const entry of Deno.readDir(dir)) {
      if (staging.test(entry.name)) names.push(entry.name);
    }
    for (const name of names) {
      const path = `${dir}/${name}`;
      let handle: Deno.FsFile | undefined;
      try {
        handle = await Deno.open(path, { read: true });
        if (await handle.tryLock(true)) {
          const [held, named] = await Promise.all([handle.stat(), Deno.stat(path)]);
          if (held.ino === named.ino) unlocked.push(name);
        }
      } catch {
        // gone meanwhile: renamed into place or removed by its writer
      } finally {
        handle?.close();
      }
    }
    if (looks === 1) self.postMessage("looking");
  }
  self.postMessage({ unlocked, looks });
};
