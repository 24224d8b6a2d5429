// Vite build and dev-server configuration for the explorer: root is web/, output web/dist, and in
// development /api is proxied to a running Pattern Atlas server (PATTERN_ATLAS_API, default :4000).
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const apiTarget = process.env.PATTERN_ATLAS_API ?? "http://127.0.0.1:4000";

export default defineConfig({
  root,
  base: "/",
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 900,
  },
  worker: { format: "es" },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 4200),
    strictPort: false,
    proxy: { "/api": { target: apiTarget, changeOrigin: true } },
  },
  preview: { port: 4201 },
});
