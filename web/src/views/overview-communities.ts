// The overview's communities in words and colours: their names over the picture (region labels), their
// rows in the legend and the strip, and the colour of the node that stands for one in a large library.
import type { OverviewCommunity } from "../../../core/overview-wire.ts";
import type { RegionLabel } from "../graph/region-labels.ts";
import type { DomainScale } from "../graph/palette.ts";
import type { CommunityInfo } from "./view.ts";

const nf = new Intl.NumberFormat("en");

/** A community is named over the picture when it holds at least this many patterns (and REGION_MIN_SHARE of them). */
export const REGION_MIN_PATTERNS = 20;
const REGION_MIN_SHARE = 0.005;
/** A community without a domain holding this share of its members is drawn in this neutral colour. */
const MIXED_COLOR = "#7b8794";
const DOMINANT = 0.4;

const percent = (share: number): string => `${Math.max(1, Math.round(share * 100))}%`;

/** Its leading domains in words: "mostly governance" (half or more), else the two leading with their shares ("change-adaptation 9%, ethical-reasoning 6%"). */
export function communityDomains(community: OverviewCommunity): string {
  const [first, second] = community.domains;
  if (!first) return "no domain";
  if (first.share >= 0.5) return `mostly ${first.domain}`;
  return [first, second].filter((d) => d !== undefined).map((d) => `${d.domain} ${percent(d.share)}`).join(", ");
}

/** What sets it apart in a few words: its distinctive title words ("practice, identity"), or its domains when it has none. */
export function communityAbout(community: OverviewCommunity): string {
  return community.terms.length ? community.terms.join(", ") : communityDomains(community);
}

/** Its dominant domain's colour, or a neutral one when its domains are mixed. */
export function communityColor(community: OverviewCommunity, domains: DomainScale): string {
  const first = community.domains[0];
  return first && first.share >= DOMINANT ? domains.color(first.domain) : MIXED_COLOR;
}

export function communityInfos(communities: readonly OverviewCommunity[], domains: DomainScale): CommunityInfo[] {
  return communities.map((c) => ({ key: c.key, name: c.name, terms: c.terms.join(", "), domains: communityDomains(c), patterns: c.patterns, color: communityColor(c, domains) }));
}

/** The communities large enough to name over the picture of `linked` patterns. */
export function namedCommunities<C extends { patterns: number }>(communities: readonly C[], linked: number): C[] {
  const min = Math.max(REGION_MIN_PATTERNS, Math.ceil(linked * REGION_MIN_SHARE));
  return communities.filter((c) => c.patterns >= min);
}

/** Region labels for the named communities: the name, then "748 patterns · practice, identity" (its title words, or its domains). */
export function communityRegionLabels(communities: readonly OverviewCommunity[], linked: number): RegionLabel[] {
  return namedCommunities(communities, linked).map((c) => ({
    key: c.key,
    title: c.name,
    detail: `${nf.format(c.patterns)} patterns · ${communityAbout(c)}`,
    x: c.x,
    y: c.y,
    radius: c.radius,
    weight: c.patterns,
  }));
}
