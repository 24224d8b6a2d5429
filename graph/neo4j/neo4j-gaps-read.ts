// Reads the gap findings stored with the current copy (neo4j-gaps.ts): filtered, counted, grouped and
// paged in Cypher, so the server holds one page (or one export) of findings, never the library. Every
// query is parameterised; the filters are one fixed WHERE whose unused parts are switched off by null
// or empty parameters, and groups are ordered by the key ranks stored at load (graph/gaps/group.ts's order).
import neo4j from "neo4j-driver";
import { GAP_KINDS, type GapFinding, type GapGroup, type GapGroupBy, type GapKind, type GapPatternInfo } from "../../core/gaps.ts";
import type { StoredFindingsWhere, StoredGapsCopy, StoredGapsSummary, StoredKindCounts } from "../stored-gaps.ts";
import type { Reader, Reads } from "./neo4j-connection.ts";
import { CURRENT } from "./neo4j-cypher.ts";
import { LABELS } from "./neo4j-model.ts";
import { parseStamp, versionOf } from "./neo4j-stamp.ts";
import type { NotFound } from "./neo4j-search.ts";

const F = LABELS.gapFinding;

/** Findings per round trip of `all` (an export): bounded, whatever the library's size. */
const ALL_PAGE = 2_000;
/**
 * Every MARK_STEP-th matching finding's seq is kept with a filter's count, so a page at any offset
 * starts at most MARK_STEP findings before its first one instead of at the set's start.
 */
const MARK_STEP = 2_000;
/** Counts kept per store (per revision of a set: a count of it stays true): at most ~400 bytes each (marks included, at 86,282 findings). */
const COUNTS_KEPT = 500;

/**
 * Walks the findings of a set in report order through the (set, seq) index from `$after`, so a page
 * stops after its matches instead of sorting the whole set (at ten times the real library, 86,282
 * findings: ~0.3 s for a page at offset 40,000 walked from the start against ~1.2 s sorted, on a
 * loaded machine; from the nearest mark, see MARK_STEP, less).
 */
const IN_ORDER = `MATCH (f:${LABELS.gapFinding}) USING INDEX f:${LABELS.gapFinding}(set, seq) WHERE f.set = $set AND f.seq > $after`;

/** The one filter of every findings read: each part holds, or is switched off by its parameter. */
const WHERE = `(size($kinds) = 0 OR f.kind IN $kinds)
  AND ($domain IS NULL OR $domain IN f.domains)
  AND ($pattern IS NULL OR $pattern IN f.patterns)
  AND ($mode = 'show' OR (f.id IN $decided) = ($mode = 'only'))
  AND ($groupKey IS NULL OR f[$groupProp] = $groupKey)`;

function whereParams(where: StoredFindingsWhere): Record<string, unknown> {
  return {
    kinds: [...where.kinds],
    domain: where.domain ?? null,
    pattern: where.pattern ?? null,
    mode: where.decided.mode,
    decided: [...where.decided.ids],
    groupKey: where.group?.key ?? null,
    groupProp: where.group ? keyProp(where.group.by) : "",
  };
}

/** The stored properties of a grouping: only the four names of GAP_GROUP_BY reach these. */
const keyProp = (by: GapGroupBy): string => `${by}Key`;
const rankProp = (by: GapGroupBy): string => `${by}Rank`;

const parse = (json: string): GapFinding => JSON.parse(json) as GapFinding;
const KIND_ORDER = new Map<string, number>(GAP_KINDS.map((k, i) => [k, i]));

/**
 * The reader of the current copy's stored findings (undefined: nothing loaded, or a copy stored
 * without them). Counts (a scan of the whole set, ~0.7 s at ten times the real library) are kept
 * per set and filter, so paging through a filter pays for them once.
 */
export function createStoredGapsReader(reads: Reads, notFound: NotFound): () => Promise<StoredGapsCopy | undefined> {
  const counts = new Map<string, Promise<unknown>>();
  function counted<T>(key: string, work: () => Promise<T>): Promise<T> {
    const hit = counts.get(key) as Promise<T> | undefined;
    if (hit) {
      counts.delete(key);
      counts.set(key, hit);
      return hit;
    }
    const made = work();
    counts.set(key, made);
    made.catch(() => counts.delete(key));
    for (const oldest of counts.keys()) {
      if (counts.size <= COUNTS_KEPT) break;
      counts.delete(oldest);
    }
    return made;
  }
  return () => storedGaps(reads, notFound, counted);
}

