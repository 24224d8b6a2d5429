// A stored finding's row and the summary kept on the copy's node (neo4j-gaps.ts stores them by Bolt,
// neo4j-import-findings.ts writes them as the offline importer's CSV, on the analysis thread): no
// driver here, so that the analysis thread can make them without loading it.
import { compareStrings } from "../../core/order.ts";
import type { Library } from "../../core/model.ts";
import { GAP_GROUP_BY, GAP_KINDS, groupKey, NO_DOMAIN, type GapFinding, type GapReport } from "../gaps/index.ts";
import type { StoredGapsSummary } from "../stored-gaps.ts";
import { hashedKeys, rowHashInOrder } from "./neo4j-row-hash.ts";

/**
 * The properties of a stored finding: `seq` is its place in report order; per GAP_GROUP_BY, the
 * group key (`targetKey`...) and its rank among all keys of that grouping in compareStrings order
 * (`targetRank`...; for kind, the kind's report order), so Cypher groups, orders and pages groups
 * exactly as graph/gaps/group.ts does by comparing integers; the finding itself is `json`; `h` hashes
 * all of it but `seq`, so a change in place (neo4j-in-place.ts) tells a moved finding from a changed
 * one. The keys are made for every finding first (their ranks need them all), a row only when its
 * batch goes.
 */
export function findingRows(findings: readonly GapFinding[], fileOf: (slug: string) => string | undefined): (f: GapFinding, seq: number) => Record<string, unknown> {
  const keys = findings.map((f) => GAP_GROUP_BY.map((by) => groupKey(f, by, fileOf)));
  const ranks = GAP_GROUP_BY.map((by, b) => {
    const sorted = by === "kind" ? [...GAP_KINDS] : [...new Set(keys.map((k) => k[b]!))].sort(compareStrings);
    return new Map<string, number>(sorted.map((key, i) => [key, i]));
  });
  return (f, seq) => {
    const row: Record<string, unknown> = { seq, id: f.id, kind: f.kind, domains: f.domains, patterns: f.patterns, json: JSON.stringify(f) };
    const own = keys[seq]!;
    for (let b = 0; b < GAP_GROUP_BY.length; b++) {
      row[KEY_COLUMNS[b]!] = own[b];
      row[RANK_COLUMNS[b]!] = ranks[b]!.get(own[b]!);
    }
    row.h = rowHashInOrder(HASHED, row);
    return row;
  };
}

const KEY_COLUMNS = GAP_GROUP_BY.map((by) => `${by}Key`);
const RANK_COLUMNS = GAP_GROUP_BY.map((by) => `${by}Rank`);
/** A finding row's hashed properties: all but `seq`. */
const HASHED = hashedKeys("finding", ["id", "kind", "domains", "patterns", "json", ...KEY_COLUMNS, ...RANK_COLUMNS]);

/** What the answers need of the whole analysis, kept as JSON on the copy's node (`gapsReport`). */
export function gapsSummary(canonical: Library, report: GapReport, analysisMs: number): StoredGapsSummary {
  const knownDomains = new Set<string>([NO_DOMAIN]);
  for (const p of canonical.patterns) knownDomains.add(p.domain ?? NO_DOMAIN);
  const domains = new Set<string>();
  for (const f of report.findings) for (const d of f.domains) domains.add(d);
  return {
    library: report.library,
    counts: report.counts,
    // The orders the embedded store's answers give (server/gaps-answers.ts).
    domains: [...domains].sort(),
    knownDomains: [...knownDomains].sort(),
    analysisMs,
    findings: report.findings.length,
  };
}
