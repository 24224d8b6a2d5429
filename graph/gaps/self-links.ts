// Self-links: a pattern that declares a link to itself, as a link or as ingest's self-link problem.
import type { GapFinding } from "../../core/gaps.ts";
import { domainOf, gapLinkOf, lineOf } from "./gap-links.ts";
import { type GapGraph, domainsOf, linkKey } from "./gap-graph.ts";
import { declaresWords, placeOf, titleIn } from "./wording.ts";

export function detectSelfLinks(g: GapGraph): GapFinding[] {
  const out: GapFinding[] = [];
  const seen = new Set<string>();
  for (const l of g.linkByKey.values()) {
    if (l.source !== l.target) continue;
    const id = `self-link:${linkKey(l.source, l.type, l.target)}`;
    seen.add(`${l.declaredIn}\u0000${l.line ?? ""}`);
    const p = g.bySlug.get(l.source);
    out.push({
      id,
      kind: "self-link",
      patterns: [l.source],
      links: [gapLinkOf(l)],
      evidence: `${declaresWords(titleIn(g), l, "itself")}, in ${placeOf(l.declaredIn, l.line)}.`,
      fix: {
        description: `Remove '${l.target}' from ${l.type} in ${l.declaredIn}.`,
        file: l.declaredIn,
        edits: [{ op: "remove-link", file: l.declaredIn, ...lineOf(l.line), source: l.source, type: l.type, target: l.target }],
      },
      ...domainOf(p),
      domains: domainsOf([p]),
    });
  }
  // Ingest reports self-links it did not keep as links as problems; they are the same gap.
  const byFile = new Map(g.patterns.map((p) => [p.file, p]));
  for (const prob of g.library.problems) {
    if (prob.kind !== "self-link") continue;
    const p = byFile.get(prob.file);
    if (!p || seen.has(`${prob.file}\u0000${prob.line ?? ""}`)) continue;
    seen.add(`${prob.file}\u0000${prob.line ?? ""}`);
    const type = /\b([a-z][a-z0-9_]*_[a-z0-9_]+|enables|requires|related|alternatives|complementary|tools)\b/.exec(prob.message)?.[1];
    out.push({
      id: `self-link:${p.slug}|${type ?? "link"}|${p.slug}${prob.line ? `@${prob.line}` : ""}`,
      kind: "self-link",
      patterns: [p.slug],
      links: type
        ? [{ source: p.slug, type, target: p.slug, dangling: false, declaredIn: prob.file, ...lineOf(prob.line) }]
        : [],
      evidence: `${placeOf(prob.file, prob.line)}: ${prob.message}`,
      fix: {
        description: `Remove the reference to '${p.slug}' itself${type ? ` from ${type}` : ""} in ${prob.file}.`,
        file: prob.file,
        ...(type
          ? { edits: [{ op: "remove-link", file: prob.file, ...lineOf(prob.line), source: p.slug, type, target: p.slug }] }
          : {}),
      },
      ...domainOf(p),
      domains: domainsOf([p]),
    });
  }
  return out;
}

