// Whether a shell with no connection of its own still answers. Electron's IPC never "disconnects": a main process
// that hangs (a long synchronous task, a deadlock) simply stops replying, and the window would go on offering
// actions that never finish. So the page asks a cheap question now and then; one left unanswered past the timeout
// makes the state `lost` (the banner, disabled actions, frozen clocks) until an answer arrives again.
import type { ConnectionState } from './types.js';

export interface LivenessOptions {
  /** Time between two questions once the last was answered (default 2 s). */
  intervalMs?: number;
  /** Unanswered this long, the shell counts as lost (default 4 s). */
  timeoutMs?: number;
}

/** Starts asking `ping`; `onState` hears every change (first `connected` at the first answer). Returns stop. */
export function watchLiveness(ping: () => Promise<unknown>, onState: (state: ConnectionState) => void, options: LivenessOptions = {}): () => void {
  const intervalMs = options.intervalMs ?? 2000;
  const timeoutMs = options.timeoutMs ?? 4000;
  let stopped = false;
  let state: ConnectionState = 'connecting';
  let next: ReturnType<typeof setTimeout> | null = null;

  const report = (value: ConnectionState) => {
    if (stopped || value === state) return;
    state = value;
    onState(value);
  };

  // One question at a time: a hung main process must not pile up unanswered calls.
  function ask(): void {
    if (stopped) return;
    const overdue = setTimeout(() => report('lost'), timeoutMs);
    const answered = () => {
      clearTimeout(overdue);
      report('connected');
      if (!stopped) next = setTimeout(ask, intervalMs);
    };
    // An error is an answer too: the main process is there to send it.
    ping().then(answered, answered);
  }

  ask();
  return () => {
    stopped = true;
    if (next) clearTimeout(next);
  };
}
