// docker-compose.yml and the Dockerfile, checked without Docker (no engine runs here): the compose
// file parses, its services, ports and NEO4J_* variables match what the app and ingest read, and
// the Dockerfile and the ingest service run the commands docs/neo4j.md documents.
import { readFileSync } from "node:fs";
import { load as loadYaml } from "js-yaml";
import { describe, expect, it } from "vitest";
import { DEFAULT_PORT } from "../../server/config.ts";

const REPO = new URL("../../", import.meta.url).pathname;
const read = (file: string): string => readFileSync(`${REPO}${file}`, "utf8");

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
const compose = loadYaml(read("docker-compose.yml")) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const { neo4j, ingest, app } = compose.services as Record<"neo4j" | "ingest" | "app", Service>;

/** The NEO4J_* variables a source file reads from the environment. */
const variablesReadBy = (file: string): string[] => [...new Set([...read(file).matchAll(/env\.(NEO4J_[A-Z_]+)/g)].map((m) => m[1]!))].sort();

/** The container port of a "host:port", "ip:host:port" or "port" mapping. */
const containerPort = (mapping: string): number => Number(mapping.split(":").at(-1));

/** The Neo4j page of the documentation, which shows the Docker commands. */
const neo4jPage = read("docs/neo4j.md");

describe("docker-compose.yml", () => {
  it("has the Neo4j, one-shot ingest and app services, and nothing else", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "ingest", "neo4j"]);
  });

  it("runs Neo4j 5 community with a healthcheck, Bolt on 7687 and its data on a named volume", () => {
    expect(neo4j.image).toBe("neo4j:5.26-community");
    expect(neo4j.healthcheck?.test.join(" ")).toContain("cypher-shell");
    expect(neo4j.ports?.map(containerPort)).toContain(7687);
    expect(neo4j.volumes).toContain("neo4j-data:/data");
    expect(Object.keys(compose.volumes)).toEqual(["neo4j-data"]);
    expect(neo4j.environment?.NEO4J_AUTH).toMatch(/^neo4j\//);
  });

  it("gives the app and the ingest exactly the NEO4J_* variables the server and ingest read, pointing at the neo4j service", () => {
    const readByServer = variablesReadBy("server/config.ts");
    const readByIngest = variablesReadBy("ingest/neo4j-ingest.ts");
    // The connection, and which library of the database (NEO4J_NAMESPACE) both use.
    const connection = ["NEO4J_DATABASE", "NEO4J_NAMESPACE", "NEO4J_PASSWORD", "NEO4J_URI", "NEO4J_USER"];
    // The server also takes the time budget of its queries and how many searches it answers at once; the ingest only connects.
    expect(readByServer).toEqual([...connection, "NEO4J_QUERY_TIMEOUT_MS", "NEO4J_SEARCHES_AT_ONCE"].sort());
    expect(readByIngest).toEqual(connection);
    for (const [service, read] of [
      [app, readByServer],
      [ingest, readByIngest],
    ] as const) {
      const env = service.environment ?? {};
      expect(Object.keys(env).filter((k) => k.startsWith("NEO4J_")).sort()).toEqual(read);
      expect(env.NEO4J_URI).toBe("bolt://neo4j:7687");
      expect(env.NEO4J_PASSWORD).toBe(neo4j.environment!.NEO4J_AUTH!.replace(/^neo4j\//, ""));
      expect(env.NEO4J_USER).toBe("neo4j");
    }
  });

  it("publishes the app on the port the server listens on", () => {
    expect(app.environment?.PORT).toBe(String(DEFAULT_PORT));
    expect(app.ports?.map(containerPort)).toEqual([DEFAULT_PORT]);
    expect(read("Dockerfile")).toMatch(new RegExp(`^EXPOSE ${DEFAULT_PORT}$`, "m"));
  });

  it("starts the app only after Neo4j is healthy and the ingest has finished", () => {
    expect(app.depends_on).toEqual({
      neo4j: { condition: "service_healthy" },
      ingest: { condition: "service_completed_successfully" },
    });
    expect(ingest.depends_on).toEqual({ neo4j: { condition: "service_healthy" } });
  });

  it("ingests a mounted library folder with the ingest command the Neo4j page documents", () => {
    expect(ingest.volumes?.some((v) => /:\/library:ro$/.test(v))).toBe(true);
    const command = ingest.command!.join(" ").replace("/library", "<folder>");
    expect(command).toBe("npm run ingest -- <folder> --neo4j");
    expect(neo4jPage).toContain(command);
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const runs = [...dockerfile.matchAll(/^RUN (.+)$/gm)].map((m) => m[1]!);
  const cmd = JSON.parse(/^CMD (\[.+\])$/m.exec(dockerfile)![1]!) as string[];

  it("builds on Node 20 and runs the install and build commands the Neo4j page documents", () => {
    expect(dockerfile).toMatch(/^FROM node:20[-\w.]*$/m);
    const projectCommands = runs.filter((r) => !r.startsWith("npm install -g"));
    expect(projectCommands.map((r) => r.replace(/ --no-audit --no-fund$/, ""))).toEqual(["npm ci", "npm run build", "npm prune --omit=dev"]);
    for (const command of ["npm ci", "npm run build", "npm prune --omit=dev"]) expect(neo4jPage).toContain(command);
  });

  it("starts the built server as the Neo4j page documents, on every interface inside the container", () => {
    expect(cmd).toEqual(["node", "dist/cli.js", "serve", "--host", "0.0.0.0"]);
    expect(neo4jPage).toContain(cmd.join(" "));
  });

  it("gives the server the same heap sizes as npm start", () => {
    const start = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts.start!;
    const flags = start.match(/--max-(?:old|semi)-space-size=\d+/g) ?? [];
    expect(flags).toHaveLength(2);
    expect(dockerfile).toMatch(new RegExp(`^ENV NODE_OPTIONS="${flags.join(" ")}"$`, "m"));
  });
});
