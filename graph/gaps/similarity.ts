// Findings from resemblance rather than declarations: likely duplicates (duplicates.ts) and suggested
// links (suggested-links.ts), over one vocabulary (vocabulary.ts) that orphans and islands also ask.
import type { GapFinding } from "../../core/gaps.ts";
import { detectDuplicates } from "./duplicates.ts";
import { pairKey, type GapGraph } from "./gap-graph.ts";
import { suggestLinks } from "./suggested-links.ts";
import type { ResolvedGapOptions } from "./types.ts";
import { buildVocabulary, type SimilarTo } from "./vocabulary.ts";

export interface SimilarityResult {
  findings: GapFinding[];
  suggestionsConsidered: number;
  /** Likely duplicates found before the cap cut them to MAX_DUPLICATES. */
  duplicatesConsidered: number;
  similarTo: SimilarTo;
}

export function detectSimilarityGaps(g: GapGraph, opts: ResolvedGapOptions): SimilarityResult {
  const vocab = buildVocabulary(g);
  const { findings: duplicates, considered: duplicatesConsidered } = detectDuplicates(g);
  const duplicatePairs = new Set(duplicates.map((f) => pairKey(f.patterns[0]!, f.patterns[1]!)));
  const suggestions = suggestLinks(g, opts, vocab, duplicatePairs);
  return {
    findings: [...duplicates, ...suggestions.findings],
    suggestionsConsidered: suggestions.considered,
    duplicatesConsidered,
    similarTo: (slug, k, exclude) => vocab.nearest(slug, k, exclude),
  };
}

