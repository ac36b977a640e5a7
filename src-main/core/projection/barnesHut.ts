/**
 * The t-SNE gradient in O(n log n) (Barnes-Hut-SNE, van der Maaten 2014):
 *
 *   ∂C/∂y_i = 4 [ Σ_j p_ij q̃_ij (y_i − y_j)  −  (1/Z) Σ_j q̃_ij² (y_i − y_j) ],   q̃_ij = 1 / (1 + ‖y_i − y_j‖²),
 *
 * with Z = Σ_{k≠l} q̃_kl. The attractive sum runs over the sparse P; the repulsive sum and Z
 * treat a quadtree cell as one point at its centre of mass when the cell is small seen from
 * y_i (cell width / distance < θ). θ = 0 visits every point, which is the exact gradient.
 */
import { type SparseAffinities } from './tsneAffinities'

/** Below this cell size points count as one, so near-equal points cannot recurse forever. */
const MAX_DEPTH = 48

/** A quadtree over 2-D points in flat typed arrays, rebuilt every iteration and reused. */
export class QuadTree {
  private capacity = 0
  private nodes = 0
  private centreX = new Float64Array(0)
  private centreY = new Float64Array(0)
  /** Half the cell's side while building; (side)² once built. */
  private cellSize = new Float64Array(0)
  /** Sums of the points' coordinates while building; their centre of mass once built. */
  private sumX = new Float64Array(0)
  private sumY = new Float64Array(0)
  private count = new Int32Array(0)
  /** Index of the first of four consecutive children, or −1 for a leaf. */
  private firstChild = new Int32Array(0)
  private stack = new Int32Array(0)

