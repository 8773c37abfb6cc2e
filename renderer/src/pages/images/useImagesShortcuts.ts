// Page-wide keys: Ctrl/Cmd+F filters, Ctrl/Cmd+P pulls, Delete removes the selection, Enter opens it, Escape closes the pane.
// The grid handles its own keys first (ImagesTable, grid-keys.ts) and marks them handled; these are for when focus
// is elsewhere on the page, so Enter only counts when nothing in particular has focus (on a button it is a click).
import { useEffect, type RefObject } from 'react';
import { useAppStore } from '../../state/store';
import { openSelectedDetail } from './actions';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function nothingFocused(target: EventTarget | null): boolean {
  return target === null || target === document.body || target === document.documentElement;
}

export function useImagesShortcuts(filterRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const state = useAppStore.getState();
      if (state.dialog !== null || event.defaultPrevented) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        // From inside the detail pane showing the JSON (its tab just chosen, say), find means the JSON's search.
        const inPane = event.target instanceof Element && event.target.closest('.inspect-pane') !== null;
        // Likewise the Files tab's search.
        const jsonSearch = inPane ? document.querySelector<HTMLInputElement>('.inspect-pane input[aria-label="Search the JSON"], .inspect-pane input[aria-label="Search files"]') : null;
        const target = jsonSearch ?? filterRef.current;
        target?.focus();
        target?.select();
        return;
      }
      if (mod && event.key.toLowerCase() === 'p' && !event.shiftKey && !event.altKey) {
        // The browser's Print is of no use here; docker's pull is.
        event.preventDefault();
        if (state.connection !== 'lost') state.openDialog({ kind: 'pull' });
        return;
      }
      if (typingIn(event.target)) return;
      if ((event.key === 'Delete' || (event.key === 'Backspace' && event.metaKey)) && state.selection.length > 0) {
        event.preventDefault();
        if (state.connection !== 'lost') state.openDialog({ kind: 'remove', keys: state.selection });
      } else if (event.key === 'Enter' && state.selection.length > 0 && nothingFocused(event.target)) {
        event.preventDefault();
        openSelectedDetail();
      } else if (event.key === 'Escape') {
        if (state.detailKey !== null) state.closeDetail();
        else state.clearSelection();
      } else if (mod && event.key.toLowerCase() === 'a') {
        event.preventDefault();
        state.selectAll();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [filterRef]);
}
