// Dangling references: a declared target that matches no pattern, with the pattern most likely meant
// (targets.ts) and an honest fix (dangling-fix.ts); a target naming an unreadable file says so.
import { compareStrings } from "../../core/order.ts";
import type { GapFinding } from "../../core/gaps.ts";
import { type Reference, danglingFix } from "./dangling-fix.ts";
import { at, domainOf, gapLinkOfDangling, targetValue } from "./gap-links.ts";
import { type GapGraph, compareLinks, domainsOf, linkKey } from "./gap-graph.ts";
import { createTargetMatcher } from "./targets.ts";
import { danglingTargetWords, declaresWords, placeOf, titleIn } from "./wording.ts";
import type { ResolvedGapOptions } from "./types.ts";

export function detectDangling(g: GapGraph, opts: ResolvedGapOptions): GapFinding[] {
  const match = createTargetMatcher(g, opts);
  // A dangling slug may name a file that exists but could not be read: say so, it is the real fix.
  const brokenFiles = new Map<string, string>();
  for (const p of g.library.problems) {
    if (!p.fatal) continue;
    const base = p.file.split("/").pop()!.replace(/\.md$/i, "");
    if (!brokenFiles.has(base)) brokenFiles.set(base, `${at(p.file, p.line)}: ${p.message}`);
  }
  const references = new Map<string, Reference[]>();
  for (const d of g.library.dangling) {
    const list = references.get(d.target) ?? [];
    if (!list.some((r) => r.source === d.source && r.type === d.type)) list.push({ source: d.source, type: d.type, file: d.declaredIn });
    references.set(d.target, list);
  }
  const seen = new Set<string>();
  const out: GapFinding[] = [];
  const title = titleIn(g);
  const refs = [...g.library.dangling].sort(
    (a, b) => compareLinks(a, b) || (a.line ?? 0) - (b.line ?? 0) || compareStrings(a.declaredIn, b.declaredIn),
  );
  for (const d of refs) {
    const id = `dangling:${linkKey(d.source, d.type, d.target)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const source = g.bySlug.get(d.source);
    const candidates = match(d.target, d.form);
    const best = candidates[0];
    const broken = brokenFiles.get(d.target);
    let evidence = `${declaresWords(title, d, danglingTargetWords(d.target, d.form))}, in ${placeOf(d.declaredIn, d.line)}.`;
    if (broken) evidence += ` A file named ${d.target}.md exists but produced no pattern (${broken}).`;
    if (best) evidence += ` Most likely meant: ${best.title} (${best.reason}).`;
    let fix: GapFinding["fix"];
    if (broken) {
      fix = { action: "repair", description: `Repair the frontmatter of ${d.target}.md so the pattern it holds can be read.` };
    } else if (best && best.slug === d.target && d.form === "mapping") {
      fix = {
        action: "rewrite",
        description: `In ${d.declaredIn}, the mapping names '${d.target}' under a key that does not resolve it (e.g. \`id:\` holding a slug): write it as \`slug: ${d.target}\`.`,
        file: d.declaredIn,
      };
    } else {
      fix = danglingFix({ g, d, source, candidates, references: references.get(d.target) ?? [], valueFor: (editor, target) => targetValue(g, editor, target) });
    }
    out.push({
      id,
      kind: "dangling",
      patterns: [d.source],
      links: [gapLinkOfDangling(d)],
      evidence,
      fix,
      ...domainOf(source),
      domains: domainsOf([source]),
      ...(candidates.length ? { candidates } : {}),
    });
  }
  return out;
}

