import { describe, expect, it } from 'vitest';
import { pageTitle } from './page-title';

describe('pageTitle', () => {
  it('names the page', () => {
    expect(pageTitle('images', null)).toBe('Images — Berth');
    expect(pageTitle('tasks', null)).toBe('Tasks — Berth');
    expect(pageTitle('settings', null)).toBe('Settings — Berth');
  });

  it('names the open image on the Images page', () => {
    expect(pageTitle('images', 'alpine:3.19')).toBe('alpine:3.19 — Berth');
    expect(pageTitle('images', `sha256:${'ab'.repeat(32)}`)).toBe(`<none>:<none> ${'ab'.repeat(6)} — Berth`);
  });

  it('ignores a detail left open when another page shows', () => {
    expect(pageTitle('tasks', 'alpine:3.19')).toBe('Tasks — Berth');
  });
});
