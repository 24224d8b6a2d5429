// The link vocabulary: which link types a library may use, the order the UI lists them in, which
// state one fact from either end, which carry lineage, and which have no direction. Platform-free:
// the stores, ingest, the server and the explorer all read it from here.

/** The link types every library may use, in the order the UI lists them. */
export const KNOWN_LINK_TYPES = [
  "generalizes_from",
  "specializes_to",
  "enables",
  "requires",
  "related",
  "alternatives",
  "complementary",
  "tools",
] as const;
export type KnownLinkType = (typeof KNOWN_LINK_TYPES)[number];

/**
 * A link type: one of KNOWN_LINK_TYPES or a key found under `relationships:` that matches
 * LINK_TYPE_PATTERN (e.g. `conflicts_with`). Unknown types are kept as their own type, never dropped.
 */
export type LinkType = KnownLinkType | (string & {});
/** Safe link-type names: these are the only ones that may become Neo4j relationship types. */
export const LINK_TYPE_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

export const isKnownLinkType = (t: string): t is KnownLinkType =>
  (KNOWN_LINK_TYPES as readonly string[]).includes(t);

/** A link type's place in KNOWN_LINK_TYPES (the UI's order); every other type after them, at KNOWN_LINK_TYPES.length. */
export function linkTypeRank(t: string): number {
  const i = (KNOWN_LINK_TYPES as readonly string[]).indexOf(t);
  return i < 0 ? KNOWN_LINK_TYPES.length : i;
}

/**
 * Lineage follows the data, not the library's design note: `A generalizes_from B` means B is A's
 * parent; `A specializes_to B` means B is A's child. Lineage edges always point parent -> child.
 */
export const LINEAGE_LINK_TYPES = ["generalizes_from", "specializes_to"] as const satisfies readonly KnownLinkType[];

/** Pairs of types that state one fact from either end (`A enables B` == `B requires A`). */
export const INVERSE_LINK_TYPE: Readonly<Partial<Record<KnownLinkType, KnownLinkType>>> = {
  generalizes_from: "specializes_to",
  specializes_to: "generalizes_from",
  enables: "requires",
  requires: "enables",
};

/** Types whose meaning has no direction (declaring A related B says the same as B related A). */
export const SYMMETRIC_LINK_TYPES = ["related", "alternatives", "complementary"] as const satisfies readonly KnownLinkType[];

export const isSymmetricLinkType = (t: string): boolean =>
  (SYMMETRIC_LINK_TYPES as readonly string[]).includes(t);
