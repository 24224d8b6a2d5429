// Gap findings grouped by what one fix would address: a stale target written in 47 files is one
// group of 47, not 47 lines. Written once for the API (groupBy), the CLI (--group-by) and the reports.
import { compareStrings } from "../../core/order.ts";
import { GAP_KINDS, type GapFinding, type GapGroup, type GapGroupBy } from "../../core/gaps.ts";

/**
 * The group key of a finding:
 * - `target`: the target of its first declared link, exactly as written (for a dangling reference,
 *   the stale id, slug or title); a finding about no link (orphan, island, suggestion) uses its first pattern;
 * - `file`: the file its fix edits, else the file declaring its first link, else its first pattern's file;
 * - `pattern`: its first (primary) pattern; `kind`: its kind.
 */
export function groupKey(f: GapFinding, by: GapGroupBy, fileOf: (slug: string) => string | undefined): string {
  switch (by) {
    case "target":
      return f.links[0]?.target ?? f.patterns[0] ?? "";
    case "file":
      return f.fix.file ?? f.links[0]?.declaredIn ?? fileOf(f.patterns[0] ?? "") ?? f.patterns[0] ?? "";
    case "pattern":
      return f.patterns[0] ?? "";
    case "kind":
      return f.kind;
  }
}

/** Findings grouped by `by`: the largest groups first, then by key; each group's findings in report order. */
export function groupFindings(
  findings: readonly GapFinding[],
  by: GapGroupBy,
  fileOf: (slug: string) => string | undefined,
): { group: GapGroup; findings: GapFinding[] }[] {
  const groups = new Map<string, GapFinding[]>();
  for (const f of findings) {
    const key = groupKey(f, by, fileOf);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const kindOrder = by === "kind" ? new Map<string, number>(GAP_KINDS.map((k, i) => [k, i])) : undefined;
  return [...groups]
    .map(([key, list]) => {
      const kinds = new Set(list.map((f) => f.kind));
      return { group: { key, count: list.length, kinds: GAP_KINDS.filter((k) => kinds.has(k)), sample: list[0]! }, findings: list };
    })
    .sort((a, b) =>
      kindOrder
        ? kindOrder.get(a.group.key)! - kindOrder.get(b.group.key)!
        : b.group.count - a.group.count || compareStrings(a.group.key, b.group.key),
    );
}
