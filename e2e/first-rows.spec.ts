// The first screenful comes ahead of the whole list: with the whole list held back on the wire, the table already
// shows its first rows (in the table's order) and the summary says it is still counting; once the list arrives the
// same rows stay on top and every tag is counted.
/// <reference lib="dom" />
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import { column, dataRows, grid } from './support/images-page.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
const EXTRA = 400;

/** Gives one image EXTRA more tags by rewriting index.json, as another OCI tool might (atomically). */
async function addManyTags(store: string): Promise<void> {
  const file = path.join(store, 'index.json');
  const index = JSON.parse(await readFile(file, 'utf8')) as { manifests: Array<{ annotations?: Record<string, string> }> };
  const source = index.manifests.find((d) => d.annotations?.[REF_NAME])!;
  for (let i = 0; i < EXTRA; i++) {
    const ref = `docker.io/library/many:tag-${i}`;
    index.manifests.push({ ...source, annotations: { ...source.annotations, [REF_NAME]: ref, 'io.containerd.image.name': ref } });
  }
  await writeFile(`${file}.tmp`, JSON.stringify(index));
  await rename(`${file}.tmp`, file);
}

test('the first rows show before the whole list arrives, and stay on top when it does', async ({ page, berth }) => {
  await addManyTags(berth.store);
  const total = Number((await berth.cli('images', '-q', '--no-trunc')).trim().split('\n').length);
  expect(total).toBeGreaterThan(EXTRA);

  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const asked: unknown[] = [];
  await page.routeWebSocket(/\/rpc$/, (ws) => {
    const server = ws.connectToServer();
    const wholeListIds = new Set<number>();
    ws.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id: number; method: string; args: Array<{ limit?: number }> };
      if (request.method === 'listImages') {
        asked.push(request.args[0]);
        if (request.args[0]?.limit === undefined) wholeListIds.add(request.id);
      }
      server.send(message);
    });
    server.onMessage((message) => {
      const answer = JSON.parse(String(message)) as { id?: number };
      if (answer.id !== undefined && wholeListIds.has(answer.id)) void released.then(() => ws.send(message));
      else ws.send(message);
    });
  });

  await page.goto(berth.url);
  await expect(dataRows(page).first()).toBeVisible();
  expect(asked[0]).toMatchObject({ limit: expect.any(Number), order: { column: 'created', direction: 'desc' } });
  await expect(page.getByLabel('Store summary')).toContainText('Counting tags…');
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String((asked[0] as { limit: number }).limit + 1));
  const firstShown = await column(page, 0);

  release();
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(total + 1));
  await expect(page.getByLabel('Store summary')).not.toContainText('Counting');
  expect((await column(page, 0)).slice(0, 10)).toEqual(firstShown.slice(0, 10));
});
