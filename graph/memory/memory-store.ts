// The embedded GraphStore: holds one library in memory as a graphology graph plus the indexes the
// queries need, prepared once per load and swapped in whole, and answers with the algorithms/; and,
// beyond the interface, writes neighbourhood answers as JSON bytes (FastNeighborhood), on a worker
// thread when asked to.
import { randomUUID } from "node:crypto";
import { adjacencySteps } from "../algorithms/adjacency.ts";
import { patternNumbers } from "../algorithms/importance.ts";
import { findNeighborhood, planNeighborhood } from "../algorithms/neighborhood.ts";
import { canonicalLibrary, canonicalLibraryInPlace } from "../algorithms/library-order.ts";
import { lineageBudget, traceLineageWithin } from "../algorithms/lineage.ts";
import { findPaths, pathBudget } from "../algorithms/paths.ts";
import { checkSearch } from "../algorithms/query-options.ts";
import { searchBudget, searchIndexOf, searchIndexSteps, searchPatternsWithin, suggestSlugs } from "../algorithms/search.ts";
import { computeStats } from "../algorithms/stats.ts";
import { buildGraphSteps, danglingSlug, type PatternGraph } from "../build-graph.ts";
import { NotFoundError } from "../../core/errors.ts";
import { groupLinkEnds, linkEnd } from "../../core/assembly.ts";
import type {
  Library,
  LibraryStats,
  LinkEnd,
  Lineage,
  NeighborhoodOptions,
  OverviewGraph,
  PathOptions,
  PathResult,
  PatternDetail,
  Problem,
  SearchHit,
  Subgraph,
} from "../../core/model.ts";
import { runNow, runSliced, type Steps } from "../sliced-work.ts";
import type { GraphStore } from "../store.ts";
import { encodeNeighborhood, prepareNeighborhoodJsonSteps } from "./encode-neighborhood.ts";
import type { AnswerMemory, FastNeighborhood } from "./fast-neighborhood.ts";
import type { AdoptsLibrary, HeldLibrary } from "./held-library.ts";
import { neighborhoodKernel, type NeighborhoodThreadStats } from "./neighborhood-thread.ts";
import { startNeighborhoodThreads } from "./neighborhood-threads.ts";

export interface MemoryStore extends GraphStore, FastNeighborhood, HeldLibrary, AdoptsLibrary {
  readonly kind: "memory";
  /** The neighbourhood thread's counters, when the store has one. */
  threadStats(): NeighborhoodThreadStats | undefined;
}

export interface MemoryStoreOptions {
  /**
   * Write neighbourhood answers (neighborhoodJson) on this many worker threads beside the calling
   * one (neighborhood-thread.ts, neighborhood-threads.ts; 0 or none: on the calling thread): the
   * server turns them on, so that its main thread only sends the answers. The answers are the same
   * either way. close() stops the threads.
   */
  neighborhoodThreads?: number;
  /** Hears of a neighbourhood thread that failed (its answers then come from the calling thread). */
  onThreadFailure?: (message: string) => void;
  /** The neighbourhood threads' nice value on Linux (neighborhood-thread.ts; default 0: the calling thread's). */
  neighborhoodNice?: number;
  /** The budget of each path search (default PATH_SEARCH_BUDGET): ms and work units. */
  pathSearchBudget?: { timeMs?: number; work?: number };
  /** The budget of each search (default SEARCH_BUDGET): ms and work units. */
  searchBudget?: { timeMs?: number; work?: number };
  /** The budget of each lineage (default LINEAGE_BUDGET): ms and work units. */
  lineageBudget?: { timeMs?: number; work?: number };
}

/** Everything derived from one library. Never mutated after prepare(): load() replaces it whole. */
interface PreparedState {
  library: Library;
  /** Its search index is searchIndexOf(graph): built while preparing, or (an adopted library) by warm() or the first query. */
  graph: PatternGraph;
  stats: LibraryStats;
  problems: Problem[];
  problemsByFile: Map<string, Problem[]>;
  overview: OverviewGraph;
}

const EMPTY_LIBRARY: Library = { root: "", files: 0, patterns: [], links: [], dangling: [], problems: [] };

