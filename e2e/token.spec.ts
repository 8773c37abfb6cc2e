// `berth serve` without the token: the page explains, the socket is refused.
import WebSocket from 'ws';
import { expect, test } from './support/fixtures.js';

test('a page opened without the token shows a clear message', async ({ page, berth }) => {
  const bare = new URL(berth.url);
  bare.search = '';
  await page.goto(bare.href);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: 'This page has no access to Berth' })).toBeVisible();
  await expect(alert).toContainText('token');
  await expect(page.getByRole('grid', { name: 'Images' })).toHaveCount(0);
});

test('a wrong token is refused too', async ({ page, berth }) => {
  const wrong = new URL(berth.url);
  wrong.searchParams.set('token', 'not-the-token');
  await page.goto(wrong.href);
  await expect(page.getByRole('heading', { name: 'This page has no access to Berth' })).toBeVisible();
});

test('the WebSocket refuses a connection without the token, and one from a foreign origin', async ({ berth }) => {
  const url = new URL(berth.url);
  const socketUrl = `ws://${url.host}/rpc`;
  const closed = await new Promise<{ code: number; reason: string }>((resolve, reject) => {
    const ws = new WebSocket(socketUrl, ['berth.v1'], { origin: url.origin });
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on('error', reject);
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'listImages', args: [] })));
    ws.on('message', (data) => reject(new Error(`answered without a token: ${data.toString()}`)));
  });
  expect(closed.code).toBe(4401);
  expect(closed.reason).toMatch(/token/);

  const token = url.searchParams.get('token')!;
  const status = await new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(socketUrl, ['berth.v1', `berth.token.${token}`], { origin: 'http://evil.example' });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => reject(new Error('a foreign origin was let in')));
    ws.on('error', () => undefined);
  });
  expect(status).toBe(403);
});
