// `npm run scale -- --factor 10 --out <dir> [--from <library>] [--cross 0.03] [--seed N]`: writes an
// N-times library (see lib/scale-library.ts) for measuring ingest, the server and Neo4j at sizes
// the real library has not reached yet.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_CROSS_SHARE, DEFAULT_SEED, scaleLibrary } from "./lib/scale-library.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DEFAULT_SOURCE = path.resolve(REPO_ROOT, "../shared/corpus/commons-os-2026-02-20/_patterns");
const USAGE = `Usage: npm run scale -- --factor N --out <empty folder> [--from <library>] [--cross ${DEFAULT_CROSS_SHARE}] [--seed ${DEFAULT_SEED}]
  --from defaults to ${path.relative(process.cwd(), DEFAULT_SOURCE)}`;

function fail(message: string): never {
  process.stderr.write(`scale: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        factor: { type: "string" },
        out: { type: "string" },
        from: { type: "string" },
        cross: { type: "string" },
        seed: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const factor = Number(values.factor);
if (!Number.isInteger(factor) || factor < 1) fail(`--factor must be a whole number >= 1, not ${JSON.stringify(values.factor ?? null)}`);
if (!values.out) fail("--out is required");
const out = path.resolve(values.out);
if (existsSync(out) && readdirSync(out).length > 0) fail(`--out ${out} is not empty; give a new or empty folder`);
const cross = values.cross === undefined ? DEFAULT_CROSS_SHARE : Number(values.cross);
if (!(cross >= 0 && cross <= 1)) fail(`--cross must be a number from 0 to 1, not ${JSON.stringify(values.cross)}`);
const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
if (!Number.isInteger(seed)) fail(`--seed must be a whole number, not ${JSON.stringify(values.seed)}`);
const from = path.resolve(values.from ?? DEFAULT_SOURCE);
if (!existsSync(from)) fail(`no library at ${from}`);

const report = await scaleLibrary(from, out, { factor, crossShare: cross, seed });
process.stdout.write(
  `Wrote ${report.filesWritten} files (${(report.bytes / 1e6).toFixed(1)} MB) to ${out}: ${factor} copies of ${report.sourceFiles} files, ` +
    `${report.crossTargets} link targets pointing into another copy, ${report.unrewritten} targets left as written, in ${report.ms} ms.\n`,
);
