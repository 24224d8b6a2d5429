// The shape every benchmark section shares: what it receives, what it returns, and how a target is
// checked. A new section (Neo4j, first frame) is one file in test/bench/sections/ exporting `section`.

export interface Snapshot {
  /** Folder name under ../shared/corpus, e.g. commons-os-2026-02-20. */
  name: string;
  /** The folder ingest reads (the snapshot's `_patterns/` when it has one). */
  path: string;
}

export interface BenchContext {
  repoRoot: string;
  corpus: Snapshot[];
  /** The 3,573-file snapshot the latency benchmarks use. */
  mainSnapshot: Snapshot;
  /** Repetitions for the median of one-shot measurements (ingest, layout). */
  runs: number;
  /** Seconds of load per query kind. */
  durationSeconds: number;
  /**
   * Seconds of load per query kind sent to a freshly started server before the measured runs (0: none).
   * A JIT-compiled server (V8, and Neo4j's JVM) answers its first thousands of requests slower than
   * it will for the rest of its life; those first seconds are reported beside the steady state.
   */
  warmupSeconds: number;
  /** Concurrent connections for the load tests. */
  connections: number;
  /** `--scale N`: the size, in copies of the main snapshot, of the large library the `scale` section measures. */
  scale: number;
  /**
   * `--scale-library <folder>`: the N-times library already written by `npm run scale -- --factor N`
   * (a 100x one is 9 GB), instead of one generated into the bench cache.
   */
  scaleLibrary?: string;
  /** `--stores memory,neo4j`: the stores the `scale` section measures (both by default). */
  stores: readonly ("memory" | "neo4j")[];
  /** What generates the load (`--load-tool`; wrk when installed). */
  loadTool: "wrk" | "autocannon";
  log(line: string): void;
  /** The JSON of the sections that already ran in this invocation, by name. */
  results: Record<string, unknown>;
  /** The sections' JSON from the last .bench/results.json (for comparisons when a section is not re-run). */
  previousResults: Record<string, unknown>;
}

export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  ok: boolean;
}

export interface SectionResult {
  tables: Table[];
  targets: TargetCheck[];
  /** Written under sections.<name> in .bench/results.json. */
  json: unknown;
}

export interface BenchSection {
  /** Short id used by --only, e.g. `ingest`, `server-memory`, `neo4j`, `first-frame`. */
  name: string;
  /** Sections run in ascending order. Built-in: ingest 10, layout 20, server-memory 30, neo4j 35, first-frame 50. */
  order: number;
  description: string;
  run(context: BenchContext): Promise<SectionResult>;
}
