// The findings of one analysis kept compact, for the server's gaps thread, which holds them for as
// long as the library is served. As objects, the 86,282 findings of ten times the 2026-02-20 library
// took ~185 MB of the thread's heap (~2 KB each: evidence and fix texts, links, edits); here each is
// its JSON text, deflated 32 to a block (86 MB of text in ~12 MB), and what the answers filter,
// count, group and sort by stays beside it in typed arrays: kind, domains, patterns, group keys, id.
// A page decodes only its own findings (a block is inflated once per call, ~0.1 ms). A finding
// decoded is the object it was, property for property (JSON keeps the order; no finding holds
// anything JSON would change), so answers made from it are the same bytes.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { compareStrings } from "../../core/order.ts";
import { GAP_KINDS, type GapFinding, type GapGroupBy, type GapKind } from "../../core/gaps.ts";

/** Findings per deflated block: a page of scattered findings inflates at most this many times its own bytes. */
const BLOCK = 32;
/** zlib's fastest level: 7-8x smaller on findings, ~5 ms a 1,000 findings. */
const LEVEL = 1;
const KIND_NUMBER = new Map<string, number>(GAP_KINDS.map((k, i) => [k, i]));
const NONE = 0xffffffff;

/** The findings in report order, each read by its position (0 .. size - 1). */
export interface PackedFindings {
  readonly size: number;
  id(at: number): string;
  kind(at: number): GapKind;
  /** The finding's `domains` (the same array for every finding with the same ones: do not change it). */
  domains(at: number): readonly string[];
  /** Whether `slug` is among the finding's `patterns`. */
  involves(at: number, slug: string): boolean;
  /** group.ts's groupKey, from what was kept of the finding. */
  groupKey(at: number, by: GapGroupBy, fileOf: (slug: string) => string | undefined): string;
  /** The findings at these positions, in the order given (each block inflated once). */
  decode(positions: readonly number[]): GapFinding[];
  /** The deflated blocks' bytes (the texts), for the thread's figures. */
  readonly compressedBytes: number;
}

/** Takes findings one at a time while an analysis runs; `finish` sorts them into report order. */
export interface FindingPacker {
  add(finding: GapFinding): void;
  /** A finding added before, decoded, unless dropped. */
  get(id: string): GapFinding | undefined;
  /** Leaves a finding out of the report (another finding took it in: join.ts). */
  drop(id: string): void;
  /** The findings in report order: kind, then score (highest first), then id, as analyse.ts's sortFindings. */
  finish(): PackedFindings;
}

