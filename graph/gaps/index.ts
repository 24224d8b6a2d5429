// The gap analysis's one entry point for other folders (server, CLI, ingest, tests): the analysis, its
// options and report, the reports it writes, baselines, decisions and grouping, and the wire contract
// of core/gaps.ts. Files inside graph/gaps/ import each other directly, never this one (no cycle).
export * from "../../core/gaps.ts";
export { analyseGaps, countFindings, emptyCounts, filterFindings, sortFindings } from "./analyse.ts";
export { analyseGapsPacked, type PackedGapReport } from "./analyse-packed.ts";
export type { PackedFindings } from "./packed-findings.ts";
export { countPacked, decidedPacked, filterPacked, groupPacked, type PackedGroup } from "./packed-query.ts";
export { DEFAULT_GAP_OPTIONS, type GapFilter, type GapOptions, type GapReport, type ResolvedGapOptions } from "./types.ts";
export { CLOSE_SECOND, REPLACE_CONFIDENCE } from "./dangling-fix.ts";
export { CSV_COLUMNS, csvField, describeLink, escapeMarkdown, exportFileName, findingsToCsv, findingsToMarkdown, type MarkdownOptions } from "./export.ts";
export { groupFindings, groupKey } from "./group.ts";
export { DECISIONS_FILE, applyDecidedMode, noDecisions, summariseDecidedIds, summariseDecisions, type GapDecision, type GapDecisions } from "./decisions.ts";
export {
  baselineId,
  baselineToText,
  buildBaseline,
  compareWithBaseline,
  findingKinds,
  parseBaseline,
  problemBaselineId,
  type BaselineComparison,
  type BaselineEntry,
  type BaselineKind,
  type GapBaseline,
} from "./baseline.ts";
export { HISTORY_CONFIDENCE, HISTORY_FORMAT, HISTORY_VERSION, type HistoryIndex, type HistoryRecord } from "./history.ts";
export { CONCENTRATION_Z, MIN_INCOMING, detectLinkConcentration } from "./concentration.ts";
export { MAX_DUPLICATES } from "./duplicates.ts";
export { LIBRARY_LISTS, receiveLibrary, sendLibraryParts, type LibraryHead, type LibraryList, type LibraryPart, type LibraryReceiver } from "./library-parts.ts";
