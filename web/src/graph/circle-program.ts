// sigma's circle node program drawn as one plain list of triangles instead of one instance per node.
// Why: SwiftShader (Chromium's WebGL without a GPU) runs an instanced draw as one draw per instance, at
// ~19 us each: at ten times the library with its largest community open (2,611 nodes) the nodes took
// ~100 ms of every frame, half of it drawing the picking layer. Here each node writes its three vertices
// (the same triangle, shaders and picking as sigma's NodeCircleProgram), so a frame draws the nodes in one
// call per layer (docs/performance.md#the-frame-after-a-pan-at-10x). A GPU draws both alike.
import { NodeCircleProgram, NodeProgram, type ProgramDefinition } from "sigma/rendering";
import type { NodeDisplayData, RenderParams } from "sigma/types";
import { floatColor } from "sigma/utils";
import type { Attributes } from "graphology-types";

type Uniform = "u_sizeRatio" | "u_correctionRatio" | "u_matrix";

/** sigma's own definition: its shaders and attributes, with the per-vertex angle it keeps as instance-constant data. */
const CIRCLE = NodeCircleProgram.prototype.getDefinition();
const ANGLES = [NodeCircleProgram.ANGLE_1, NodeCircleProgram.ANGLE_2, NodeCircleProgram.ANGLE_3] as const;

export class NodeCircleTrianglesProgram<N extends Attributes = Attributes, E extends Attributes = Attributes, G extends Attributes = Attributes> extends NodeProgram<Uniform, N, E, G> {
  getDefinition(): ProgramDefinition<Uniform> {
    // No CONSTANT_ATTRIBUTES key: sigma draws a definition without one as plain arrays, not instances.
    return {
      VERTICES: ANGLES.length,
      VERTEX_SHADER_SOURCE: CIRCLE.VERTEX_SHADER_SOURCE,
      FRAGMENT_SHADER_SOURCE: CIRCLE.FRAGMENT_SHADER_SOURCE,
      METHOD: CIRCLE.METHOD,
      UNIFORMS: CIRCLE.UNIFORMS,
      ATTRIBUTES: [...CIRCLE.ATTRIBUTES, ...CIRCLE.CONSTANT_ATTRIBUTES],
    };
  }

  processVisibleItem(nodeIndex: number, startIndex: number, data: NodeDisplayData): void {
    const array = this.array;
    const color = floatColor(data.color);
    let i = startIndex;
    for (const angle of ANGLES) {
      array[i++] = data.x;
      array[i++] = data.y;
      array[i++] = data.size;
      array[i++] = color;
      array[i++] = nodeIndex;
      array[i++] = angle;
    }
  }

  setUniforms(params: RenderParams, { gl, uniformLocations }: Parameters<NodeProgram<Uniform, N, E, G>["setUniforms"]>[1]): void {
    gl.uniform1f(uniformLocations.u_correctionRatio!, params.correctionRatio);
    gl.uniform1f(uniformLocations.u_sizeRatio!, params.sizeRatio);
    gl.uniformMatrix3fv(uniformLocations.u_matrix!, false, params.matrix);
  }
}
