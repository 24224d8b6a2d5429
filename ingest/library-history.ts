// Builds the history index the gap analysis resolves stale references with (graph/gaps/index.ts):
// every identity (TypeID, slug, title, path) each pattern file had in the library's git repository,
// and git's renames, read with the `git` program (log --raw, cat-file --batch; no network). Cached in
// the repository's git folder and brought up to date by reading only the commits newer than the cache.
import { execFile, spawn } from "node:child_process";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  HISTORY_FORMAT,
  HISTORY_VERSION,
  type HistoryIndex,
  type HistoryRecord,
} from "../graph/gaps/index.ts";
import { TYPEID_PATTERN } from "./normalise-frontmatter.ts";
import { parsePattern } from "./parse-pattern.ts";

/** JSON files larger than this are not searched for registry entries (site search indexes, embeddings). */
const MAX_JSON_BYTES = 16 * 2 ** 20;
const CACHE_FILE = "history-v1.json";

export interface HistoryBuild {
  index: HistoryIndex;
  /** Where the cache is kept (inside the repository's git folder). */
  cacheFile: string;
  /** "cached": nothing new; "updated": only the commits after the cached head were read; "built": read from the first commit. */
  how: "cached" | "updated" | "built";
  /** Commits read this time. */
  commitsRead: number;
  ms: number;
}

