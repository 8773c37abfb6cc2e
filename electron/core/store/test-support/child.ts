// Entry point of the child processes the store tests start (bundled with esbuild into a temp .mjs).
// Usage: node child.mjs <command> <store root> [args...]; prints progress lines on stdout.
import { openStore } from '../store.js';
import { withWriteLock } from '../lock.js';
import { storePaths } from '../paths.js';
import { setTag, writeTestImage } from './image.js';
import type { Descriptor } from '../../oci/descriptor.js';

const [command, root, ...args] = process.argv.slice(2);
const say = (line: string) => process.stdout.write(`${line}\n`);
const forever = () => new Promise<never>(() => setInterval(() => undefined, 1 << 30));

async function main(): Promise<void> {
  if (!root) throw new Error('usage: child <command> <root>');
  const store = await openStore(root);
  switch (command) {
    case 'commit-loop': {
      // Endless image writes, tag commits (which orphan the image a tag pointed at) and gc until killed.
      for (let i = 0; ; i++) {
        const session = await store.beginWrite();
        const manifest = await writeTestImage(session);
        await session.commit((index) => setTag(index, `example.test/loop:${i % 5}`, manifest));
        say(`committed ${i}`);
        if (i % 3 === 2) await store.gc();
      }
    }
    case 'tag': {
      const [prefix, count, manifestJson] = args;
      const manifest = JSON.parse(manifestJson!) as Descriptor;
      say('ready');
      for (let i = 0; i < Number(count); i++) {
        await store.updateIndex((index) => setTag(index, `example.test/${prefix}:${i}`, manifest));
      }
      say('done');
      return;
    }
    case 'hold-session': {
      const session = await store.beginWrite();
      const blob = await session.writeBlobBytes(args[0] ?? 'held by a live session');
      say(`ready ${blob.digest}`);
      return forever();
    }
    case 'hold-lock': {
      await withWriteLock(storePaths(root).lock, async () => {
        say('locked');
        await forever();
      });
      return;
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
