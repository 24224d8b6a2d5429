// Findings about the declarations themselves, one file per detector: dangling targets, one-sided
// inverse declarations, self-links, and lineage that contradicts itself (mutual parents, loops).
import type { GapFinding } from "../../core/gaps.ts";
import { detectDangling } from "./dangling.ts";
import type { GapGraph } from "./gap-graph.ts";
import { detectLineageLoops } from "./lineage-loops.ts";
import { detectOneSided } from "./one-sided.ts";
import { detectSelfLinks } from "./self-links.ts";
import type { ResolvedGapOptions } from "./types.ts";

export function detectDeclarationGaps(g: GapGraph, opts: ResolvedGapOptions): GapFinding[] {
  const loops = detectLineageLoops(g);
  return [...detectDangling(g, opts), ...detectOneSided(g, loops.pairsInLoops), ...detectSelfLinks(g), ...loops.findings];
}
