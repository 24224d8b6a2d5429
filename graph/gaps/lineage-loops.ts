// Lineage that contradicts itself: two patterns each the parent of the other, and loops of three or
// more, each with the declared edges whose cut would break it (a choice, never a default).
import { compareStrings } from "../../core/order.ts";
import type { GapFinding } from "../../core/gaps.ts";
import type { Link, Slug } from "../../core/model.ts";
import { domainOf, gapLinkOf, lineOf } from "./gap-links.ts";
import { declaresWords, placeOf, titleIn } from "./wording.ts";
import { type EdgeFilter, type GapGraph, type LineageEdge, compareLinks, domainsOf, lineageLoops, pairKey, shortestLoopThrough } from "./gap-graph.ts";

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

/** Which files say a parent/child fact, in words: "Kanban is a variant of Lean, says kanban.md, line 4; …". */
function describeDeclarations(title: (slug: string) => string, links: readonly Link[]): string {
  return links.map((l) => `${declaresWords(title, l, title(l.target))}, says ${placeOf(l.declaredIn, l.line)}`).join("; ");
}

/** A loop of parents and children (each the next one's parent, the last the first again) in words. */
function loopWords(title: (slug: string) => string, loop: readonly string[]): string {
  return loop
    .slice(1)
    .map((child, i) => `${i === 0 ? title(loop[0]!) : "which"} is the parent of ${title(child)}`)
    .join(", ");
}

/**
 * Mutual parent/child pairs are "contradictory-lineage"; loops through three or more patterns that
 * remain once those pairs are set aside are "lineage-cycle". Both kinds block the automatic
 * reciprocal fix for their lineage links, which would only repeat the contradiction in more files.
 */
export function detectLineageLoops(g: GapGraph): { findings: GapFinding[]; pairsInLoops: Set<string> } {
  const findings: GapFinding[] = [];
  const title = titleIn(g);
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
        `${title(a)} is declared both the parent of ${title(b)} (${describeDeclarations(title, down.declared)}) ` +
        `and its child (${describeDeclarations(title, up.declared)}).`,
      fix: {
        description: `Decide which of '${a}' and '${b}' is the more general pattern and remove the declarations that say the opposite.`,
      },
      ...domainOf(pa),
      domains: domainsOf([pa, pb]),
    });
  }
  const loops = lineageLoops(g, (parent, child) => mutual.has(pairKey(parent, child)));
  // A loop's edges are found from its members' children, taken in the lineage's own order: scanning
  // every lineage edge per loop grew with loops times edges (a hundred times the library: 5.7 s).
  const edgeOrder = loops.length ? new Map([...g.lineage.values()].map((e, i) => [e, i])) : new Map<LineageEdge, number>();
  for (const members of loops) {
    const set = new Set(members);
    const edges: LineageEdge[] = [];
    for (const parent of members) {
      for (const child of g.children.get(parent) ?? []) if (set.has(child)) edges.push(g.lineage.get(`${parent}|${child}`)!);
    }
    edges.sort((x, y) => edgeOrder.get(x)! - edgeOrder.get(y)!);
    const links: Link[] = [];
    for (const e of edges) {
      links.push(...e.declared);
      pairsInLoops.add(pairKey(e.parent, e.child));
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
      evidence: `The lineage loops: ${loopWords(title, loop)}${members.length > loop.length - 1 ? `, within ${members.length} patterns that reach each other` : ""}; each is its own ancestor.`,
      // Each edge was declared on purpose: cutting them is a choice to make, never a default edit.
      fix: {
        action: "choose",
        description:
          `Removing ${cut.length === 1 ? "this parent -> child edge" : `these ${cut.length} parent -> child edges`} breaks every loop: ` +
          `${cut.map((e) => `${e.parent} -> ${e.child} (${describeDeclarations(title, g.lineage.get(`${e.parent}|${e.child}`)!.declared)})`).join("; ")}. ` +
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

