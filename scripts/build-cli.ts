// `npm run build`'s second half: compiles the program to JavaScript, so that it runs on plain Node
// without tsx (whose start-up cost ~0.5 s) and installs with its runtime dependencies only.
//   dist/cli.js                   the `pattern-atlas` program (ESM, node20, `#!/usr/bin/env node`);
//                                 each command in a chunk of its own beside it, loaded when it runs
//   dist/neighborhood-worker.js   the neighbourhood thread's code (graph/neighborhood-thread.ts loads it)
// npm packages stay external: they are loaded from node_modules, as installed with the package.
import { chmod, rm } from "node:fs/promises";
import { build, type BuildOptions } from "esbuild";

const OUT = "dist";
const COMMON: BuildOptions = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  outdir: OUT,
  logLevel: "warning",
};

await rm(OUT, { recursive: true, force: true });
await build({
  ...COMMON,
  entryPoints: { cli: "cli/main.ts" },
  splitting: true,
  // Every file directly in dist/, so that each finds the package one folder up (server/config.ts).
  chunkNames: "[name]-[hash]",
  banner: { js: "#!/usr/bin/env node" },
});
await build({ ...COMMON, entryPoints: { "neighborhood-worker": "graph/neighborhood-thread-worker.ts" } });
await chmod(`${OUT}/cli.js`, 0o755);
