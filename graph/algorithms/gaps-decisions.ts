// A maintainer's decisions about gap findings (`.pattern-atlas/decisions.yml` in the library): a
// finding judged intended or ignored stops counting as open work, stays listable on request, and a
// decision whose finding is gone is reported as stale. Written once for the CLI, the server and the view.
import type { GapFinding } from "../gap-analysis.ts";

/** What a maintainer may decide about a finding. */
export const GAP_DECISIONS = ["intended", "ignored"] as const;
export type GapDecisionValue = (typeof GAP_DECISIONS)[number];

export const isGapDecision = (s: string): s is GapDecisionValue => (GAP_DECISIONS as readonly string[]).includes(s);

/** Where the decisions live, relative to the library folder. */
export const DECISIONS_FILE = ".pattern-atlas/decisions.yml";

/** One decision as the file states it. */
export interface GapDecision {
  decision: GapDecisionValue;
  by: string;
  why: string;
  /** YYYY-MM-DD. */
  date: string;
  /** 1-based line of the finding's id in the file. */
  line: number;
}

/** A malformed part of the decisions file: skipped, reported with its line. */
export interface DecisionProblem {
  file: string;
  line?: number;
  message: string;
}

/** The decisions file as read: its valid entries by finding id, and what was wrong with the rest. */
export interface GapDecisions {
  /** The file relative to the library (DECISIONS_FILE), or null when the library has none. */
  file: string | null;
  entries: Map<string, GapDecision>;
  problems: DecisionProblem[];
}

/** How decided findings are listed: hidden (the default work queue), with the open ones, or alone. */
export const DECIDED_MODES = ["hide", "show", "only"] as const;
export type DecidedMode = (typeof DECIDED_MODES)[number];
export const isDecidedMode = (s: string): s is DecidedMode => (DECIDED_MODES as readonly string[]).includes(s);

/** Counts of the work queue. */
export interface DecisionCounts {
  /** Findings without a decision. */
  open: number;
  /** Findings with one. */
  decided: number;
  byDecision: Record<GapDecisionValue, number>;
}

/** A decision naming no current finding (fixed, or its id changed): the file can drop it. */
export interface StaleDecision {
  id: string;
  line: number;
  decision: GapDecisionValue;
}

export const noDecisions = (): GapDecisions => ({ file: null, entries: new Map(), problems: [] });

/** Counts the queue and lists the stale decisions (in file order). */
export function summariseDecisions(findings: readonly GapFinding[], decisions: GapDecisions): { counts: DecisionCounts; stale: StaleDecision[] } {
  const byDecision: Record<GapDecisionValue, number> = { intended: 0, ignored: 0 };
  const seen = new Set<string>();
  for (const f of findings) {
    const d = decisions.entries.get(f.id);
    if (!d) continue;
    byDecision[d.decision]++;
    seen.add(f.id);
  }
  const decided = byDecision.intended + byDecision.ignored;
  const stale = [...decisions.entries]
    .filter(([id]) => !seen.has(id))
    .map(([id, d]) => ({ id, line: d.line, decision: d.decision }))
    .sort((a, b) => a.line - b.line);
  return { counts: { open: findings.length - decided, decided, byDecision }, stale };
}

/** The findings a mode lists: without a decision (hide), all (show), or only the decided ones. */
export function applyDecidedMode(findings: readonly GapFinding[], decisions: GapDecisions, mode: DecidedMode): GapFinding[] {
  if (mode === "show" || decisions.entries.size === 0) return mode === "only" ? [] : [...findings];
  const wantDecided = mode === "only";
  return findings.filter((f) => decisions.entries.has(f.id) === wantDecided);
}
