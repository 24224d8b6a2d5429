// The typo tiers on Neo4j answered from the copy's stored search vocabulary
// (graph/neo4j/neo4j-search-vocabulary.ts) instead of an index of the library in the server: on the
// real 2026-02-20 snapshot in the test Neo4j, queries made from its own titles, slugs and aliases with
// typos (one word, several words, a word still being typed), and queries that match nothing, get
// exactly the embedded store's hits; the stored vocabulary is the library's, also after a change in
// place that retitles a pattern (its old title's tokens gone, the new ones searchable); a copy stored
// without a vocabulary (an older model version) gets the same hits from every pattern.
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStore, type Library } from "../../graph/index.ts";
import { LABELS } from "../../graph/neo4j/neo4j-model.ts";
import { vocabularyRows } from "../../graph/neo4j/neo4j-search-vocabulary.ts";
import { createNeo4jStore, type Neo4jStore } from "../../graph/neo4j/neo4j-store.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { seededRandom } from "../fixtures/literal-library.ts";
import { realLibrary } from "../fixtures/real-library.ts";
import { getTestNeo4j, uniqueNamespace, type Neo4jTestConnection } from "../setup/neo4j.ts";

let conn: Neo4jTestConnection;
let driver: Driver;
let library: Library;
let store: Neo4jStore;
let namespace: string;

/** One typo in `word`: a letter dropped, doubled, replaced or swapped with the next. */
function typo(word: string, random: () => number): string {
  if (word.length < 2) return word;
  const i = Math.floor(random() * (word.length - 1));
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return word.slice(0, i) + "xq"[Math.floor(random() * 2)] + word.slice(i + 1);
    default:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  }
}

/** Queries from the library's own keys, with typos, plus some that match nothing directly. */
function queries(): string[] {
  const random = seededRandom(20261207); // the same queries on every run
  const out = new Set(["qzxwv", "goverance desing", "delibrate practise", "delibrate prac", "vrio modle", "teh", "ab cd", "wrok", "zzzz qqqq", "strategy framwork", "x y z"]);
  for (let n = 0; n < 70; n++) {
    const p = library.patterns[Math.floor(random() * library.patterns.length)]!;
    const keys = [p.title, p.slug, ...p.aliases];
    const key = keys[Math.floor(random() * keys.length)]!;
    const words = key.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== "");
    if (words.length === 0) continue;
    const long = words.filter((w) => w.length >= 4);
    // One word with a typo, or two.
    if (long.length > 0) {
      const w = long[Math.floor(random() * long.length)]!;
      out.add(typo(w, random));
      if (w.length >= 8) out.add(typo(typo(w, random), random));
    }
    // Several words, each with a typo or cut short (still being typed), in any order.
    if (words.length >= 2) {
      const picked = words.slice(0, 3).map((w) => (random() < 0.5 ? typo(w, random) : w.slice(0, Math.max(1, w.length - 2))));
      if (random() < 0.3) picked.reverse();
      out.add(picked.join(" "));
    }
    // The whole key with a typo.
    out.add(typo(key.toLowerCase(), random));
  }
  return [...out];
}

beforeAll(async () => {
  conn = await getTestNeo4j();
  driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), { disableLosslessIntegers: true });
  library = await loadLibrary(realLibrary("2026-02-20"));
  namespace = uniqueNamespace("search-vocabulary");
  store = await createNeo4jStore({ ...conn, namespace });
  await store.load(library);
}, 300_000);

afterAll(async () => {
  await store?.close();
  await driver?.close();
});

/** The stored vocabulary of the namespace's current copy: each token's row, its slugs sorted. */
async function storedVocabulary(): Promise<Map<string, { length: number; word: boolean; slugs: string[] }>> {
  const { records } = await driver.executeQuery(
    `MATCH (l:${LABELS.library} {namespace: $ns}) MATCH (t:${LABELS.searchToken} {lib: l.current}) RETURN t.text AS text, t.length AS length, t.word AS word, t.slugs AS slugs`,
    { ns: namespace },
    { database: conn.database },
  );
  return new Map(records.map((r) => [String(r.get("text")), { length: Number(r.get("length")), word: r.get("word") as boolean, slugs: [...(r.get("slugs") as string[])].sort() }]));
}

