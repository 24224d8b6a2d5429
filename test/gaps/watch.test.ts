// Live while editing: the real server started with --watch on a temp copy of the example library. Editing a
// file sends `library-changed` on /api/events and changes the gap answers; a half-written file becomes
// a problem (the server keeps answering) until it is saved whole. Also: the watcher re-reads only what
// changed yet resolves exactly what a full loadLibrary reads.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFile, cp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopChild } from "../bench/lib/child.ts";
import type { LibraryStats } from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { watchLibrary, type LibraryChange } from "../../ingest/watch-library.ts";
import type { GapsResponse } from "../../server/routes/gaps.ts";
import { MINI_LIBRARY, tempDir, writeFiles } from "./helpers.ts";

interface SseEvent {
  event: string;
  id?: string;
  data: unknown;
}

/** Reads an SSE stream into `events`; `next(pred)` waits for the first new event matching `pred`. */
function readEvents(body: ReadableStream<Uint8Array>) {
  const events: SseEvent[] = [];
  const waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void; from: number }[] = [];
  let buffer = "";
  const decoder = new TextDecoder();
  const reader = body.getReader();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields: Record<string, string> = {};
        for (const line of block.split("\n")) {
          const m = /^([a-z]+): ?(.*)$/.exec(line);
          if (m) fields[m[1]!] = m[2]!;
        }
        if (!fields.event) continue;
        const e: SseEvent = { event: fields.event, id: fields.id, data: JSON.parse(fields.data ?? "null") };
        events.push(e);
        for (const w of [...waiters]) {
          if (w.pred(e)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(e);
          }
        }
      }
    }
  })();
  return {
    events,
    cancel: () => reader.cancel(),
    /** The first event after the `seen`-th that matches. */
    next(pred: (e: SseEvent) => boolean, seen = events.length, timeoutMs = 15_000): Promise<SseEvent> {
      const already = events.slice(seen).find(pred);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((x) => x.event))}`)), timeoutMs);
        waiters.push({ pred, from: seen, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
  };
}

describe("the server with --watch", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let server: ChildProcess;
  let url: string;
  let stream: ReturnType<typeof readEvents>;
  let initialPatterns: number;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("watch"));
    await cp(path.resolve("examples/library"), dir, { recursive: true });
    server = spawn(path.resolve("node_modules/.bin/tsx"), ["cli/main.ts", "serve", "--library", dir, "--watch", "--port", "0"], {
      env: { ...process.env, PORT: "", NEO4J_URI: "", PATTERN_ATLAS_LIBRARY: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the server did not print its URL")), 60_000);
      createInterface({ input: server.stdout! }).on("line", (line) => {
        const m = /running at (http:\/\/\S+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      server.on("exit", (code) => reject(new Error(`the server exited with ${code}`)));
    });
    const res = await fetch(`${url}api/events`);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    stream = readEvents(res.body!);
    await stream.next((e) => e.event === "hello", 0);
    initialPatterns = ((await (await fetch(`${url}api/stats`)).json()) as LibraryStats).patterns;
  }, 90_000);

  afterAll(async () => {
    await stream?.cancel().catch(() => {});
    if (server) await stopChild(server);
    await cleanup();
  });

  const gaps = async (query: string) => (await (await fetch(`${url}api/gaps?${query}`)).json()) as GapsResponse;

  it("sends library-changed with the new stats when a file gains a link, and the gaps answer changes", async () => {
    expect((await gaps("kind=orphan")).findings.map((f) => f.id)).toEqual(["orphan:pair-programming"]);
    const before = (await (await fetch(`${url}api/stats`)).json()) as LibraryStats;
    const seen = stream.events.length;
    const file = path.join(dir, "delivery/pair-programming.md");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace("  complementary: []\n", "  complementary: [trunk-based-development]\n"));
    const event = await stream.next((e) => e.event === "library-changed", seen);
    const data = event.data as { version: number; files: string[]; stats: LibraryStats };
    expect(data.files).toEqual(["delivery/pair-programming.md"]);
    expect(data.stats.links).toBe(before.links + 1);
    expect(data.stats.linksByType.complementary).toBe(before.linksByType.complementary! + 1);
    expect(event.id).toBe(String(data.version));
    const after = await gaps("kind=orphan");
    expect(after.findings).toEqual([]);
    expect(after.version).toBe(data.version);
  });

  it("keeps answering while a file is half-written, reporting it as a problem until it is whole", async () => {
    const before = (await (await fetch(`${url}api/stats`)).json()) as LibraryStats;
    let seen = stream.events.length;
    const file = path.join(dir, "half.md");
    await writeFile(file, "---\nid: pat_01halfhalfhalfhalfhalfhalf\nslug: half\ntitle: Half Writ");
    const partial = await stream.next((e) => e.event === "library-changed", seen);
    const partialStats = (partial.data as { stats: LibraryStats }).stats;
    expect(partialStats.patterns).toBe(before.patterns);
    expect(partialStats.problemFiles).toBe(before.problemFiles + 1);
    expect((await fetch(`${url}api/gaps?pattern=half`)).status).toBe(404);
    const problems = (await (await fetch(`${url}api/problems`)).json()) as { problems: { file: string }[] };
    expect(problems.problems.map((p) => p.file)).toContain("half.md");
    expect((await fetch(`${url}api/gaps`)).status).toBe(200);

    seen = stream.events.length;
    await appendFile(file, "ten\nrelationships:\n  complementary: [pair-programming]\n---\nNow whole.\n");
    const whole = await stream.next(
      (e) => e.event === "library-changed" && (e.data as { stats: LibraryStats }).stats.patterns === before.patterns + 1,
      seen,
    );
    expect((whole.data as { stats: LibraryStats }).stats.problemFiles).toBe(before.problemFiles);
    // The pattern exists now: filtering the gaps by it is no longer a 404.
    expect((await fetch(`${url}api/gaps?pattern=half`)).status).toBe(200);
  });

  it("notices a deleted file", async () => {
    const seen = stream.events.length;
    await rm(path.join(dir, "half.md"));
    const event = await stream.next((e) => e.event === "library-changed", seen);
    expect((event.data as { stats: LibraryStats; files: string[] }).files).toEqual(["half.md"]);
    expect((event.data as { stats: LibraryStats }).stats.patterns).toBe(initialPatterns);
  });
});

describe("watchLibrary", () => {
  it("re-reads only what changed yet resolves exactly what loadLibrary reads", async () => {
    const { dir, cleanup } = await tempDir("watch-lib");
    try {
      await writeFiles(dir, MINI_LIBRARY);
      const changes: LibraryChange[] = [];
      const watcher = watchLibrary(dir, (c) => void changes.push(c), { debounceMs: 50 });
      await watcher.ready;
      await writeFiles(dir, { "crafts/new-one.md": "---\nslug: new-one\ntitle: New One\nrelated: [kanban]\n---\n" });
      for (let i = 0; i < 200 && changes.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      await watcher.idle();
      await appendFile(path.join(dir, "crafts/kanban.md"), "More body text.\n");
      for (let i = 0; i < 200 && changes.length < 2; i++) await new Promise((r) => setTimeout(r, 25));
      await watcher.idle();
      await watcher.close();
      expect(changes.map((c) => c.files)).toEqual([["crafts/new-one.md"], ["crafts/kanban.md"]]);
      expect(changes[1]!.library).toEqual(await loadLibrary(dir));
    } finally {
      await cleanup();
    }
  });
});
