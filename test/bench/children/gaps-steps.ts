// The gap analysis of a library folder detector by detector: wall and CPU time and the heap after each
// (after a collection with --expose-gc), one JSON line each, to see which part grows faster than the
// library. Usage: node --expose-gc --import tsx test/bench/children/gaps-steps.ts <folder>
import { canonicalLibrary } from "../../../graph/algorithms/library-order.ts";
import { sortFindings } from "../../../graph/gaps/analyse.ts";
import { detectLinkConcentration } from "../../../graph/gaps/concentration.ts";
import { detectDeclarationGaps } from "../../../graph/gaps/declarations.ts";
import { buildGapGraph } from "../../../graph/gaps/gap-graph.ts";
import { joinFindings } from "../../../graph/gaps/join.ts";
import { detectShapeGaps } from "../../../graph/gaps/shape.ts";
import { detectSimilarityGaps } from "../../../graph/gaps/similarity.ts";
import { DEFAULT_GAP_OPTIONS } from "../../../graph/gaps/types.ts";
import { titleIn } from "../../../graph/gaps/wording.ts";
import { loadLibraryOnTwoThreads } from "../../../ingest/index.ts";
import { step } from "./step.ts";

const folder = process.argv[2];
if (!folder) {
  process.stderr.write("usage: gaps-steps.ts <library folder>\n");
  process.exit(2);
}
const library = canonicalLibrary(await loadLibraryOnTwoThreads(folder, "off"));
const opts = { ...DEFAULT_GAP_OPTIONS };
const g = step("gap graph", () => buildGapGraph(library));
const declarations = step("declarations", () => detectDeclarationGaps(g, opts));
const similarity = step("similarity", () => detectSimilarityGaps(g, opts));
const shape = step("shape", () => detectShapeGaps(g, opts, similarity.similarTo));
const concentration = step("concentration", () => detectLinkConcentration(library));
const findings = step("join and sort", () => sortFindings(joinFindings([...declarations, ...similarity.findings, ...shape, ...concentration], titleIn(g))));
process.stdout.write(`${JSON.stringify({ findings: findings.length, declarations: declarations.length, similarity: similarity.findings.length, shape: shape.length })}\n`);