const expectedVocabulary = (of: Library): Map<string, { length: number; word: boolean; slugs: string[] }> =>
  new Map(vocabularyRows(of).map((t) => [t.text, { length: t.length, word: t.word, slugs: [...t.slugs].sort() }]));

describe("the typo tiers on Neo4j, from the stored search vocabulary (real library)", () => {
  it("stores one token per distinct whole key and word of a key, with the patterns that have it", async () => {
    const stored = await storedVocabulary();
    const expected = expectedVocabulary(library);
    expect(stored.size).toBe(expected.size);
    expect(stored.size).toBeGreaterThan(library.patterns.length);
    expect(stored).toEqual(expected);
  }, 60_000);

  it("gives the embedded store's hits for typo, several-word and no-hit queries", async () => {
    const memory = createMemoryStore(library);
    const all = queries();
    expect(all.length).toBeGreaterThan(150);
    const differ: string[] = [];
    let typoHits = 0;
    for (const q of all) {
      for (const limit of [10, 50]) {
        const [got, want] = [await store.search(q, limit), await memory.search(q, limit)];
        if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(`${q} (limit ${limit})`);
        typoHits += want.filter((h) => h.score < 30).length;
      }
    }
    expect(differ).toEqual([]);
    // The queries do reach the lower tiers (typo and words scores lie below 30).
    expect(typoHits).toBeGreaterThan(500);
  }, 300_000);

  it("gives the embedded store's hits for queries with many direct matches, read only as far as the limit needs", async () => {
    const memory = createMemoryStore(library);
    const differ: string[] = [];
    for (const q of ["e", "a", "de", "st", "work", "design", "pattern", "the", "strategy", "s", "management", "in", "x", "ai", "team"]) {
      for (const limit of [1, 3, 10, 50, 100]) {
        const [got, want] = [await store.search(q, limit), await memory.search(q, limit)];
        if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(`${q} (limit ${limit})`);
      }
    }
    expect(differ).toEqual([]);
  }, 300_000);

  it("follows a change in place: a retitled pattern's old tokens go, its new title is found with a typo", async () => {
    const target = library.patterns.find((p) => p.slug === "deliberate-practice-protocol")!;
    const changed: Library = { ...library, patterns: library.patterns.map((p) => (p === target ? { ...p, title: "Quorblex Zyxwvut Drills" } : p)) };
    const report = await store.loadWithReport(changed);
    expect(report.outcome).toBe("updated");
    expect(report.inPlace!.tokens.written).toBeGreaterThan(0);
    const stored = await storedVocabulary();
    expect(stored).toEqual(expectedVocabulary(changed));
    expect(stored.get("quorblex zyxwvut drills")?.slugs).toEqual(["deliberate-practice-protocol"]);
    const memory = createMemoryStore(changed);
    for (const q of ["quorbelx", "zyxwut drils", "quorblex zyxwvut drill", "delibrate practise", "deliberate practice protocol"]) {
      expect(await store.search(q, 10), q).toEqual(await memory.search(q, 10));
    }
    expect((await store.search("quorbelx", 5))[0]?.slug).toBe("deliberate-practice-protocol");

    // A copy stored without a vocabulary (before model version 9, until its next load): every
    // pattern is a candidate, and the hits are the same.
    await driver.executeQuery(
      `MATCH (l:${LABELS.library} {namespace: $ns}) MATCH (t:${LABELS.searchToken} {lib: l.current}) DELETE t`,
      { ns: namespace },
      { database: conn.database },
    );
    expect((await storedVocabulary()).size).toBe(0);
    for (const q of ["quorbelx", "zyxwut drils", "delibrate practise", "goverance desing", "qzxwv", "strategy framwork"]) {
      expect(await store.search(q, 10), q).toEqual(await memory.search(q, 10));
    }
  }, 300_000);
});
