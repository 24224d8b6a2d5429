// Resolves a stale id, slug or title through the library's git history: which file carried that
// identity in some commit, and which pattern that file (followed through renames) is today. Pure: the
// index is built from git by ingest/library-history.ts; this only reads it.
import type { Pattern } from "../../core/model.ts";
import { compareStrings } from "../../core/order.ts";
import type { GapCandidate } from "../../core/gaps.ts";
import { compactKey } from "./text.ts";

export const HISTORY_FORMAT = "pattern-atlas-history";
export const HISTORY_VERSION = 1;

/** One identity a file (or a registry entry naming a file) had in some commit. */
export interface HistoryRecord {
  /** Index into `commits` of the first commit in which it was seen. */
  c: number;
  /** Path relative to the repository root (frontmatter records), or the registry entry's file name. */
  path: string;
  id?: string;
  slug?: string;
  title?: string;
  /** Set for an entry of a JSON registry (an array of `{ id, slug, title, filepath }`): the registry's path. */
  registry?: string;
}

/** Every identity every pattern file had over the repository's history, and the renames between commits. */
export interface HistoryIndex {
  format: typeof HISTORY_FORMAT;
  version: typeof HISTORY_VERSION;
  /** The commit the index reaches (HEAD when it was built). */
  head: string;
  /** The library folder relative to the repository root, "" or ending in "/". */
  prefix: string;
  /** Oldest first: the commit id and its committer date (ISO 8601). */
  commits: { sha: string; date: string }[];
  records: HistoryRecord[];
  /** Oldest first: `from` became `to` in commit `c` (git's rename detection). */
  renames: { c: number; from: string; to: string }[];
}

/** What a history match is worth: a file followed to today's file, a registry entry followed, a name that lived on elsewhere. */
export const HISTORY_CONFIDENCE = { file: 0.97, registryFile: 0.95, sameName: 0.9 } as const;

export type HistoryResolver = (target: string, form: "id" | "text") => GapCandidate[];

/** A resolver over `index` for the patterns of today's library; undefined when the index is absent. */
export function createHistoryResolver(index: HistoryIndex | undefined, patterns: readonly Pattern[]): HistoryResolver | undefined {
  if (!index || index.format !== HISTORY_FORMAT || index.version !== HISTORY_VERSION) return undefined;
  const todayByPath = new Map<string, Pattern>();
  const todayBySlug = new Map<string, Pattern>();
  const todayByTitle = new Map<string, Pattern>();
  for (const p of patterns) {
    todayByPath.set(index.prefix + p.file, p);
    if (!todayBySlug.has(compactKey(p.slug))) todayBySlug.set(compactKey(p.slug), p);
    if (!todayByTitle.has(compactKey(p.title))) todayByTitle.set(compactKey(p.title), p);
  }
  const renamesFrom = new Map<string, { c: number; to: string }[]>();
  for (const r of index.renames) {
    const list = renamesFrom.get(r.from) ?? [];
    list.push({ c: r.c, to: r.to });
    renamesFrom.set(r.from, list);
  }
  const byId = new Map<string, HistoryRecord[]>();
  const byName = new Map<string, HistoryRecord[]>();
  const byBase = new Map<string, HistoryRecord[]>();
  const add = (map: Map<string, HistoryRecord[]>, key: string | undefined, r: HistoryRecord) => {
    if (!key) return;
    const list = map.get(key);
    if (!list) map.set(key, [r]);
    else if (list[list.length - 1] !== r) list.push(r);
  };
  for (const r of index.records) {
    add(byId, r.id?.toLowerCase(), r);
    add(byName, r.slug ? compactKey(r.slug) : undefined, r);
    add(byName, r.title ? compactKey(r.title) : undefined, r);
    if (!r.registry) add(byBase, baseName(r.path), r);
  }

  /** The file `path` became (through renames made at or after commit `since`) that is a pattern today. */
  function follow(path: string, since: number): { pattern: Pattern; path: string } | undefined {
    let at = path;
    let c = since;
    for (let hops = 0; hops < 64; hops++) {
      // A rename after the record comes first: another file may have taken the old path since.
      const next = renamesFrom.get(at)?.find((r) => r.c >= c);
      if (!next) {
        const now = todayByPath.get(at);
        return now ? { pattern: now, path: at } : undefined;
      }
      at = next.to;
      c = next.c;
    }
    return undefined;
  }

  const commit = (c: number): string => {
    const k = index.commits[c];
    return k ? `commit ${k.sha.slice(0, 7)} (${k.date.slice(0, 10)})` : "an earlier commit";
  };
  const named = (r: HistoryRecord): string => (r.title ? `'${r.title}'` : `'${r.slug ?? r.path}'`);

  function resolveRecord(target: string, r: HistoryRecord): { pattern: Pattern; score: number; reason: string } | undefined {
    const was = `in ${commit(r.c)} ${target} was ${named(r)}`;
    if (!r.registry) {
      const found = follow(r.path, r.c);
      if (found) {
        const where = found.path === r.path ? `that file is still ${found.path}` : `that file is now ${found.path}`;
        return { pattern: found.pattern, score: HISTORY_CONFIDENCE.file, reason: `${was} at ${r.path}; ${where}` };
      }
    } else {
      // A registry names its file: the frontmatter record of a file with that name, seen by then, followed to today.
      const files = (byBase.get(baseName(r.path)) ?? []).filter((f) => f.c <= r.c).sort((a, b) => b.c - a.c);
      for (const f of files) {
        const found = follow(f.path, f.c);
        if (!found) continue;
        const where = found.path === f.path ? `that file is still ${found.path}` : `that file is now ${found.path}`;
        return {
          pattern: found.pattern,
          score: HISTORY_CONFIDENCE.registryFile,
          reason: `${was} at ${f.path} (per ${r.registry}); ${where}`,
        };
      }
    }
    const sameSlug = r.slug ? todayBySlug.get(compactKey(r.slug)) : undefined;
    const sameTitle = r.title ? todayByTitle.get(compactKey(r.title)) : undefined;
    const now = sameSlug ?? sameTitle;
    if (!now) return undefined;
    const how = sameSlug ? `slug '${now.slug}'` : `title "${now.title}"`;
    const place = r.registry ? `(per ${r.registry})` : `at ${r.path}, a file gone since`;
    return { pattern: now, score: HISTORY_CONFIDENCE.sameName, reason: `${was} ${place}; today the ${how} is ${now.file}` };
  }

  const cache = new Map<string, GapCandidate[]>();
  return (target, form) => {
    const key = `${form}\u0000${target}`;
    const known = cache.get(key);
    if (known) return known;
    const records = form === "id" ? byId.get(target.trim().toLowerCase()) : byName.get(compactKey(target));
    const best = new Map<string, GapCandidate>();
    for (const r of records ?? []) {
      const hit = resolveRecord(target.trim(), r);
      if (!hit) continue;
      const had = best.get(hit.pattern.slug);
      if (!had || hit.score > had.score) {
        best.set(hit.pattern.slug, { slug: hit.pattern.slug, title: hit.pattern.title, score: hit.score, reason: hit.reason, via: "history" });
      }
    }
    const out = [...best.values()].sort((a, b) => b.score - a.score || compareStrings(a.slug, b.slug));
    cache.set(key, out);
    return out;
  };
}

const baseName = (p: string): string => p.slice(p.lastIndexOf("/") + 1).toLowerCase();
