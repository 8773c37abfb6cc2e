// A small chevron for fold toggles and match stepping (the shared icon set has none).
const PATHS = { right: 'm9 6 6 6-6 6', up: 'm6 15 6-6 6 6', down: 'm6 9 6 6 6-6' } as const;

export function Chevron({ direction, size = 14 }: { direction: keyof typeof PATHS; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[direction]} />
    </svg>
  );
}
