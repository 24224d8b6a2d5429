// The wire shapes of the gaps work queue (decisions in every gaps answer, the selection's patch, the
// apply), here so the server writes them and the explorer imports them as types.
import type { GapFinding } from "../gap-analysis.ts";
import type { DecidedMode, DecisionCounts, DecisionProblem, GapDecisionValue, StaleDecision } from "./gaps-decisions.ts";

/** The `decisions` part of every gaps answer: the queue's progress under the domain/pattern filters. */
export interface GapsDecisionsInfo extends DecisionCounts {
  /** The decisions file relative to the library, or null when there is none (or no library folder). */
  file: string | null;
  mode: DecidedMode;
  /** Decisions naming no current finding (the first 100), and how many there are. */
  stale: StaleDecision[];
  staleCount: number;
  /** Malformed entries of the file, skipped (the first 100). */
  problems: DecisionProblem[];
  /** The decision of each decided finding in this answer, by id. */
  entries: Record<string, { decision: GapDecisionValue; by: string; why: string; date: string }>;
}

/** What the gaps thread answers for a list of finding ids. */
export interface GapsSelection {
  findings: GapFinding[];
  /** Ids that match no finding of the library now (fixed, or never there). */
  unknown: string[];
  /** Ids among `findings` that carry a decision. */
  decided: string[];
}

/** One file a patch changes, as `git diff --stat` counts it. */
export interface GapsPatchFile {
  file: string;
  added: number;
  removed: number;
  /** The finding ids whose fix this file carries. */
  findings: string[];
}

/** The body of `POST /api/gaps/patch` and `POST /api/gaps/apply`. */
export interface GapsPatchResponse {
  /** The unified diff (a/ and b/ prefixes, paths relative to the library); empty when nothing to write. */
  diff: string;
  files: GapsPatchFile[];
  /** Selected findings whose fix the patch writes. */
  fixed: string[];
  /** Selected findings without an automatic fix (only one-sided declarations have one). */
  manual: string[];
  /** Selected ids that match no finding now. */
  unknown: string[];
  /** Files whose list could not be edited safely, with why. */
  skipped: { file: string; findingIds: string[]; reason: string }[];
  /** Only for apply: true once the files are written. */
  applied?: boolean;
}

/** The body of `GET /api/gaps/write-access`: whether Apply is possible, and the token it needs. */
export type GapsWriteAccess = { allowed: true; token: string; header: string } | { allowed: false; reason: string };
