// The gaps work queue's writing side: `POST /api/gaps/patch` (the reciprocal patch of exactly the
// selected findings, the CLI's --fix-reciprocal code) and `POST /api/gaps/apply` (the same edits
// written into the library), with `GET /api/gaps/write-access` handing the explorer Apply's token.
// Apply is refused (403) unless the server was started with --allow-write on a loopback address, the
// request names this server as its Host and Origin, and it carries the token made at start.
import { randomBytes, timingSafeEqual } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import { ForbiddenError, InvalidInputError, PatternAtlasError } from "../../core/errors.ts";
import { MAX_SELECTION } from "../../core/gaps.ts";
import type { GapsPatchFile, GapsPatchResponse, GapsSelection, GapsWriteAccess } from "../../graph/gaps/index.ts";
import { applyReciprocalPatch, buildReciprocalPatch, isWrittenByPatch } from "../../ingest/fix-reciprocal.ts";
import type { GapsService } from "../gaps-service.ts";
import type { OpenApiPathItem } from "../openapi.ts";
import { readQuery } from "../parse-params.ts";
import type { RouteModule, WriteAccess } from "./context.ts";

export type { WriteAccess };

/** A finding id is its kind and key (a few slugs or a target as written). */
const MAX_ID_LENGTH = 1_000;
/** The header carrying Apply's token. */
export const WRITE_TOKEN_HEADER = "X-Pattern-Atlas-Write-Token";
const BODY_LIMIT = "2mb";

interface GapsQueueDeps {
  folder: string | undefined;
  write: WriteAccess;
  /** The findings with these ids from the gaps thread; undefined when the client left. */
  select(req: Request, res: Response, ids: string[]): Promise<GapsSelection | undefined>;
}

/** The findings with these ids, from the gap analysis; undefined when the client left. */
async function selectFindings(service: GapsService, req: Request, res: Response, ids: string[]): Promise<GapsSelection | undefined> {
  const answer = await service.ask(req, res, { kind: "select", ids }, false);
  return answer ? (JSON.parse(answer.body.toString("utf8")) as GapsSelection) : undefined;
}

/** True for the loopback addresses and names a --host or a Host header may give. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || h === "::ffff:127.0.0.1";
}

/** The host part of a Host header (`127.0.0.1:4000`, `[::1]:4000`). */
function hostName(header: string): string {
  if (header.startsWith("[")) return header.slice(0, header.indexOf("]") + 1);
  const colon = header.lastIndexOf(":");
  return colon < 0 ? header : header.slice(0, colon);
}

function parseIds(body: unknown): string[] {
  const ids = (body as { ids?: unknown } | undefined)?.ids;
  const allowed = `a JSON body {"ids": [...]}: 1 to ${MAX_SELECTION} finding ids (strings of at most ${MAX_ID_LENGTH} characters)`;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_SELECTION) {
    throw new InvalidInputError("ids", Array.isArray(ids) ? `${ids.length} ids` : typeof ids === "undefined" ? null : String(typeof ids), allowed);
  }
  for (const id of ids) {
    // eslint-disable-next-line no-control-regex
    if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID_LENGTH || /[\u0000-\u001f]/.test(id)) {
      throw new InvalidInputError("ids", typeof id === "string" ? id.slice(0, 80) : String(id), allowed);
    }
  }
  return [...new Set(ids as string[])];
}

/** `git diff --stat`'s counts per file of a unified diff. */
function diffStat(diff: string): Map<string, { added: number; removed: number }> {
  const stats = new Map<string, { added: number; removed: number }>();
  let current: { added: number; removed: number } | undefined;
  for (const line of diff.split("\n")) {
    if (line.startsWith("diff --git a/")) {
      current = { added: 0, removed: 0 };
      stats.set(line.slice("diff --git a/".length, line.indexOf(" b/")), current);
    } else if (!current || line.startsWith("+++ ") || line.startsWith("--- ")) continue;
    else if (line.startsWith("+")) current.added++;
    else if (line.startsWith("-")) current.removed++;
  }
  return stats;
}

