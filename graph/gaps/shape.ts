// Findings about the shape of the graph: orphans (patterns with no resolved link) and islands (small
// groups linked only among themselves), each with the patterns they most plausibly belong with.
import type { Slug } from "../../core/model.ts";
import { compareStrings } from "../../core/order.ts";
import type { GapFinding } from "../../core/gaps.ts";
import { gapLinkOf } from "./gap-links.ts";
import { titleList } from "./wording.ts";
import { type GapGraph, compareLinks, connectedComponents, domainsOf } from "./gap-graph.ts";
import type { SimilarTo } from "./vocabulary.ts";
import type { ResolvedGapOptions } from "./types.ts";

export function detectShapeGaps(g: GapGraph, opts: ResolvedGapOptions, similarTo: SimilarTo): GapFinding[] {
  const out: GapFinding[] = [];
  const danglingBySource = new Map<string, number>();
  for (const d of g.library.dangling) danglingBySource.set(d.source, (danglingBySource.get(d.source) ?? 0) + 1);

  const components = connectedComponents(g);
  // A loop, not Math.max(...sizes): at a hundred times the library the components are too many to spread onto the stack.
  let largest = 0;
  for (const c of components) if (c.length > largest) largest = c.length;
  // The biggest component is the library's main body, never an island, even in a tiny library.
  const mainIndex = components.findIndex((c) => c.length === largest);

  components.forEach((members, index) => {
    if (members.length === 1) {
      const slug = members[0]!;
      const p = g.bySlug.get(slug)!;
      const dangling = danglingBySource.get(slug) ?? 0;
      const candidates = similarTo(slug, 3, new Set());
      const hint = dangling
        ? ` It declares ${dangling} link${dangling > 1 ? "s" : ""} whose target${dangling > 1 ? "s do" : " does"} not exist (see its dangling findings).`
        : "";
      out.push({
        id: `orphan:${slug}`,
        kind: "orphan",
        patterns: [slug as Slug],
        links: [],
        evidence: `${p.title || slug} (${p.file}) has no resolved link: it declares none that resolve and no pattern links to it.${hint}`,
        fix: {
          description: candidates.length
            ? `Link it where it belongs, e.g. to ${titleList(candidates.map((c) => c.title))} (similar titles and summaries).`
            : `Link it where it belongs in ${p.file}, or remove it if it is not a pattern of this library.`,
          file: p.file,
        },
        ...(p.domain ? { domain: p.domain } : {}),
        domains: domainsOf([p]),
        ...(candidates.length ? { candidates } : {}),
      });
      return;
    }
    if (index === mainIndex || members.length > opts.maxIslandSize) return;
    const set = new Set(members);
    const ps = members.map((m) => g.bySlug.get(m)!);
    const pairs = new Set<string>();
    const links = [];
    for (const m of members) {
      for (const n of g.neighbours.get(m)!) if (m < n) pairs.add(`${m}|${n}`);
    }
    for (const pk of pairs) links.push(...(g.linksByPair.get(pk) ?? []));
    links.sort(compareLinks);
    // The island's patterns most similar to patterns outside it: where a bridge would most likely go.
    const candidates = members
      .flatMap((m) => similarTo(m, 2, set).map((c) => ({ ...c, reason: `${c.reason} (like ${g.bySlug.get(m)?.title || m})` })))
      .sort((a, b) => b.score - a.score || compareStrings(a.slug, b.slug))
      .filter((c, i, all) => all.findIndex((x) => x.slug === c.slug) === i)
      .slice(0, 3);
    const domain = mostCommon(ps.map((p) => p.domain).filter((d): d is string => d !== undefined));
    out.push({
      id: `island:${members.join(",")}`,
      kind: "island",
      patterns: members as Slug[],
      links: links.map(gapLinkOf),
      evidence: `${members.length} patterns (${titleList(ps.map((p) => p.title || p.slug))}) are linked only among themselves (${pairs.size} linked pair${pairs.size > 1 ? "s" : ""}); nothing connects them to the rest of the library.`,
      fix: {
        description: candidates.length
          ? `Connect the group to the library, e.g. to ${titleList(candidates.map((c) => c.title))}.`
          : "Connect the group to the rest of the library where it belongs.",
      },
      ...(domain ? { domain } : {}),
      domains: domainsOf(ps),
      ...(candidates.length ? { candidates } : {}),
    });
  });
  return out;
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, c] of counts) {
    if (best === undefined || c > counts.get(best)! || (c === counts.get(best)! && v < best)) best = v;
  }
  return best;
}