  build(points: Float64Array, n: number): void {
    let minX = Infinity
    let minY = Infinity
    let maxX = -Infinity
    let maxY = -Infinity
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, points[2 * i]!)
      maxX = Math.max(maxX, points[2 * i]!)
      minY = Math.min(minY, points[2 * i + 1]!)
      maxY = Math.max(maxY, points[2 * i + 1]!)
    }
    this.nodes = 0
    this.ensureCapacity(Math.max(16, 2 * n))
    const half = Math.max(maxX - minX, maxY - minY, 1e-12) / 2 * (1 + 1e-9)
    this.newNode((minX + maxX) / 2, (minY + maxY) / 2, half)
    for (let i = 0; i < n; i++) this.insert(points[2 * i]!, points[2 * i + 1]!)
    // From here on the sums are centres of mass, and the width test compares squares.
    for (let node = 0; node < this.nodes; node++) {
      const c = this.count[node]!
      if (c > 0) {
        this.sumX[node]! /= c
        this.sumY[node]! /= c
      }
      this.cellSize[node] = (2 * this.cellSize[node]!) ** 2
    }
    if (this.stack.length < 4 * MAX_DEPTH + 4) this.stack = new Int32Array(4 * MAX_DEPTH + 4)
  }

  /**
   * After `build`: adds Σ_j q̃_ij² (y_i − y_j) over all points j ≠ i to force[0..1] and returns Σ_j q̃_ij, both
   * approximated per cell with accuracy θ.
   */
  repulsion(x: number, y: number, theta: number, force: Float64Array): number {
    const { stack, count, sumX, sumY, firstChild, cellSize } = this
    const theta2 = theta * theta
    let sumQ = 0
    let fx = 0
    let fy = 0
    let top = 0
    stack[top++] = 0
    while (top > 0) {
      const node = stack[--top]!
      let c = count[node]!
      const dx = x - sumX[node]!
      const dy = y - sumY[node]!
      const d2 = dx * dx + dy * dy
      const first = firstChild[node]!
      const leaf = first === -1
      if (leaf || cellSize[node]! < theta2 * d2) {
        // Points with exactly y_i's coordinates all land in y_i's own leaf, so a leaf at distance
        // 0 holds y_i itself: leave it out.
        if (leaf && d2 === 0) c -= 1
        if (c === 0) continue
        const q = 1 / (1 + d2)
        sumQ += c * q
        const cq2 = c * q * q
        fx += cq2 * dx
        fy += cq2 * dy
      } else {
        for (let child = first; child < first + 4; child++) {
          if (count[child]! > 0) stack[top++] = child
        }
      }
    }
    force[0]! += fx
    force[1]! += fy
    return sumQ
  }

  private insert(x: number, y: number): void {
    let node = 0
    for (let depth = 0; ; depth++) {
      if (this.firstChild[node] === -1) {
        const c = this.count[node]!
        const same = c > 0 && this.sumX[node]! / c === x && this.sumY[node]! / c === y
        if (c === 0 || same || depth >= MAX_DEPTH) {
          this.count[node] = c + 1
          this.sumX[node]! += x
          this.sumY[node]! += y
          return
        }
        this.subdivide(node)
      }
      this.count[node]!++
      this.sumX[node]! += x
      this.sumY[node]! += y
      node = this.childFor(node, x, y)
    }
  }

  /** Splits a leaf in four and moves what it held (one point, or copies of one) into its child. */
  private subdivide(node: number): void {
    const half = this.cellSize[node]! / 2
    const cx = this.centreX[node]!
    const cy = this.centreY[node]!
    this.ensureCapacity(this.nodes + 4)
    const first = this.newNode(cx - half, cy - half, half)
    this.newNode(cx + half, cy - half, half)
    this.newNode(cx - half, cy + half, half)
    this.newNode(cx + half, cy + half, half)
    this.firstChild[node] = first
    const c = this.count[node]!
    const child = this.childFor(node, this.sumX[node]! / c, this.sumY[node]! / c)
    this.count[child] = c
    this.sumX[child] = this.sumX[node]!
    this.sumY[child] = this.sumY[node]!
  }

  private childFor(node: number, x: number, y: number): number {
    const right = x >= this.centreX[node]! ? 1 : 0
    const below = y >= this.centreY[node]! ? 2 : 0
    return this.firstChild[node]! + right + below
  }

  private newNode(cx: number, cy: number, half: number): number {
    const node = this.nodes++
    this.centreX[node] = cx
    this.centreY[node] = cy
    this.cellSize[node] = half
    this.sumX[node] = 0
    this.sumY[node] = 0
    this.count[node] = 0
    this.firstChild[node] = -1
    return node
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return
    const capacity = Math.max(needed, 2 * this.capacity)
    const grow = <T extends Float64Array | Int32Array>(old: T, make: (size: number) => T): T => {
      const next = make(capacity)
      next.set(old)
      return next
    }
    this.centreX = grow(this.centreX, (size) => new Float64Array(size))
    this.centreY = grow(this.centreY, (size) => new Float64Array(size))
    this.cellSize = grow(this.cellSize, (size) => new Float64Array(size))
    this.sumX = grow(this.sumX, (size) => new Float64Array(size))
    this.sumY = grow(this.sumY, (size) => new Float64Array(size))
    this.count = grow(this.count, (size) => new Int32Array(size))
    this.firstChild = grow(this.firstChild, (size) => new Int32Array(size))
    this.capacity = capacity
  }
}

/**
 * Writes ∂C/∂y (n × 2) into `gradient` for the layout `y`, with the attractive term multiplied by
 * `exaggeration` (early exaggeration). Returns Z.
 */
export function tsneGradient(y: Float64Array, p: SparseAffinities, exaggeration: number, theta: number, tree: QuadTree, gradient: Float64Array): number {
  const n = p.rows
  tree.build(y, n)
  const repulsive = new Float64Array(2 * n)
  const force = new Float64Array(2)
  let z = 0
  for (let i = 0; i < n; i++) {
    force[0] = 0
    force[1] = 0
    z += tree.repulsion(y[2 * i]!, y[2 * i + 1]!, theta, force)
    repulsive[2 * i] = force[0]!
    repulsive[2 * i + 1] = force[1]!
  }
  for (let i = 0; i < n; i++) {
    let ax = 0
    let ay = 0
    const xi = y[2 * i]!
    const yi = y[2 * i + 1]!
    for (let e = p.rowStart[i]!; e < p.rowStart[i + 1]!; e++) {
      const j = p.columns[e]!
      const dx = xi - y[2 * j]!
      const dy = yi - y[2 * j + 1]!
      const weight = p.values[e]! / (1 + dx * dx + dy * dy)
      ax += weight * dx
      ay += weight * dy
    }
    gradient[2 * i] = 4 * (exaggeration * ax - repulsive[2 * i]! / z)
    gradient[2 * i + 1] = 4 * (exaggeration * ay - repulsive[2 * i + 1]! / z)
  }
  return z
}
