// Gap findings grouped by what one fix would address: a stale target written in 47 files is one
// group of 47, not 47 lines. Written once for the API (groupBy), the CLI (--group-by) and the reports.
import type { GapFinding, GapKind } from "../gap-analysis.ts";
import { GAP_KINDS } from "../gap-analysis.ts";
import { compareStrings } from "./gaps-text.ts";

/** What findings can be grouped by. */
export const GAP_GROUP_BY = ["target", "file", "pattern", "kind"] as const;
export type GapGroupBy = (typeof GAP_GROUP_BY)[number];

export const isGapGroupBy = (s: string): s is GapGroupBy => (GAP_GROUP_BY as readonly string[]).includes(s);

export interface GapGroup {
  key: string;
  count: number;
  /** The kinds among the group's findings, in report order. */
  kinds: GapKind[];
  /** The group's first finding in report order. */
  sample: GapFinding;
}

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