function registerGapsQueueRoutes(router: Router, deps: GapsQueueDeps): void {
  const token = randomBytes(32).toString("base64url");
  const json = express.json({ limit: BODY_LIMIT, type: "application/json" });
  let writing: Promise<unknown> = Promise.resolve();

  const needFolder = (): string => {
    if (deps.folder === undefined) {
      throw new PatternAtlasError("not_found", "This server reads a snapshot or the database, not a library folder: patches need the files. Start it with --library <folder>.", { library: null });
    }
    return deps.folder;
  };

  /** The patch of the selection, and the findings it covers. */
  const patchOf = async (req: Request, res: Response, folder: string, ids: string[]) => {
    const selection = await deps.select(req, res, ids);
    if (!selection) return undefined;
    // The maintainer chose these findings: every confident replacement is written, not only joined ones.
    const patch = await buildReciprocalPatch(folder, selection.findings, "confident");
    const skippedIds = new Set(patch.skipped.flatMap((s) => s.findingIds));
    const automatic = selection.findings.filter((f) => isWrittenByPatch(f, "confident"));
    const diff = patch.diff.toString("utf8");
    const stats = diffStat(diff);
    const byFile = new Map<string, string[]>();
    for (const f of automatic) {
      for (const e of f.fix.edits ?? []) {
        if (e.op === "add-link" || e.op === "replace-target") byFile.set(e.file, [...new Set([...(byFile.get(e.file) ?? []), f.id])]);
      }
    }
    const files: GapsPatchFile[] = patch.files.map((f) => ({ file: f.file, ...(stats.get(f.file) ?? { added: f.added.length, removed: 0 }), findings: byFile.get(f.file) ?? [] }));
    const automaticIds = new Set(automatic.map((f) => f.id));
    const body: GapsPatchResponse = {
      diff,
      files,
      fixed: automatic.map((f) => f.id).filter((id) => !skippedIds.has(id)),
      manual: selection.findings.filter((f) => !automaticIds.has(f.id)).map((f) => f.id),
      unknown: selection.unknown,
      skipped: patch.skipped,
    };
    return { body, patch };
  };

  router.post("/api/gaps/patch", json, async (req, res) => {
    readQuery(req.query, []);
    const ids = parseIds(req.body);
    const result = await patchOf(req, res, needFolder(), ids);
    if (!result) return;
    res.set("Cache-Control", "no-store").json(result.body);
  });

  /** Why this request may not write, or null when it may. */
  const refusal = (req: Request, needToken: boolean): string | null => {
    if (!deps.write.allowed) return `Writing into the library is off: ${deps.write.reason}.`;
    const host = req.get("host") ?? "";
    if (!isLoopbackHost(hostName(host))) return "Writing is answered only to requests addressed to a loopback host (Host header).";
    if (!needToken) return null;
    const origin = req.get("origin");
    if (origin !== `http://${host}`) return "Writing is allowed only from the explorer this server serves (same origin).";
    const site = req.get("sec-fetch-site");
    if (site !== undefined && site !== "same-origin") return "Writing is allowed only from the explorer this server serves (same origin).";
    const given = Buffer.from(req.get(WRITE_TOKEN_HEADER) ?? "");
    const wanted = Buffer.from(token);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return `Writing needs the token of this server's start in the ${WRITE_TOKEN_HEADER} header.`;
    return null;
  };

  router.get("/api/gaps/write-access", (req, res) => {
    readQuery(req.query, []);
    const why = deps.folder === undefined ? "the server reads no library folder" : refusal(req, false);
    const body: GapsWriteAccess = why === null ? { allowed: true, token, header: WRITE_TOKEN_HEADER } : { allowed: false, reason: why };
    res.set("Cache-Control", "no-store").json(body);
  });

  router.post("/api/gaps/apply", async (req, res, next) => {
    // Refused before the body is read: a refused request costs nothing.
    const why = refusal(req, true);
    if (why !== null) throw new ForbiddenError(why, { allowWrite: deps.write.allowed });
    json(req, res, next);
  }, async (req, res) => {
    readQuery(req.query, []);
    const ids = parseIds(req.body);
    const folder = needFolder();
    // One apply at a time: the second reads the files the first wrote.
    const run = writing.then(async () => {
      const result = await patchOf(req, res, folder, ids);
      if (!result) return;
      await applyReciprocalPatch(folder, result.patch);
      res.set("Cache-Control", "no-store").json({ ...result.body, applied: true } satisfies GapsPatchResponse);
    });
    writing = run.catch(() => undefined);
    await run;
  });
}

const idsBody = {
  required: true,
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["ids"],
        properties: { ids: { type: "array", minItems: 1, maxItems: MAX_SELECTION, items: { type: "string", maxLength: MAX_ID_LENGTH } } },
      },
    },
  },
};

const GAPS_QUEUE_PATHS: Record<string, OpenApiPathItem> = {
  "/api/gaps/patch": {
    post: {
      summary: "The reciprocal patch (unified diff) of exactly the selected findings, with what it fixes, what needs a human and which ids are gone.",
      parameters: [],
      requestBody: idsBody,
      responses: {
        "200": { description: "GapsPatchResponse (core/gaps.ts)." },
        "400": { description: "ids missing, empty, longer than the cap, or not strings." },
        "404": { description: "The server reads no library folder (a snapshot or the database)." },
      },
    },
  },
  "/api/gaps/apply": {
    post: {
      summary: `Writes the selection's reciprocal fixes into the library files. Only with --allow-write on a loopback address, from the same origin, with the ${WRITE_TOKEN_HEADER} header.`,
      parameters: [{ name: WRITE_TOKEN_HEADER, in: "header", required: true, schema: { type: "string" } }],
      requestBody: idsBody,
      responses: {
        "200": { description: "GapsPatchResponse with applied: true." },
        "400": { description: "ids missing, empty, longer than the cap, or not strings." },
        "403": { description: "Writing is off, the address is not loopback, another origin, or no valid token." },
        "404": { description: "The server reads no library folder." },
      },
    },
  },
  "/api/gaps/write-access": {
    get: {
      summary: "Whether Apply is possible here, and (to the same origin only: no CORS) the token it needs.",
      parameters: [],
      responses: { "200": { description: "GapsWriteAccess." } },
    },
  },
};

/** `POST /api/gaps/patch`, `POST /api/gaps/apply` and `GET /api/gaps/write-access`. */
export const gapsQueueRoute: RouteModule = {
  register(router, { gaps }) {
    registerGapsQueueRoutes(router, {
      folder: gaps.libraryFolder,
      write: gaps.write,
      select: (req, res, ids) => selectFindings(gaps.service, req, res, ids),
    });
  },
  openapi: { paths: GAPS_QUEUE_PATHS },
};
