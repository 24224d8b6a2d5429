// Findings about the declarations themselves: dangling targets, one-sided inverse declarations,
// self-links, and lineage that contradicts itself (mutual parents, loops).
import { INVERSE_LINK_TYPE, isKnownLinkType } from "../../core/model.ts";
import type { DanglingRef, Link, Pattern, Slug } from "../../core/model.ts";
import { compareStrings } from "../../core/order.ts";
import type { GapFinding, GapLink } from "../../core/gaps.ts";
import { type Reference, danglingFix } from "./dangling-fix.ts";
import { type EdgeFilter, type GapGraph, compareLinks, domainsOf, lineageLoops, linkKey, pairKey, shortestLoopThrough } from "./gap-graph.ts";
import { createTargetMatcher } from "./targets.ts";
import type { ResolvedGapOptions } from "./types.ts";


export function gapLinkOf(l: Link): GapLink {
  return {
    source: l.source,
    type: l.type,
    target: l.target,
    dangling: false,
    ...(l.weight !== undefined ? { weight: l.weight } : {}),
    declaredIn: l.declaredIn,
    ...(l.line !== undefined ? { line: l.line } : {}),
  };
}

function gapLinkOfDangling(d: DanglingRef): GapLink {
  return {
    source: d.source,
    type: d.type,
    target: d.target,
    dangling: true,
    form: d.form,
    ...(d.weight !== undefined ? { weight: d.weight } : {}),
    declaredIn: d.declaredIn,
    ...(d.line !== undefined ? { line: d.line } : {}),
  };
}

/** `file:line`, or the file alone when the line is unknown. */
export const at = (file: string, line?: number): string => (line ? `${file}:${line}` : file);

/** How to write `target` as a link target in `editor`'s file: its TypeID in generation 1 when unique, else its slug. */
export function targetValue(g: GapGraph, editor: Pattern, target: Pattern): string {
  if (editor.generation === 1 && target.id && g.idCount.get(target.id) === 1) return target.id;
  return target.slug;
}

export function detectDeclarationGaps(g: GapGraph, opts: ResolvedGapOptions): GapFinding[] {
  const loops = detectLineageLoops(g);
  return [...detectDangling(g, opts), ...detectOneSided(g, loops.pairsInLoops), ...detectSelfLinks(g), ...loops.findings];
}

function detectDangling(g: GapGraph, opts: ResolvedGapOptions): GapFinding[] {
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
    let evidence = `'${d.source}' declares ${d.type}: ${d.target} (written as ${articleFor(d.form)}) at ${at(d.declaredIn, d.line)}, and no pattern has that ${d.form === "mapping" ? "slug, id or title" : d.form}.`;
    if (broken) evidence += ` A file named ${d.target}.md exists but produced no pattern (${broken}).`;
    if (best) evidence += ` Most likely meant: '${best.slug}' ("${best.title}"): ${best.reason}.`;
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

const articleFor = (form: string): string => (form === "id" ? "an id" : `a ${form}`);
const lineOf = (line?: number): { line?: number } => (line !== undefined ? { line } : {});
const domainOf = (p?: Pattern): { domain?: string } => (p?.domain ? { domain: p.domain } : {});

const MEANING: Record<string, (a: string, b: string) => string> = {
  generalizes_from: (a, b) => `'${b}' is the parent of '${a}'`,
  specializes_to: (a, b) => `'${b}' is a child of '${a}'`,
  enables: (a, b) => `'${a}' enables '${b}'`,
  requires: (a, b) => `'${a}' requires '${b}'`,
};

function detectOneSided(g: GapGraph, pairsInLoops: ReadonlySet<string>): GapFinding[] {
  const out: GapFinding[] = [];
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
    out.push({
      id: `${kind}:${linkKey(l.source, l.type, l.target)}`,
      kind,
      patterns: [a.slug, b.slug],
      links: [gapLinkOf(l)],
      evidence:
        `'${a.slug}' declares ${l.type}: ${l.target} at ${at(l.declaredIn, l.line)} (${MEANING[l.type]!(a.slug, b.slug)}), ` +
        `but ${b.file} does not declare the inverse ${inverse}: ${a.slug}.`,
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
    });
  }
  return out;
}

function detectSelfLinks(g: GapGraph): GapFinding[] {
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
      evidence: `'${l.source}' declares ${l.type}: ${l.target} (itself) at ${at(l.declaredIn, l.line)}.`,
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
      evidence: `${at(prob.file, prob.line)}: ${prob.message}`,
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

/**
 * Parent -> child edges whose removal leaves the loop's patterns without any loop: the back edges of
 * a depth-first search in slug order (deterministic, small in practice, not guaranteed minimal).
 */
function loopBreakingEdges(g: GapGraph, members: readonly string[], skip: EdgeFilter): { parent: string; child: string }[] {
  const inLoop = new Set(members);
  const state = new Map<string, 1 | 2>();
  const cut: { parent: string; child: string }[] = [];
  for (const start of members) {
    if (state.has(start)) continue;
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 1);
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const kids = (g.children.get(frame.node) ?? []).filter((k) => inLoop.has(k) && !skip(frame.node, k));
      if (frame.next >= kids.length) {
        state.set(frame.node, 2);
        stack.pop();
        continue;
      }
      const k = kids[frame.next++]!;
      const seen = state.get(k);
      if (seen === 1) cut.push({ parent: frame.node, child: k });
      else if (seen === undefined) {
        state.set(k, 1);
        stack.push({ node: k, next: 0 });
      }
    }
  }
  return cut;
}

