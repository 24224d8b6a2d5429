// A server on a library N times the real 2026-02-20 snapshot (the bench's scale generator), for the
// browser tests of a large overview (levels of detail, markers, drags): written to a new temporary
// folder, served as `npm start` serves it, and both removed by `close`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { scaleLibrary } from "../bench/lib/scale-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { ensureWebBuild, startAtlasServer, type AtlasServer } from "./harness.ts";

export interface ScaledServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startScaledServer(factor: number): Promise<ScaledServer> {
  const folder = mkdtempSync(path.join(tmpdir(), `pattern-atlas-${factor}x-`));
  let server: AtlasServer | undefined;
  try {
    await scaleLibrary(realLibrary("2026-02-20"), folder, { factor });
    await ensureWebBuild();
    server = await startAtlasServer({ library: folder });
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const running = server;
  return {
    url: running.url,
    async close() {
      await running.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
