// Bench section: the real server on the embedded store holding the main snapshot: memory, and
// search / depth-2 neighbourhood / path latency under concurrent load.
import { measureServer } from "../lib/server-load.ts";
import type { BenchSection } from "../lib/types.ts";

export const section: BenchSection = {
  name: "server-memory",
  order: 30,
  description: "server on the embedded store: RSS and API latency under load",
  async run(context) {
    const { measurement, tables, targets } = await measureServer(context, {
      label: "memory",
      args: ["--library", context.mainSnapshot.path],
      p99TargetMs: 10,
      rssTargetMb: 300,
    });
    return { tables, targets, json: measurement };
  },
};
