// One overview layout measurement in a fresh process: read the library, take the store's overview,
// and time computeOverviewLayout on it (the work the server does once per loaded library).
import { createMemoryStore } from "../../../graph/index.ts";
import { computeOverviewLayout } from "../../../graph/layout.ts";
import { loadLibrary } from "../../../ingest/index.ts";

const folder = process.argv[2];
if (!folder) {
  process.stderr.write("usage: layout-once.ts <library folder>\n");
  process.exit(2);
}
const store = createMemoryStore(await loadLibrary(folder));
const overview = await store.overview();
const layout = computeOverviewLayout(overview);
process.stdout.write(
  `${JSON.stringify({ ms: layout.ms, nodes: overview.nodes.length, links: overview.links.length, iterations: layout.iterations, barnesHut: layout.barnesHut })}\n`,
);
