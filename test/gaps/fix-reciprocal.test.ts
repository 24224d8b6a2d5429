// The reciprocal-declaration fixer: each list style of both generations gets the new target in its
// own style, every other byte stays, and the patch applies with `git apply` and closes the findings.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseGaps, type GapFinding } from "../../graph/gaps/index.ts";
import { buildReciprocalPatch } from "../../ingest/fix-reciprocal.ts";
import { addReciprocalLinks, type ReciprocalAddition } from "../../ingest/fix-file.ts";
import { loadLibrary, parsePattern } from "../../ingest/index.ts";
import { git, gitInit, MINI_LIBRARY, tempDir, writeFiles } from "./helpers.ts";

const ID = "pat_01aaaaaaaaaaaaaaaaaaaaaaaa";

/** Applies additions to a file's text and returns the new text (failing the test if the fixer refused). */
function fix(text: string, additions: ReciprocalAddition[], file = "x.md"): string {
  const result = addReciprocalLinks(Buffer.from(text, "utf8"), file, additions);
  if (!result.ok) throw new Error(result.reason);
  return result.bytes.toString("utf8");
}

/** The lines of `after` that are not in `before` (a multiset difference), and whether `before`'s lines all survive in order. */
function addedLines(before: string, after: string): string[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const added: string[] = [];
  let i = 0;
  for (const line of b) {
    if (i < a.length && a[i] === line) i++;
    else added.push(line);
  }
  expect(i, "every original line is kept, in order").toBe(a.length);
  return added;
}

const gen1 = (lists: string) => `---\nid: pat_01bbbbbbbbbbbbbbbbbbbbbbbb\nslug: x\ntitle: X\n${lists}---\nBody text.\n`;

describe("generation 1 files", () => {
  it("fills an empty flow list with the quoted TypeID", () => {
    const before = gen1("generalizes_from: []\nspecializes_to: []\n");
    expect(fix(before, [{ type: "specializes_to", value: ID }])).toBe(gen1(`generalizes_from: []\nspecializes_to: ["${ID}"]\n`));
  });

  it("appends to a flow list in the quotes it already uses", () => {
    const before = gen1(`related: ['pat_01cccccccccccccccccccccccc']\nenables: []\n`);
    expect(fix(before, [{ type: "related", value: ID }, { type: "enables", value: ID }])).toBe(
      gen1(`related: ['pat_01cccccccccccccccccccccccc', '${ID}']\nenables: ['${ID}']\n`),
    );
  });

  it("adds an item to a block list, after its last item", () => {
    const before = gen1("generalizes_from:\n- pat_01cccccccccccccccccccccccc\nspecializes_to: []\n");
    const after = fix(before, [{ type: "generalizes_from", value: ID }]);
    expect(addedLines(before, after)).toEqual([`- ${ID}`]);
    expect(after).toContain(`- pat_01cccccccccccccccccccccccc\n- ${ID}\nspecializes_to: []`);
  });

  it("adds a missing list after the one that precedes it in the usual order", () => {
    const before = gen1("generalizes_from: []\nspecializes_to: []\nrequires: []\n");
    const after = fix(before, [{ type: "enables", value: ID }]);
    expect(after).toBe(gen1(`generalizes_from: []\nspecializes_to: []\nenables: ["${ID}"]\nrequires: []\n`));
  });

  it("adds a list before the closing delimiter when the file has none", () => {
    expect(fix(gen1(""), [{ type: "requires", value: "some-slug" }])).toBe(gen1("requires: [some-slug]\n"));
  });
});

const gen2 = (relationships: string, after = "") =>
  `---\nid: pat_01bbbbbbbbbbbbbbbbbbbbbbbb\nslug: x\ntitle: "X"\nsummary: >-\n  A summary.\nrelationships:\n${relationships}${after}---\n`;

