// Server configuration: flags beat the environment, defaults are sensible, and every bad value is a
// ConfigError whose one-line message says what to fix.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_HOST, DEFAULT_NEIGHBORHOOD_NICE, DEFAULT_NEIGHBORHOOD_THREADS, DEFAULT_PORT, parseConfig } from "../../server/config.ts";

const cwd = mkdtempSync(path.join(tmpdir(), "pattern-atlas-config-"));
const library = mkdtempSync(path.join(tmpdir(), "pattern-atlas-lib-"));
const snapshot = path.join(cwd, "snap.json");
writeFileSync(snapshot, "{}");

describe("parseConfig", () => {
  it("takes the answer cache budget from --response-cache-mb, then the environment, else leaves it to the store's default", () => {
    expect(parseConfig(["--library", library], {}, cwd).responseCacheMb).toBeUndefined();
    expect(parseConfig(["--library", library], { PATTERN_ATLAS_RESPONSE_CACHE_MB: "64" }, cwd).responseCacheMb).toBe(64);
    expect(parseConfig(["--library", library, "--response-cache-mb", "0"], { PATTERN_ATLAS_RESPONSE_CACHE_MB: "64" }, cwd).responseCacheMb).toBe(0);
  });

  it("takes the neighbourhood threads' nice value from PATTERN_ATLAS_NEIGHBORHOOD_NICE, else the default", () => {
    expect(parseConfig(["--library", library], {}, cwd).neighborhoodNice).toBe(DEFAULT_NEIGHBORHOOD_NICE);
    expect(parseConfig(["--library", library], { PATTERN_ATLAS_NEIGHBORHOOD_NICE: "5" }, cwd).neighborhoodNice).toBe(5);
    expect(parseConfig(["--library", library], { PATTERN_ATLAS_NEIGHBORHOOD_NICE: " 19 " }, cwd).neighborhoodNice).toBe(19);
  });

  it("takes the number of neighbourhood threads from PATTERN_ATLAS_NEIGHBORHOOD_THREADS, else the default", () => {
    expect(parseConfig(["--library", library], {}, cwd).neighborhoodThreads).toBe(DEFAULT_NEIGHBORHOOD_THREADS);
    expect(parseConfig(["--library", library], { PATTERN_ATLAS_NEIGHBORHOOD_THREADS: "2" }, cwd).neighborhoodThreads).toBe(2);
    expect(parseConfig(["--library", library], { PATTERN_ATLAS_NEIGHBORHOOD_THREADS: "0" }, cwd).neighborhoodThreads).toBe(0);
  });

  it("takes the public URL from --public-url, then PATTERN_ATLAS_PUBLIC_URL, without a trailing slash; none by default", () => {
    expect(parseConfig(["--library", library], {}, cwd).publicUrl).toBeUndefined();
    expect(parseConfig(["--library", library], { PATTERN_ATLAS_PUBLIC_URL: "https://atlas.example.org/" }, cwd).publicUrl).toBe("https://atlas.example.org");
    expect(parseConfig(["--library", library, "--public-url", "http://10.0.0.1:4000/atlas/"], { PATTERN_ATLAS_PUBLIC_URL: "https://x.example" }, cwd).publicUrl).toBe("http://10.0.0.1:4000/atlas");
  });

  it("uses --library, --port and --host when given", () => {
    const config = parseConfig(["--library", library, "--port", "4123", "--host", "0.0.0.0"], {}, cwd);
    expect(config.source).toEqual({ kind: "library", path: library, origin: "flag" });
    expect(config.port).toBe(4123);
    expect(config.host).toBe("0.0.0.0");
    expect(config.neo4j).toBeUndefined();
  });

  it("reads PATTERN_ATLAS_LIBRARY and PORT from the environment, flags winning", () => {
    const fromEnv = parseConfig([], { PATTERN_ATLAS_LIBRARY: library, PORT: "4555" }, cwd);
    expect(fromEnv.source).toEqual({ kind: "library", path: library, origin: "env" });
    expect(fromEnv.port).toBe(4555);
    expect(parseConfig(["--port", "4556"], { PATTERN_ATLAS_LIBRARY: library, PORT: "4555" }, cwd).port).toBe(4556);
  });

  it("defaults to port 4000 on 127.0.0.1", () => {
    const config = parseConfig(["--library", library], {}, cwd);
    expect([config.port, config.host]).toEqual([DEFAULT_PORT, DEFAULT_HOST]);
    expect([DEFAULT_PORT, DEFAULT_HOST]).toEqual([4000, "127.0.0.1"]);
  });

  it("loads a snapshot with --snapshot", () => {
    expect(parseConfig(["--snapshot", "snap.json"], {}, cwd).source).toEqual({ kind: "snapshot", path: snapshot });
  });

  it("with NEO4J_URI serves the database unless a library is named", () => {
    const env = { NEO4J_URI: "bolt://127.0.0.1:7687", NEO4J_PASSWORD: "pw" };
    const config = parseConfig([], env, cwd);
    expect(config.source).toEqual({ kind: "database" });
    expect(config.neo4j).toEqual({ uri: "bolt://127.0.0.1:7687", user: "neo4j", password: "pw", database: "neo4j" });
    expect(parseConfig(["--library", library], { ...env, NEO4J_DATABASE: "atlas", NEO4J_USER: "me" }, cwd)).toMatchObject({
      source: { kind: "library", origin: "flag" },
      neo4j: { user: "me", database: "atlas" },
    });
  });

  it("reads NEO4J_QUERY_TIMEOUT_MS as the Neo4j store's time budget per query", () => {
    const env = { NEO4J_URI: "bolt://127.0.0.1:7687", NEO4J_PASSWORD: "pw" };
    expect(parseConfig([], { ...env, NEO4J_QUERY_TIMEOUT_MS: "2500" }, cwd).neo4j).toMatchObject({ queryTimeoutMs: 2500 });
    expect(parseConfig([], env, cwd).neo4j).not.toHaveProperty("queryTimeoutMs");
    for (const bad of ["fast", "50", "-1", "1e4"]) {
      expect(() => parseConfig([], { ...env, NEO4J_QUERY_TIMEOUT_MS: bad }, cwd)).toThrow(/NEO4J_QUERY_TIMEOUT_MS must be a number of milliseconds/);
    }
  });

  it("reads NEO4J_SEARCHES_AT_ONCE as how many searches the Neo4j store answers at once", () => {
    const env = { NEO4J_URI: "bolt://127.0.0.1:7687", NEO4J_PASSWORD: "pw" };
    expect(parseConfig([], { ...env, NEO4J_SEARCHES_AT_ONCE: "8" }, cwd).neo4j).toMatchObject({ searchesAtOnce: 8 });
    expect(parseConfig([], env, cwd).neo4j).not.toHaveProperty("searchesAtOnce");
    for (const bad of ["many", "0", "-2", "1.5", "1000"]) {
      expect(() => parseConfig([], { ...env, NEO4J_SEARCHES_AT_ONCE: bad }, cwd)).toThrow(/NEO4J_SEARCHES_AT_ONCE must be a whole number from 1 to 999/);
    }
  });

  const BAD: [string, string[], NodeJS.ProcessEnv, RegExp][] = [
    ["an unknown flag", ["--prot", "1"], {}, /--prot/],
    ["a port that is not a number", ["--library", library, "--port", "http"], {}, /--port must be a port number/],
    ["a port above 65535", ["--library", library, "--port", "70000"], {}, /--port/],
    ["a bad PORT", ["--library", library], { PORT: "-1" }, /PORT must be/],
    ["a missing library folder", ["--library", "no/such/folder"], {}, /--library: no folder at/],
    ["a library that is a file", ["--library", snapshot], {}, /is not a folder/],
    ["a missing snapshot", ["--snapshot", "nope.json"], {}, /--snapshot: no file/],
    ["both --library and --snapshot", ["--library", library, "--snapshot", snapshot], {}, /either --library or --snapshot/],
    ["a missing PATTERN_ATLAS_LIBRARY folder", [], { PATTERN_ATLAS_LIBRARY: "/no/such" }, /PATTERN_ATLAS_LIBRARY: no folder/],
    ["NEO4J_URI without a password", ["--library", library], { NEO4J_URI: "bolt://localhost:7687" }, /NEO4J_PASSWORD/],
    ["a malformed NEO4J_URI", ["--library", library], { NEO4J_URI: "http://x", NEO4J_PASSWORD: "p" }, /NEO4J_URI must look like/],
    ["--watch on a snapshot", ["--snapshot", snapshot, "--watch"], {}, /--watch needs a library folder/],
    ["a positional argument", ["library"], {}, /positional/i],
    ["a cache size that is not a number", ["--library", library, "--response-cache-mb", "lots"], {}, /--response-cache-mb must be a whole number/],
    ["a public URL that is not one", ["--library", library, "--public-url", "atlas.example.org"], {}, /--public-url must be an absolute http\(s\) URL/],
    ["a public URL with a query", ["--library", library], { PATTERN_ATLAS_PUBLIC_URL: "https://a.example/?x=1" }, /PATTERN_ATLAS_PUBLIC_URL must be an http\(s\) URL without query/],
    ["too many neighbourhood threads", ["--library", library], { PATTERN_ATLAS_NEIGHBORHOOD_THREADS: "5" }, /PATTERN_ATLAS_NEIGHBORHOOD_THREADS must be a whole number from 0 to 4/],
    ["neighbourhood threads that are not a number", ["--library", library], { PATTERN_ATLAS_NEIGHBORHOOD_THREADS: "two" }, /PATTERN_ATLAS_NEIGHBORHOOD_THREADS must be/],
    ["a neighbourhood nice value above 19", ["--library", library], { PATTERN_ATLAS_NEIGHBORHOOD_NICE: "20" }, /PATTERN_ATLAS_NEIGHBORHOOD_NICE must be a whole number from 0 to 19/],
    ["a negative neighbourhood nice value", ["--library", library], { PATTERN_ATLAS_NEIGHBORHOOD_NICE: "-5" }, /PATTERN_ATLAS_NEIGHBORHOOD_NICE must be/],
    ["a negative cache size in the environment", ["--library", library], { PATTERN_ATLAS_RESPONSE_CACHE_MB: "-1" }, /PATTERN_ATLAS_RESPONSE_CACHE_MB must be/],
  ];

  it.each(BAD)("refuses %s with a one-line ConfigError", (_what, argv, env, message) => {
    let error: unknown;
    try {
      parseConfig(argv, env, cwd);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });
});
