// `node bench/ui.mjs` (run by `npm run bench` after the build): the Images page with 5,000 tags in Chromium.
// Measures the time to the first rows and the frame times while scrolling the virtualised table, and exits 1
// when the first rows take 1 s or more or scrolling drops frames badly (p95 over 50 ms).
/* global document, requestAnimationFrame */
import { chromium } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fanOutTags } from './lib/many-tags.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist', 'cli', 'berth.js');
const TAGS = 5000;
const LOADS = 5;
const log = (message) => console.error(`bench ui: ${message}`);

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const ms = (value) => `${value.toFixed(1)} ms`;

function serve(store) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--store', store, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (match) resolve({ url: match[0], child });
    });
    child.once('exit', (code) => reject(new Error(`berth serve exited with ${code}`)));
  });
}

/** Scrolls the grid a fixed distance every animation frame and records the time between frames. */
async function scrollFrames(page, { pxPerFrame, frames, jump }) {
  return page.evaluate(
    ({ pxPerFrame, frames, jump }) =>
      new Promise((resolve) => {
        const scroller = document.querySelector('.grid-scroll');
        const deltas = [];
        let last = performance.now();
        let n = 0;
        function step(now) {
          deltas.push(now - last);
          last = now;
          if (jump) scroller.scrollTop = Math.random() * (scroller.scrollHeight - scroller.clientHeight);
          else scroller.scrollTop += pxPerFrame;
          if (++n < frames) requestAnimationFrame(step);
          else resolve({ deltas: deltas.slice(1), rowsInDom: document.querySelectorAll('.grid-row').length, top: scroller.scrollTop });
        }
        requestAnimationFrame((now) => {
          last = now;
          requestAnimationFrame(step);
        });
      }),
    { pxPerFrame, frames, jump },
  );
}

function summarise(deltas) {
  const sorted = [...deltas].sort((a, b) => a - b);
  return { frames: sorted.length, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) };
}

async function main() {
  if (!existsSync(cli) || !existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` first');
  }
  const outDir = path.join(root, 'bench', 'out');
  await mkdir(outDir, { recursive: true });
  const work = await mkdtemp(path.join(outDir, 'ui-'));
  const store = path.join(work, 'store');
  let server;
  let browser;
  try {
    log(`making a store with ${TAGS} tags`);
    const tarball = path.join(work, 'small.tar');
    spawnSync('tar', ['-cf', tarball, '-C', path.join(root, 'bench'), 'lib']);
    const imported = spawnSync(process.execPath, [cli, '--store', store, 'import', tarball, 'bench-base:1'], { encoding: 'utf8' });
    if (imported.status !== 0) throw new Error(`berth import failed: ${imported.stderr}`);
    await fanOutTags(store, 'docker.io/library/bench-base:1', TAGS);

    server = await serve(store);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });

    // Time to first rows: from navigation start to the first data row in the DOM, over several fresh loads.
    const firstRows = [];
    const wall = [];
    let page;
    for (let load = 0; load < LOADS; load++) {
      await page?.close();
      page = await context.newPage();
      const started = Date.now();
      await page.goto(server.url);
      const at = await page.waitForFunction(() => {
        const rowEl = document.querySelector('.grid-row[aria-rowindex="2"]');
        return rowEl ? performance.now() : null;
      }, null, { polling: 'raf', timeout: 30_000 });
      firstRows.push(await at.jsonValue());
      wall.push(Date.now() - started);
    }
    const rowCount = await page.evaluate(() => Number(document.querySelector('[role=grid]')?.getAttribute('aria-rowcount')) - 1);
    if (rowCount !== TAGS) throw new Error(`the page lists ${rowCount} rows, expected ${TAGS}`);

    await page.waitForTimeout(300);
    const steady = await scrollFrames(page, { pxPerFrame: 60, frames: 400 });
    const fast = await scrollFrames(page, { pxPerFrame: 600, frames: 200 });
    const jumps = await scrollFrames(page, { jump: true, frames: 200 });

    const firstSorted = [...firstRows].sort((a, b) => a - b);
    const firstMedian = quantile(firstSorted, 0.5);
    const results = [
      { figure: `first rows, ${TAGS} tags (median of ${LOADS} loads, from navigation start)`, value: ms(firstMedian), requirement: '< 1000 ms', pass: firstMedian < 1000 },
      { figure: 'first rows, slowest load', value: ms(firstSorted.at(-1)) },
      { figure: 'page.goto to first rows, median wall time', value: ms(quantile([...wall].sort((a, b) => a - b), 0.5)) },
      { figure: 'rows in the DOM while scrolling', value: String(steady.rowsInDom) },
    ];
    for (const [name, run] of [['scroll 60 px/frame', steady], ['scroll 600 px/frame', fast], ['random jumps', jumps]]) {
      const s = summarise(run.deltas);
      results.push({
        figure: `${name}: frame time median / p95 / max (${s.frames} frames)`,
        value: `${ms(s.median)} / ${ms(s.p95)} / ${ms(s.max)}`,
        requirement: 'p95 < 50 ms',
        pass: s.p95 < 50,
      });
    }
    const width = Math.max(...results.map((r) => r.figure.length));
    console.log(`UI (Chromium ${browser.version()}, headless, no GPU)`);
    for (const r of results) {
      const verdict = r.requirement ? `  ${r.pass ? 'ok' : 'FAIL'} (${r.requirement})` : '';
      console.log(`  ${r.figure.padEnd(width)}  ${r.value}${verdict}`);
    }
    if (results.some((r) => r.pass === false)) process.exitCode = 1;
  } finally {
    await browser?.close();
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((done) => server.child.once('exit', done));
    }
    await rm(work, { recursive: true, force: true });
  }
}

await main();
