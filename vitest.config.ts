// Test runner configuration: one run covers unit, contract (both stores), API and browser tests.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The worker threads' code built when stale (the sources start their threads on it), and one
    // real Neo4j for the run, started only when a test asks for it (required in CI).
    globalSetup: ["test/setup/build-workers.ts", "test/setup/neo4j-global.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default"],
    // Servers the tests start keep no overview layout in the user's cache folder: every test run lays
    // out from scratch (test/server/overview-disk-cache.test.ts tests that cache in a folder of its own).
    env: { PATTERN_ATLAS_LAYOUT_CACHE: "off" },
  },
});
