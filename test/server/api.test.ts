// Every endpoint of the JSON API on a small literal library: status, body shape and the values the
// library implies.
import { createServer, get as httpGet } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createMemoryStore, QueryAbortedError, type GraphStore, type Subgraph } from "../../graph/index.ts";
import { expectErrorShape, makeApp, SMALL_LIBRARY } from "./helpers.ts";
import { decodeOverview } from "../../core/overview-wire.ts";

const { app } = makeApp();

describe("GET /api/stats", () => {
  it("answers the library's numbers", async () => {
    const res = await request(app).get("/api/stats").expect(200).expect("Content-Type", /json/);
    expect(res.body).toMatchObject({ files: 8, patterns: 7, links: 6, dangling: 1, problems: 2 });
    expect(res.body.linksByType).toMatchObject({ conflicts_with: 1, enables: 1, requires: 1 });
  });
});

describe("GET /api/search", () => {
  it("finds a pattern by a prefix of its title, best hit first", async () => {
    const res = await request(app).get("/api/search?q=delib").expect(200);
    expect(res.body.query).toBe("delib");
    expect(res.body.limit).toBe(20);
    expect(res.body.hits[0]).toMatchObject({ slug: "deliberate-practice", title: "Deliberate Practice" });
  });

  it("finds a pattern by its alias", async () => {
    const res = await request(app).get("/api/search").query({ q: "purposeful" }).expect(200);
    expect(res.body.hits.map((h: { slug: string }) => h.slug)).toContain("deliberate-practice");
  });

  it("caps the hits at limit", async () => {
    const res = await request(app).get("/api/search?q=practice&limit=2").expect(200);
    expect(res.body.hits).toHaveLength(2);
  });

  it("answers no hits for an empty or absent query", async () => {
    expect((await request(app).get("/api/search?q=").expect(200)).body.hits).toEqual([]);
    expect((await request(app).get("/api/search").expect(200)).body.hits).toEqual([]);
  });
});

describe("GET /api/patterns/:slug", () => {
  it("answers the pattern with its links grouped by type and direction", async () => {
    const res = await request(app).get("/api/patterns/deliberate-practice").expect(200);
    expect(res.body.pattern).toMatchObject({ slug: "deliberate-practice", title: "Deliberate Practice", domain: "learning" });
    expect(res.body.degree).toBe(4);
    expect(Object.keys(res.body.outgoing)).toEqual(["requires"]);
    expect(Object.keys(res.body.incoming).sort()).toEqual(["enables", "generalizes_from", "related"]);
    expect(res.body.incoming.enables[0]).toMatchObject({ slug: "feedback-loop", weight: 0.8 });
  });

  it("lists a pattern's dangling references and its file's problems", async () => {
    const res = await request(app).get("/api/patterns/coaching").expect(200);
    expect(res.body.dangling).toHaveLength(1);
    expect(res.body.problems).toEqual([expect.objectContaining({ kind: "malformed-target" })]);
  });

  it("answers 404 with suggestions for an unknown slug", async () => {
    const res = await request(app).get("/api/patterns/deliberate-practise").expect(404);
    const error = expectErrorShape(res.body);
    expect(error.code).toBe("not_found");
    expect(error.details.suggestions).toContain("deliberate-practice");
    expect(error.message).toContain("Did you mean 'deliberate-practice'");
  });
});

