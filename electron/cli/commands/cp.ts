// `berth cp IMAGE:SRC_PATH DEST_PATH|-`: docker cp out of an image instead of a container. DEST a path: the file or
// folder written there by docker cp's rules (core/files/extract.ts, which also says what a hostile image cannot
// do); `-`: the tar `docker cp CONTAINER:SRC -` writes, on stdout, never to a terminal. -L follows a symlink SRC.
// Copying into an image is not a thing (images do not change): `berth commit --add` makes a new one.
//
// The copy streams layer bytes to disk or stdout, which the service's calls (plain data, for every shell) do not
// carry, so this command opens the store itself, read-only, as the service would.
import { BerthError } from '../../../shared/errors.js';
import { humanSize } from '../../../shared/format.js';
import { flagBool } from '../args.js';
import type { Command, CommandContext } from '../command.js';
import type { ImageFiles } from '../../core/files/image-files.js';

export const cpCommand: Command = {
  name: 'cp',
  usage: '[OPTIONS] IMAGE:SRC_PATH DEST_PATH|-',
  summary: "Copy files/folders out of an image to the local filesystem ('-' as DEST_PATH: a tar archive on stdout)",
  flags: [
    { name: 'follow-link', short: 'L', type: 'bool', help: 'Always follow symbol link in SRC_PATH' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress the summary line (only printed when stderr is a terminal)' },
  ],
  args: { min: 2, max: 2 },
  async run(ctx, args) {
    const [source, dest] = args.positionals as [string, string];
    // An image reference has colons of its own (`host:5000/name:tag`): the path starts at the first `:/`, or, for a
    // path relative to the root as docker cp allows (`alpine:3:etc/passwd`), after the last colon.
    const absolute = source.indexOf(':/');
    const split = absolute > 0 ? absolute : source.lastIndexOf(':');
    if (split <= 0 || split === source.length - 1) {
      if (dest.includes(':/')) throw new BerthError('INVALID_ARGUMENT', 'berth cp copies out of an image only: images do not change (berth commit --add makes a new one)');
      throw new BerthError('INVALID_ARGUMENT', `${JSON.stringify(source)} is not IMAGE:SRC_PATH (as alpine:3:/etc/passwd)`);
    }
    const reference = source.slice(0, split);
    const srcPath = `/${source.slice(split + 1)}`.replace(/^\/\/+/, '/');
    const follow = flagBool(args, 'follow-link');
    if (dest === '-' && (ctx.io.stdoutIsTTY || !ctx.io.binaryStdout)) {
      throw new BerthError('INVALID_ARGUMENT', 'cowardly refusing to write a tar archive to a terminal: redirect it (berth cp IMAGE:PATH - > files.tar)');
    }
    const core = await openCore(ctx);
    let files: ImageFiles | undefined;
    try {
      files = await core.files(reference);
      if (dest === '-') {
        const [{ planExport }, { exportTar }, { pipeline }, { Readable }] = await Promise.all([
          import('../../core/files/export-plan.js'), import('../../core/files/export-tar.js'), import('node:stream/promises'), import('node:stream'),
        ]);
        const plan = planExport(files, srcPath, { follow });
        for (const warning of plan.warnings) ctx.io.stderr.write(`warning: ${oneLine(warning)}\n`);
        await pipeline(Readable.from(exportTar(core.store, files, plan)), ctx.io.binaryStdout!, { end: false });
        return;
      }
      const { extractImagePath } = await import('../../core/files/extract.js');
      // docker cp's lines on a terminal: a running count, then the total; nothing when piped or with -q.
      const shown = ctx.io.stderrIsTTY && !flagBool(args, 'quiet');
      const raw = (text: string) => (ctx.io.stderr.writeRaw ?? ctx.io.stderr.write).call(ctx.io.stderr, text);
      let drawn = 0;
      if (shown) raw('Preparing to copy...');
      const result = await extractImagePath(core.store, files, srcPath, dest, {
        follow,
        onWarning: (warning) => {
          if (shown) raw('\r\x1b[2K');
          ctx.io.stderr.write(`warning: ${oneLine(warning)}\n`);
        },
        onProgress: (bytes) => {
          if (!shown || ctx.io.now() - drawn < 100) return;
          drawn = ctx.io.now();
          raw(`\r\x1b[2KCopying from image - ${humanSize(bytes)}`);
        },
      }).finally(() => {
        if (shown) raw('\r\x1b[2K');
      });
      if (shown) {
        ctx.io.stderr.write(`Successfully copied ${humanSize(result.bytes)} to ${result.path}\n`);
      }
    } catch (err) {
      await files?.distrustIndexes(err);
      throw err;
    } finally {
      await core.close();
    }
  },
};

async function openCore(ctx: CommandContext) {
  const [{ openStore, defaultStorePath }, { Catalog }, { resolveImage }, { imageFilesOf }] = await Promise.all([
    import('../../core/store/store.js'), import('../../core/image/catalog.js'), import('../../core/image/resolve.js'), import('../../core/files/image-files.js'),
  ]);
  const store = await openStore(ctx.storePath ?? defaultStorePath(ctx.io.env));
  const catalog = new Catalog(store);
  return {
    store,
    async files(reference: string) {
      const { records } = await catalog.load();
      return imageFilesOf({ store, catalog }, resolveImage(records, reference).records[0]!);
    },
    close: () => catalog.flush(),
  };
}

/** A warning names paths from the image: a line break in one must not start a line of its own. */
function oneLine(text: string): string {
  return text.replace(/[\n\r]/g, (ch) => (ch === '\n' ? '\\n' : '\\r'));
}
