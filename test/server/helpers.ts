// Shared set-up for the API tests: a small literal library whose every answer the tests know, the
// example library of the project, and an app built around a store holding either.
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  asPatternId,
  asSlug,
  createMemoryStore,
  type GraphStore,
  type Library,
  type Link,
  type Pattern,
} from "../../graph/index.ts";
import { createApp, type AppOptions, type AtlasApp } from "../../server/app.ts";
import { createMemoryLogger } from "../../server/logger.ts";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const EXAMPLE_LIBRARY = path.join(REPO_ROOT, "examples/library");
export const EXAMPLE_EXPECTED = path.join(REPO_ROOT, "test/fixtures/example-library.expected.json");

function pattern(slug: string, title: string, domain: string, extra: Partial<Pattern> = {}): Pattern {
  return {
    slug: asSlug(slug),
    id: asPatternId(`pat_${slug.replace(/-/g, "").padEnd(26, "0").slice(0, 26)}`),
    title,
    aliases: [],
    domain,
    file: `${slug}.md`,
    generation: 2,
    ...extra,
  };
}

function link(source: string, type: string, target: string, extra: Partial<Link> = {}): Link {
  return { source: asSlug(source), type, target: asSlug(target), declaredIn: `${source}.md`, ...extra };
}

/**
 * Seven patterns: a lineage chain (deliberate-practice > focused-practice > spaced-practice), an
 * enables/requires pair, a symmetric `related`, a library-specific link type (`conflicts_with`),
 * a dangling reference, an orphan, and one problem file.
 */
export const SMALL_LIBRARY: Library = {
  root: "small",
  files: 8,
  patterns: [
    pattern("deliberate-practice", "Deliberate Practice", "learning", { aliases: ["Purposeful Practice"] }),
    pattern("focused-practice", "Focused Practice", "learning"),
    pattern("spaced-practice", "Spaced Practice", "learning"),
    pattern("feedback-loop", "Feedback Loop", "systems"),
    pattern("coaching", "Coaching", "learning", { generation: 1 }),
    pattern("time-blocking", "Time Blocking", "productivity"),
    pattern("lonely-orphan", "Lonely Orphan", "misc"),
  ],
  links: [
    link("focused-practice", "generalizes_from", "deliberate-practice", { weight: 0.9 }),
    link("focused-practice", "specializes_to", "spaced-practice"),
    link("feedback-loop", "enables", "deliberate-practice", { weight: 0.8, description: "fast feedback makes practice deliberate" }),
    link("deliberate-practice", "requires", "feedback-loop"),
    link("coaching", "related", "deliberate-practice"),
    link("time-blocking", "conflicts_with", "coaching"),
  ],
  dangling: [
    { source: asSlug("coaching"), type: "related", target: "pat_01missingmissingmissing00", form: "id", declaredIn: "coaching.md", line: 7 },
  ],
  problems: [
    { file: "broken.md", line: 3, column: 5, kind: "invalid-yaml", message: "bad indentation", fatal: true },
    { file: "coaching.md", line: 7, kind: "malformed-target", message: "target is a number", fatal: false, recovered: "skipped it" },
  ],
};

export interface TestApp {
  app: AtlasApp;
  store: GraphStore;
  logger: ReturnType<typeof createMemoryLogger>;
}

export function makeApp(library: Library = SMALL_LIBRARY, options: Partial<AppOptions> = {}): TestApp {
  const store = options.store ?? createMemoryStore(library);
  const logger = createMemoryLogger();
  const app = createApp({ logger, ...options, store });
  return { app, store, logger };
}

/** Asserts the uniform error body and returns it. */
export function expectErrorShape(body: unknown): { code: string; message: string; details: Record<string, unknown> } {
  if (typeof body !== "object" || body === null || !("error" in body)) {
    throw new Error(`not an error body: ${JSON.stringify(body)}`);
  }
  const error = (body as { error: unknown }).error as { code: unknown; message: unknown; details: unknown };
  if (typeof error.code !== "string" || typeof error.message !== "string" || typeof error.details !== "object" || error.details === null) {
    throw new Error(`malformed error body: ${JSON.stringify(body)}`);
  }
  if (JSON.stringify(body).includes("    at ")) throw new Error(`error body contains a stack trace: ${JSON.stringify(body)}`);
  return error as { code: string; message: string; details: Record<string, unknown> };
}

export { seededRandom } from "../fixtures/literal-library.ts";
