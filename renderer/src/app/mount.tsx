// The window's React tree. Loaded as its own chunk after the store has asked for the first rows (main.tsx), so
// compiling React and the pages overlaps the service's answer instead of delaying the question.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

export function mount(root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