/**
 * Everything a library's queries need, as steps (sliced-work.ts): load() runs them in slices while
 * the previous state goes on answering. `encode` also lays out the neighbourhood answers' JSON (the
 * store's warm-up) and builds the search index, so that a reload swaps in a state whose first
 * neighbourhood or search costs nothing more. `adopt`: the library is the caller's no longer, and is
 * ordered in place rather than copied (adoptLibrary).
 */
function* prepare(input: Library, encode: boolean, adopt = false): Steps<PreparedState> {
  const library = adopt ? canonicalLibraryInPlace(input) : canonicalLibrary(input);
  yield;
  const graph = yield* buildGraphSteps(library);
  // Built now, while loading, so that no query pays for it.
  const adjacency = yield* adjacencySteps(graph);
  yield;
  patternNumbers(graph);
  yield;
  if (encode) yield* prepareNeighborhoodJsonSteps(graph);
  const problemsByFile = new Map<string, Problem[]>();
  for (const p of library.problems) {
    const list = problemsByFile.get(p.file);
    if (list) list.push(p);
    else problemsByFile.set(p.file, [p]);
  }
  // The graph's cached index, so the algorithms' "did you mean" suggestions share it.
  if (encode) yield* searchIndexSteps(graph);
  yield;
  const stats = computeStats(library);
  yield;
  return {
    library,
    graph,
    stats,
    problems: library.problems,
    problemsByFile,
    // The adjacency's views, not made again (~200,000 objects at ten times the 2026-02-20 library):
    // its first n nodes are the patterns by slug, its links by linkKey with the dangling ones among them,
    // which is the canonical order of the library's patterns and links. overview() copies them.
    overview: {
      nodes: adjacency.nodeViews.slice(0, graph.order),
      links: adjacency.linkViews.filter((_, rank) => adjacency.rankIsDangling[rank] === 0),
    },
  };
}

/** What a first neighbourhood, search or "did you mean" would otherwise build: the answers' encodings, the search index. */
function* warmSteps(graph: PatternGraph): Steps<void> {
  yield* prepareNeighborhoodJsonSteps(graph);
  yield* searchIndexSteps(graph);
}

function patternDetail(state: PreparedState, slug: string): PatternDetail {
  const { graph } = state;
  if (!graph.hasNode(slug)) throw new NotFoundError(slug, suggestSlugs(searchIndexOf(state.graph), slug));
  const attrs = graph.getNodeAttributes(slug);
  const outgoing: LinkEnd[] = [];
  const incoming: LinkEnd[] = [];
  const titleOf = (s: string): string => graph.getNodeAttribute(s, "pattern").title;
  graph.forEachOutEdge(slug, (_e, { link }, _s, target) => outgoing.push(linkEnd(target, titleOf(target), false, link)));
  for (const ref of attrs.dangling) outgoing.push(linkEnd(danglingSlug(ref.target), ref.target, true, ref));
  graph.forEachInEdge(slug, (_e, { link }, source) => incoming.push(linkEnd(source, titleOf(source), false, link)));
  const numbers = patternNumbers(graph).get(slug)!;
  return {
    pattern: structuredClone(attrs.pattern),
    ...numbers,
    outgoing: groupLinkEnds(outgoing),
    incoming: groupLinkEnds(incoming),
    // The library is canonical, so these are already in (type, target, file, line) order.
    dangling: structuredClone(attrs.dangling),
    problems: structuredClone(state.problemsByFile.get(attrs.pattern.file) ?? []),
  };
}

/**
 * The in-memory store, optionally loaded with a library at once (otherwise it holds an empty one).
 * Results are fresh objects: a caller may change them without touching the store.
 * @throws InvalidInputError when the library is inconsistent (see buildGraph).
 */
