// A maintainer's decisions about gap findings (`.pattern-atlas/decisions.yml` in the library): a
// finding judged intended or ignored stops counting as open work, stays listable on request, and a
// decision whose finding is gone is reported as stale. Written once for the CLI, the server and the view.
import type { DecidedMode, DecisionCounts, DecisionProblem, GapDecisionValue, GapFinding, StaleDecision } from "../../core/gaps.ts";

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

/** The decisions file as read: its valid entries by finding id, and what was wrong with the rest. */
export interface GapDecisions {
  /** The file relative to the library (DECISIONS_FILE), or null when the library has none. */
  file: string | null;
  entries: Map<string, GapDecision>;
  problems: DecisionProblem[];
}

export const noDecisions = (): GapDecisions => ({ file: null, entries: new Map(), problems: [] });

/** Counts the queue and lists the stale decisions (in file order). */
export function summariseDecisions(findings: readonly GapFinding[], decisions: GapDecisions): { counts: DecisionCounts; stale: StaleDecision[] } {
  return summariseDecidedIds(findings.length, (i) => findings[i]!.id, decisions);
}

/** summariseDecisions over `count` findings named by `idAt` (packed findings are not objects). */
export function summariseDecidedIds(count: number, idAt: (i: number) => string, decisions: GapDecisions): { counts: DecisionCounts; stale: StaleDecision[] } {
  const byDecision: Record<GapDecisionValue, number> = { intended: 0, ignored: 0 };
  const seen = new Set<string>();
  if (decisions.entries.size > 0) {
    for (let i = 0; i < count; i++) {
      const id = idAt(i);
      const d = decisions.entries.get(id);
      if (!d) continue;
      byDecision[d.decision]++;
      seen.add(id);
    }
  }
  const decided = byDecision.intended + byDecision.ignored;
  const stale = [...decisions.entries]
    .filter(([id]) => !seen.has(id))
    .map(([id, d]) => ({ id, line: d.line, decision: d.decision }))
    .sort((a, b) => a.line - b.line);
  return { counts: { open: count - decided, decided, byDecision }, stale };
}

/** The findings a mode lists: without a decision (hide), all (show), or only the decided ones. */
export function applyDecidedMode(findings: readonly GapFinding[], decisions: GapDecisions, mode: DecidedMode): GapFinding[] {
  if (mode === "show" || decisions.entries.size === 0) return mode === "only" ? [] : [...findings];
  const wantDecided = mode === "only";
  return findings.filter((f) => decisions.entries.has(f.id) === wantDecided);
}
