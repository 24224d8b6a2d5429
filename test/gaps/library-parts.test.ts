// The one sender and receiver of a library handed to a gap analysis thread in parts
// (graph/gaps/library-parts.ts): what arrives through a real message port, a structured copy per
// part, is the library sent, in parts of the size asked, and a sender whose receiver went stops.
import { MessageChannel } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { LIBRARY_LISTS, receiveLibrary, sendLibraryParts, type LibraryPart } from "../../graph/gaps/index.ts";
import type { Library } from "../../core/model.ts";
import { randomLibrary } from "../fixtures/literal-library.ts";
import { dangling, pattern } from "./helpers.ts";

/** A generated library with every list filled and optional fields both present and absent. */
function generated(): Library {
  const library = randomLibrary(7, 60, 240, { weights: true });
  library.patterns = library.patterns.map((p, i) => pattern({ ...p, ...(i % 3 ? { domain: `domain-${i % 4}` } : {}), ...(i % 5 ? {} : { status: "draft" }) }));
  library.dangling = Array.from({ length: 23 }, (_, i) => dangling(`${library.patterns[i]!.slug} enables missing-${i % 7}`));
  library.problems = Array.from({ length: 4 }, (_, i) => ({ file: `broken-${i}.md`, kind: "invalid-yaml" as const, message: "bad", fatal: true }));
  library.files = library.patterns.length + library.problems.length;
  return library;
}

/** Sends `library` through a MessageChannel in parts of `partItems`, as the threads do; the parts as they arrived and the assembled library. */
async function throughPort(library: Library, partItems: number): Promise<{ parts: LibraryPart[]; received: Library }> {
  const { port1, port2 } = new MessageChannel();
  const parts: LibraryPart[] = [];
  const receiver = receiveLibrary({ root: library.root, files: library.files });
  const all = new Promise<void>((resolve) => {
    port2.on("message", (message: LibraryPart | "end") => {
      if (message === "end") return resolve();
      parts.push({ list: message.list, items: [...message.items] } as LibraryPart);
      receiver.take(message);
    });
  });
  expect(await sendLibraryParts(library, partItems, (part) => port1.postMessage(part))).toBe(true);
  port1.postMessage("end");
  await all;
  port1.close();
  return { parts, received: receiver.library() };
}

describe("a library handed to a gap analysis thread in parts", () => {
  it("arrives equal to the library sent, through a message port", async () => {
    const library = generated();
    const { received } = await throughPort(library, 50);
    expect(received).toEqual(library);
  });

  it.each([1, 7, 50, 5000])("is sent in parts of at most %i items, list by list in order", async (partItems) => {
    const library = generated();
    const { parts } = await throughPort(library, partItems);
    expect(parts.every((p) => p.items.length >= 1 && p.items.length <= partItems)).toBe(true);
    const lists = parts.map((p) => LIBRARY_LISTS.indexOf(p.list));
    expect(lists).toEqual([...lists].sort((a, b) => a - b));
    for (const list of LIBRARY_LISTS) {
      const expected = library[list].length;
      expect(parts.filter((p) => p.list === list).length).toBe(Math.ceil(expected / partItems));
    }
  });

  it("stops sending once its receiver has gone, and says so", async () => {
    const library = generated();
    const sent: LibraryPart[] = [];
    const finished = await sendLibraryParts(library, 10, (part) => sent.push(part), () => sent.length >= 3);
    expect(finished).toBe(false);
    expect(sent.length).toBe(3);
  });

  it("refuses a part size below one item", async () => {
    await expect(sendLibraryParts(generated(), 0, () => undefined)).rejects.toThrow(RangeError);
  });

  it("keeps the parts' items apart from the sender's library (the receiver may change them)", async () => {
    const library = generated();
    const before = structuredClone(library);
    const { received } = await throughPort(library, 13);
    received.links[0]!.source = "changed" as never;
    expect(library).toEqual(before);
  });
});
