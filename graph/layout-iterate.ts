// One ForceAtlas2 iteration over the layout's matrices: graphology-layout-forceatlas2 0.10's
// iterate.js for the settings the overview uses, with its Barnes-Hut regions in a Float64Array kept
// from one iteration to the next instead of a plain array grown anew in every iteration. Same
// arithmetic in the same order, every node value rounded to the Float32Array where the package
// rounds it: the same positions to the bit (test/graph/layout-iterate.test.ts). At ten times the
// 2026-02-20 library the package's array cost ~4 s of collections in a cold start's 19 s overview thread.
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";

// The package's matrix layouts: 10 numbers per node, 3 per edge, 9 per Barnes-Hut region.
const NODE_X = 0;
const NODE_Y = 1;
const NODE_DX = 2;
const NODE_DY = 3;
const NODE_OLD_DX = 4;
const NODE_OLD_DY = 5;
const NODE_MASS = 6;
const NODE_CONVERGENCE = 7;
const NODE_FIXED = 9;
const EDGE_SOURCE = 0;
const EDGE_TARGET = 1;
const EDGE_WEIGHT = 2;
const REGION_NODE = 0;
const REGION_CENTER_X = 1;
const REGION_CENTER_Y = 2;
const REGION_SIZE = 3;
const REGION_NEXT_SIBLING = 4;
const REGION_FIRST_CHILD = 5;
const REGION_MASS = 6;
const REGION_MASS_CENTER_X = 7;
const REGION_MASS_CENTER_Y = 8;
const PPN = 10;
const PPE = 3;
const PPR = 9;
const SUBDIVISION_ATTEMPTS = 3;

/** ForceAtlas2 iterations over one pair of matrices, the Barnes-Hut regions' buffer kept between them. */
export interface ForceAtlas2Iterator {
  /** One iteration, in place, as the package's iterate(settings, nodes, edges). */
  iterate(nodes: Float32Array, edges: Float32Array): void;
}

/**
 * An iterator for `settings`: linear attraction and repulsion without size adjustment or outbound
 * attraction distribution, as the overview lays out (anything else is refused: the package does it).
 */