describe("generation 2 files", () => {
  it("appends a weighted mapping item in the list's own indentation", () => {
    const before = gen2("  enables:\n    - slug: a\n      weight: 0.8\n  requires: []\n");
    const after = fix(before, [{ type: "enables", value: "b", weight: 0.65 }]);
    expect(addedLines(before, after)).toEqual(["    - slug: b", "      weight: 0.65"]);
  });

  it("turns an empty flow list into weighted mapping items when the source had a weight", () => {
    const before = gen2("  generalizes_from: []\n  enables:\n    - slug: a\n      weight: 0.8\n");
    expect(fix(before, [{ type: "generalizes_from", value: "b", weight: 0.9 }])).toBe(
      gen2("  generalizes_from:\n    - slug: b\n      weight: 0.9\n  enables:\n    - slug: a\n      weight: 0.8\n"),
    );
  });

  it("writes a plain slug into an empty flow list when the source had no weight", () => {
    const before = gen2("  requires: []\n");
    expect(fix(before, [{ type: "requires", value: "b" }])).toBe(gen2("  requires: [b]\n"));
  });

  it("appends a plain item to a list of plain slugs, and after an item's continuation lines", () => {
    const plain = gen2("  specializes_to:\n  - a\n  enables:\n  - id: c\n    weight: 0.6\n    description: why\n");
    const after = fix(plain, [{ type: "specializes_to", value: "b" }, { type: "enables", value: "d", weight: 0.5 }]);
    expect(after).toBe(gen2("  specializes_to:\n  - a\n  - b\n  enables:\n  - id: c\n    weight: 0.6\n    description: why\n  - slug: d\n    weight: 0.5\n"));
  });

  it("adds a missing key inside the relationships block, before a trailing comment and the next top-level key", () => {
    const before = gen2("  enables:\n    - slug: a\n      weight: 0.8\n  tools: []\n", "# ═══ end of relationships ═══\ngraph_garden:\n  x: 1\n");
    const after = fix(before, [{ type: "requires", value: "b", weight: 0.7 }]);
    expect(after).toContain("      weight: 0.8\n  requires:\n    - slug: b\n      weight: 0.7\n  tools: []\n# ═══");
    const parsed = parsePattern(after, "x.md");
    expect(parsed.kind === "pattern" && parsed.targets.map((t) => `${t.type}:${t.target}:${t.weight}`)).toEqual([
      "enables:a:0.8",
      "requires:b:0.7",
    ]);
  });
});

describe("every other byte", () => {
  it("keeps CRLF line ends, writing the new line with CRLF too", () => {
    const before = gen1("generalizes_from:\n- pat_01cccccccccccccccccccccccc\nenables: []\n").replace(/\n/g, "\r\n");
    const after = fix(before, [{ type: "generalizes_from", value: ID }]);
    expect(after).toBe(before.replace("cccc\r\nenables", `cccc\r\n- ${ID}\r\nenables`));
  });

  it("keeps bytes that are not UTF-8 and a missing final newline", () => {
    const text = Buffer.concat([Buffer.from(gen1("enables: []\n").replace("Body text.\n", "Caf")), Buffer.from([0xe9])]);
    const result = addReciprocalLinks(text, "x.md", [{ type: "enables", value: ID }]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const expected = Buffer.concat([Buffer.from(gen1(`enables: ["${ID}"]\n`).replace("Body text.\n", "Caf")), Buffer.from([0xe9])]);
    expect(result.bytes.equals(expected)).toBe(true);
  });

  it("refuses a list it cannot edit safely instead of guessing", () => {
    const result = addReciprocalLinks(Buffer.from(gen1("enables: [\n  a,\n  b]\n")), "x.md", [{ type: "enables", value: ID }]);
    expect(result).toMatchObject({ ok: false });
  });
});

describe("the patch on a small library of both generations", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let findings: GapFinding[];

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("fix"));
    await writeFiles(dir, MINI_LIBRARY);
    gitInit(dir);
    findings = analyseGaps(await loadLibrary(dir)).findings;
  });
  afterAll(() => cleanup());

  it("is a git-apply-able diff with a/ b/ paths relative to the library root that closes the one-sided findings", async () => {
    const patch = await buildReciprocalPatch(dir, findings);
    expect(patch.skipped).toEqual([]);
    const text = patch.diff.toString("utf8");
    expect(text).toContain("--- a/governance/dynamic-governance.md\n+++ b/governance/dynamic-governance.md\n");
    expect(text).toContain(`-generalizes_from: []\n+generalizes_from: ["pat_01testtesttesttesttest0001"]\n`);
    expect(text).toContain("-  requires: []\n+  requires: [circle-governance]\n");
    const out = path.join(dir, "..", `${path.basename(dir)}.diff`);
    await writeFile(out, patch.diff);
    git(dir, "apply", "--check", out);
    git(dir, "apply", out);
    expect(git(dir, "diff", "--numstat").trim().split("\n").sort()).toEqual([
      "1\t1\tconsent-decision.md",
      "1\t1\tgovernance/dynamic-governance.md",
    ]);
    const after = analyseGaps(await loadLibrary(dir)).findings;
    expect(after.filter((f) => f.kind.startsWith("one-sided"))).toEqual([]);
    const others = (fs: GapFinding[]) => fs.filter((f) => !f.kind.startsWith("one-sided")).map((f) => f.id);
    expect(others(after)).toEqual(others(findings));
    // The library itself was only changed by `git apply`, never by building the patch.
    expect(await readFile(path.join(dir, "lonely-pattern.md"), "utf8")).toBe(MINI_LIBRARY["lonely-pattern.md"]);
  });
});
