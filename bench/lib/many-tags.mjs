// A store with thousands of tags, made quickly: one real import through berth, then index.json gets
// one descriptor per tag written directly (as skopeo or any OCI tool might), atomically.
import { readFile, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';

const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';

export async function fanOutTags(store, sourceRef, count) {
  const indexPath = path.join(store, 'index.json');
  const index = JSON.parse(await readFile(indexPath, 'utf8'));
  const source = index.manifests.find((d) => d.annotations?.[REF_NAME] === sourceRef);
  if (!source) throw new Error(`${sourceRef} is not in ${indexPath}`);
  const manifests = [];
  for (let i = 0; i < count; i++) {
    // 100 repositories of 50 tags each, like a busy developer machine.
    const ref = `docker.io/library/bench-repo-${String(i % 100).padStart(3, '0')}:tag-${i}`;
    manifests.push({ ...source, annotations: { ...source.annotations, [REF_NAME]: ref, [CONTAINERD_NAME]: ref } });
  }
  index.manifests = manifests;
  await writeFile(`${indexPath}.bench-tmp`, JSON.stringify(index));
  await rename(`${indexPath}.bench-tmp`, indexPath);
}
