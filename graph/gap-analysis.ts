// The gap analysis: what is missing or inconsistent in a library's declared links, each finding with
// its evidence and a fix a maintainer can apply. A plain function of a Library, so both stores (via
// `store.exportLibrary()`), the CLI and the server all get the same findings in the same order.
import type { FrontmatterGeneration, Library, LinkType, Slug, TargetForm } from "../core/model.ts";
import type { FixAction } from "./algorithms/gaps-candidates.ts";
import type { HistoryIndex } from "./algorithms/gaps-history.ts";
import { detectDeclarationGaps } from "./algorithms/gaps-declarations.ts";
import { joinFindings } from "./algorithms/gaps-join.ts";
import { detectShapeGaps } from "./algorithms/gaps-shape.ts";
import { detectSimilarityGaps } from "./algorithms/gaps-similarity.ts";
import { buildGapGraph } from "./algorithms/gaps-structure.ts";
import { detectLinkConcentration, type LinkConcentration } from "./algorithms/gaps-concentration.ts";

export { NO_DOMAIN } from "./algorithms/gaps-structure.ts";
import { compareStrings } from "./algorithms/gaps-text.ts";

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
      "A generalizes_from B without B specializes_to A in B's file, or A specializes_to B without B generalizes_from A.",
  },
  "one-sided-enables": {
    label: "One-sided enables/requires",
    description: "A enables B without B requires A in B's file, or A requires B without B enables A.",
  },
  "self-link": { label: "Self-links", description: "A pattern that declares a link to itself." },
  "contradictory-lineage": {
    label: "Contradictory lineage",
    description: "Two patterns each declared the parent of the other: a parent that is also a child.",
  },
  "lineage-cycle": {
    label: "Lineage cycles",
    description: "Three or more patterns whose parent -> child lineage loops back: a pattern is its own ancestor.",
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

export type GapCounts = Record<GapKind, number>;

export interface GapReport {
  library: { root: string; files: number; patterns: number; links: number; dangling: number; problems: number };
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

/** Analyse a whole library. Deterministic: the same library gives the same findings in the same order. */
export function analyseGaps(library: Library, options: GapOptions = {}): GapReport {
  const opts: ResolvedGapOptions = { ...DEFAULT_GAP_OPTIONS, ...definedOnly(options) };
  const g = buildGapGraph(library);
  const declarations = detectDeclarationGaps(g, opts);
  const similarity = detectSimilarityGaps(g, opts);
  const shape = detectShapeGaps(g, opts, similarity.similarTo);
  const findings = sortFindings(joinFindings([...declarations, ...similarity.findings, ...shape, ...detectLinkConcentration(library)]));
  const { previous, history, ...rest } = opts;
  return {
    library: {
      root: library.root,
      files: library.files,
      patterns: library.patterns.length,
      links: library.links.length,
      dangling: library.dangling.length,
      problems: library.problems.length,
    },
    options: {
      ...rest,
      previous: previous !== undefined,
      ...(history ? { history: { head: history.head, commits: history.commits.length } } : {}),
    },
    counts: countFindings(findings),
    countsByDomain: countByDomain(findings),
    suggestionsConsidered: similarity.suggestionsConsidered,
    duplicatesConsidered: similarity.duplicatesConsidered,
    findings,
  };
}

function definedOnly(o: GapOptions): GapOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as GapOptions;
}

const KIND_ORDER = new Map<string, number>(GAP_KINDS.map((k, i) => [k, i]));

/** Kind order, then score (highest first) where a kind is ranked, then id. */
export function sortFindings(findings: GapFinding[]): GapFinding[] {
  return findings.sort(
    (a, b) =>
      KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (b.score ?? 0) - (a.score ?? 0) || compareStrings(a.id, b.id),
  );
}

export function emptyCounts(): GapCounts {
  return Object.fromEntries(GAP_KINDS.map((k) => [k, 0])) as GapCounts;
}

export function countFindings(findings: readonly GapFinding[]): GapCounts {
  const counts = emptyCounts();
  for (const f of findings) counts[f.kind]++;
  return counts;
}

function countByDomain(findings: readonly GapFinding[]): Record<string, Partial<GapCounts>> {
  const out: Record<string, Partial<GapCounts>> = {};
  for (const f of findings) {
    for (const d of f.domains) {
      const c = (out[d] ??= {});
      c[f.kind] = (c[f.kind] ?? 0) + 1;
    }
  }
  return Object.fromEntries(Object.keys(out).sort(compareStrings).map((d) => [d, out[d]!]));
}

export interface GapFilter {
  kinds?: readonly GapKind[];
  domain?: string;
  pattern?: string;
}

/** Findings matching every given filter: any of `kinds`, a pattern in `domain` ("(none)": without one), involving `pattern`. */
export function filterFindings(findings: readonly GapFinding[], filter: GapFilter): GapFinding[] {
  const kinds = filter.kinds?.length ? new Set<string>(filter.kinds) : undefined;
  return findings.filter(
    (f) =>
      (!kinds || kinds.has(f.kind)) &&
      (filter.domain === undefined || f.domains.includes(filter.domain)) &&
      (filter.pattern === undefined || (f.patterns as string[]).includes(filter.pattern)),
  );
}

export { CSV_COLUMNS, csvField, describeLink, escapeMarkdown, exportFileName, findingsToCsv, findingsToMarkdown } from "./algorithms/gaps-export.ts";
export { CLOSE_SECOND, FIX_ACTIONS, REPLACE_CONFIDENCE } from "./algorithms/gaps-candidates.ts";
export type { FixAction } from "./algorithms/gaps-candidates.ts";
export { GAP_GROUP_BY, groupFindings, groupKey, isGapGroupBy } from "./algorithms/gaps-group.ts";
export type { GapGroup, GapGroupBy } from "./algorithms/gaps-group.ts";
import type { GapGroup, GapGroupBy } from "./algorithms/gaps-group.ts";
import type { GapsDecisionsInfo } from "./algorithms/gaps-queue-wire.ts";
export type { GapsDecisionsInfo, GapsPatchFile, GapsPatchResponse, GapsSelection, GapsWriteAccess } from "./algorithms/gaps-queue-wire.ts";
export { DECIDED_MODES, DECISIONS_FILE, GAP_DECISIONS, isDecidedMode } from "./algorithms/gaps-decisions.ts";
export type { DecidedMode, GapDecision, GapDecisions, GapDecisionValue } from "./algorithms/gaps-decisions.ts";
export type { MarkdownOptions } from "./algorithms/gaps-export.ts";

// ---------------------------------------------------------------------------------------------
// The wire shapes of GET /api/gaps (server/routes/gaps.ts), here so the explorer can import them as types.

/** Title, domain and file of every pattern a page of findings mentions, so a UI can label them. */
export interface GapPatternInfo {
  title: string;
  domain?: string;
  file: string;
}

/** The body of `GET /api/gaps`. */
export interface GapsResponse {
  library: GapReport["library"];
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
