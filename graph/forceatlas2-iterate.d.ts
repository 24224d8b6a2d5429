// Types for graphology-layout-forceatlas2's one iteration and its default settings, imported on
// their own: graph/layout.ts fills the layout's node and edge matrices itself instead of building a
// graphology graph only for the package's entry point to read them out of it again. Its iterations
// are graph/layout-iterate.ts's; the package's iterate is the reference its test compares them with.
declare module "graphology-layout-forceatlas2/iterate.js" {
  import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";

  /** One ForceAtlas2 iteration over the matrices, in place (10 numbers per node, 3 per edge). */
  function iterate(settings: Required<ForceAtlas2Settings>, nodes: Float32Array, edges: Float32Array): void;
  export = iterate;
}

declare module "graphology-layout-forceatlas2/defaults.js" {
  import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";

  const defaults: Required<ForceAtlas2Settings>;
  export = defaults;
}
