import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { findElectron, MISSING_ELECTRON } from './electron-binary.mjs';

const fakeElectron = (files: Record<string, string>) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-electron-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
};

describe('findElectron', () => {
  it('finds the binary path.txt names under dist/', () => {
    const dir = fakeElectron({ 'path.txt': 'electron', 'dist/electron': '' });
    expect(findElectron(dir, {})).toEqual({ ok: true, path: path.join(dir, 'dist', 'electron') });
  });

  it('says the binary is missing when the download was skipped (no path.txt, no dist/)', () => {
    const dir = fakeElectron({ 'package.json': '{}' });
    expect(findElectron(dir, {})).toEqual({ ok: false, message: MISSING_ELECTRON });
  });

  it('says so when path.txt names a binary that is not there', () => {
    const dir = fakeElectron({ 'path.txt': 'electron' });
    expect(findElectron(dir, {}).ok).toBe(false);
  });

  it('says so when the electron package itself is absent', () => {
    expect(findElectron(null, {}).ok).toBe(false);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as electron does', () => {
    const dir = fakeElectron({ 'path.txt': 'electron', 'other/electron': '' });
    expect(findElectron(dir, { ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'other') })).toEqual({
      ok: true,
      path: path.join(dir, 'other', 'electron'),
    });
  });

  it('the message is one line with the fix and the browser shell', () => {
    expect(MISSING_ELECTRON).not.toContain('\n');
    expect(MISSING_ELECTRON).toContain('node node_modules/electron/install.js');
    expect(MISSING_ELECTRON).toContain('serve');
  });

  it('start.mjs prints only that line and exits 1 where the binary is missing', () => {
    const dir = fakeElectron({});
    const run = spawnSync(process.execPath, [path.join(import.meta.dirname, 'start.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`${MISSING_ELECTRON}\n`);
    expect(run.stdout).toBe('');
  });
});
