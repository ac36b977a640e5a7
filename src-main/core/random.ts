/**
 * A small seedable generator (xoshiro128**, seeded through splitmix32). Core code never calls
 * `Math.random`: every random choice takes a `Random` explicitly, so a run can be replayed and
 * a gradient check can rewind the generator before each evaluation of a sampled loss.
 */

/** Everything needed to put a generator back where it was. Plain data, so it can be saved. */
export interface RandomState {
  readonly s: readonly [number, number, number, number]
  /** The second Box–Muller draw, kept so that `normal()` replays exactly after `setState`. */
  readonly spareNormal: number | null
}

const TWO_POW_32 = 4294967296
const TWO_POW_53 = 9007199254740992

function splitmix32(seed: number): () => number {
  let z = seed >>> 0
  return () => {
    z = (z + 0x9e3779b9) >>> 0
    let t = z
    t = Math.imul(t ^ (t >>> 16), 0x21f0aaad)
    t = Math.imul(t ^ (t >>> 15), 0x735a2d97)
    return (t ^ (t >>> 15)) >>> 0
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}

export class Random {
  private s0 = 0
  private s1 = 0
  private s2 = 0
  private s3 = 0
  private spareNormal: number | null = null

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`The random seed must be an integer, not ${seed}.`)
    const next = splitmix32(seed)
    this.s0 = next()
    this.s1 = next()
    this.s2 = next()
    this.s3 = next()
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0
    const t = (this.s1 << 9) >>> 0
    this.s2 = (this.s2 ^ this.s0) >>> 0
    this.s3 = (this.s3 ^ this.s1) >>> 0
    this.s1 = (this.s1 ^ this.s2) >>> 0
    this.s0 = (this.s0 ^ this.s3) >>> 0
    this.s2 = (this.s2 ^ t) >>> 0
    this.s3 = rotl(this.s3, 11)
    return result
  }

  /** Uniform in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const high = this.nextUint32() >>> 5
    const low = this.nextUint32() >>> 6
    return (high * 67108864 + low) / TWO_POW_53
  }

  /** Uniform integer in [0, n), without modulo bias. */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > TWO_POW_32) {
      throw new RangeError(`nextInt needs a whole number between 1 and 2^32, not ${n}.`)
    }
    const limit = TWO_POW_32 - (TWO_POW_32 % n)
    for (;;) {
      const x = this.nextUint32()
      if (x < limit) return x % n
    }
  }

  /** Uniform integer in [low, high], both ends included (Python's `random.randint`). */
  randint(low: number, high: number): number {
    return low + this.nextInt(high - low + 1)
  }

  /** Standard normal draw (Box–Muller, polar form free of trigonometry). */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal
      this.spareNormal = null
      return spare
    }
    let u: number
    let v: number
    let s: number
    do {
      u = 2 * this.nextFloat() - 1
      v = 2 * this.nextFloat() - 1
      s = u * u + v * v
    } while (s >= 1 || s === 0)
    const factor = Math.sqrt((-2 * Math.log(s)) / s)
    this.spareNormal = v * factor
    return u * factor
  }

  getState(): RandomState {
    return { s: [this.s0, this.s1, this.s2, this.s3], spareNormal: this.spareNormal }
  }

  setState(state: RandomState): void {
    ;[this.s0, this.s1, this.s2, this.s3] = state.s
    this.spareNormal = state.spareNormal
  }
}
