// Vitest globalSetup, and the bench's first step: builds the program and its worker threads' code
// (dist/*-worker.js, which the TypeScript sources start their threads on too: graph/worker-script.ts)
// when a source file is newer than the build. ~50 ms when nothing changed, ~1.5 s otherwise.
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs `node scripts/build-cli.mjs --if-stale` in `root` (this repository by default). */
export function buildWorkersIfStale(root: string = ROOT): void {
  execFileSync(process.execPath, ["scripts/build-cli.mjs", "--if-stale"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
}

export default function setup(): void {
  buildWorkersIfStale();
}