export function createFindingPacker(): FindingPacker {
  const strings: string[] = [];
  const stringNumber = new Map<string, number>();
  const intern = (s: string): number => {
    let n = stringNumber.get(s);
    if (n === undefined) {
      n = strings.length;
      strings.push(s);
      stringNumber.set(s, n);
    }
    return n;
  };
  const domainSets: string[][] = [];
  const domainSetNumber = new Map<string, number>();
  const internDomains = (domains: string[]): number => {
    const key = domains.join("\u0000");
    let n = domainSetNumber.get(key);
    if (n === undefined) {
      n = domainSets.length;
      domainSets.push([...domains]);
      domainSetNumber.set(key, n);
    }
    return n;
  };

  // Per record (the order findings arrive in).
  const ids: string[] = [];
  const kinds: number[] = [];
  const scores: number[] = [];
  const domainSet: number[] = [];
  const patternStart: number[] = [0];
  const patternStrings: number[] = [];
  const targetKey: number[] = [];
  const fileKey: number[] = [];
  const textStart: number[] = [];
  const textEnd: number[] = [];
  const byId = new Map<string, number>();
  const dropped = new Set<number>();
  const blocks: Buffer[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;

  function seal(): void {
    if (pending.length === 0) return;
    blocks.push(deflateRawSync(Buffer.concat(pending, pendingBytes), { level: LEVEL }));
    pending = [];
    pendingBytes = 0;
  }

  /** The last block inflated by `get`: join.ts asks for the same finding twice in a row. */
  let last: { blockNumber: number; bytes: Buffer } | undefined;
  function textOf(record: number): GapFinding {
    const blockNumber = Math.floor(record / BLOCK);
    let bytes: Buffer;
    if (blockNumber >= blocks.length) bytes = Buffer.concat(pending, pendingBytes);
    else if (last?.blockNumber === blockNumber) bytes = last.bytes;
    else {
      bytes = inflateRawSync(blocks[blockNumber]!);
      last = { blockNumber, bytes };
    }
    return JSON.parse(bytes.toString("utf8", textStart[record], textEnd[record])) as GapFinding;
  }

  return {
    add(f) {
      const record = ids.length;
      ids.push(f.id);
      byId.set(f.id, record);
      kinds.push(KIND_NUMBER.get(f.kind)!);
      scores.push(f.score ?? 0);
      domainSet.push(internDomains(f.domains));
      for (const p of f.patterns) patternStrings.push(intern(p));
      patternStart.push(patternStrings.length);
      targetKey.push(intern(f.links[0]?.target ?? f.patterns[0] ?? ""));
      const file = f.fix.file ?? f.links[0]?.declaredIn;
      fileKey.push(file === undefined ? NONE : intern(file));
      const text = Buffer.from(JSON.stringify(f));
      textStart.push(pendingBytes);
      textEnd.push(pendingBytes + text.length);
      pending.push(text);
      pendingBytes += text.length;
      if (pending.length === BLOCK) seal();
    },
    get(id) {
      const record = byId.get(id);
      return record === undefined || dropped.has(record) ? undefined : textOf(record);
    },
    drop(id) {
      const record = byId.get(id);
      if (record !== undefined) dropped.add(record);
    },
    finish() {
      seal();
      byId.clear();
      last = undefined;
      const order: number[] = [];
      for (let r = 0; r < ids.length; r++) if (!dropped.has(r)) order.push(r);
      // Records of one kind arrive in the order the plain analysis lists them, so the stable sort
      // breaks any tie as sortFindings does.
      order.sort((a, b) => kinds[a]! - kinds[b]! || scores[b]! - scores[a]! || compareStrings(ids[a]!, ids[b]!));
      return packed(order, { strings, domainSets, ids, kinds, domainSet, patternStart, patternStrings, targetKey, fileKey, textStart, textEnd, blocks });
    },
  };
}

interface Records {
  strings: string[];
  domainSets: string[][];
  ids: string[];
  kinds: number[];
  domainSet: number[];
  patternStart: number[];
  patternStrings: number[];
  targetKey: number[];
  fileKey: number[];
  textStart: number[];
  textEnd: number[];
  blocks: Buffer[];
}

/** The records laid out by position, in typed arrays. */
function packed(order: number[], r: Records): PackedFindings {
  const size = order.length;
  const record = Uint32Array.from(order);
  const ids = order.map((i) => r.ids[i]!);
  const kinds = Uint8Array.from(order, (i) => r.kinds[i]!);
  const domainSet = Uint32Array.from(order, (i) => r.domainSet[i]!);
  const targetKey = Uint32Array.from(order, (i) => r.targetKey[i]!);
  const fileKey = Uint32Array.from(order, (i) => r.fileKey[i]!);
  const patternStart = new Uint32Array(size + 1);
  let count = 0;
  for (let at = 0; at < size; at++) count += r.patternStart[order[at]! + 1]! - r.patternStart[order[at]!]!;
  const patterns = new Uint32Array(count);
  count = 0;
  for (let at = 0; at < size; at++) {
    patternStart[at] = count;
    const rec = order[at]!;
    for (let k = r.patternStart[rec]!; k < r.patternStart[rec + 1]!; k++) patterns[count++] = r.patternStrings[k]!;
  }
  patternStart[size] = count;
  const textStart = Uint32Array.from(r.textStart);
  const textEnd = Uint32Array.from(r.textEnd);
  const { strings, domainSets, blocks } = r;
  const firstPattern = (at: number): string | undefined => (patternStart[at]! < patternStart[at + 1]! ? strings[patterns[patternStart[at]!]!] : undefined);
  let compressedBytes = 0;
  for (const b of blocks) compressedBytes += b.length;

  return {
    size,
    compressedBytes,
    id: (at) => ids[at]!,
    kind: (at) => GAP_KINDS[kinds[at]!]!,
    domains: (at) => domainSets[domainSet[at]!]!,
    involves(at, slug) {
      for (let k = patternStart[at]!; k < patternStart[at + 1]!; k++) if (strings[patterns[k]!] === slug) return true;
      return false;
    },
    groupKey(at, by, fileOf) {
      switch (by) {
        case "target":
          return strings[targetKey[at]!]!;
        case "file": {
          if (fileKey[at] !== NONE) return strings[fileKey[at]!]!;
          const first = firstPattern(at);
          return fileOf(first ?? "") ?? first ?? "";
        }
        case "pattern":
          return firstPattern(at) ?? "";
        case "kind":
          return GAP_KINDS[kinds[at]!]!;
      }
    },
    decode(positions) {
      const out = new Array<GapFinding>(positions.length);
      // By block, each block inflated once, so an export of every finding holds one block's text at a time.
      const wanted = positions.map((at, slot) => ({ rec: record[at]!, slot })).sort((a, b) => a.rec - b.rec);
      let blockNumber = -1;
      let text: Buffer | undefined;
      for (const { rec, slot } of wanted) {
        const b = Math.floor(rec / BLOCK);
        if (b !== blockNumber) {
          blockNumber = b;
          text = inflateRawSync(blocks[b]!);
        }
        out[slot] = JSON.parse(text!.toString("utf8", textStart[rec], textEnd[rec])) as GapFinding;
      }
      return out;
    },
  };
}
