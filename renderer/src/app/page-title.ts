// The window's (and the browser tab's) title: the page, or the open image on the Images page.
import { shortId } from '../../../shared/format';
import type { Page } from '../state/ui-slice';

const PAGE_NAMES: Record<Page, string> = { images: 'Images', tasks: 'Tasks', settings: 'Settings', registries: 'Registries', hub: 'Docker Hub', engine: 'Engine', compare: 'Compare images' };

/** `detailTarget` is what the inspect pane asked for: `repo:tag`, or an image ID for a dangling image. */
export function pageTitle(page: Page, detailTarget: string | null): string {
  if (page === 'images' && detailTarget) {
    const name = detailTarget.startsWith('sha256:') ? `<none>:<none> ${shortId(detailTarget)}` : detailTarget;
    return `${name} — Berth`;
  }
  return `${PAGE_NAMES[page]} — Berth`;
}