/** Runs git in `cwd`; rejects with git's message. */
function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("git", ["-c", "core.quotePath=false", ...args], { cwd, maxBuffer: 512 * 2 ** 20, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args[0]}: ${(stderr || error.message).trim()}`));
      else resolve(stdout);
    });
  });
}

/** The repository whose last commit holds `folder`: its root, the folder's prefix, HEAD and the git folder; else undefined. */
export async function findRepository(folder: string): Promise<{ top: string; prefix: string; head: string; gitDir: string } | undefined> {
  try {
    const [top, prefix, head, gitDir] = (
      await git(folder, ["rev-parse", "--show-toplevel", "--show-prefix", "HEAD", "--absolute-git-dir"])
    ).split("\n");
    if (!top || head === undefined || !/^[0-9a-f]{40,64}$/.test(head) || !gitDir) return undefined;
    // A folder the last commit does not hold (ignored, like an unpacked copy under node_modules, or
    // never committed) has no history of its own in this repository.
    if (prefix) await git(top, ["rev-parse", "--verify", "--quiet", `HEAD:${prefix.replace(/\/$/, "")}`]);
    return { top, prefix: prefix ?? "", head, gitDir };
  } catch {
    return undefined;
  }
}

/**
 * The history index of the repository holding `folder`, from the cache when it is current, else
 * updated from it with only the newer commits, else built. Undefined when the folder is not in git
 * (or git is missing, or the repository has no commit). `known`: an index already in memory, used
 * instead of the cache file when it reaches the same HEAD.
 */
export async function loadLibraryHistory(folder: string, known?: HistoryIndex): Promise<HistoryBuild | undefined> {
  const started = performance.now();
  const repo = await findRepository(folder);
  if (!repo) return undefined;
  const cacheFile = path.join(repo.gitDir, "pattern-atlas", CACHE_FILE);
  const cached = known?.head === repo.head ? known : await readCache(cacheFile);
  let index: HistoryIndex;
  let how: HistoryBuild["how"];
  let commitsRead = 0;
  if (cached && cached.head === repo.head) {
    index = { ...cached, prefix: repo.prefix };
    how = "cached";
  } else {
    const base = cached && (await isAncestor(repo.top, cached.head, repo.head)) ? cached : undefined;
    index = base ?? { format: HISTORY_FORMAT, version: HISTORY_VERSION, head: repo.head, prefix: repo.prefix, commits: [], records: [], renames: [] };
    commitsRead = await readCommits(repo.top, index, base ? `${base.head}..${repo.head}` : repo.head);
    index.head = repo.head;
    index.prefix = repo.prefix;
    how = base ? "updated" : "built";
    await writeCache(cacheFile, index).catch(() => undefined); // a read-only repository still gets its index
  }
  return { index, cacheFile, how, commitsRead, ms: Math.round(performance.now() - started) };
}

async function readCache(file: string): Promise<HistoryIndex | undefined> {
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as HistoryIndex;
    return data.format === HISTORY_FORMAT && data.version === HISTORY_VERSION && typeof data.head === "string" ? data : undefined;
  } catch {
    return undefined;
  }
}

async function writeCache(file: string, index: HistoryIndex): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(index));
  await rename(temp, file);
}

async function isAncestor(cwd: string, older: string, newer: string): Promise<boolean> {
  return git(cwd, ["merge-base", "--is-ancestor", older, newer]).then(
    () => true,
    () => false,
  );
}

interface Change {
  c: number;
  path: string;
  /** Absent for a deletion. */
  blob?: string;
  added?: boolean;
}

/** Reads the commits of `range` (oldest first) into `index`; returns how many were read. */
async function readCommits(top: string, index: HistoryIndex, range: string): Promise<number> {
  // First parent only, merges diffed against it: one line of changes per commit of the main line.
  const log = await git(top, [
    "log", "--reverse", "--first-parent", "-m", "--no-abbrev", "-M", "--raw", "--format=%x01%H %cI", range, "--", "*.md", "*.json",
  ]);
  const changes: Change[] = [];
  let c = -1;
  let read = 0;
  for (const line of log.split("\n")) {
    if (line.startsWith("\u0001")) {
      const [sha, date] = line.slice(1).split(" ");
      index.commits.push({ sha: sha!, date: date ?? "" });
      c = index.commits.length - 1;
      read++;
      continue;
    }
    if (!line.startsWith(":") || c < 0) continue;
    const tab = line.indexOf("\t");
    const meta = line.slice(1, tab).split(" ");
    const paths = line.slice(tab + 1).split("\t");
    const blob = meta[3]!;
    const status = meta[4] ?? "";
    const to = paths[paths.length - 1]!;
    if (status.startsWith("D")) {
      changes.push({ c, path: to });
      continue;
    }
    if (status.startsWith("R") && paths.length === 2) index.renames.push({ c, from: paths[0]!, to });
    if (!/^0+$/.test(blob)) changes.push({ c, path: to, blob, added: status.startsWith("A") });
  }
  const seen = new Set(index.records.map(recordKey));
  // The identity each path had last, to pair a file deleted in a commit with one added in it.
  const lastByPath = new Map<string, HistoryRecord>();
  for (const r of index.records) if (!r.registry) lastByPath.set(r.path, r);
  const blobs = [...new Set(changes.flatMap((ch) => (ch.blob ? [ch.blob] : [])))];
  const contents = await readBlobs(top, blobs);
  let commit: { c: number; deleted: HistoryRecord[]; added: HistoryRecord[] } | undefined;
  const pairMoves = () => {
    if (commit) index.renames.push(...movesWithin(commit.c, commit.deleted, commit.added));
  };
  for (const ch of changes) {
    if (commit?.c !== ch.c) {
      pairMoves();
      commit = { c: ch.c, deleted: [], added: [] };
    }
    if (!ch.blob) {
      const last = ch.path.endsWith(".md") ? lastByPath.get(ch.path) : undefined;
      if (last) commit.deleted.push(last);
      continue;
    }
    const text = contents.get(ch.blob);
    if (text === undefined) continue;
    const found = ch.path.endsWith(".json") ? registryRecords(text, ch) : markdownRecord(text, ch);
    for (const r of found) {
      if (!r.registry) {
        lastByPath.set(r.path, r);
        if (ch.added) commit.added.push(r);
      }
      const key = recordKey(r);
      if (seen.has(key)) continue;
      seen.add(key);
      index.records.push(r);
    }
  }
  pairMoves();
  index.renames.sort((a, b) => a.c - b.c); // stable: a commit's renames keep their order
  return read;
}

/**
 * Files deleted and added in one commit that git's rename detection did not pair (the content
 * changed too much) but that carry the same id, slug or title: the same pattern moved. Only
 * unambiguous pairs (one deleted file for one added file under that key) count.
 */
function movesWithin(c: number, deleted: readonly HistoryRecord[], added: readonly HistoryRecord[]): HistoryIndex["renames"] {
  const out: HistoryIndex["renames"] = [];
  const paired = new Set<string>();
  const keysOf = (r: HistoryRecord): string[] => [
    ...(r.id ? [`id:${r.id.toLowerCase()}`] : []),
    ...(r.slug ? [`slug:${r.slug.replace(/^\d+-/, "").toLowerCase()}`] : []),
    ...(r.title ? [`title:${r.title.toLowerCase().replace(/[^a-z0-9]+/g, "")}`] : []),
  ];
  for (const kind of ["id:", "slug:", "title:"]) {
    const from = new Map<string, HistoryRecord[]>();
    const to = new Map<string, HistoryRecord[]>();
    for (const r of deleted) for (const k of keysOf(r)) if (k.startsWith(kind) && !paired.has(r.path)) from.set(k, [...(from.get(k) ?? []), r]);
    for (const r of added) for (const k of keysOf(r)) if (k.startsWith(kind) && !paired.has(`+${r.path}`)) to.set(k, [...(to.get(k) ?? []), r]);
    for (const [k, gone] of from) {
      const come = to.get(k);
      if (gone.length !== 1 || come?.length !== 1 || gone[0]!.path === come[0]!.path) continue;
      if (paired.has(gone[0]!.path) || paired.has(`+${come[0]!.path}`)) continue;
      paired.add(gone[0]!.path);
      paired.add(`+${come[0]!.path}`);
      out.push({ c, from: gone[0]!.path, to: come[0]!.path });
    }
  }
  return out;
}

const recordKey = (r: HistoryRecord): string => [r.registry ?? "", r.path, r.id ?? "", r.slug ?? "", r.title ?? ""].join("\u0000");

function markdownRecord(text: string, ch: Change): HistoryRecord[] {
  const parsed = parsePattern(text, ch.path);
  if (parsed.kind !== "pattern") return [];
  const p = parsed.pattern;
  return [{ c: ch.c, path: ch.path, ...(p.id ? { id: p.id } : {}), slug: p.slug, title: p.title }];
}

/** Entries of a JSON registry: objects anywhere in it with a TypeID `id` and a `slug` or `title`. */
function registryRecords(text: string, ch: Change): HistoryRecord[] {
  if (!text.includes('"pat_')) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const out: HistoryRecord[] = [];
  const stack: unknown[] = [data];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const item of v) if (item && typeof item === "object") stack.push(item);
      continue;
    }
    if (!v || typeof v !== "object") continue;
    const o = v as Record<string, unknown>;
    const id = typeof o.id === "string" && TYPEID_PATTERN.test(o.id) ? o.id : undefined;
    const slug = typeof o.slug === "string" ? o.slug : undefined;
    const title = typeof o.title === "string" ? o.title : undefined;
    const file = typeof o.filepath === "string" ? o.filepath : typeof o.file === "string" ? o.file : undefined;
    if (id && (slug || title)) {
      const name = file ? file.slice(file.lastIndexOf("/") + 1) : slug ? `${slug}.md` : "";
      out.push({ c: ch.c, path: name, id, ...(slug ? { slug } : {}), ...(title ? { title } : {}), registry: ch.path });
      continue;
    }
    for (const child of Object.values(o)) if (child && typeof child === "object") stack.push(child);
  }
  return out.reverse();
}

/** The blobs' texts through one `git cat-file --batch`; JSON blobs past MAX_JSON_BYTES are left out. */
function readBlobs(top: string, blobs: readonly string[]): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, string>();
    if (!blobs.length) return resolve(out);
    const child = spawn("git", ["cat-file", "--batch"], { cwd: top, stdio: ["pipe", "pipe", "pipe"] });
    // Chunks are joined only once a whole header or blob has arrived: a 16 MB blob is copied once, not per chunk.
    let chunks: Buffer[] = [];
    let have = 0;
    let wanted: { sha: string; size: number } | undefined;
    let next = 0;
    let stderr = "";
    const take = (n: number): Buffer => {
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      chunks = n < all.length ? [all.subarray(n)] : [];
      have = all.length - n;
      return all.subarray(0, n);
    };
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      have += chunk.length;
      for (;;) {
        if (!wanted) {
          const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          chunks = [all];
          const nl = all.indexOf(10);
          if (nl < 0) return;
          const header = take(nl + 1).toString("utf8", 0, nl).split(" ");
          if (header[1] === "missing") {
            next++;
            continue;
          }
          wanted = { sha: header[0]!, size: Number(header[2]) };
        }
        if (have < wanted.size + 1) return;
        const body = take(wanted.size + 1);
        if (wanted.size <= MAX_JSON_BYTES) out.set(wanted.sha, body.toString("utf8", 0, wanted.size));
        wanted = undefined;
        next++;
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0 && next < blobs.length) reject(new Error(`git cat-file: ${stderr.trim() || `exit ${code}`}`));
      else resolve(out);
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(`${blobs.join("\n")}\n`);
  });
}