async function storedGaps(reads: Reads, notFound: NotFound, counted: <T>(key: string, work: () => Promise<T>) => Promise<T>): Promise<StoredGapsCopy | undefined> {
  const { rows } = reads;
  const [head] = await reads.read((tx) =>
    rows<{ lib: string; set: string | null; report: string | null; stamp: string | null }>(
      tx,
      `${CURRENT} MATCH (g:${LABELS.copy} {id: lib}) RETURN lib, g.gaps AS set, g.gapsReport AS report, g.stamp AS stamp`,
    ),
  );
  if (!head?.set || !head.report) return undefined;
  const { lib, set } = head;
  // A set is changed in place with its copy (neo4j-in-place.ts): every later read of this request is
  // pinned to the revision the head was read at, and counts are kept per revision.
  const version = versionOf({ lib, revision: parseStamp(head.stamp, false).revision });
  const read = <T>(work: (tx: Reader) => Promise<T>): Promise<T> => reads.read(work, undefined, version);
  const summary = JSON.parse(head.report) as StoredGapsSummary;

  return {
    summary,

    page: (where, offset, limit) =>
      read(async (tx) => {
        const params = { set, after: -1, ...whereParams(where) };
        const everything = where.kinds.length === 0 && where.domain === undefined && where.pattern === undefined && where.group === undefined;
        let total: number;
        let after: number;
        let skip: number;
        if (everything && (where.decided.mode === "show" || where.decided.ids.length === 0)) {
          // Every finding: the one at offset n has seq n.
          total = where.decided.mode === "only" ? 0 : summary.findings;
          [after, skip] = [offset - 1, 0];
        } else {
          const found = await counted(`${version}\u0000marks\u0000${JSON.stringify(params)}`, async () => {
            const [row] = await rows<{ total: number; marks: number[] }>(
              tx,
              `${IN_ORDER} AND ${WHERE} WITH f.seq AS seq ORDER BY seq WITH collect(seq) AS seqs
               RETURN size(seqs) AS total, [i IN range(0, size(seqs) - 1, $step) | seqs[i]] AS marks`,
              { ...params, step: neo4j.int(MARK_STEP) },
            );
            return { total: Number(row?.total ?? 0), marks: (row?.marks ?? []).map(Number) };
          });
          total = found.total;
          const mark = Math.floor(offset / MARK_STEP);
          if (mark >= found.marks.length) return { total, findings: [] };
          [after, skip] = [found.marks[mark]! - 1, offset - mark * MARK_STEP];
        }
        const page = await rows<{ json: string }>(
          tx,
          `${IN_ORDER} AND ${WHERE} WITH f ORDER BY f.seq SKIP $skip LIMIT $limit RETURN f.json AS json`,
          { ...params, after, skip: neo4j.int(skip), limit: neo4j.int(limit) },
        );
        return { total, findings: page.map((r) => parse(r.json)) };
      }),

    async all(where) {
      const out: GapFinding[] = [];
      for (let after = -1; ; ) {
        const found = await read((tx) =>
          rows<{ seq: number; json: string }>(
            tx,
            `${IN_ORDER} AND ${WHERE} WITH f ORDER BY f.seq LIMIT $limit RETURN f.seq AS seq, f.json AS json`,
            { set, after, limit: neo4j.int(ALL_PAGE), ...whereParams(where) },
          ),
        );
        for (const r of found) out.push(parse(r.json));
        if (found.length < ALL_PAGE) return out;
        after = Number(found[found.length - 1]!.seq);
      }
    },

    groups: (where, by, offset, limit) =>
      read(async (tx) => {
        const params = { set, ...whereParams({ ...where, group: undefined }), keyProp: keyProp(by), rankProp: rankProp(by), byKind: by === "kind", offset: neo4j.int(offset), end: limit === undefined ? null : neo4j.int(offset + limit) };
        const [row] = await rows<{ total: number; totalGroups: number; page: { key: string; n: number; first: number; kinds: string[] }[] }>(
          tx,
          `MATCH (f:${F} {set: $set}) WHERE ${WHERE}
           WITH f[$keyProp] AS key, f[$rankProp] AS rank, count(*) AS n, min(f.seq) AS first, collect(DISTINCT f.kind) AS kinds
           ORDER BY CASE WHEN $byKind THEN 0 ELSE -n END, rank
           WITH collect({key: key, n: n, first: first, kinds: kinds}) AS groups, sum(n) AS total
           RETURN total, size(groups) AS totalGroups, CASE WHEN $end IS NULL THEN groups[$offset..] ELSE groups[$offset..$end] END AS page`,
          params,
        );
        const page = row?.page ?? [];
        const samples = await rows<{ seq: number; json: string }>(
          tx,
          `UNWIND $seqs AS seq MATCH (f:${F} {set: $set, seq: seq}) RETURN f.seq AS seq, f.json AS json`,
          { set, seqs: page.map((g) => g.first) },
        );
        const bySeq = new Map(samples.map((r) => [Number(r.seq), r.json]));
        const groups: GapGroup[] = page.map((g) => ({
          key: g.key,
          count: Number(g.n),
          kinds: [...g.kinds].sort((a, b) => KIND_ORDER.get(a)! - KIND_ORDER.get(b)!) as GapKind[],
          sample: parse(bySeq.get(Number(g.first))!),
        }));
        return { total: Number(row?.total ?? 0), totalGroups: Number(row?.totalGroups ?? 0), groups };
      }),

    kindCounts: (filter, decided) => {
      if (filter.domain === undefined && filter.pattern === undefined && decided.intended.length + decided.ignored.length === 0) {
        return Promise.resolve(Object.fromEntries(GAP_KINDS.map((k) => [k, { all: summary.counts[k], intended: 0, ignored: 0 }])) as StoredKindCounts);
      }
      return counted(`${version}\u0000kinds\u0000${JSON.stringify([filter.domain, filter.pattern, decided.intended, decided.ignored])}`, () => read(async (tx) => {
        const found = await rows<{ kind: GapKind; all: number; intended: number; ignored: number }>(
          tx,
          `MATCH (f:${F} {set: $set})
           WHERE ($domain IS NULL OR $domain IN f.domains) AND ($pattern IS NULL OR $pattern IN f.patterns)
           RETURN f.kind AS kind, count(*) AS all,
                  count(CASE WHEN f.id IN $intended THEN 1 END) AS intended,
                  count(CASE WHEN f.id IN $ignored THEN 1 END) AS ignored`,
          { set, domain: filter.domain ?? null, pattern: filter.pattern ?? null, intended: [...decided.intended], ignored: [...decided.ignored] },
        );
        const counts = Object.fromEntries(GAP_KINDS.map((k) => [k, { all: 0, intended: 0, ignored: 0 }])) as StoredKindCounts;
        for (const r of found) counts[r.kind] = { all: Number(r.all), intended: Number(r.intended), ignored: Number(r.ignored) };
        return counts;
      }));
    },

    byIds: (ids) =>
      read(async (tx) => {
        const found = await rows<{ id: string; json: string }>(tx, `UNWIND $ids AS id MATCH (f:${F} {set: $set, id: id}) RETURN f.id AS id, f.json AS json`, { set, ids: [...ids] });
        const byId = new Map(found.map((r) => [r.id, r.json]));
        return ids.flatMap((id) => (byId.has(id) ? [parse(byId.get(id)!)] : []));
      }),

    missing: (ids) =>
      read(async (tx) => {
        const found = await rows<{ id: string }>(tx, `UNWIND $ids AS id OPTIONAL MATCH (f:${F} {set: $set, id: id}) WITH id, f WHERE f IS NULL RETURN id`, { set, ids: [...ids] });
        return new Set(found.map((r) => r.id));
      }),

    patterns: (slugs) =>
      read(async (tx) => {
        const found = await rows<{ p: [string, string, string | null, string] }>(
          tx,
          `UNWIND $slugs AS slug MATCH (p:${LABELS.pattern} {lib: $lib, slug: slug}) RETURN [p.slug, p.title, p.domain, p.file] AS p`,
          { lib, slugs: [...slugs] },
        );
        // The shape and key order of the embedded store's answers (server/gaps-answers.ts).
        return new Map(found.map(({ p: [slug, title, domain, file] }) => [slug, { title, ...(domain ? { domain } : {}), file } satisfies GapPatternInfo]));
      }),

    checkPattern: (slug) =>
      read(async (tx) => {
        const [found] = await rows<{ n: number }>(tx, `MATCH (p:${LABELS.pattern} {lib: $lib, slug: $slug}) RETURN count(p) AS n`, { lib, slug });
        if (Number(found?.n ?? 0) === 0) throw await notFound(tx, lib, slug);
      }),
  };
}
