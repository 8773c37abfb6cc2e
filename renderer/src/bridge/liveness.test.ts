// A shell that stops answering is reported lost after the timeout, and connected again at its next answer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchLiveness } from './liveness';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('watchLiveness', () => {
  it('reports connected, then lost while a question goes unanswered, then connected again', async () => {
    const states: string[] = [];
    let answer: (() => void) | null = null;
    let asked = 0;
    let hung = false;
    const stop = watchLiveness(
      () => {
        asked++;
        return hung ? new Promise<void>((resolve) => (answer = resolve)) : Promise.resolve();
      },
      (state) => states.push(state),
      { intervalMs: 100, timeoutMs: 300 },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['connected']);

    hung = true;
    await vi.advanceTimersByTimeAsync(100); // the next question hangs
    await vi.advanceTimersByTimeAsync(299);
    expect(states).toEqual(['connected']);
    await vi.advanceTimersByTimeAsync(1);
    expect(states).toEqual(['connected', 'lost']);
    const askedWhileHung = asked;
    await vi.advanceTimersByTimeAsync(5000);
    expect(asked).toBe(askedWhileHung); // no pile of unanswered questions

    hung = false;
    answer!();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['connected', 'lost', 'connected']);
    stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked).toBe(askedWhileHung);
  });

  it('counts an error reply as an answer', async () => {
    const states: string[] = [];
    const stop = watchLiveness(() => Promise.reject(new Error('busy')), (state) => states.push(state), { intervalMs: 100, timeoutMs: 300 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(states).toEqual(['connected']);
    stop();
  });
});
