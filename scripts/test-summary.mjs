#!/usr/bin/env node
// The last step of `npm test`: one closing line over both runners (Vitest and Playwright), read from their
// JSON reports, so whoever reads only the end of the output sees what ran.
import { readFileSync } from 'node:fs';

function read(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const unit = read('reports/unit.json');
if (unit) {
  totals.passed += unit.numPassedTests ?? 0;
  totals.failed += unit.numFailedTests ?? 0;
  totals.skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
}
const e2e = read('reports/e2e.json');
if (e2e?.stats) {
  totals.passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
  totals.failed += e2e.stats.unexpected ?? 0;
  totals.skipped += e2e.stats.skipped ?? 0;
}
if (!unit || !e2e) console.error(`test-summary: missing ${!unit ? 'reports/unit.json ' : ''}${!e2e ? 'reports/e2e.json' : ''}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 || !unit || !e2e ? 1 : 0;
