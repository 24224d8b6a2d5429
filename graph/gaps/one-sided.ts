// One-sided declarations: A generalizes_from B without B specializes_to A (or enables without
// requires, and the reverses), with the reciprocal as an automatic fix unless the pair is in a loop.
import type { GapFinding } from "../../core/gaps.ts";
import { INVERSE_LINK_TYPE, isKnownLinkType } from "../../core/model.ts";
import { domainOf, gapLinkOf, targetValue } from "./gap-links.ts";
import { type GapGraph, domainsOf, linkKey, pairKey } from "./gap-graph.ts";
import { declaresWords, placeOf, possessive, titleIn } from "./wording.ts";

export function detectOneSided(g: GapGraph, pairsInLoops: ReadonlySet<string>): GapFinding[] {
  return [...oneSidedFindings(g, pairsInLoops)];
}

/** The one-sided findings one at a time (most of a library's findings: a caller may keep each compact as it comes). */
export function* oneSidedFindings(g: GapGraph, pairsInLoops: ReadonlySet<string>): Generator<GapFinding> {
  const title = titleIn(g);
  for (const l of g.linkByKey.values()) {
    if (l.source === l.target || !isKnownLinkType(l.type)) continue;
    const inverse = INVERSE_LINK_TYPE[l.type];
    if (!inverse || g.linkByKey.has(linkKey(l.target, inverse, l.source))) continue;
    const a = g.bySlug.get(l.source);
    const b = g.bySlug.get(l.target);
    if (!a || !b) continue;
    const kind = l.type === "generalizes_from" || l.type === "specializes_to" ? "one-sided-lineage" : "one-sided-enables";
    const value = targetValue(g, b, a);
    const blocked = kind === "one-sided-lineage" && pairsInLoops.has(pairKey(a.slug, b.slug));
    yield {
      id: `${kind}:${linkKey(l.source, l.type, l.target)}`,
      kind,
      patterns: [a.slug, b.slug],
      links: [gapLinkOf(l)],
      evidence:
        `${declaresWords(title, l, title(b.slug))}, says ${placeOf(l.declaredIn, l.line)}, ` +
        `but ${possessive(title(b.slug))} file (${b.file}) does not say it back (that ${declaresWords(title, { source: b.slug, type: inverse }, title(a.slug))}).`,
      fix: blocked
        ? {
            description: `Not fixed automatically: the lineage between '${a.slug}' and '${b.slug}' loops; resolve that first (see the lineage findings).`,
            file: b.file,
          }
        : {
            description: `Add ${inverse}: ${value} to ${b.file}${value !== a.slug ? ` (${a.slug})` : ""}.`,
            file: b.file,
            edits: [
              {
                op: "add-link",
                file: b.file,
                source: b.slug,
                type: inverse,
                target: a.slug,
                value,
                ...(l.weight !== undefined ? { weight: l.weight } : {}),
              },
            ],
            automatic: true,
          },
      ...domainOf(a),
      domains: domainsOf([a, b]),
    };
  }
}

