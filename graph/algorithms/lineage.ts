// Lineage: the ancestors and descendants of a pattern through the two lineage link types, which
// state one parent -> child fact from either end (A generalizes_from B and B specializes_to A both
// make B A's parent).
import type { PatternGraph } from "../build-graph.ts";
import { createBudget, runWithin, type Budget } from "../budget.ts";
import { runNow, type Steps } from "../sliced-work.ts";
import { lineageLevels, lineageNodes } from "../../core/assembly.ts";
import { NotFoundError } from "../../core/errors.ts";
import { LINEAGE_LINK_TYPES, type Lineage, type LineageEdge, type Slug } from "../../core/model.ts";
import { checkLineageDepth } from "./query-options.ts";
import { suggestSlugs } from "./search.ts";
import { compareStrings, nodeView } from "./views.ts";

export type LineageLinkType = (typeof LINEAGE_LINK_TYPES)[number];

interface Relative {
  slug: string;
  declaredAs: LineageLinkType;
}

/** Parents of a pattern, one entry per declaration (a parent declared both ways appears twice); self-links ignored. */
export function lineageParents(graph: PatternGraph, slug: string): Relative[] {
  const out: Relative[] = [];
  graph.forEachOutEdge(slug, (_e, attrs, _s, target) => {
    if (attrs.link.type === "generalizes_from" && target !== slug) out.push({ slug: target, declaredAs: "generalizes_from" });
  });
  graph.forEachInEdge(slug, (_e, attrs, source) => {
    if (attrs.link.type === "specializes_to" && source !== slug) out.push({ slug: source, declaredAs: "specializes_to" });
  });
  return out;
}

/** Children of a pattern, one entry per declaration; self-links ignored. */
export function lineageChildren(graph: PatternGraph, slug: string): Relative[] {
  const out: Relative[] = [];
  graph.forEachOutEdge(slug, (_e, attrs, _s, target) => {
    if (attrs.link.type === "specializes_to" && target !== slug) out.push({ slug: target, declaredAs: "specializes_to" });
  });
  graph.forEachInEdge(slug, (_e, attrs, source) => {
    if (attrs.link.type === "generalizes_from" && source !== slug) out.push({ slug: source, declaredAs: "generalizes_from" });
  });
  return out;
}

/** Breadth-first in one direction: the level (1..maxLevel) of every pattern reached, the root excluded. */
function* walk(graph: PatternGraph, root: string, maxLevel: number, next: typeof lineageParents): Steps<Map<string, number>> {
  const level = new Map<string, number>();
  let frontier = [root];
  for (let d = 1; d <= maxLevel && frontier.length > 0; d++) {
    const found = new Set<string>();
    for (const u of frontier) {
      // The pattern's links, read to find its relatives: the work a budget counts.
      yield graph.degree(u);
      for (const r of next(graph, u)) {
        if (r.slug !== root && !level.has(r.slug)) found.add(r.slug);
      }
    }
    for (const s of found) level.set(s, d);
    frontier = [...found];
  }
  return level;
}

/**
 * Ancestors (levels -1..-depth) and descendants (1..depth) of `root` (level 0), breadth-first,
 * cycle-safe, several parents allowed. A pattern that is both an ancestor and a descendant (a
 * lineage cycle) appears once, at the level nearest the root; on a tie, as the ancestor.
 * `edges`: every parent -> child fact between two returned patterns (so cycles and shortcuts
 * show), with how it was declared. `truncated`: one more level either way would add a
 * pattern that is not in the result (so a cycle that closes within `depth` does not count).
 * Nodes are sorted by level then slug; edges by parent then child.
 *
 * @throws InvalidInputError for a depth outside 1..10, NotFoundError (with suggestions) for an unknown root.
 */
export function traceLineage(graph: PatternGraph, root: string, depth: number): Lineage {
  return runNow(lineageSteps(graph, root, depth));
}

/** The budget of each lineage on the embedded store: ms and links read. */
export const LINEAGE_BUDGET = { timeMs: 10_000, work: 100_000_000 } as const;

/** What a caller whose lineage ran out of time can ask for instead. */
export const LINEAGE_HINT = "Ask for a smaller depth.";

/** The lineage budget for one request: LINEAGE_BUDGET, or the limits given (e.g. a store's query timeout). */
export const lineageBudget = (signal?: AbortSignal, limits: { timeMs?: number; work?: number } = {}): Budget =>
  createBudget({ timeMs: limits.timeMs ?? LINEAGE_BUDGET.timeMs, work: limits.work ?? LINEAGE_BUDGET.work, hint: LINEAGE_HINT, signal });

/**
 * traceLineage within a budget: stops with QueryTimeoutError past it, with QueryAbortedError once
 * the budget's signal fired, and takes turns on the event loop meanwhile (budget.ts).
 */
export function traceLineageWithin(graph: PatternGraph, root: string, depth: number, budget: Budget): Promise<Lineage> {
  return runWithin(lineageSteps(graph, root, depth), budget);
}

function* lineageSteps(graph: PatternGraph, root: string, depth: number): Steps<Lineage> {
  checkLineageDepth(depth);
  if (!graph.hasNode(root)) throw new NotFoundError(root, suggestSlugs(graph, root));
  // One level further than asked, to tell whether the result was cut.
  const up = yield* walk(graph, root, depth + 1, lineageParents);
  const down = yield* walk(graph, root, depth + 1, lineageChildren);

  const { levels, truncated } = lineageLevels(root, up, down, depth);
  const nodes = lineageNodes(levels, (slug) => nodeView(graph, slug));

  const facts: LineageFact[] = [];
  for (const parent of levels.keys()) {
    yield graph.degree(parent);
    for (const { slug: child, declaredAs } of lineageChildren(graph, parent)) {
      if (levels.has(child)) facts.push({ parent, child, declaredAs });
    }
  }
  const edges = mergeLineageFacts(facts);

  return { root: root as Slug, depth, nodes, edges, truncated };
}

/** One parent -> child fact as one file declared it. */
export interface LineageFact {
  parent: string;
  child: string;
  declaredAs: LineageLinkType;
}

/**
 * Lineage edges from declared facts: one edge per (parent, child), `declaredAs` listing how it was
 * declared in LINEAGE_LINK_TYPES order, edges sorted by parent then child. Both stores use it, so
 * their lineage answers cannot drift apart.
 */
export function mergeLineageFacts(facts: Iterable<LineageFact>): LineageEdge[] {
  const declared = new Map<string, { parent: string; child: string; as: Set<LineageLinkType> }>();
  for (const { parent, child, declaredAs } of facts) {
    const key = `${parent}\u0000${child}`;
    let entry = declared.get(key);
    if (!entry) declared.set(key, (entry = { parent, child, as: new Set() }));
    entry.as.add(declaredAs);
  }
  return [...declared.values()]
    .map(({ parent, child, as }) => ({
      parent: parent as Slug,
      child: child as Slug,
      declaredAs: LINEAGE_LINK_TYPES.filter((t) => as.has(t)),
    }))
    .sort((a, b) => compareStrings(a.parent, b.parent) || compareStrings(a.child, b.child));
}