export function createMemoryStore(library?: Library, options: MemoryStoreOptions = {}): MemoryStore {
  const { pathSearchBudget } = options;
  const searchLimits = options.searchBudget;
  const lineageLimits = options.lineageBudget;
  let state = runNow(prepare(library ?? EMPTY_LIBRARY, false));
  /** Loads run one after the other, in the order they were asked for. */
  let loading: Promise<void> = Promise.resolve();
  const thread = options.neighborhoodThreads ? startNeighborhoodThreads(options.neighborhoodThreads, options.onThreadFailure, options.neighborhoodNice) : undefined;
  /** The load last handed to the thread (-1: none). */
  let threadLoad = -1;
  const handToThread = (): void => {
    if (!thread || threadLoad === loads) return;
    thread.load(loads, neighborhoodKernel(state.graph));
    threadLoad = loads;
  };
  // Unique per store and load, so a version never names two libraries (not even across restarts,
  // where it may reach a client inside an ETag).
  const instance = randomUUID();
  let loads = 0;
  return {
    kind: "memory",
    load(next: Library): Promise<void> {
      // Prepared fully, in slices between which the old state goes on answering, before the one
      // assignment: a query sees the old state or the new, never a mix.
      const done = loading.then(async () => {
        state = await runSliced(prepare(next, true));
        loads += 1;
      });
      loading = done.catch(() => {});
      return done;
    },
    adoptLibrary(next: Library): Promise<void> {
      const done = loading.then(async () => {
        state = await runSliced(prepare(next, false, true));
        loads += 1;
      });
      loading = done.catch(() => {});
      return done;
    },
    async version(): Promise<string> {
      return `memory:${instance}:${loads}`;
    },
    async stats(): Promise<LibraryStats> {
      return structuredClone(state.stats);
    },
    async getPattern(slug: string): Promise<PatternDetail> {
      return patternDetail(state, slug);
    },
    async search(query: string, limit: number, signal?: AbortSignal): Promise<SearchHit[]> {
      checkSearch(query, limit);
      return searchPatternsWithin(searchIndexOf(state.graph), query, limit, searchBudget(signal, searchLimits));
    },
    async neighborhood(slug: string, options: NeighborhoodOptions): Promise<Subgraph> {
      return findNeighborhood(state.graph, slug, options);
    },
    async neighborhoodJson(slug: string, options: NeighborhoodOptions, memory?: AnswerMemory): Promise<Buffer> {
      // A group's page (rare, and possibly a group the cut does not have) is answered here.
      if (thread && options.group === undefined) {
        // Checked here, so that a mistake is answered as it is without the thread.
        const { start, mask } = planNeighborhood(state.graph, slug, options);
        handToThread();
        const { depth, limit, direction } = options;
        const answer = await thread.encode({ libraryVersion: loads, start, center: slug, mask, depth, limit, direction });
        if (answer) {
          if (memory) {
            memory.adopt(answer.bytes, answer.release);
            return answer.bytes;
          }
          const bytes = Buffer.from(answer.bytes);
          answer.release();
          return bytes;
        }
      }
      return encodeNeighborhood(state.graph, slug, options, memory && ((length) => memory.allocate(length)));
    },
    async warm(): Promise<void> {
      // In slices: after adoptLibrary this is ~1 s of work at ten times the 2026-02-20 library.
      const { graph } = state;
      await runSliced(warmSteps(graph));
      if (state.graph === graph) handToThread();
    },
    threadStats: () => thread?.stats(),
    async lineage(slug: string, depth: number, signal?: AbortSignal): Promise<Lineage> {
      return traceLineageWithin(state.graph, slug, depth, lineageBudget(signal, lineageLimits));
    },
    async paths(from: string, to: string, options: PathOptions, signal?: AbortSignal): Promise<PathResult> {
      return findPaths(state.graph, from, to, options, pathBudget(signal, pathSearchBudget));
    },
    async problems(): Promise<Problem[]> {
      return structuredClone(state.problems);
    },
    async overview(): Promise<OverviewGraph> {
      const { nodes, links } = state.overview;
      return { nodes: nodes.map((n) => ({ ...n })), links: links.map((l) => ({ ...l })) };
    },
    async exportLibrary(): Promise<Library> {
      return structuredClone(state.library);
    },
    heldLibrary: () => state.library,
    async ping(): Promise<void> {},
    async close(): Promise<void> {
      await thread?.close();
    },
  };
}
