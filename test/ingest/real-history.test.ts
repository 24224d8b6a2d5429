// The library's real git history (cut fixture): its first and last commits hold exactly the two
// real snapshots, so ingest of either commit equals ingest of that snapshot's fixture.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Library } from "../../core/model.ts";
import { listMarkdownFiles, loadLibrary } from "../../ingest/index.ts";
import { cloneRealHistory, realLibrary } from "../fixtures/real-library.ts";

const withoutRoot = (library: Library) => ({ ...library, root: "" });

describe("the library's cut git history", () => {
  let repo: { dir: string; cleanup(): void };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo.dir, encoding: "utf8" }).trim();

  beforeAll(() => {
    repo = cloneRealHistory();
  });
  afterAll(() => repo?.cleanup());

  it("keeps all 103 commits from 2026-01-29 to 2026-02-20, with their authors and messages", () => {
    const commits = git("log", "--format=%ad|%an|%s", "--date=short", "main").split("\n");
    expect(commits).toHaveLength(103);
    expect(commits.at(-1)).toBe("2026-01-29|higgerix|Initial commit: 926 organizational patterns with TypeIDs and relationships");
    expect(commits[0]!.startsWith("2026-02-20|")).toBe(true);
  });

  it("ends on a commit whose _patterns/ ingests exactly as the 2026-02-20 snapshot", async () => {
    const [fromHistory, fromSnapshot] = await Promise.all([loadLibrary(`${repo.dir}/_patterns`), loadLibrary(realLibrary("2026-02-20"))]);
    expect(fromHistory.files).toBe(3573);
    expect(withoutRoot(fromHistory)).toEqual(withoutRoot(fromSnapshot));
  });

  it("starts with a commit of 924 pattern files that ingests exactly as the 2026-01-29 snapshot", async () => {
    git("checkout", "--quiet", git("rev-list", "--max-parents=0", "main"));
    const { files } = await listMarkdownFiles(repo.dir);
    expect(files).toHaveLength(924);
    expect(new Set(files.map((f) => f.split("/")[0]))).toEqual(new Set(["_context-specific", "_domain", "_human-universal", "_implementation", "_universal"]));
    expect(withoutRoot(await loadLibrary(repo.dir))).toEqual(withoutRoot(await loadLibrary(realLibrary("2026-01-29"))));
  });
});
