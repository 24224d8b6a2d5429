// The communities of a library kept with an earlier layout (overview-disk-cache.ts), reused instead of
// running Louvain again: at ten times the 2026-02-20 library Louvain costs ~2.5 s of CPU, which a
// restart after a few changed files would otherwise pay in full. A pattern the kept communities do not
// know joins the community most of its links lead to; patterns linked only among themselves form
// communities of their own, one per connected group.

/**
 * A community id per linked slug, or undefined when `kept` covers fewer than `minShare` of `linked`
 * (then too much changed: Louvain finds them again). Deterministic: the unknown patterns are placed
 * in slug order (`linked` is sorted), ties going to the smallest community id.
 */
export function reusedCommunities(linked: readonly string[], pairs: readonly [string, string][], kept: ReadonlyMap<string, number>, minShare: number): Map<string, number> | undefined {
  const found = new Map<string, number>();
  let next = 0;
  for (const slug of linked) {
    const id = kept.get(slug);
    if (id === undefined) continue;
    found.set(slug, id);
    next = Math.max(next, id + 1);
  }
  if (found.size === linked.length) return found;
  if (found.size < minShare * linked.length) return undefined;
  const neighbours = new Map<string, string[]>();
  const add = (from: string, to: string): void => {
    if (found.has(from)) return;
    const list = neighbours.get(from);
    if (list) list.push(to);
    else neighbours.set(from, [to]);
  };
  for (const [s, t] of pairs) {
    add(s, t);
    add(t, s);
  }
  let unplaced = linked.filter((slug) => !found.has(slug));
  // Each pass places every pattern with a placed neighbour; a chain of new patterns takes a pass per link.
  for (;;) {
    const joining: [string, number][] = [];
    for (const slug of unplaced) {
      const votes = new Map<number, number>();
      for (const other of neighbours.get(slug) ?? []) {
        const id = found.get(other);
        if (id !== undefined) votes.set(id, (votes.get(id) ?? 0) + 1);
      }
      let best = -1;
      let most = 0;
      for (const [id, count] of votes) if (count > most || (count === most && id < best)) [best, most] = [id, count];
      if (best >= 0) joining.push([slug, best]);
    }
    if (joining.length === 0) break;
    for (const [slug, id] of joining) found.set(slug, id);
    unplaced = unplaced.filter((slug) => !found.has(slug));
  }
  // What is left is linked only to other new patterns: each connected group becomes a community.
  for (const start of unplaced) {
    if (found.has(start)) continue;
    const id = next++;
    found.set(start, id);
    for (const queue = [start]; queue.length > 0; ) {
      for (const other of neighbours.get(queue.pop()!) ?? []) {
        if (found.has(other)) continue;
        found.set(other, id);
        queue.push(other);
      }
    }
  }
  return found;
}