describe("GET /api/neighborhood/:slug", () => {
  it("answers depth 1 around a pattern by default", async () => {
    const res = await request(app).get("/api/neighborhood/deliberate-practice").expect(200);
    expect(res.body.center).toBe("deliberate-practice");
    expect(res.body.nodes.map((n: { slug: string }) => n.slug).sort()).toEqual([
      "coaching",
      "deliberate-practice",
      "feedback-loop",
      "focused-practice",
    ]);
    expect(res.body.truncated).toBe(false);
    expect(res.body.distance["coaching"]).toBe(1);
  });

  it("reaches two links away at depth 2", async () => {
    const res = await request(app).get("/api/neighborhood/deliberate-practice?depth=2").expect(200);
    const slugs = res.body.nodes.map((n: { slug: string }) => n.slug);
    expect(slugs).toContain("spaced-practice");
    expect(slugs).toContain("time-blocking");
    expect(res.body.distance["time-blocking"]).toBe(2);
  });

  it("follows only the named link types, including a type only this library has", async () => {
    const res = await request(app).get("/api/neighborhood/coaching?types=conflicts_with").expect(200);
    expect(res.body.nodes.map((n: { slug: string }) => n.slug).sort()).toEqual(["coaching", "time-blocking"]);
    expect(res.body.links.every((l: { type: string }) => l.type === "conflicts_with")).toBe(true);
  });

  it("follows links in their declared direction only with direction=out", async () => {
    const res = await request(app).get("/api/neighborhood/deliberate-practice?direction=out").expect(200);
    expect(res.body.nodes.map((n: { slug: string }) => n.slug).sort()).toEqual(["deliberate-practice", "feedback-loop"]);
  });

  it("caps the nodes at limit, says why and how much, and summarises the rest in groups a client can fetch", async () => {
    const res = await request(app).get("/api/neighborhood/deliberate-practice?limit=2").expect(200);
    expect(res.body.nodes).toHaveLength(2);
    for (const n of res.body.nodes) expect(typeof n.score).toBe("number");
    const { total, groups, truncated } = res.body as Subgraph;
    expect(truncated).toMatchObject({ reason: "node-limit", limit: 2, total, kept: 2, leftOut: total - 2, groups: groups.length });
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(total - 2);
    const [group] = groups;
    const page = await request(app).get(`/api/neighborhood/deliberate-practice?limit=1&group=${encodeURIComponent(group!.key)}`).expect(200);
    expect(page.body.group).toEqual({ key: group!.key, count: group!.count, offset: 0 });
    expect(page.body.nodes.map((n: { slug: string }) => n.slug)).toEqual([group!.sample[0]]);
    const missing = await request(app).get(`/api/neighborhood/deliberate-practice?group=${encodeURIComponent("2|deliberate-practice|no_such_type")}`).expect(404);
    expect(expectErrorShape(missing.body).code).toBe("not_found");
    const bad = await request(app).get("/api/neighborhood/deliberate-practice?group=x").expect(400);
    expect(expectErrorShape(bad.body).details).toMatchObject({ parameter: "group" });
    const offset = await request(app).get("/api/neighborhood/deliberate-practice?offset=3").expect(400);
    expect(expectErrorShape(offset.body).details).toMatchObject({ parameter: "offset" });
  });

  it("answers 404 for an unknown slug", async () => {
    const res = await request(app).get("/api/neighborhood/no-such-pattern").expect(404);
    expect(expectErrorShape(res.body).code).toBe("not_found");
  });
});

describe("GET /api/lineage/:slug", () => {
  it("answers the parents above and the children below", async () => {
    const res = await request(app).get("/api/lineage/focused-practice").expect(200);
    expect(res.body.root).toBe("focused-practice");
    const level = Object.fromEntries(res.body.nodes.map((n: { slug: string; level: number }) => [n.slug, n.level]));
    expect(level).toEqual({ "deliberate-practice": -1, "focused-practice": 0, "spaced-practice": 1 });
    expect(res.body.edges).toContainEqual(
      expect.objectContaining({ parent: "deliberate-practice", child: "focused-practice", declaredAs: ["generalizes_from"] }),
    );
  });

  it("answers 404 for an unknown slug", async () => {
    expectErrorShape((await request(app).get("/api/lineage/nope").expect(404)).body);
  });
});

