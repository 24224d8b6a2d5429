// Apply end to end: the real server started with --allow-write --watch on a temp copy of a library.
// The explorer's token from /api/gaps/write-access, sent from the same origin, writes the selected
// findings' reciprocal fixes into the files; --watch reloads, and the findings are gone.
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopChild } from "../bench/lib/child.ts";
import type { GapsPatchResponse, GapsResponse, GapsWriteAccess } from "../../graph/gaps/index.ts";
import { MINI_LIBRARY, tempDir, writeFiles } from "./helpers.ts";

describe("Apply on a server started with --allow-write --watch", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let server: ChildProcess;
  let url: string;

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir("apply"));
    await writeFiles(dir, MINI_LIBRARY);
    server = spawn(path.resolve("node_modules/.bin/tsx"), ["cli/main.ts", "serve", "--library", dir, "--watch", "--allow-write", "--port", "0"], {
      env: { ...process.env, PORT: "", NEO4J_URI: "", PATTERN_ATLAS_LIBRARY: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the server did not print its URL")), 60_000);
      createInterface({ input: server.stdout! }).on("line", (line) => {
        const m = /running at (http:\/\/\S+)\//.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      server.on("exit", (code) => reject(new Error(`the server exited with ${code}`)));
    });
  }, 90_000);

  afterAll(async () => {
    if (server) await stopChild(server);
    await cleanup();
  });

  const gaps = async (query: string) => (await (await fetch(`${url}/api/gaps?${query}`)).json()) as GapsResponse;

  it("writes the selected fixes with the token from the same origin, and the reload shows the findings gone", async () => {
    const before = await gaps("kind=one-sided-lineage,one-sided-enables&limit=500");
    const selected = before.findings.filter((f) => f.fix.automatic).map((f) => f.id);
    expect(selected.length).toBeGreaterThanOrEqual(2);
    const access = (await (await fetch(`${url}/api/gaps/write-access`)).json()) as GapsWriteAccess;
    if (!access.allowed) throw new Error(access.reason);

    const send = (headers: Record<string, string>) =>
      fetch(`${url}/api/gaps/apply`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify({ ids: selected }) });
    expect((await send({ Origin: url })).status).toBe(403);
    expect((await send({ Origin: "http://localhost:1", [access.header]: access.token })).status).toBe(403);

    const res = await send({ Origin: url, [access.header]: access.token });
    expect(res.status).toBe(200);
    const body = (await res.json()) as GapsPatchResponse;
    expect(body.applied).toBe(true);
    expect(body.fixed.sort()).toEqual([...selected].sort());
    expect(body.files.map((f) => f.file).sort()).toEqual(["consent-decision.md", "governance/dynamic-governance.md"]);
    expect(body.files.every((f) => f.added === 1 || f.added === 2)).toBe(true);
    const written = await readFile(path.join(dir, "governance/dynamic-governance.md"), "utf8");
    expect(written).not.toBe(MINI_LIBRARY["governance/dynamic-governance.md"]);

    let after = await gaps("kind=one-sided-lineage,one-sided-enables&limit=500");
    for (const started = Date.now(); after.version === before.version && Date.now() - started < 20_000; ) {
      await new Promise((r) => setTimeout(r, 200));
      after = await gaps("kind=one-sided-lineage,one-sided-enables&limit=500");
    }
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.findings.map((f) => f.id).filter((id) => selected.includes(id))).toEqual([]);
  }, 60_000);
});
