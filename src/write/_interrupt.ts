import { CancelledError } from "../errors.ts";

/**
 * Called at each step boundary of a write, with the step's name; throwing
 * there fails the write. A test may wait there (for a signal it sent to be
 * delivered): the step's interrupt check comes after the hook.
 */
export type StepHook = (step: string) => void | Promise<void>;

/**
 * The writer's one interrupt handler. While `work` runs, SIGINT and SIGTERM
 * (SIGINT only on Windows) do not kill the process: they set a flag, and the
 * next `checkpoint` throws CancelledError, so the write stops at a step
 * boundary and undoes what it did. A signal after the last checkpoint (the
 * write is complete) is ignored. `hook` sees every checkpoint (tests make a
 * step fail or send a signal there).
 */
export async function interruptible<T>(
  work: (checkpoint: (step: string) => Promise<void>) => Promise<T>,
  hook?: StepHook,
): Promise<T> {
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  for (const signal of signals) Deno.addSignalListener(signal, onSignal);
  try {
    return await work(async (step) => {
      if (hook) await hook(step);
      // Checked last, with no await after it: the caller resumes in a microtask,
      // before any signal listener can run, so what follows a passed
      // checkpoint cannot be cut short by an interrupt before it starts.
      if (interrupted) throw new CancelledError();
    });
  } finally {
    for (const signal of signals) Deno.removeSignalListener(signal, onSignal);
  }
}
