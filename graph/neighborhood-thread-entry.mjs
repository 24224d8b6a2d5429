// The worker thread's entry (see neighborhood-thread.ts). A worker starts without the TypeScript loader
// the main thread runs under (tsx), and Node 20 applies no --import hooks to a worker's entry, so the
// entry is JavaScript that registers the loader and then loads the worker itself.
import { register } from "tsx/esm/api";

register();
await import("./neighborhood-thread-worker.ts");
