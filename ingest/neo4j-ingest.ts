// Publishes a library read by ingest into Neo4j (`npm run ingest -- <folder> --neo4j [--prune]`):
// the connection from NEO4J_* variables, the keep-or-prune rule for patterns whose files are gone,
// and timings for the benchmarks.
import { InvalidInputError } from "../core/errors.ts";
import type { DanglingRef, Library, Link, Pattern, Problem, Slug } from "../core/model.ts";
// Straight from the module rather than graph/index.ts, which loads the driver only on demand.
import { createNeo4jStore, type Neo4jStore } from "../graph/neo4j/neo4j-store.ts";
import type { LoadStepListener, Neo4jLoadReport } from "../graph/neo4j/neo4j-load.ts";
import type { CopyAttachmentMaker } from "../graph/copy-attachments.ts";

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** NEO4J_NAMESPACE: which of several libraries in the database (default "default"). */
  namespace?: string;
}

/**
 * The connection from NEO4J_URI, NEO4J_USER (default neo4j), NEO4J_PASSWORD and NEO4J_DATABASE
 * (default neo4j), the same variables the server reads.
 * @throws InvalidInputError naming the missing or malformed variable.
 */
export function neo4jConnectionFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jConnection {
  const uri = env.NEO4J_URI?.trim();
  if (!uri || !/^(bolt|neo4j)(\+s|\+ssc)?:\/\/\S+$/.test(uri)) {
    throw new InvalidInputError("NEO4J_URI", uri ?? null, "a Bolt URI such as bolt://127.0.0.1:7687 (npm run neo4j starts one)");
  }
  const password = env.NEO4J_PASSWORD;
  if (!password) throw new InvalidInputError("NEO4J_PASSWORD", null, "the password of the Neo4j user (atlas-test-password for npm run neo4j)");
  return {
    uri,
    user: env.NEO4J_USER?.trim() || "neo4j",
    password,
    database: env.NEO4J_DATABASE?.trim() || "neo4j",
    ...(env.NEO4J_NAMESPACE?.trim() ? { namespace: env.NEO4J_NAMESPACE.trim() } : {}),
  };
}

const lower = (s: string): string => s.toLowerCase();

/**
 * The library to store when patterns whose files are gone are kept (ingest without --prune):
 * `next`, plus every pattern of `previous` whose file is not among next's files (neither a pattern
 * nor a problem file) and whose slug and id no pattern of `next` uses. Kept patterns keep their
 * problems, and their declared targets are resolved again against the merged patterns (by slug or
 * id, or title ignoring case): a link whose target is gone becomes a dangling reference, and a
 * dangling reference of `next` that names a kept pattern becomes a link.
 */
export function mergeKeepingGone(previous: Library, next: Library): { library: Library; kept: Pattern[] } {
  const nextFiles = new Set([...next.patterns.map((p) => p.file), ...next.problems.map((p) => p.file)]);
  const nextSlugs = new Set(next.patterns.map((p) => lower(p.slug)));
  const nextIds = new Set(next.patterns.flatMap((p) => (p.id ? [p.id] : [])));
  const kept = previous.patterns.filter(
    (p) => !nextFiles.has(p.file) && !nextSlugs.has(lower(p.slug)) && !(p.id !== undefined && nextIds.has(p.id)),
  );
  if (kept.length === 0) return { library: next, kept };

  const patterns = [...next.patterns, ...kept];
  const bySlug = new Map(patterns.map((p) => [lower(p.slug), p.slug]));
  const byId = new Map(patterns.flatMap((p) => (p.id ? [[p.id as string, p.slug] as const] : [])));
  const byTitle = new Map<string, Slug>();
  for (const p of patterns) if (!byTitle.has(lower(p.title))) byTitle.set(lower(p.title), p.slug);
  const resolve = (target: string): Slug | undefined => bySlug.get(lower(target)) ?? byId.get(target) ?? byTitle.get(lower(target));

  const keptSlugs = new Set(kept.map((p) => p.slug as string));
  const keptFiles = new Set(kept.map((p) => p.file));
  const links: Link[] = [...next.links];
  const dangling: DanglingRef[] = [];
  const linkIds = new Set(links.map((l) => `${l.source}|${l.type}|${l.target}`));
  const addLink = (link: Link): void => {
    const id = `${link.source}|${link.type}|${link.target}`;
    if (link.source === link.target || linkIds.has(id)) return;
    linkIds.add(id);
    links.push(link);
  };
  const asLink = (ref: DanglingRef, target: Slug): Link => {
    const { form: _form, target: _target, ...rest } = ref;
    return { ...rest, target };
  };
  for (const ref of next.dangling) {
    const target = resolve(ref.target);
    if (target !== undefined && keptSlugs.has(target)) addLink(asLink(ref, target));
    else dangling.push(ref);
  }
  for (const link of previous.links) {
    if (!keptSlugs.has(link.source)) continue;
    const target = bySlug.get(lower(link.target));
    if (target !== undefined) addLink({ ...link, target });
    else dangling.push({ ...link, target: link.target, form: "slug" });
  }
  for (const ref of previous.dangling) {
    if (!keptSlugs.has(ref.source)) continue;
    const target = resolve(ref.target);
    if (target !== undefined) addLink(asLink(ref, target));
    else dangling.push(ref);
  }
  const problems: Problem[] = [...next.problems, ...previous.problems.filter((p) => keptFiles.has(p.file))];
  return {
    library: { root: next.root, files: next.files + kept.length, patterns, links, dangling, problems },
    kept,
  };
}

