// Small numeric helpers for the benchmark: median, rounding, formatting of times and sizes.

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const round = (value: number, decimals = 1): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

export const formatMs = (ms: number): string => (ms >= 100 ? `${Math.round(ms)} ms` : `${round(ms, 2)} ms`);

export const formatMb = (mb: number): string => `${Math.round(mb)} MB`;
