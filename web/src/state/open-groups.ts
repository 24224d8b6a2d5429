// How the state's `openGroups` names an open left-out group of a neighbourhood and the page of it on
// screen, so the URL says which page of which group is open.
/**
 * An open group in the state's `openGroups`: its key, and "@page" after the first page (0-based).
 * Group keys are a limit, a slug and a link type joined by "|", so "@" cannot be part of one.
 */
export function parseOpenGroup(entry: string): { key: string; page: number } {
  const at = entry.lastIndexOf("@");
  const page = at > 0 ? Number(entry.slice(at + 1)) : 0;
  return at > 0 && Number.isInteger(page) && page > 0 && page <= 10_000 ? { key: entry.slice(0, at), page } : { key: entry, page: 0 };
}
export const openGroupEntry = (key: string, page: number): string => (page > 0 ? `${key}@${page}` : key);
