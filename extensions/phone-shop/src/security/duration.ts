// Directus's durations ("15m", "7d", "500ms", or a number of milliseconds) in milliseconds.
const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

export function durationMs(value: string | number, fallback = 0): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : fallback;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/i.exec(value);
  if (!match) return fallback;
  return Math.round(Number(match[1]) * (UNITS[(match[2] ?? 'ms').toLowerCase()] ?? 1));
}
