// Types for graphology-gexf's writer module, imported on its own: the package's entry points pull in
// a DOM parser (xmldom in Node, the browser's DOMParser), which an export that only writes does not need.
declare module "graphology-gexf/common/writer.js" {
  import type { AbstractGraph, Attributes } from "graphology-types";
  import type { GexfWriterOptions } from "graphology-gexf/common/types";

  function write(graph: AbstractGraph, options?: GexfWriterOptions<Attributes, Attributes>): string;
  export = write;
}
