// Colour and size encodings shared by every view: domain -> colour (d3 ordinal scale, stable across
// views because it is built from the library-wide domain counts), link type -> colour, degree -> size.
import { scaleOrdinal, scaleSqrt, type ScaleOrdinal } from "d3-scale";
import { linkTypeRank, type KnownLinkType } from "../../../core/link-types.ts";
import { linkTypeWords } from "../../../core/path-wording.ts";

const LINK_COLORS: Record<KnownLinkType, string> = {
  generalizes_from: "#7c3aed",
  specializes_to: "#c026d3",
  enables: "#16a34a",
  requires: "#ea580c",
  related: "#64748b",
  alternatives: "#dc2626",
  complementary: "#0891b2",
  tools: "#ca8a04",
};
const EXTRA_LINK_COLORS = ["#db2777", "#2563eb", "#65a30d", "#9333ea", "#0d9488", "#b45309"];

/**
 * Human wording for a link type read from either end: "A enables B" / "B is enabled by A". The
 * explorer's own short labels (panel headings, edge labels); the API's sentences word links
 * otherwise ("is a variant of": core/path-wording.ts linkVerb), so these stay here.
 */
const LINK_WORDS: Record<string, { out: string; in: string }> = {
  generalizes_from: { out: "generalizes from", in: "generalization of" },
  specializes_to: { out: "specializes to", in: "specialization of" },
  enables: { out: "enables", in: "enabled by" },
  requires: { out: "requires", in: "required by" },
  related: { out: "related to", in: "related to" },
  alternatives: { out: "alternative to", in: "alternative to" },
  complementary: { out: "complements", in: "complemented by" },
  tools: { out: "uses as a tool", in: "tool for" },
};

export function linkWording(type: string, direction: "out" | "in"): string {
  return LINK_WORDS[type]?.[direction] ?? (direction === "out" ? linkTypeWords(type) : `${linkTypeWords(type)} (from)`);
}

/** Sorts link types: known ones in their canonical order (KNOWN_LINK_TYPES), then unknown ones alphabetically. */
export function sortLinkTypes(types: Iterable<string>): string[] {
  return [...new Set(types)].sort((a, b) => linkTypeRank(a) - linkTypeRank(b) || a.localeCompare(b));
}

const extraTypeColors = new Map<string, string>();

export function linkTypeColor(type: string): string {
  const known = LINK_COLORS[type as keyof typeof LINK_COLORS];
  if (known) return known;
  let color = extraTypeColors.get(type);
  if (!color) {
    color = EXTRA_LINK_COLORS[extraTypeColors.size % EXTRA_LINK_COLORS.length]!;
    extraTypeColors.set(type, color);
  }
  return color;
}

/** Distinct hues for the most common domains; rarer domains share the "other" grey. */
const DOMAIN_PALETTE = [
  "#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5",
  "#9c6b4e", "#e15759", "#17becf", "#bcbd22", "#b07aa1", "#f28e2b", "#2f9e8f", "#d4a6c8",
  "#8cd17d", "#5778a4", "#e49444", "#d37295", "#6f4e7c", "#b6992d", "#499894", "#c85200",
];
export const OTHER_DOMAIN_COLOR = "#9aa0ab";
export const NO_DOMAIN = "(no domain)";
/** The legend's row (and the overview's filter) for every domain without a colour of its own. */
export const OTHER_DOMAINS = "(other domains)";

export interface DomainScale {
  color(domain: string | undefined): string;
  /** Domains with their own colour, most common first, with their pattern counts. */
  named: { domain: string; color: string; count: number }[];
  otherCount: number;
  otherDomains: number;
}

/** Builds the library-wide domain colours from `stats.domains` so every view agrees. */
export function createDomainScale(domainCounts: Record<string, number>): DomainScale {
  const ranked = Object.entries(domainCounts)
    .filter(([domain]) => domain && domain !== NO_DOMAIN)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const named = ranked.slice(0, DOMAIN_PALETTE.length);
  const scale: ScaleOrdinal<string, string, string> = scaleOrdinal<string, string>()
    .domain(named.map(([d]) => d))
    .range(DOMAIN_PALETTE)
    .unknown(OTHER_DOMAIN_COLOR);
  const rest = ranked.slice(DOMAIN_PALETTE.length);
  return {
    color: (domain) => (domain ? scale(domain) : OTHER_DOMAIN_COLOR),
    named: named.map(([domain, count]) => ({ domain, count, color: scale(domain) })),
    otherCount: rest.reduce((sum, [, n]) => sum + n, 0),
    otherDomains: rest.length,
  };
}

/** Node radius (screen pixels at zoom 1) from degree; square-root so area tracks degree. */
export function createSizeScale(maxDegree: number, range: [number, number]): (degree: number) => number {
  const scale = scaleSqrt().domain([0, Math.max(1, maxDegree)]).range(range).clamp(true);
  return (degree) => scale(degree);
}

/** `#rrggbb` plus an alpha in [0,1] as an rgba() string sigma understands. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1]!, 16)},${parseInt(m[2]!, 16)},${parseInt(m[3]!, 16)},${alpha})`;
}

/** Mixes `hex` towards `toward` by `amount` (0 = hex, 1 = toward): used to fade without alpha. */
export function mix(hex: string, toward: string, amount: number): string {
  const parse = (c: string) => {
    const m = /^#([0-9a-f]{6})$/i.exec(c);
    const v = m ? parseInt(m[1]!, 16) : 0x999999;
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255] as const;
  };
  const a = parse(hex);
  const b = parse(toward);
  const out = a.map((x, i) => Math.round(x + (b[i]! - x) * amount));
  return `#${out.map((x) => x.toString(16).padStart(2, "0")).join("")}`;
}
