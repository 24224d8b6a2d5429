// The gap analysis's options and its report: the domain types the detectors and the callers share
// (the findings themselves are the wire contract, in core/gaps.ts). Types and defaults only.
import type { GapCounts, GapFinding, GapKind, GapLibrarySummary } from "../../core/gaps.ts";
import type { Library } from "../../core/model.ts";
import type { HistoryIndex } from "./history.ts";

export interface GapOptions {
  /** Islands are components of 2..maxIslandSize patterns other than the largest one. Default 5. */
  maxIslandSize?: number;
  /** Keep the top N suggested links. Default 200. */
  maxSuggestions?: number;
  /** Suggested by structure when sharing at least this many neighbours. Default 2. */
  minCommonNeighbours?: number;
  /** Suggested by content when in one domain with at least this TF-IDF cosine of title + summary. Default 0.35. */
  minVocabularySimilarity?: number;
  /** A dangling target's candidates need at least this similarity (0..1). Default 0.75. */
  minTargetSimilarity?: number;
  /** An earlier reading of the library: its ids resolve stale TypeIDs to the pattern that carried them. */
  previous?: Pick<Library, "patterns">;
  /** The library's git history (ingest/library-history.ts): stale ids, slugs and titles resolve through it. */
  history?: HistoryIndex;
}

type OptionalGapOptions = "previous" | "history";
export type ResolvedGapOptions = Required<Omit<GapOptions, OptionalGapOptions>> & Pick<GapOptions, OptionalGapOptions>;

export const DEFAULT_GAP_OPTIONS: Required<Omit<GapOptions, OptionalGapOptions>> = {
  maxIslandSize: 5,
  maxSuggestions: 200,
  minCommonNeighbours: 2,
  minVocabularySimilarity: 0.35,
  minTargetSimilarity: 0.75,
};

export interface GapReport {
  library: GapLibrarySummary;
  /** `history`: the commit the history index reached, when one was given. */
  options: Omit<ResolvedGapOptions, OptionalGapOptions> & { previous: boolean; history?: { head: string; commits: number } };
  /** Findings per kind (every kind present, zero included). */
  counts: GapCounts;
  /** Findings per domain and kind ("(none)" for patterns without a domain). */
  countsByDomain: Record<string, Partial<GapCounts>>;
  /** Suggested links found before the cap cut them to `maxSuggestions`. */
  suggestionsConsidered: number;
  /** Likely duplicates found before the cap cut them to the best 2,000 (MAX_DUPLICATES). */
  duplicatesConsidered: number;
  findings: GapFinding[];
}

export interface GapFilter {
  kinds?: readonly GapKind[];
  domain?: string;
  pattern?: string;
}

