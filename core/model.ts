// The wire contract's one entry point: the library model, the link vocabulary and every answer's
// shape, re-exported from the core files that hold them, so an importer need not know how core/ is
// split. A leaf like the rest of core/: it imports nothing outside core/.
export * from "./link-types.ts";
export * from "./library.ts";
export * from "./answers.ts";
export * from "./neighborhood.ts";
export * from "./paths.ts";
export * from "./overview.ts";
