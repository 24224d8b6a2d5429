// The overview layout kept on disk, keyed by the library's content hash: a restart on an unchanged
// library reads the positions (and the communities the layout was seeded with) back instead of running
// Louvain and ForceAtlas2 (5.9 s at ten times the real library),
// and a library with a few changed files starts warm from the newest layout kept. Bounded (at most
// MAX_FILES files and MAX_BYTES in all, oldest removed first), written atomically (a temporary file,
// then a rename), and a file that cannot be read or does not have the expected shape is ignored.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Point } from "../graph/layout.ts";

/** Bumped whenever the layout (graph/layout.ts) or this file's shape changes: older files are then misses. */
export const LAYOUT_CACHE_FORMAT = 2;
const MAX_FILES = 8;
const MAX_BYTES = 256 * 2 ** 20;
const SUFFIX = ".layout.json";

interface LayoutFile {
  format: number;
  key: string;
  slugs: string[];
  x: number[];
  y: number[];
  /** Each slug's community (overview-communities.ts), -1 for none. */
  community: number[];
}

/**
 * Where layouts are kept: PATTERN_ATLAS_LAYOUT_CACHE (a folder, or "off"), else
 * $XDG_CACHE_HOME/pattern-atlas/overview-layouts, else ~/.cache/pattern-atlas/overview-layouts.
 */
export function layoutCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.PATTERN_ATLAS_LAYOUT_CACHE?.trim();
  if (chosen === "off") return undefined;
  if (chosen) return path.resolve(chosen);
  const base = env.XDG_CACHE_HOME?.trim() || path.join(os.homedir(), ".cache");
  return path.join(base, "pattern-atlas", "overview-layouts");
}

/** A safe file name for a key (the keys are base64url hashes; anything else is refused). */
function fileOf(dir: string, key: string): string {
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(key)) throw new Error(`not a layout cache key: ${key}`);
  return path.join(dir, `${key}${SUFFIX}`);
}

export interface KeptLayout {
  positions: Map<string, Point>;
  communities: Map<string, number>;
}

function parse(text: string, key: string | undefined): KeptLayout | undefined {
  const file = JSON.parse(text) as Partial<LayoutFile>;
  const { slugs, x, y, community } = file;
  if (file.format !== LAYOUT_CACHE_FORMAT || (key !== undefined && file.key !== key)) return undefined;
  if (!Array.isArray(slugs) || !Array.isArray(x) || !Array.isArray(y) || !Array.isArray(community)) return undefined;
  if (x.length !== slugs.length || y.length !== slugs.length || community.length !== slugs.length) return undefined;
  const positions = new Map<string, Point>();
  const communities = new Map<string, number>();
  for (let i = 0; i < slugs.length; i++) {
    const [slug, px, py, c] = [slugs[i], x[i], y[i], community[i]];
    if (typeof slug !== "string" || typeof px !== "number" || typeof py !== "number" || !Number.isFinite(px) || !Number.isFinite(py)) return undefined;
    if (!Number.isInteger(c) || c! < -1) return undefined;
    positions.set(slug, { x: px, y: py });
    if (c! >= 0) communities.set(slug, c!);
  }
  return { positions, communities };
}

export interface LayoutRead {
  positions?: Map<string, Point>;
  /** The communities kept with the positions, by slug. */
  communities?: Map<string, number>;
  /** Why a file that was there was not used (unreadable, corrupt, of an older format). */
  ignored?: string;
}

/** The layout kept for exactly `key`, if any. */
export function readLayout(dir: string, key: string): LayoutRead {
  const file = fileOf(dir, key);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return {};
  }
  try {
    const kept = parse(text, key);
    return kept ? { positions: kept.positions, communities: kept.communities } : { ignored: `${path.basename(file)} has an unexpected shape` };
  } catch (error) {
    return { ignored: `${path.basename(file)} is not readable JSON (${(error as Error).message})` };
  }
}

function listed(dir: string): { file: string; mtimeMs: number; size: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files: { file: string; mtimeMs: number; size: number }[] = [];
  for (const name of names) {
    if (!name.endsWith(SUFFIX)) continue;
    try {
      const stat = statSync(path.join(dir, name));
      if (stat.isFile()) files.push({ file: path.join(dir, name), mtimeMs: stat.mtimeMs, size: stat.size });
    } catch {
      // Removed meanwhile (another server pruning): not a layout any more.
    }
  }
  return files.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.file < b.file ? -1 : 1));
}

/** The most recently written readable layout, whatever its key: the start of a warm layout, and its communities. */
export function readNewestLayout(dir: string): KeptLayout | undefined {
  for (const { file } of listed(dir)) {
    try {
      const kept = parse(readFileSync(file, "utf8"), undefined);
      if (kept) return kept;
    } catch {
      // A corrupt file is skipped; the next newest may do.
    }
  }
  return undefined;
}

/** Keeps `positions` and `communities` under `key`, then removes the oldest files beyond the bounds. Errors are returned, not thrown. */
export function writeLayout(dir: string, key: string, positions: Map<string, Point>, communities: ReadonlyMap<string, number> = new Map()): string | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    const file: LayoutFile = { format: LAYOUT_CACHE_FORMAT, key, slugs: [], x: [], y: [], community: [] };
    for (const [slug, p] of positions) {
      file.slugs.push(slug);
      file.x.push(p.x);
      file.y.push(p.y);
      file.community.push(communities.get(slug) ?? -1);
    }
    const target = fileOf(dir, key);
    const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, JSON.stringify(file));
    renameSync(temporary, target);
    let bytes = 0;
    listed(dir).forEach(({ file: kept, size }, i) => {
      bytes += size;
      if (i >= MAX_FILES || (i > 0 && bytes > MAX_BYTES)) rmSync(kept, { force: true });
    });
    return undefined;
  } catch (error) {
    return `the overview layout could not be kept in ${dir}: ${(error as Error).message}`;
  }
}