/** "'b' generalizes_from a (b.md:12)" for each declaration of a lineage edge. */
function describeDeclarations(links: readonly Link[]): string {
  return links.map((l) => `${l.source} ${l.type}: ${l.target} (${at(l.declaredIn, l.line)})`).join("; ");
}

/**
 * Mutual parent/child pairs are "contradictory-lineage"; loops through three or more patterns that
 * remain once those pairs are set aside are "lineage-cycle". Both kinds block the automatic
 * reciprocal fix for their lineage links, which would only repeat the contradiction in more files.
 */
function detectLineageLoops(g: GapGraph): { findings: GapFinding[]; pairsInLoops: Set<string> } {
  const findings: GapFinding[] = [];
  const pairsInLoops = new Set<string>();
  const mutual = new Set<string>();
  for (const e of g.lineage.values()) {
    if (!g.lineage.has(`${e.child}|${e.parent}`)) continue;
    mutual.add(pairKey(e.parent, e.child));
  }
  for (const pk of [...mutual].sort(compareStrings)) {
    const [a, b] = pk.split("|") as [Slug, Slug];
    pairsInLoops.add(pk);
    const down = g.lineage.get(`${a}|${b}`)!;
    const up = g.lineage.get(`${b}|${a}`)!;
    const links = [...down.declared, ...up.declared].sort(compareLinks);
    const pa = g.bySlug.get(a);
    const pb = g.bySlug.get(b);
    findings.push({
      id: `contradictory-lineage:${pk}`,
      kind: "contradictory-lineage",
      patterns: [a, b],
      links: links.map(gapLinkOf),
      evidence:
        `'${a}' is declared both the parent of '${b}' (${describeDeclarations(down.declared)}) ` +
        `and its child (${describeDeclarations(up.declared)}).`,
      fix: {
        description: `Decide which of '${a}' and '${b}' is the more general pattern and remove the declarations that say the opposite.`,
      },
      ...domainOf(pa),
      domains: domainsOf([pa, pb]),
    });
  }
  const loops = lineageLoops(g, (parent, child) => mutual.has(pairKey(parent, child)));
  for (const members of loops) {
    const set = new Set(members);
    const links: Link[] = [];
    for (const e of g.lineage.values()) {
      if (set.has(e.parent) && set.has(e.child)) {
        links.push(...e.declared);
        pairsInLoops.add(pairKey(e.parent, e.child));
      }
    }
    links.sort(compareLinks);
    const loop = shortestLoopThrough(g, members[0]!, set, (parent, child) => mutual.has(pairKey(parent, child)));
    const ps = members.map((m) => g.bySlug.get(m));
    const cut = loopBreakingEdges(g, members, (parent, child) => mutual.has(pairKey(parent, child)));
    const cutLinks = cut.flatMap((e) => g.lineage.get(`${e.parent}|${e.child}`)!.declared);
    findings.push({
      id: `lineage-cycle:${members.join(",")}`,
      kind: "lineage-cycle",
      patterns: members as Slug[],
      links: links.map(gapLinkOf),
      evidence: `The lineage loops (parent -> child): ${loop.join(" -> ")}${members.length > loop.length - 1 ? `, within ${members.length} patterns that reach each other` : ""}; each is its own ancestor.`,
      // Each edge was declared on purpose: cutting them is a choice to make, never a default edit.
      fix: {
        action: "choose",
        description:
          `Removing ${cut.length === 1 ? "this parent -> child edge" : `these ${cut.length} parent -> child edges`} breaks every loop: ` +
          `${cut.map((e) => `${e.parent} -> ${e.child} (${describeDeclarations(g.lineage.get(`${e.parent}|${e.child}`)!.declared)})`).join("; ")}. ` +
          "Check each against the patterns' meaning before removing it.",
        choices: [
          {
            label: `Cut ${cut.length === 1 ? "the parent -> child edge" : `the ${cut.length} parent -> child edges`} that break every loop`,
            reason: "the back edges of a depth-first search in slug order (small, not guaranteed the fewest)",
            edits: cutLinks.map((l) => ({
              op: "remove-link" as const,
              file: l.declaredIn,
              ...lineOf(l.line),
              source: l.source,
              type: l.type,
              target: l.target,
            })),
          },
        ],
      },
      cut: cutLinks.map(gapLinkOf),
      ...domainOf(ps[0]),
      domains: domainsOf(ps),
    });
  }
  return { findings, pairsInLoops };
}
