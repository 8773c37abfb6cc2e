// Runs one command and measures wall time and, for node programs, peak resident memory (getrusage's
// maxRSS, reported by a preload at exit: exact, unlike polling /proc).
import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import os from 'node:os';

const MAX_RSS_PRELOAD = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'report-max-rss.mjs')).href;

/** @returns {Promise<{ seconds: number, stdout: string, stderr: string, maxRssBytes?: number }>} */
export async function measure(command, args, { env = {}, node = false, stdoutToNull = false } = {}) {
  const rssFile = path.join(os.tmpdir(), `berth-bench-rss-${process.pid}-${Date.now()}`);
  const argv = node ? ['--import', MAX_RSS_PRELOAD, command, ...args] : args;
  const program = node ? process.execPath : command;
  const started = process.hrtime.bigint();
  const child = spawn(program, argv, {
    env: { ...process.env, ...env, ...(node ? { BERTH_BENCH_RSS_FILE: rssFile } : {}) },
    stdio: ['ignore', stdoutToNull ? 'ignore' : 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${[program, ...argv].join(' ')} exited ${code}:\n${stderr.slice(-2000)}`);
  const result = { seconds, stdout, stderr };
  if (node) {
    const kib = Number(await readFile(rssFile, 'utf8').catch(() => 'NaN'));
    await rm(rssFile, { force: true });
    if (Number.isFinite(kib)) result.maxRssBytes = kib * 1024;
  }
  return result;
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
