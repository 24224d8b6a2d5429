// Vite build of the offline snapshot viewer (graphs for talks): one self-contained IIFE with sigma, graphology
// and the explorer's renderer inside, written to web/dist/talks/offline-viewer.js without emptying
// web/dist. The explorer fetches it and inlines it into each offline HTML file it exports.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  publicDir: false,
  // Library mode leaves process.env alone; dependencies that branch on it must see production.
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: fileURLToPath(new URL("./dist/talks", import.meta.url)),
    emptyOutDir: false,
    target: "es2022",
    minify: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    lib: {
      entry: fileURLToPath(new URL("./src/talks/offline/viewer.ts", import.meta.url)),
      name: "PatternAtlasOffline",
      formats: ["iife"],
      fileName: () => "offline-viewer.js",
    },
  },
});