describe("GET /api/paths", () => {
  it("answers the shortest path between two patterns, undirected by default", async () => {
    const res = await request(app).get("/api/paths?from=spaced-practice&to=feedback-loop").expect(200);
    expect(res.body).toMatchObject({ from: "spaced-practice", to: "feedback-loop" });
    expect(res.body.paths).toHaveLength(1);
    expect(res.body.paths[0].nodes).toEqual(["spaced-practice", "focused-practice", "deliberate-practice", "feedback-loop"]);
    expect(res.body.paths[0].length).toBe(3);
    expect(res.body.nodes.map((n: { slug: string }) => n.slug).sort()).toEqual([
      "deliberate-practice",
      "feedback-loop",
      "focused-practice",
      "spaced-practice",
    ]);
  });

  it("answers no path when the link types exclude every route", async () => {
    const res = await request(app).get("/api/paths?from=spaced-practice&to=feedback-loop&types=related").expect(200);
    expect(res.body.paths).toEqual([]);
  });

  it("answers no path beyond maxLength", async () => {
    const res = await request(app).get("/api/paths?from=spaced-practice&to=feedback-loop&maxLength=2").expect(200);
    expect(res.body.paths).toEqual([]);
  });

  it("follows the declared direction only when directed=true", async () => {
    const undirected = await request(app).get("/api/paths?from=deliberate-practice&to=focused-practice").expect(200);
    expect(undirected.body.paths).toHaveLength(1);
    const directed = await request(app).get("/api/paths?from=deliberate-practice&to=focused-practice&directed=true").expect(200);
    expect(directed.body.paths).toEqual([]);
  });

  it("answers 404 naming the unknown end", async () => {
    const res = await request(app).get("/api/paths?from=coaching&to=nowhere").expect(404);
    const error = expectErrorShape(res.body);
    expect(error.details.parameter).toBe("to");
    expect(error.details.slug).toBe("nowhere");
  });
});

describe("GET /api/problems", () => {
  it("answers the problem report ordered by file with counts per kind", async () => {
    const res = await request(app).get("/api/problems").expect(200);
    expect(res.body).toMatchObject({ total: 2, offset: 0, limit: 100, byKind: { "invalid-yaml": 1, "malformed-target": 1 } });
    expect(res.body.problems.map((p: { file: string }) => p.file)).toEqual(["broken.md", "coaching.md"]);
  });

  it("filters by kind, by file and by fatality", async () => {
    expect((await request(app).get("/api/problems?kind=invalid-yaml").expect(200)).body.total).toBe(1);
    expect((await request(app).get("/api/problems?file=COACH").expect(200)).body.problems[0].file).toBe("coaching.md");
    expect((await request(app).get("/api/problems?fatal=true").expect(200)).body.problems[0].file).toBe("broken.md");
  });

  it("pages with offset and limit while total counts every match", async () => {
    const res = await request(app).get("/api/problems?offset=1&limit=1").expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.problems.map((p: { file: string }) => p.file)).toEqual(["coaching.md"]);
  });
});

