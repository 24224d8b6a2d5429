// The gap analysis's wire contract: the kinds of finding, a finding's shape with its evidence and fix,
// and the bodies of the gaps routes and the work queue. Platform-free (imports only the model), so the
// analysis (graph/gaps/), the server and the explorer share one definition of each.
import type { FrontmatterGeneration, LinkType, Slug, TargetForm } from "./model.ts";

/** Every kind of finding, in the order reports list them (most actionable first). */
export const GAP_KINDS = [
  "dangling",
  "one-sided-lineage",
  "one-sided-enables",
  "self-link",
  "contradictory-lineage",
  "lineage-cycle",
  "likely-duplicate",
  "orphan",
  "island",
  "suggested-link",
  "link-concentration",
] as const;
export type GapKind = (typeof GAP_KINDS)[number];

export const isGapKind = (s: string): s is GapKind => (GAP_KINDS as readonly string[]).includes(s);

/** One line per kind, for UIs and reports. */
export const GAP_KIND_INFO: Readonly<Record<GapKind, { label: string; description: string }>> = {
  dangling: {
    label: "Dangling references",
    description: "A declared link whose target matches no pattern (a stale id, or a slug or title never created).",
  },
  "one-sided-lineage": {
    label: "One-sided lineage",
    description:
      "A's file says it is a variant of B, but B's file does not list A among its variants; or A's file lists B as its variant, but B's file does not say it is a variant of A.",
  },
  "one-sided-enables": {
    label: "One-sided enables/requires",
    description: "A's file says A enables B, but B's file does not say B requires A; or A's file says A requires B, but B's file does not say B enables A.",
  },
  "self-link": { label: "Self-links", description: "A pattern that declares a link to itself." },
  "contradictory-lineage": {
    label: "Contradictory lineage",
    description: "Two patterns each declared the parent of the other: a parent that is also a child.",
  },
  "lineage-cycle": {
    label: "Lineage cycles",
    description: "Three or more patterns whose lineage, parent to child, loops back: a pattern is its own ancestor.",
  },
  "likely-duplicate": {
    label: "Likely duplicates",
    description:
      "Two patterns with (nearly) the same title or slug, or a pattern and its \"X - variant\" twin, with no lineage link between them.",
  },
  orphan: { label: "Orphans", description: "A pattern with no resolved link in either direction." },
  island: {
    label: "Islands",
    description: "A small group of patterns linked only among themselves, cut off from the rest of the library.",
  },
  "suggested-link": {
    label: "Suggested links",
    description:
      "Two unlinked patterns that share many neighbours (Adamic-Adar) or a domain and vocabulary; ranked by score.",
  },
  "link-concentration": {
    label: "Link concentration",
    description:
      "A pattern whose incoming links are an outlier for the library (robust z-score of in-degree on the log scale), with the spread of its sources and the first-letter skew of such patterns.",
  },
};

/** The domain filter's name for "no domain". */
export const NO_DOMAIN = "(none)";

/**
 * What a fix does by default (its `edits`); the other options are in `choices`. "choose": no default
 * (a dangling reference without a clear candidate, a lineage loop's cut).
 */
export const FIX_ACTIONS = ["replace", "choose", "create", "repair", "rewrite", "remove"] as const;
export type FixAction = (typeof FIX_ACTIONS)[number];

/** The evidence of one link-concentration finding. */
export interface LinkConcentration {
  /** Distinct patterns linking to it. */
  incoming: number;
  /** Distinct domains and folders among those sources. */
  domains: number;
  folders: number;
  /** Median in-degree of the patterns that have any incoming link. */
  median: number;
  /** The in-degree above which a pattern is concentrated. */
  threshold: number;
  /** Its slug's first letter, how many concentrated patterns share it, and how many there are. */
  letter: string;
  sameLetter: number;
  hubs: number;
}

/** A declared link a finding is about. */
export interface GapLink {
  source: Slug;
  type: LinkType;
  /** The target's slug when it resolved; the target exactly as written when it dangles. */
  target: string;
  dangling: boolean;
  /** For a dangling target: how it was written (id, slug, title, mapping). */
  form?: TargetForm;
  weight?: number;
  /** File (relative to the library root) whose frontmatter declares the link, and the 1-based line. */
  declaredIn: string;
  line?: number;
}

/** A change to one file that would close the gap; `npm run gaps -- --fix-reciprocal` writes the add-link ones. */
export type GapEdit =
  | {
      op: "add-link";
      file: string;
      /** The pattern whose file gets the new declaration. */
      source: Slug;
      type: LinkType;
      target: Slug;
      /** What to write as the target: the TypeID in a generation-1 file (when unique), else the slug. */
      value: string;
      weight?: number;
    }
  | {
      op: "replace-target";
      file: string;
      line?: number;
      source: Slug;
      type: LinkType;
      from: string;
      /** As written into the file: a TypeID (generation 1, for an id) or a slug. */
      to: string;
      /** The pattern `to` names. */
      slug?: Slug;
    }
  | { op: "remove-link"; file: string; line?: number; source: Slug; type: LinkType; target: string }
  | {
      op: "create-pattern";
      /** The new file, relative to the library root: the folder most of its referencing files are in. */
      file: string;
      slug: Slug;
      title: string;
      /** The frontmatter generation most of its referencing files use. */
      generation: FrontmatterGeneration;
      /** The whole stub file: frontmatter declaring each reference back, and a comment naming who referenced it. */
      text: string;
      referencedBy: Slug[];
    };

/** One way to settle a finding, for a maintainer to pick: what it does, how sure the analysis is, and why. */
export interface GapChoice {
  label: string;
  /** For a replacement: the pattern the reference would point to. */
  target?: Slug;
  /** 0..1 for a replacement target (the candidate's score); absent for create and remove. */
  confidence?: number;
  reason: string;
  edits: GapEdit[];
}

