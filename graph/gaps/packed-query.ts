// The filters, counts and groups of the gaps answers over packed findings (packed-findings.ts), by
// position and without decoding a finding: what analyse.ts's filterFindings and countFindings,
// decisions.ts's applyDecidedMode and group.ts's groupFindings do over finding objects, with the
// same results (test/gaps/packed-findings.test.ts).
import { compareStrings } from "../../core/order.ts";
import { GAP_KINDS, type DecidedMode, type GapCounts, type GapGroupBy, type GapKind } from "../../core/gaps.ts";
import { emptyCounts } from "./analyse.ts";
import type { GapDecisions } from "./decisions.ts";
import type { PackedFindings } from "./packed-findings.ts";
import type { GapFilter } from "./types.ts";

/** The positions of the findings matching every given filter (filterFindings), in report order. */
export function filterPacked(findings: PackedFindings, filter: GapFilter): number[] {
  const kinds = filter.kinds?.length ? new Set<string>(filter.kinds) : undefined;
  const { domain, pattern } = filter;
  const out: number[] = [];
  for (let at = 0; at < findings.size; at++) {
    if (kinds && !kinds.has(findings.kind(at))) continue;
    if (domain !== undefined && !findings.domains(at).includes(domain)) continue;
    if (pattern !== undefined && !findings.involves(at, pattern)) continue;
    out.push(at);
  }
  return out;
}

/** The positions a decided mode lists (applyDecidedMode). */
export function decidedPacked(findings: PackedFindings, positions: readonly number[], decisions: GapDecisions, mode: DecidedMode): number[] {
  if (mode === "show" || decisions.entries.size === 0) return mode === "only" ? [] : [...positions];
  const wantDecided = mode === "only";
  return positions.filter((at) => decisions.entries.has(findings.id(at)) === wantDecided);
}

/** Findings per kind (countFindings). */
export function countPacked(findings: PackedFindings, positions: readonly number[]): GapCounts {
  const counts = emptyCounts();
  for (const at of positions) counts[findings.kind(at)]++;
  return counts;
}

/** A group of positions: groupFindings's group, its sample as the position of its first finding. */
export interface PackedGroup {
  key: string;
  count: number;
  kinds: GapKind[];
  first: number;
}

/** The positions grouped as groupFindings groups findings: the largest groups first, then by key (by kind: in kind order). */
export function groupPacked(findings: PackedFindings, positions: readonly number[], by: GapGroupBy, fileOf: (slug: string) => string | undefined): PackedGroup[] {
  const groups = new Map<string, { first: number; count: number; kinds: Set<GapKind> }>();
  for (const at of positions) {
    const key = findings.groupKey(at, by, fileOf);
    const group = groups.get(key);
    if (group) {
      group.count++;
      group.kinds.add(findings.kind(at));
    } else groups.set(key, { first: at, count: 1, kinds: new Set([findings.kind(at)]) });
  }
  const kindOrder = by === "kind" ? new Map<string, number>(GAP_KINDS.map((k, i) => [k, i])) : undefined;
  return [...groups]
    .map(([key, g]) => ({ key, count: g.count, kinds: GAP_KINDS.filter((k) => g.kinds.has(k)), first: g.first }))
    .sort((a, b) => (kindOrder ? kindOrder.get(a.key)! - kindOrder.get(b.key)! : b.count - a.count || compareStrings(a.key, b.key)));
}