export interface Neo4jIngestOptions {
  /** Remove patterns whose files are gone (default: keep them, see mergeKeepingGone). */
  prune?: boolean;
  /** The store namespace (tests); default "default", the one the server reads. */
  namespace?: string;
  /** What to store with the copy (the CLI: the overview's parts, server/overview-stored.ts). */
  attachments?: CopyAttachmentMaker;
  /** Hears each step of the load as it ends (--progress). */
  onLoadStep?: LoadStepListener;
}

export interface Neo4jIngestResult {
  report: Neo4jLoadReport;
  /** Slugs of patterns kept although their files are gone (always empty with prune). */
  kept: string[];
  /** Milliseconds: connecting (incl. schema), reading the stored library to merge, loading, all. */
  ms: { connect: number; merge: number; load: number; total: number };
}

const since = (start: number): number => Math.round(performance.now() - start);

/**
 * How long the ingest waits for a connection to be made or to come free (the store's
 * `connectionBudgetMs`): a server gives up after 2 s, but the ingest answers nobody, and its own
 * garbage collection on a starved machine can hold its event loop (and so the driver's clock) longer.
 */
export const INGEST_CONNECTION_BUDGET_MS = 120_000;

/**
 * Stores `library` in Neo4j as the current library: atomically (readers see the old library or
 * the new one), idempotently (the same library again writes nothing), and with patterns whose
 * files are gone kept unless `prune`. For the CLI and the benchmarks.
 * @throws StoreUnavailableError when Neo4j cannot be reached or refuses the credentials.
 */
export async function ingestIntoNeo4j(library: Library, connection: Neo4jConnection, options: Neo4jIngestOptions = {}): Promise<Neo4jIngestResult> {
  const t0 = performance.now();
  const store: Neo4jStore = await createNeo4jStore({
    ...connection,
    connectionBudgetMs: INGEST_CONNECTION_BUDGET_MS,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.attachments ? { attachments: options.attachments } : {}),
    ...(options.onLoadStep ? { onLoadStep: options.onLoadStep } : {}),
  });
  const connect = since(t0);
  try {
    const t1 = performance.now();
    let toLoad = library;
    let kept: Pattern[] = [];
    if (!options.prune) {
      ({ library: toLoad, kept } = mergeKeepingGone(await store.exportLibrary(), library));
    }
    const merge = since(t1);
    const t2 = performance.now();
    const report = await store.loadWithReport(toLoad);
    return { report, kept: kept.map((p) => p.slug), ms: { connect, merge, load: since(t2), total: since(t0) } };
  } finally {
    await store.close();
  }
}

/** One line for the CLI's summary. */
export function describeNeo4jIngest(result: Neo4jIngestResult, connection: Neo4jConnection): string {
  const { report, kept, ms } = result;
  const gaps = report.gaps;
  const what =
    report.outcome === "unchanged"
      ? `unchanged (this library is already the current one; ${gaps?.written ? "only its missing gap findings written" : "nothing written"})`
      : report.outcome === "restored"
        ? "restored the previous copy (nothing written)"
        : report.outcome === "updated"
          ? `changed the current copy in place (revision ${report.inPlace?.revision}: ${report.inPlace?.rows.whole} rows written, ${report.inPlace?.rows.numbers} renumbered, ${report.inPlace?.rows.deleted} deleted, one transaction)`
          : `wrote ${report.patterns} patterns, ${report.links} links, ${report.dangling} dangling references, ${report.problems} problems ` +
          `(${report.rows.sent} rows sent, ${report.rows.reused} taken over from the copy that was current)`;
  const keptNote = kept.length ? `; kept ${kept.length} patterns whose files are gone (--prune removes them)` : "";
  const gapsNote = gaps?.written ? `; ${gaps.findings} gap findings analysed in ${gaps.ms.analysis} ms and stored in ${gaps.ms.write} ms` : "";
  return `Neo4j ${connection.uri} (database ${connection.database}): ${what}${keptNote}${gapsNote} in ${ms.total} ms.`;
}

// The first load through Neo4j's offline importer (`--neo4j-import`), for the CLI: the same module path as the Bolt load's.
export { checkImportTarget, describeNeo4jImport, importFirstLoad, type Neo4jImportReport } from "../graph/neo4j/neo4j-import.ts";