export interface GapFix {
  description: string;
  /** The file to edit, when one file is enough. */
  file?: string;
  /** The default edits: what applying the fix without choosing does (never a removal of a reference someone meant). */
  edits?: GapEdit[];
  /** True when `--fix-reciprocal` writes this fix into the patch. */
  automatic?: boolean;
  /**
   * For dangling references: what `edits` do (replace, create, repair, rewrite, remove), or "choose"
   * when no option is confident and clear of the next one, so there are no default edits.
   */
  action?: FixAction;
  /** Every option, the default first when there is one; ties and close seconds are only here. */
  choices?: GapChoice[];
}

/** A pattern a finding proposes (the likely intended target of a dangling link, a link for an orphan). */
export interface GapCandidate {
  slug: Slug;
  title: string;
  /** 0..1 for target matches (the confidence that it was meant); the ranking score otherwise. */
  score: number;
  reason: string;
  /** "history": found in the library's git history (a file that carried the stale id, slug or title). */
  via?: "history";
}

export interface GapFinding {
  /** Stable across runs and reloads while the underlying facts stay: `${kind}:${key}`. */
  id: string;
  kind: GapKind;
  /** The patterns involved, primary first (the declaring pattern, the pair, or the members sorted). */
  patterns: Slug[];
  /** The declared links the finding is about (empty for orphans and suggestions). */
  links: GapLink[];
  /** Human-readable: what was found and why it is a gap. */
  evidence: string;
  fix: GapFix;
  /** Ranking score for likely-duplicate (similarity 0..1) and suggested-link (higher first). */
  score?: number;
  /** The primary pattern's domain (for islands, the most common one). */
  domain?: string;
  /** Every domain among `patterns`, sorted ("(none)" for a pattern without one); the `domain` filter matches any. */
  domains: string[];
  candidates?: GapCandidate[];
  /** For link-concentration: the numbers behind the finding. */
  concentration?: LinkConcentration;
  /**
   * Findings this one settles too and that are not listed on their own: a one-sided declaration
   * whose missing half is this stale reference (its id still counts for baselines and --fail-on).
   */
  joined?: GapFinding[];
  /** For a lineage loop: the declared links its fix proposes to cut (the edges a view draws as cut). */
  cut?: GapLink[];
}

export type GapCounts = Record<GapKind, number>;

/** The library a report or an answer is about. */
export interface GapLibrarySummary {
  root: string;
  files: number;
  patterns: number;
  links: number;
  dangling: number;
  problems: number;
}

/** What findings can be grouped by. */
/** The most findings one patch (POST /api/gaps/patch, /apply) takes. */
export const MAX_SELECTION = 5_000;

export const GAP_GROUP_BY = ["target", "file", "pattern", "kind"] as const;
export type GapGroupBy = (typeof GAP_GROUP_BY)[number];

export const isGapGroupBy = (s: string): s is GapGroupBy => (GAP_GROUP_BY as readonly string[]).includes(s);

export interface GapGroup {
  key: string;
  count: number;
  /** The kinds among the group's findings, in report order. */
  kinds: GapKind[];
  /** The group's first finding in report order. */
  sample: GapFinding;
}

/** What a maintainer may decide about a finding. */
export const GAP_DECISIONS = ["intended", "ignored"] as const;
export type GapDecisionValue = (typeof GAP_DECISIONS)[number];

export const isGapDecision = (s: string): s is GapDecisionValue => (GAP_DECISIONS as readonly string[]).includes(s);

/** A malformed part of the decisions file: skipped, reported with its line. */
export interface DecisionProblem {
  file: string;
  line?: number;
  message: string;
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

/** Title, domain and file of every pattern a page of findings mentions, so a UI can label them. */
export interface GapPatternInfo {
  title: string;
  domain?: string;
  file: string;
}

/** The body of `GET /api/gaps`. */
export interface GapsResponse {
  library: GapLibrarySummary;
  /** Library version the analysis ran on (changes when the server reloads the library). */
  version: number;
  filter: { kinds: GapKind[]; domain?: string; pattern?: string };
  /** Findings per kind in the whole library (no filter, decided ones included). */
  counts: GapCounts;
  /** The work queue: open and decided findings under the domain/pattern filters, stale decisions, the page's decisions. */
  decisions: GapsDecisionsInfo;
  /** Findings per kind under the domain, pattern and decided filters (the kind filter not applied): the tab counts. */
  filteredCounts: GapCounts;
  /** Findings matching every filter, before paging. */
  total: number;
  offset: number;
  limit: number;
  findings: GapFinding[];
  /** Every slug in this page's findings (patterns and candidates) with its title, domain and file. */
  patterns: Record<string, GapPatternInfo>;
  /** The kinds in report order, with a label and a one-line description. */
  kinds: { kind: GapKind; label: string; description: string }[];
  /** Domains that have findings (for a filter menu), "(none)" for patterns without a domain. */
  domains: string[];
  /** How long the (cached) analysis took when it ran. */
  analysisMs: number;
}

/** The body of `GET /api/gaps?groupBy=...`: a page of groups of the matching findings instead of findings. */
export interface GapsGroupsResponse extends Omit<GapsResponse, "findings"> {
  groupBy: GapGroupBy;
  /** Groups of the matching findings, before paging (`total` still counts findings). */
  totalGroups: number;
  groups: GapGroup[];
}

/** The body of `GET /api/gaps/export.json`: every matching finding, no paging (and every group with `groupBy`). */
export type GapsExport = Omit<GapsResponse, "offset" | "limit" | "analysisMs"> & { groupBy?: GapGroupBy; groups?: GapGroup[] };
