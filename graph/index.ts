// The public face of graph/: the domain model, errors, the store interface, the algorithms and
// the store factories. Other folders import graph/ through this file only.
export * from "../core/model.ts";
export * from "../core/errors.ts";
export * from "./store.ts";
export * from "./stored-gaps.ts";
export * from "./warm-reads.ts";
export { buildGraph, linkId, danglingSlug, type PatternGraph, type PatternNodeAttributes, type PatternEdgeAttributes } from "./build-graph.ts";
export * from "./algorithms/search.ts";
export * from "./algorithms/search-score.ts";
export * from "./algorithms/neighborhood.ts";
export * from "./algorithms/lineage.ts";
export * from "./algorithms/paths.ts";
export { PATH_RANKING } from "./algorithms/k-shortest.ts";
export { createBudget, QueryAbortedError, runWithin, type Budget, type BudgetOptions } from "./budget.ts";
export * from "../core/path-wording.ts";
export * from "./algorithms/stats.ts";
export * from "../core/query-limits.ts";
export * from "./algorithms/query-options.ts";
export * from "./algorithms/library-order.ts";
export * from "./algorithms/views.ts";
export * from "./memory/index.ts";
export { hasCopyAttachments, type AttachmentReader, type CopyAttachment, type CopyAttachmentMaker, type CopyContent, type StoredAttachment } from "./copy-attachments.ts";
export { createStore, DEFAULT_NEO4J_DATABASE, type Neo4jConfig, type StoreConfig } from "./create-store.ts";
