// A library handed to a gap analysis thread in parts, the one sender and receiver both analysis
// threads use (the ingest's, analysis-thread.ts; the server's, server/gaps-thread.ts): the sending
// thread never holds a serialised copy of the whole library (each part is a structured copy of a
// few thousand items, made and sent in turn), and the receiving thread puts the strings the parts
// repeat back into one copy each. A structured copy gives every string of every item its own copy:
// each link's source, target, type and file, each pattern's domain. At ten times the 2026-02-20
// library (35,710 patterns, 168,770 links) the received library took 86 MB of the thread's heap,
// 64 MB with its repeated strings shared (measured 2026-12-06): the analysis holds it to its end.
import type { Library } from "../../core/model.ts";

/** The library's lists, in the order they are sent (patterns first: the others name them). */
export const LIBRARY_LISTS = ["patterns", "links", "dangling", "problems"] as const;
export type LibraryList = (typeof LIBRARY_LISTS)[number];

/** What comes before the parts. */
export interface LibraryHead {
  root: string;
  files: number;
}

/** Some consecutive items of one of the library's lists. */
export interface LibraryPart<L extends LibraryList = LibraryList> {
  list: L;
  items: Library[L];
}

/**
 * Sends `library`'s lists to `send` in parts of at most `partItems` items, in LIBRARY_LISTS order,
 * with a turn of the event loop after each part (the receiver takes one in while the next is made,
 * and the sending thread answers other work between parts). Stops early, returning false, once
 * `stopped()` is true (the receiver has gone); true once every part was sent.
 */
export async function sendLibraryParts(library: Readonly<Library>, partItems: number, send: (part: LibraryPart) => void, stopped: () => boolean = () => false): Promise<boolean> {
  if (!(partItems >= 1)) throw new RangeError(`partItems must be at least 1, not ${partItems}`);
  for (const list of LIBRARY_LISTS) {
    const items: readonly unknown[] = library[list];
    for (let at = 0; at < items.length; at += partItems) {
      if (stopped()) return false;
      send({ list, items: items.slice(at, at + partItems) } as LibraryPart);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return !stopped();
}

export interface LibraryReceiver {
  /** Adds a part's items to their list, with their repeated strings shared. */
  take(part: LibraryPart): void;
  /** The library received so far; the receiver lets go of its string table. */
  library(): Library;
}

/** Assembles a library sent by sendLibraryParts, from its head and parts (in any number). */
export function receiveLibrary(head: LibraryHead): LibraryReceiver {
  const library: Library = { root: head.root, files: head.files, patterns: [], links: [], dangling: [], problems: [] };
  // Each distinct slug, file name, link type, domain and status once; a map of ~70,000 entries at
  // ten times the real library, dropped with the receiver.
  let strings = new Map<string, string>();
  const one = <S extends string>(value: S): S => {
    const known = strings.get(value);
    if (known !== undefined) return known as S;
    strings.set(value, value);
    return value;
  };
  return {
    take(part) {
      switch (part.list) {
        case "patterns":
          for (const p of (part as LibraryPart<"patterns">).items) {
            p.slug = one(p.slug);
            p.file = one(p.file);
            if (p.domain !== undefined) p.domain = one(p.domain);
            if (p.status !== undefined) p.status = one(p.status);
            library.patterns.push(p);
          }
          return;
        case "links":
          for (const l of (part as LibraryPart<"links">).items) {
            l.source = one(l.source);
            l.type = one(l.type);
            l.target = one(l.target);
            l.declaredIn = one(l.declaredIn);
            library.links.push(l);
          }
          return;
        case "dangling":
          for (const d of (part as LibraryPart<"dangling">).items) {
            d.source = one(d.source);
            d.type = one(d.type);
            d.declaredIn = one(d.declaredIn);
            library.dangling.push(d);
          }
          return;
        case "problems":
          for (const p of (part as LibraryPart<"problems">).items) {
            p.file = one(p.file);
            library.problems.push(p);
          }
          return;
      }
    },
    library() {
      strings = new Map();
      return library;
    },
  };
}
