// The --watch side of ingest on real folders: it watches exactly what ingest reads (folder links that
// point back up are not entered), re-reads on its own thread with the same result as loadLibrary, and
// says what a watch error means instead of calling it a failed reload.
import { appendFile, mkdir, mkdtemp, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadLibrary } from "../../ingest/index.ts";
import { startReadThread } from "../../ingest/read-thread.ts";
import { describeWatchError, watchLibrary, type LibraryChange } from "../../ingest/watch-library.ts";

let root: string;

const pattern = (slug: string, extra: string[] = []): string => ["---", `slug: ${slug}`, `title: ${slug}`, ...extra, "---", "", "Body."].join("\n");

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "atlas-watch-"));
  await mkdir(path.join(root, "sub"));
  await writeFile(path.join(root, "a.md"), pattern("a"));
  await writeFile(path.join(root, "sub/b.md"), pattern("b", ["related: [a]"]));
  await symlink("..", path.join(root, "sub/up"));
  await symlink(".", path.join(root, "sub/self"));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!done()) throw new Error(`timed out waiting for ${what}`);
}

describe("watchLibrary on folder links that loop", () => {
  it("does not enter them, stays small, and reloads what loadLibrary reads", async () => {
    const changes: LibraryChange[] = [];
    const errors: string[] = [];
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const watcher = watchLibrary(root, (c) => void changes.push(c), {
      debounceMs: 50,
      onError: (error) => errors.push(`reload: ${error.message}`),
      onWatchError: (message) => errors.push(`watch: ${message}`),
    });
    try {
      await watcher.ready;
      await watcher.idle();
      // Following `up -> ..` and `self -> .` never ends: before, the watch grew past 1 GB here.
      expect(performance.now() - started).toBeLessThan(5000);
      await appendFile(path.join(root, "sub/b.md"), "More body.\n");
      await until(() => changes.length > 0, "a reload");
      await watcher.idle();
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 2 ** 20);
      expect(changes.map((c) => c.files)).toEqual([["sub/b.md"]]);
      const library = changes[0]!.library;
      expect(library).toEqual(await loadLibrary(root));
      expect(library.patterns.map((p) => p.file)).toEqual(["a.md", "sub/b.md"]);
      expect(library.problems.filter((p) => p.kind === "skipped-path").map((p) => p.file)).toEqual(["sub/self", "sub/up"]);
      // An edit seen only through a link (sub/up/a.md) would be a second, phantom file.
      await appendFile(path.join(root, "a.md"), "More.\n");
      await until(() => changes.length > 1, "a second reload");
      await watcher.idle();
      expect(changes[1]!.files).toEqual(["a.md"]);
      expect(errors).toEqual([]);
    } finally {
      await watcher.close();
    }
  });
});

describe("the read thread", () => {
  it("reads on a worker thread, re-reads only what changed, and gives what loadLibrary gives", async () => {
    const reader = startReadThread(root);
    try {
      expect(reader.threaded).toBe(true);
      await reader.prime();
      expect(await reader.read([])).toEqual(await loadLibrary(root));
      await writeFile(path.join(root, "c.md"), pattern("c", ["related: [b]"]));
      await writeFile(path.join(root, "a.md"), pattern("a", ["related: [c]"]));
      const library = await reader.read(["a.md", "c.md"]);
      expect(library).toEqual(await loadLibrary(root));
      expect(library.links.map((l) => `${l.source}->${l.target}`)).toEqual(["a->c", "c->b", "b->a"]);
    } finally {
      await reader.close();
    }
  });

  it("reports a library folder that is gone as the error loadLibrary gives", async () => {
    const reader = startReadThread(path.join(root, "gone"));
    try {
      await expect(reader.read([])).rejects.toThrow(/Cannot read the library folder '.*gone': no such file or folder/);
      await expect(reader.read([])).rejects.toMatchObject({ name: "LibraryReadError" });
    } finally {
      await reader.close();
    }
  });
});

describe("watch errors", () => {
  it("name the path and the reason, and say that no reload ran", async () => {
    await symlink("loop", path.join(root, "loop"));
    const error = await stat(path.join(root, "loop")).catch((e: Error) => e);
    const message = describeWatchError(error as Error, (p) => path.relative(root, p));
    expect(message).toBe("Cannot watch 'loop': a symbolic link that loops (ELOOP). Edits there are not seen; no reload ran and the library is served as before.");
    expect(message).not.toMatch(/reload failed/i);
  });
});