export function forceAtlas2Iterator(settings: Required<ForceAtlas2Settings>): ForceAtlas2Iterator {
  if (settings.adjustSizes || settings.linLogMode || settings.outboundAttractionDistribution) {
    throw new Error("forceAtlas2Iterator: adjustSizes, linLogMode and outboundAttractionDistribution are not supported; use graphology-layout-forceatlas2's iterate");
  }
  let regions = new Float64Array(0);
  let edgeFactors = new Float64Array(0);
  let factorsOf: Float32Array | undefined;
  const thetaSquared = settings.barnesHutTheta * settings.barnesHutTheta;
  const coefficient = settings.scalingRatio;
  const { slowDown, strongGravityMode } = settings;
  const gravity = settings.gravity / settings.scalingRatio;

  /** The quadtree of the nodes (iterate.js's step 1.bis); returns the regions' buffer. */
  function buildRegions(N: Float32Array): Float64Array {
    const order = N.length;
    // At most 4 regions per subdivision and SUBDIVISION_ATTEMPTS + 1 subdivisions per node.
    const most = (1 + (order / PPN) * 4 * (SUBDIVISION_ATTEMPTS + 1)) * PPR;
    if (regions.length < Math.min(most, (1 + (order / PPN) * 8) * PPR)) regions = new Float64Array(Math.min(most, (1 + (order / PPN) * 8) * PPR));
    let R = regions;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let n = 0; n < order; n += PPN) {
      minX = Math.min(minX, N[n + NODE_X]!);
      maxX = Math.max(maxX, N[n + NODE_X]!);
      minY = Math.min(minY, N[n + NODE_Y]!);
      maxY = Math.max(maxY, N[n + NODE_Y]!);
    }
    const dx = maxX - minX;
    const dy = maxY - minY;
    if (dx > dy) {
      minY -= (dx - dy) / 2;
      maxY = minY + dx;
    } else {
      minX -= (dy - dx) / 2;
      maxX = minX + dy;
    }
    R[REGION_NODE] = -1;
    R[REGION_CENTER_X] = (minX + maxX) / 2;
    R[REGION_CENTER_Y] = (minY + maxY) / 2;
    R[REGION_SIZE] = Math.max(maxX - minX, maxY - minY);
    R[REGION_NEXT_SIBLING] = -1;
    R[REGION_FIRST_CHILD] = -1;
    R[REGION_MASS] = 0;
    R[REGION_MASS_CENTER_X] = 0;
    R[REGION_MASS_CENTER_Y] = 0;
    let l = 1;
    for (let n = 0; n < order; n += PPN) {
      let r = 0;
      let subdivisionAttempts = SUBDIVISION_ATTEMPTS;
      const x = N[n + NODE_X]!;
      const y = N[n + NODE_Y]!;
      const mass = N[n + NODE_MASS]!;
      for (;;) {
        const firstChild = R[r + REGION_FIRST_CHILD]!;
        if (firstChild >= 0) {
          const q = x < R[r + REGION_CENTER_X]! ? (y < R[r + REGION_CENTER_Y]! ? firstChild : firstChild + PPR) : y < R[r + REGION_CENTER_Y]! ? firstChild + PPR * 2 : firstChild + PPR * 3;
          R[r + REGION_MASS_CENTER_X] = (R[r + REGION_MASS_CENTER_X]! * R[r + REGION_MASS]! + x * mass) / (R[r + REGION_MASS]! + mass);
          R[r + REGION_MASS_CENTER_Y] = (R[r + REGION_MASS_CENTER_Y]! * R[r + REGION_MASS]! + y * mass) / (R[r + REGION_MASS]! + mass);
          R[r + REGION_MASS] = R[r + REGION_MASS]! + mass;
          r = q;
          continue;
        }
        if (R[r + REGION_NODE]! < 0) {
          R[r + REGION_NODE] = n;
          break;
        }
        // A node already here: four sub-regions, the two nodes in theirs (again if they share one).
        if ((l + 4) * PPR > R.length) {
          const grown = new Float64Array(Math.max((l + 4) * PPR, R.length * 2));
          grown.set(R);
          regions = R = grown;
        }
        const g0 = l * PPR;
        R[r + REGION_FIRST_CHILD] = g0;
        const w = R[r + REGION_SIZE]! / 2;
        const cx = R[r + REGION_CENTER_X]!;
        const cy = R[r + REGION_CENTER_Y]!;
        for (let k = 0; k < 4; k++) {
          const g = g0 + k * PPR;
          R[g + REGION_NODE] = -1;
          // Top left, bottom left, top right, bottom right.
          R[g + REGION_CENTER_X] = k < 2 ? cx - w : cx + w;
          R[g + REGION_CENTER_Y] = k % 2 === 0 ? cy - w : cy + w;
          R[g + REGION_SIZE] = w;
          R[g + REGION_NEXT_SIBLING] = k < 3 ? g + PPR : R[r + REGION_NEXT_SIBLING]!;
          R[g + REGION_FIRST_CHILD] = -1;
          R[g + REGION_MASS] = 0;
          R[g + REGION_MASS_CENTER_X] = 0;
          R[g + REGION_MASS_CENTER_Y] = 0;
        }
        l += 4;
        const old = R[r + REGION_NODE]!;
        const ox = N[old + NODE_X]!;
        const oy = N[old + NODE_Y]!;
        const q = ox < cx ? (oy < cy ? g0 : g0 + PPR) : oy < cy ? g0 + PPR * 2 : g0 + PPR * 3;
        R[r + REGION_MASS] = N[old + NODE_MASS]!;
        R[r + REGION_MASS_CENTER_X] = ox;
        R[r + REGION_MASS_CENTER_Y] = oy;
        R[q + REGION_NODE] = old;
        R[r + REGION_NODE] = -1;
        const q2 = x < cx ? (y < cy ? g0 : g0 + PPR) : y < cy ? g0 + PPR * 2 : g0 + PPR * 3;
        if (q === q2) {
          if (subdivisionAttempts--) {
            r = q;
            continue;
          }
          // Out of precision: the package leaves the node out of the tree, and so do we.
          break;
        }
        R[q2 + REGION_NODE] = n;
        break;
      }
    }
    return R;
  }

  function iterate(N: Float32Array, E: Float32Array): void {
    const order = N.length;
    const size = E.length;
    for (let n = 0; n < order; n += PPN) {
      N[n + NODE_OLD_DX] = N[n + NODE_DX]!;
      N[n + NODE_OLD_DY] = N[n + NODE_DY]!;
      N[n + NODE_DX] = 0;
      N[n + NODE_DY] = 0;
    }

    // Repulsion. Each node's force is summed as the package sums it, rounded to 32 bits after every
    // term (Math.fround: the package adds each term to the Float32Array), in a local meanwhile.
    if (settings.barnesHutOptimize) {
      const R = buildRegions(N);
      for (let n = 0; n < order; n += PPN) {
        const x = N[n + NODE_X]!;
        const y = N[n + NODE_Y]!;
        const mass = N[n + NODE_MASS]!;
        let fx = N[n + NODE_DX]!;
        let fy = N[n + NODE_DY]!;
        let r = 0;
        for (;;) {
          if (R[r + REGION_FIRST_CHILD]! >= 0) {
            const distance = Math.pow(x - R[r + REGION_MASS_CENTER_X]!, 2) + Math.pow(y - R[r + REGION_MASS_CENTER_Y]!, 2);
            const s = R[r + REGION_SIZE]!;
            if ((4 * s * s) / distance < thetaSquared) {
              const xDist = x - R[r + REGION_MASS_CENTER_X]!;
              const yDist = y - R[r + REGION_MASS_CENTER_Y]!;
              if (distance > 0) {
                const factor = (coefficient * mass * R[r + REGION_MASS]!) / distance;
                fx = Math.fround(fx + xDist * factor);
                fy = Math.fround(fy + yDist * factor);
              }
              r = R[r + REGION_NEXT_SIBLING]!;
              if (r < 0) break;
              continue;
            }
            r = R[r + REGION_FIRST_CHILD]!;
            continue;
          }
          const rn = R[r + REGION_NODE]!;
          if (rn >= 0 && rn !== n) {
            const xDist = x - N[rn + NODE_X]!;
            const yDist = y - N[rn + NODE_Y]!;
            const distance = xDist * xDist + yDist * yDist;
            if (distance > 0) {
              const factor = (coefficient * mass * N[rn + NODE_MASS]!) / distance;
              fx = Math.fround(fx + xDist * factor);
              fy = Math.fround(fy + yDist * factor);
            }
          }
          r = R[r + REGION_NEXT_SIBLING]!;
          if (r < 0) break;
        }
        N[n + NODE_DX] = fx;
        N[n + NODE_DY] = fy;
      }
    } else {
      for (let n1 = 0; n1 < order; n1 += PPN) {
        for (let n2 = 0; n2 < n1; n2 += PPN) {
          const xDist = N[n1 + NODE_X]! - N[n2 + NODE_X]!;
          const yDist = N[n1 + NODE_Y]! - N[n2 + NODE_Y]!;
          const distance = Math.sqrt(xDist * xDist + yDist * yDist);
          if (distance > 0) {
            const factor = (coefficient * N[n1 + NODE_MASS]! * N[n2 + NODE_MASS]!) / distance / distance;
            N[n1 + NODE_DX] = N[n1 + NODE_DX]! + xDist * factor;
            N[n1 + NODE_DY] = N[n1 + NODE_DY]! + yDist * factor;
            N[n2 + NODE_DX] = N[n2 + NODE_DX]! - xDist * factor;
            N[n2 + NODE_DY] = N[n2 + NODE_DY]! - yDist * factor;
          }
        }
      }
    }

    // Gravity.
    for (let n = 0; n < order; n += PPN) {
      let factor = 0;
      const xDist = N[n + NODE_X]!;
      const yDist = N[n + NODE_Y]!;
      const distance = Math.sqrt(Math.pow(xDist, 2) + Math.pow(yDist, 2));
      if (strongGravityMode) {
        if (distance > 0) factor = coefficient * N[n + NODE_MASS]! * gravity;
      } else if (distance > 0) factor = (coefficient * N[n + NODE_MASS]! * gravity) / distance;
      N[n + NODE_DX] = N[n + NODE_DX]! - xDist * factor;
      N[n + NODE_DY] = N[n + NODE_DY]! - yDist * factor;
    }

    // Attraction (linear: the package sets the distance to 1, so every edge pulls). An edge's
    // factor, -(its weight ** edgeWeightInfluence), is the same in every iteration: computed once.
    if (factorsOf !== E) {
      edgeFactors = new Float64Array(size / PPE);
      for (let e = 0, i = 0; e < size; e += PPE, i++) edgeFactors[i] = -1 * Math.pow(E[e + EDGE_WEIGHT]!, settings.edgeWeightInfluence);
      factorsOf = E;
    }
    for (let e = 0, i = 0; e < size; e += PPE, i++) {
      const n1 = E[e + EDGE_SOURCE]!;
      const n2 = E[e + EDGE_TARGET]!;
      const factor = edgeFactors[i]!;
      const xDist = N[n1 + NODE_X]! - N[n2 + NODE_X]!;
      const yDist = N[n1 + NODE_Y]! - N[n2 + NODE_Y]!;
      N[n1 + NODE_DX] = N[n1 + NODE_DX]! + xDist * factor;
      N[n1 + NODE_DY] = N[n1 + NODE_DY]! + yDist * factor;
      N[n2 + NODE_DX] = N[n2 + NODE_DX]! - xDist * factor;
      N[n2 + NODE_DY] = N[n2 + NODE_DY]! - yDist * factor;
    }

    // Forces applied.
    for (let n = 0; n < order; n += PPN) {
      if (N[n + NODE_FIXED] === 1) continue;
      const dx = N[n + NODE_DX]!;
      const dy = N[n + NODE_DY]!;
      const oldDx = N[n + NODE_OLD_DX]!;
      const oldDy = N[n + NODE_OLD_DY]!;
      const swinging = N[n + NODE_MASS]! * Math.sqrt((oldDx - dx) * (oldDx - dx) + (oldDy - dy) * (oldDy - dy));
      const traction = Math.sqrt((oldDx + dx) * (oldDx + dx) + (oldDy + dy) * (oldDy + dy)) / 2;
      const nodespeed = (N[n + NODE_CONVERGENCE]! * Math.log(1 + traction)) / (1 + Math.sqrt(swinging));
      N[n + NODE_CONVERGENCE] = Math.min(1, Math.sqrt((nodespeed * (Math.pow(dx, 2) + Math.pow(dy, 2))) / (1 + Math.sqrt(swinging))));
      N[n + NODE_X] = N[n + NODE_X]! + dx * (nodespeed / slowDown);
      N[n + NODE_Y] = N[n + NODE_Y]! + dy * (nodespeed / slowDown);
    }
  }

  return { iterate };
}
