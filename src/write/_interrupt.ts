import { CancelledError } from "../errors.ts";

/** Called at each step boundary of a write, with the step's name; throwing there fails the write. */
export type StepHook = (step: string) => void;

/**
 * The writer's one interrupt handler. While `work` runs, SIGINT and SIGTERM
 * (SIGINT only on Windows) do not kill the process: they set a flag, and the
 * next `checkpoint` throws CancelledError, so the write stops at a step
 * boundary and undoes what it did. A signal after the last checkpoint (the
 * write is complete) is ignored. `hook` sees every checkpoint (tests make a
 * step fail or send a signal there).
 */
export async function interruptible<T>(
  work: (checkpoint: (step: string) => void) => Promise<T>,
  hook?: StepHook,
): Promise<T> {
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  for (const signal of signals) Deno.addSignalListener(signal, onSignal);
  try {
    return await work((step) => {
      if (interrupted) throw new CancelledError();
      hook?.(step);
    });
  } finally {
    for (const signal of signals) Deno.removeSignalListener(signal, onSignal);
  }
}
