// Test helpers for the gap analysis: small literal libraries, and small pattern libraries on disk
// (both frontmatter generations, with planted gaps) in temporary folders.
import { execFileSync } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { GapFinding } from "../../graph/gaps/index.ts";
import type { DanglingRef, Library, Link, Pattern, Slug } from "../../core/model.ts";

type PatternInput = Omit<Partial<Pattern>, "slug" | "id"> & { slug: string; id?: string };

export function pattern(p: PatternInput): Pattern {
  return {
    title: p.slug.replace(/-/g, " "),
    aliases: [],
    file: `${p.slug}.md`,
    generation: 1,
    ...p,
    slug: p.slug as Slug,
  } as Pattern;
}

/** `"a enables b"` -> a Link declared in a.md. */
export function link(spec: string, extra: Partial<Link> = {}): Link {
  const [source, type, target] = spec.split(" ") as [string, string, string];
  return { source: source as Slug, type, target: target as Slug, declaredIn: `${source}.md`, line: 10, ...extra };
}

export function dangling(spec: string, extra: Partial<DanglingRef> = {}): DanglingRef {
  const [source, type, target] = spec.split(" ") as [string, string, string];
  return { source: source as Slug, type, target, form: "slug", declaredIn: `${source}.md`, line: 12, ...extra };
}

export function library(input: {
  patterns: PatternInput[];
  links?: (string | Link)[];
  dangling?: DanglingRef[];
  problems?: Library["problems"];
}): Library {
  const patterns = input.patterns.map(pattern);
  const links = (input.links ?? []).map((l) => (typeof l === "string" ? link(l) : l));
  return {
    root: "test-library",
    files: patterns.length,
    patterns,
    links,
    dangling: input.dangling ?? [],
    problems: input.problems ?? [],
  };
}

export const ofKind = (findings: readonly GapFinding[], kind: GapFinding["kind"]): GapFinding[] =>
  findings.filter((f) => f.kind === kind);

export const ids = (findings: readonly GapFinding[]): string[] => findings.map((f) => f.id);

/** A temporary folder, removed by the returned cleanup (with `<dir>.diff`, where tests put patches). */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `atlas-gaps-${prefix}-`));
  return {
    dir,
    cleanup: async () => {
      await rm(dir, { recursive: true, force: true });
      await rm(`${dir}.diff`, { force: true });
    },
  };
}

export async function writeFiles(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(root, ...name.split("/"));
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}

/** `git init` + commit everything in `dir` (never our repository: `dir` is a temp folder). */
export function gitInit(dir: string): void {
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.email=gaps@test", "-c", "user.name=gaps-test", "-c", "core.autocrlf=false", ...args], {
      cwd: dir,
      stdio: "pipe",
      maxBuffer: 256 * 1024 * 1024,
    });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "snapshot");
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "core.autocrlf=false", ...args], { cwd: dir, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
}

const ID = (n: number) => `pat_01testtesttesttesttest${String(n).padStart(4, "0")}`;

/**
 * A small library in both generations with one of each planted gap: a one-sided lineage declaration
 * (gen 1 flow list), a one-sided enables (gen 2 weighted mapping), a dangling slug with a near miss,
 * an orphan, an island of two, a "X - variant" twin, and a file with broken YAML.
 */
export const MINI_LIBRARY: Record<string, string> = {
  "governance/circle-governance.md": `---
id: ${ID(1)}
slug: circle-governance
title: Circle Governance
tags:
  domain: governance
generalizes_from: []
specializes_to: ["${ID(2)}"]
enables: ["${ID(3)}"]
requires: []
related: ["${ID(4)}"]
---
Circles decide within their domain.
`,
  "governance/dynamic-governance.md": `---
id: ${ID(2)}
slug: dynamic-governance
title: Dynamic Governance
tags:
  domain: governance
generalizes_from: []
specializes_to: []
enables: []
requires: []
related:
- ${ID(4)}
---
Sociocracy as practised today.
`,
  "consent-decision.md": `---
id: ${ID(3)}
slug: consent-decision
title: Consent Decision Making
summary: >-
  Decide when nobody has a reasoned objection.
ontology:
  domain: governance
relationships:
  generalizes_from: []
  specializes_to: []
  enables:
    - slug: circle-governence
      weight: 0.7
    - slug: role-election
      weight: 0.9
  requires: []
  alternatives: []
  complementary: []
  tools: []
---
Body.
`,
  "role-election.md": `---
id: ${ID(4)}
slug: role-election
title: Role Election
summary: Elect people to roles by consent after open nominations.
ontology:
  domain: governance
relationships:
  generalizes_from: []
  specializes_to: []
  enables: []
  requires:
    - slug: consent-decision
      weight: 0.9
  complementary: [circle-governance, dynamic-governance]
---
`,
  "lonely-pattern.md": `---
id: ${ID(5)}
slug: lonely-pattern
title: Lonely Pattern
summary: Nobody links here.
ontology:
  domain: craft
relationships:
  enables: []
---
`,
  "crafts/kanban.md": `---
id: ${ID(6)}
slug: kanban
title: Kanban
tags:
  domain: craft
related: ["${ID(7)}"]
---
`,
  "crafts/kanban-for-teams.md": `---
id: ${ID(7)}
slug: kanban-for-teams
title: Kanban - For Teams
tags:
  domain: craft
related: ["${ID(6)}"]
---
`,
  "broken.md": `---
id: ${ID(8)}
slug: broken
title: Broken: the YAML here is: invalid
related: [unclosed
---
`,
};