describe("GET /api/overview", () => {
  it("answers every pattern with finite coordinates and every link", async () => {
    const res = await request(app).get("/api/overview").expect(200).expect("Content-Type", /json/);
    const { nodes, links } = decodeOverview(res.body);
    expect(nodes).toHaveLength(7);
    expect(links).toHaveLength(6);
    for (const node of nodes) {
      expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
    }
    expect(res.body.layout.algorithm).toBe("forceatlas2");
  });

  it("answers 304 when the client already has this library's overview", async () => {
    const first = await request(app).get("/api/overview").expect(200);
    const etag = first.headers["etag"];
    expect(etag).toMatch(/^"/);
    await request(app).get("/api/overview").set("If-None-Match", etag).expect(304);
  });
});

describe("GET /healthz", () => {
  it("answers 200 with the store kind", async () => {
    const res = await request(app).get("/healthz").expect(200);
    expect(res.body).toEqual({ status: "ok", store: "memory" });
  });
});

describe("GET /api/paths: words, maxDegree, budget and abandonment", () => {
  it("says each path in words, scored", async () => {
    const res = await request(app).get("/api/paths?from=spaced-practice&to=feedback-loop").expect(200);
    expect(res.body.paths[0].explanation).toBe(
      "Spaced Practice is a variant of Focused Practice, which is a variant of Deliberate Practice (weight 0.9), which is enabled by Feedback Loop (weight 0.8: “fast feedback makes practice deliberate”).",
    );
    expect(res.body.paths[0].steps.map((s: { type: string }) => s.type)).toEqual(["specializes_to", "generalizes_from", "enables"]);
    expect(res.body.paths[0].score).toBeGreaterThan(3);
    expect(res.body.paths[0].score).toBeLessThan(3.01);
  });

  it("skips patterns with more neighbours than maxDegree, and refuses a maxDegree that is not a positive integer", async () => {
    // Deliberate Practice has three neighbours (Focused Practice, Feedback Loop, Coaching): the only route goes through it.
    expect((await request(app).get("/api/paths?from=spaced-practice&to=feedback-loop&maxDegree=2").expect(200)).body.paths).toEqual([]);
    expect((await request(app).get("/api/paths?from=spaced-practice&to=feedback-loop&maxDegree=3").expect(200)).body.paths).toHaveLength(1);
    for (const bad of ["0", "-1", "2.5", "many"]) {
      const error = expectErrorShape((await request(app).get(`/api/paths?from=spaced-practice&to=feedback-loop&maxDegree=${bad}`).expect(400)).body);
      expect(error.details.parameter).toBe("maxDegree");
    }
  });

  it("answers 504 query_timeout saying what to ask for instead when the search runs out of budget", async () => {
    const store = createMemoryStore(SMALL_LIBRARY, { pathSearchBudget: { work: 0 } });
    const { app: tight } = makeApp(SMALL_LIBRARY, { store });
    const res = await request(tight).get("/api/paths?from=spaced-practice&to=feedback-loop&k=3").expect(504);
    const error = expectErrorShape(res.body);
    expect(error.code).toBe("query_timeout");
    expect(error.message).toContain("maxLength");
    expect(error.message).toContain("maxDegree");
  });
});

describe("GET /api/search, /api/lineage and /api/paths: budget and abandonment", () => {
  it("answers 504 query_timeout saying what to ask for instead when a search or a lineage runs out of budget", async () => {
    const store = createMemoryStore(SMALL_LIBRARY, { searchBudget: { work: 0 }, lineageBudget: { work: 0 } });
    const { app: tight } = makeApp(SMALL_LIBRARY, { store });
    const search = expectErrorShape((await request(tight).get("/api/search?q=spased%20practise").expect(504)).body);
    expect(search.code).toBe("query_timeout");
    expect(search.message).toContain("shorter text");
    const lineage = expectErrorShape((await request(tight).get("/api/lineage/focused-practice?depth=2").expect(504)).body);
    expect(lineage.code).toBe("query_timeout");
    expect(lineage.message).toContain("smaller depth");
  });

  it.each([
    ["search", "/api/search?q=spaced"],
    ["lineage", "/api/lineage/focused-practice"],
    ["paths", "/api/paths?from=spaced-practice&to=feedback-loop"],
  ] as const)("hands %s the request's signal and abandons it when the client goes away before the answer", async (method, path) => {
    let abandoned!: () => void;
    const gaveUp = new Promise<void>((resolve) => (abandoned = resolve));
    const memory = createMemoryStore(SMALL_LIBRARY);
    // A store whose query lasts until its caller gives up, and says so.
    const store: GraphStore = Object.assign(Object.create(memory) as GraphStore, {
      // The request's signal is the method's last argument (paths takes one more than the others).
      [method]: (...args: unknown[]) =>
        new Promise((_resolve, reject) => {
          const signal = args.at(-1) as AbortSignal | undefined;
          signal?.addEventListener("abort", () => {
            abandoned();
            reject(new QueryAbortedError());
          });
        }),
    });
    const { app: slow, logger } = makeApp(SMALL_LIBRARY, { store });
    const server = createServer(slow);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const req = httpGet(`http://127.0.0.1:${port}${path}`);
      req.on("error", () => undefined);
      await new Promise((r) => setTimeout(r, 100));
      req.destroy();
      await gaveUp;
      await new Promise((r) => setTimeout(r, 20));
      expect(logger.lines.filter((l) => l.level === "error")).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
