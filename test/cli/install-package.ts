// Builds the program, packs it with `npm pack` and installs the tarball with `npm install -g` into
// an empty prefix, as a library's maintainer would: shared by the package test and the `cli` bench.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface InstalledPackage {
  tarball: string;
  prefix: string;
  /** The installed program, `<prefix>/bin/pattern-atlas`. */
  bin: string;
  /** The installed package's folder. */
  root: string;
}

/**
 * Writes dist/ (scripts/build-cli.mjs; the explorer's web/dist is packed as it is), packs the
 * repository into `work` and installs the tarball into `work`/prefix, from the npm cache when it can.
 */
export async function packAndInstall(repoRoot: string, work: string): Promise<InstalledPackage> {
  await execFileAsync(process.execPath, ["scripts/build-cli.mjs"], { cwd: repoRoot });
  // --ignore-scripts: prepack would run the whole `npm run build` (both explorer bundles) again.
  const packed = await execFileAsync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], { cwd: repoRoot });
  const tarball = path.join(work, packed.stdout.trim().split("\n").at(-1)!);
  const prefix = path.join(work, "prefix");
  await execFileAsync("npm", ["install", "-g", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel", "error", tarball], {
    cwd: work,
  });
  return { tarball, prefix, bin: path.join(prefix, "bin", "pattern-atlas"), root: path.join(prefix, "lib", "node_modules", "pattern-atlas") };
}
