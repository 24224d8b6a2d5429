// The stored overview of a library folder step by step, as a Neo4j load makes it (server/overview-json.ts's
// overviewParts without the disk cache): the communities, the layout, the communities described, the two
// parts written; wall and CPU time and the heap after each (after a collection with --expose-gc), one
// JSON line each, to see which part grows faster than the library.
// Usage: node --expose-gc --import tsx test/bench/children/overview-steps.ts <folder>
import { canonicalLibrary } from "../../../graph/algorithms/library-order.ts";
import { libraryNumbers } from "../../../graph/algorithms/library-numbers.ts";
import { computeOverviewLayout } from "../../../graph/layout.ts";
import { linkView, patternNodeView, type OverviewGraph } from "../../../graph/index.ts";
import { loadLibraryOnTwoThreads } from "../../../ingest/index.ts";
import { describeCommunities, findCommunities } from "../../../server/overview-communities.ts";
import { overviewParts } from "../../../server/overview-json.ts";
import { step } from "./step.ts";

const folder = process.argv[2];
if (!folder) {
  process.stderr.write("usage: overview-steps.ts <library folder>\n");
  process.exit(2);
}
const library = canonicalLibrary(await loadLibraryOnTwoThreads(folder, "off"));
const { numbers } = libraryNumbers(library);
const overview: OverviewGraph = { nodes: library.patterns.map((p) => patternNodeView(p, numbers.get(p.slug)!.degree)), links: library.links.map(linkView) };
const found = step("communities (Louvain)", () => findCommunities(overview));
const layout = step("layout", () => computeOverviewLayout(overview, {}, undefined, found.of));
step("communities described", () => describeCommunities(found, overview, layout.positions));
const parts = step("overviewParts (all of it again, as a load runs it)", () => overviewParts(overview, {}, "steps"));
process.stdout.write(`${JSON.stringify({ patterns: overview.nodes.length, links: overview.links.length, communities: found.members.length, largest: found.members[0]?.length, iterations: layout.iterations, firstBytes: parts.first.length, restBytes: parts.rest.length })}\n`);
