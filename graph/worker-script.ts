// What a worker thread runs, one rule for every thread of the program (neighbourhood answers,
// gap analysis, --watch reads). In the build (`npm run build`, scripts/build-cli.mjs) each worker is
// its own file in dist/, beside the chunk that starts it. From the TypeScript sources (tsx: `npm run
// dev`, the tests) the worker's code is bundled now by esbuild, a dev dependency loaded only then,
// into one CommonJS script (~20 ms once per process). A worker started on its TypeScript file would
// need tsx's loader, whose hooks run on a thread of their own: ~15 MB more memory for nothing.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as Esbuild from "esbuild";

export type WorkerScript = { file: URL } | { code: string };

const bundled = new Map<string, string>();
const bundling = new Map<string, Promise<string>>();

const BUNDLE = { bundle: true, platform: "node", format: "cjs", target: "node20", write: false, logLevel: "silent" } as const;

/**
 * Bundles in esbuild's own process not finished yet. esbuild.stop() ends that process whoever
 * started it, and a bundle in flight then never finishes: measured, the overview thread's bundle
 * stopped by the gaps thread's synchronous one left /api/overview unanswered. So it stops only when
 * none is in flight; the last one to finish stops it.
 */
let inFlight = 0;
const stopWhenIdle = (esbuild: typeof Esbuild): void => {
  if (inFlight === 0) void esbuild.stop();
};

/**
 * @param caller the starting module's `import.meta.url`
 * @param builtName the worker's file name in dist/ (e.g. "gaps-worker.js")
 * @param sourceName the worker's TypeScript file, beside the starting module
 */
export function workerScript(caller: string, builtName: string, sourceName: string): WorkerScript {
  if (!caller.endsWith(".ts")) return { file: new URL(`./${builtName}`, caller) };
  const source = fileURLToPath(new URL(`./${sourceName}`, caller));
  let code = bundled.get(source);
  if (code === undefined) {
    const esbuild = createRequire(caller)("esbuild") as typeof Esbuild;
    code = esbuild.buildSync({ ...BUNDLE, entryPoints: [source] }).outputFiles[0]!.text;
    // buildSync keeps a thread and an esbuild process for later calls (~25 MB in all): there are none.
    stopWhenIdle(esbuild);
    bundled.set(source, code);
  }
  return { code };
}

/**
 * workerScript for a thread started while the server answers: from the sources, esbuild bundles in
 * its own process meanwhile, where a synchronous build would hold the main thread (measured 160 ms
 * cold on a loaded machine).
 */
export async function workerScriptAsync(caller: string, builtName: string, sourceName: string): Promise<WorkerScript> {
  if (!caller.endsWith(".ts")) return { file: new URL(`./${builtName}`, caller) };
  const source = fileURLToPath(new URL(`./${sourceName}`, caller));
  let code = bundling.get(source);
  if (code === undefined) {
    code = (async () => {
      const esbuild = createRequire(caller)("esbuild") as typeof Esbuild;
      inFlight += 1;
      try {
        const result = await esbuild.build({ ...BUNDLE, entryPoints: [source] });
        return result.outputFiles[0]!.text;
      } finally {
        inFlight -= 1;
        stopWhenIdle(esbuild);
      }
    })();
    bundling.set(source, code);
  }
  return { code: await code };
}

/** The Worker constructor's first two arguments for a script. */
export function workerArguments(script: WorkerScript): [string | URL, { eval?: boolean }] {
  return "file" in script ? [script.file, {}] : [script.code, { eval: true }];
}
