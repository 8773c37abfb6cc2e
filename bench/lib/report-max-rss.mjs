// Preloaded into the measured node process (node --import): writes its peak RSS in KiB when it exits.
import { writeFileSync } from 'node:fs';

const target = process.env.BERTH_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
