// Turns a selection of rows into what `remove` is asked for, and says in words what will go.
import type { ImageSummary } from '../../../../shared/api';
import { displayName, rowKey, rowTarget } from '../../state/rows';

export interface RemoveStep {
  id: string;
  /** Image IDs deleted by this step, or only tags removed while the image stays. */
  effect: 'delete' | 'untag';
  names: string[];
  /** Tags of the same ID that remain after an untag. */
  remaining: string[];
  /** True when the ID itself is removed with force because it has several tags. */
  forced: boolean;
}

export interface RemovePlan {
  steps: RemoveStep[];
  targets: string[];
  forcedTargets: string[];
}

export function planRemoval(images: readonly ImageSummary[], keys: readonly string[]): RemovePlan {
  const wanted = new Set(keys);
  const byId = new Map<string, ImageSummary[]>();
  for (const image of images) {
    const rows = byId.get(image.id) ?? [];
    rows.push(image);
    byId.set(image.id, rows);
  }
  const plan: RemovePlan = { steps: [], targets: [], forcedTargets: [] };
  for (const [id, rows] of byId) {
    const chosen = rows.filter((row) => wanted.has(rowKey(row)));
    if (chosen.length === 0) continue;
    const tagged = rows.filter((row) => !row.dangling);
    const chosenTagged = chosen.filter((row) => !row.dangling);
    if (tagged.length === 0) {
      plan.targets.push(id);
      plan.steps.push({ id, effect: 'delete', names: ['<none>:<none>'], remaining: [], forced: false });
    } else if (chosenTagged.length === tagged.length && tagged.length > 1) {
      plan.forcedTargets.push(id);
      plan.steps.push({ id, effect: 'delete', names: tagged.map(displayName), remaining: [], forced: true });
    } else {
      plan.targets.push(...chosenTagged.map(rowTarget));
      const remaining = tagged.filter((row) => !wanted.has(rowKey(row))).map(displayName);
      plan.steps.push({
        id,
        effect: remaining.length === 0 ? 'delete' : 'untag',
        names: chosenTagged.map(displayName),
        remaining,
        forced: false,
      });
    }
  }
  return plan;
}

export type CountClause = [verb: string, count: number, one: string, many: string];

/** "Deleted 3 images and untagged 1 tag": clauses whose count is 0 are left out; the sentence starts upper-case. */
export function countSentence(...clauses: CountClause[]): string {
  const parts = clauses.filter(([, n]) => n > 0).map(([verb, n, one, many]) => `${verb} ${n.toLocaleString('en')} ${n === 1 ? one : many}`);
  const text = parts.length > 0 ? parts.join(' and ') : 'nothing to remove';
  return text.charAt(0).toUpperCase() + text.slice(1);
}
