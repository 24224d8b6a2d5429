// The offline import's CSV at a library, with a no-op importer: each step's time and the process's CPU, then a digest of each family's files
// (the copy's node and the attachments left out: they hold a time and random ids), to show a change to how the CSV
// is made leaves it byte for byte the same.   npx tsx test/bench/neo4j-import-steps.ts <library folder>
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { loadavg, tmpdir } from "node:os";
import { importFirstLoad } from "../../graph/neo4j/neo4j-import.ts";
import { loadLibrary } from "../../ingest/index.ts";
const root = process.argv[2]!;
const home = mkdtempSync(join(tmpdir(), "atlas-import-steps-"));
const t0 = performance.now();
const cpu = () => { const u = process.cpuUsage(); return ((u.user + u.system) / 1e6).toFixed(1); };
const library = await loadLibrary(root);
console.log(`read ${((performance.now() - t0) / 1000).toFixed(1)} s cpu ${cpu()}`);
const r = await importFirstLoad(library, { home, command: ["true"], keepCsv: true, onStep: (s, ms) => console.log(`+${(ms / 1000).toFixed(1)} s cpu ${cpu()} ${s}`) });
console.log(JSON.stringify(r.ms), "findings", r.findings, "load", loadavg().map((x) => x.toFixed(1)).join(" "));
const dir = readdirSync(home).find((d) => d.startsWith("atlas-import-"))!;
const files = readdirSync(join(home, dir)).sort();
const fams = new Map<string, ReturnType<typeof createHash>>();
for (const f of files) {
  const fam = f.split(".")[0]!;
  if (fam === "copy" || fam === "attachments" || f === "import.report") continue;
  if (!fams.has(fam)) fams.set(fam, createHash("sha256"));
  fams.get(fam)!.update(f + "\n").update(readFileSync(join(home, dir, f)));
}
for (const [fam, h] of fams) console.log(fam, h.digest("hex").slice(0, 16));
rmSync(home, { recursive: true, force: true });
