// The gap analysis as analyse.ts runs it, with the findings kept compact as they come
// (packed-findings.ts) instead of as one array of objects: what the server's gaps thread holds while
// a library is served. The one-sided declarations (71,212 of the 86,282 findings at ten times the
// 2026-02-20 library) are packed one by one as they are found, and the gap graph is let go before
// the findings are joined and sorted, so the analysis's peak is the library, the gap graph and the
// findings compact rather than ~185 MB of finding objects beside them. Same findings in the same order
// (test/gaps/packed-findings.test.ts compares it with analyseGaps).
import type { GapCounts, GapFinding } from "../../core/gaps.ts";
import type { Library, Pattern } from "../../core/model.ts";
import { compareStrings } from "../../core/order.ts";
import { emptyCounts, reportHead, resolveGapOptions } from "./analyse.ts";
import { detectLinkConcentration } from "./concentration.ts";
import { detectDangling } from "./dangling.ts";
import { buildGapGraph } from "./gap-graph.ts";
import { joinInto } from "./join.ts";
import { detectLineageLoops } from "./lineage-loops.ts";
import { oneSidedFindings } from "./one-sided.ts";
import { createFindingPacker, type FindingPacker, type PackedFindings } from "./packed-findings.ts";
import { detectSelfLinks } from "./self-links.ts";
import { detectShapeGaps } from "./shape.ts";
import { detectSimilarityGaps } from "./similarity.ts";
import type { GapOptions, GapReport, ResolvedGapOptions } from "./types.ts";

/** A GapReport whose findings are packed. */
export interface PackedGapReport extends Omit<GapReport, "findings"> {
  findings: PackedFindings;
}

/** analyseGaps with the findings packed: the same findings, in the same order. */
export function analyseGapsPacked(library: Library, options: GapOptions = {}): PackedGapReport {
  const opts = resolveGapOptions(options);
  const packer = createFindingPacker();
  const { dangling, bySlug, suggestionsConsidered, duplicatesConsidered } = detect(library, opts, packer);
  // The gap graph is gone by now; the dangling findings are the ones a join changes.
  const title = (slug: string): string => bySlug.get(slug)?.title || slug;
  for (const id of joinInto(dangling, (id) => packer.get(id), title)) packer.drop(id);
  for (const f of dangling) packer.add(f);
  const findings = packer.finish();
  const counts = emptyCounts();
  const byDomain: Record<string, Partial<GapCounts>> = {};
  for (let at = 0; at < findings.size; at++) {
    const kind = findings.kind(at);
    counts[kind]++;
    for (const d of findings.domains(at)) {
      const c = (byDomain[d] ??= {});
      c[kind] = (c[kind] ?? 0) + 1;
    }
  }
  return {
    ...reportHead(library, opts),
    counts,
    countsByDomain: Object.fromEntries(Object.keys(byDomain).sort(compareStrings).map((d) => [d, byDomain[d]!])),
    suggestionsConsidered,
    duplicatesConsidered,
    findings,
  };
}

/** Every detector's findings packed as they come, except the dangling ones, which the join may still change. */
function detect(library: Library, opts: ResolvedGapOptions, packer: FindingPacker) {
  const g = buildGapGraph(library);
  const add = (findings: Iterable<GapFinding>): void => {
    for (const f of findings) packer.add(f);
  };
  const loops = detectLineageLoops(g);
  const dangling = detectDangling(g, opts);
  add(oneSidedFindings(g, loops.pairsInLoops));
  add(detectSelfLinks(g));
  add(loops.findings);
  const similarity = detectSimilarityGaps(g, opts);
  add(similarity.findings);
  add(detectShapeGaps(g, opts, similarity.similarTo));
  add(detectLinkConcentration(library));
  const bySlug: ReadonlyMap<string, Pattern> = g.bySlug;
  return { dangling, bySlug, suggestionsConsidered: similarity.suggestionsConsidered, duplicatesConsidered: similarity.duplicatesConsidered };
}
