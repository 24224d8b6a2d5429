// The CLI ingest reads and parses the library's files on two threads: this one and a worker, which
// take chunks of the sorted file list in turn (a shared counter), so a worker that starts late or a
// thread that runs slower simply takes fewer. Results go into the list by position: the library is
// exactly what loadLibrary reads, in the same order, problems included. The worker is started before
// the folder is listed, so that its start-up (~60 ms of its own CPU) overlaps the listing. When it cannot start,
// fails or exits early, this thread parses whatever it did not send back.
import type { Worker } from "node:worker_threads";
import { InvalidInputError } from "../core/errors.ts";
import { workerUrl } from "../graph/worker-script.ts";
import type { Library } from "../core/model.ts";
import { fileParser, listMarkdownFiles, parseFiles } from "./load-library.ts";
import type { ResolvableFile } from "./parsed-file.ts";
import { PARSE_CHUNK, type FromParseThread, type ToParseThread } from "./parse-thread-protocol.ts";
import { resolveLibrary } from "./resolve-library.ts";

/** When the files are parsed on two threads: `auto` from MIN_SPLIT_FILES files on, `on` always, `off` never. */
export const PARSE_THREAD_SETTINGS = ["auto", "on", "off"] as const;
export type ParseThreadSetting = (typeof PARSE_THREAD_SETTINGS)[number];

/** The environment variable that sets it (docs/cli.md). */
export const PARSE_THREAD_ENV = "PATTERN_ATLAS_PARSE_THREAD";

/**
 * Below this many files one thread is done before a second would help: a worker's start and the
 * copying of its results back cost more than half the parse saves (see docs/performance.md).
 */
export const MIN_SPLIT_FILES = 800;

/**
 * The setting PATTERN_ATLAS_PARSE_THREAD names (`off` when unset or empty: on 2 quiet cores one thread
 * was faster, 682 against 732 ms wall for the 3,573-file snapshot, with 940 against 1,240 ms CPU).
 * @throws InvalidInputError naming the variable for any other value.
 */
export function parseThreadSetting(value: string | undefined): ParseThreadSetting {
  const wanted = (value ?? "").trim().toLowerCase() || "off";
  const setting = PARSE_THREAD_SETTINGS.find((s) => s === wanted);
  if (!setting) throw new InvalidInputError(PARSE_THREAD_ENV, value, PARSE_THREAD_SETTINGS.join(", "));
  return setting;
}

/** What happened to the second thread, for tests and measurements. */
export type ParseSplit = "split" | "one-thread" | "fell-back";

/**
 * loadLibrary, with the files read and parsed on two threads when `setting` says so. `onSplit` hears
 * whether they were; `onFallback` why the worker was given up.
 */
export async function loadLibraryOnTwoThreads(
  root: string,
  setting: ParseThreadSetting,
  report: { onSplit?: (split: ParseSplit) => void; onFallback?: (message: string) => void; minSplitFiles?: number } = {},
): Promise<Library> {
  const minSplitFiles = report.minSplitFiles ?? MIN_SPLIT_FILES;
  // A threshold far above the usual library: the worker is started only once the listing asks for it.
  const early = setting === "on" || (setting === "auto" && minSplitFiles <= MIN_SPLIT_FILES);
  let tried = early;
  let worker = early ? await startWorker(report.onFallback) : undefined;
  try {
    const { files, problems } = await listMarkdownFiles(root);
    const wanted = setting === "on" || (setting === "auto" && files.length >= minSplitFiles);
    if (wanted && !tried) {
      tried = true;
      worker = await startWorker(report.onFallback);
    }
    let parsed: ResolvableFile[];
    if (wanted && worker !== undefined) {
      const outcome = await parseOnTwoThreads(worker, root, files, report.onFallback);
      parsed = outcome.parsed;
      report.onSplit?.(outcome.fellBack ? "fell-back" : "split");
    } else {
      parsed = await parseFiles(root, files);
      report.onSplit?.(tried && worker === undefined ? "fell-back" : "one-thread");
    }
    const library = resolveLibrary(root, parsed);
    library.problems.push(...problems);
    return library;
  } finally {
    // Done, or never used (a small library, an unreadable root): a worker that ended exits by itself.
    void worker?.terminate();
  }
}

/**
 * The parse thread, started. `node:worker_threads` is imported here, when a thread is wanted: with
 * the default (`off`) the ingest does not load it (six of Node's own modules fewer at start).
 */
async function startWorker(onFallback: ((message: string) => void) | undefined): Promise<Worker | undefined> {
  try {
    const { Worker } = await import("node:worker_threads");
    const worker = new Worker(workerUrl("parse-worker.js"), { name: "pattern-atlas-parse" });
    worker.unref();
    // Errors are heard by parseOnTwoThreads; one before it listens must not end the process.
    worker.on("error", () => undefined);
    return worker;
  } catch (error) {
    onFallback?.(`parsing on one thread: the parse thread could not start: ${(error as Error).message}`);
    return undefined;
  }
}

async function parseOnTwoThreads(
  worker: Worker,
  root: string,
  files: string[],
  onFallback: ((message: string) => void) | undefined,
): Promise<{ parsed: ResolvableFile[]; fellBack: boolean }> {
  const parsed = new Array<ResolvableFile>(files.length);
  const chunks = Math.ceil(files.length / PARSE_CHUNK);
  const filled = new Uint8Array(chunks);
  const claims = new SharedArrayBuffer(4);
  const counter = new Int32Array(claims);
  let failure: string | undefined;
  let finished = false;
  const workerDone = new Promise<void>((resolve) => {
    worker.on("message", (message: FromParseThread) => {
      if (message.kind === "done") {
        finished = true;
        return resolve();
      }
      const start = message.chunk * PARSE_CHUNK;
      for (let i = 0; i < message.parsed.length; i += 1) parsed[start + i] = message.parsed[i]!;
      filled[message.chunk] = 1;
    });
    worker.on("error", (error) => {
      if (!finished) failure ??= `the parse thread failed: ${error.message}`;
      resolve();
    });
    worker.on("exit", (code) => {
      if (!finished) failure ??= `the parse thread exited (code ${code}) before it was done`;
      resolve();
    });
  });
  try {
    worker.postMessage({ root, files, claims } satisfies ToParseThread);
  } catch (error) {
    failure = `the parse thread could not be asked: ${(error as Error).message}`;
  }
  const parse = fileParser(root);
  const parseChunk = (chunk: number): void => {
    const start = chunk * PARSE_CHUNK;
    const end = Math.min(start + PARSE_CHUNK, files.length);
    for (let i = start; i < end; i += 1) parsed[i] = parse(files[i]!);
    filled[chunk] = 1;
  };
  for (;;) {
    const chunk = Atomics.add(counter, 0, 1);
    if (chunk >= chunks) break;
    parseChunk(chunk);
    // A turn of the event loop takes in the chunks the worker sent meanwhile, so that copying them
    // in is shared out over the parse and counted in the balance (this thread then claims fewer).
    await new Promise((resolve) => setImmediate(resolve));
  }
  // Every chunk in (the worker may not even have started, for a small library): nothing to wait for.
  if (failure === undefined && filled.includes(0)) await workerDone;
  // Chunks the worker claimed but never sent back (it failed): parsed here.
  if (failure !== undefined) {
    onFallback?.(`parsing on one thread: ${failure}`);
    for (let chunk = 0; chunk < chunks; chunk += 1) if (!filled[chunk]) parseChunk(chunk);
  }
  return { parsed, fellBack: failure !== undefined };
}
