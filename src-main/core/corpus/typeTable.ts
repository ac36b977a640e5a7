/**
 * Word types interned by their UTF-16 units, ids in order of first occurrence. A token is looked
 * up straight from the text it lies in (through the scanner's normalising table), so a word seen
 * before costs a hash and a compare, never a string: only a new type is spelled out as one.
 *
 * Open addressing with linear probing over a power-of-two table kept at most half full; the
 * units of every type sit end to end in one pool, so a compare reads one contiguous run.
 * `truncate` forgets the newest types (the scanner's retreat from a line it cannot finish);
 * clearing their slots newest first is exact under linear probing, since any type that probed
 * past one of them is newer and already gone.
 */

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
/** A type is spelled out from the pool in pieces of this many units (String.fromCharCode's argument limit). */
const SPELL_PIECE = 4096

export class TypeTable {
  readonly types: string[] = []
  private slots = new Int32Array(1 << 12)
  private mask = (1 << 12) - 1
  private hashes = new Int32Array(1 << 11)
  /** Type t's units are pool[starts[t], starts[t + 1]). */
  private starts = new Int32Array((1 << 11) + 1)
  private pool = new Uint16Array(1 << 16)

  get size(): number {
    return this.types.length
  }

  /** The id of text[start, end) with each unit mapped through `normalised`; a new type gets the next id. */
  intern(text: string, start: number, end: number, normalised: Uint16Array): number {
    let hash = FNV_OFFSET
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ normalised[text.charCodeAt(i)]!, FNV_PRIME)
    const length = end - start
    const { slots, mask, hashes, starts, pool } = this
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!
      if (entry === 0) break
      const id = entry - 1
      if (hashes[id] !== hash) continue
      const from = starts[id]!
      if (starts[id + 1]! - from !== length) continue
      let j = 0
      while (j < length && pool[from + j] === normalised[text.charCodeAt(start + j)]) j++
      if (j === length) return id
    }
    const from = this.reserve(length)
    for (let j = 0; j < length; j++) this.pool[from + j] = normalised[text.charCodeAt(start + j)]!
    return this.add(hash, from, length)
  }

  /** The id of `word` as it is (a token of the reference tokenizer); a new type gets the next id. */
  internWord(word: string): number {
    let hash = FNV_OFFSET
    const length = word.length
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME)
    const { slots, mask, hashes, starts, pool } = this
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!
      if (entry === 0) break
      const id = entry - 1
      if (hashes[id] !== hash) continue
      const from = starts[id]!
      if (starts[id + 1]! - from !== length) continue
      let j = 0
      while (j < length && pool[from + j] === word.charCodeAt(j)) j++
      if (j === length) return id
    }
    const from = this.reserve(length)
    for (let j = 0; j < length; j++) this.pool[from + j] = word.charCodeAt(j)
    return this.add(hash, from, length)
  }

  /** Forgets every type from id `size` on: they must be the newest, and nothing may hold their ids. */
  truncate(size: number): void {
    for (let id = this.types.length - 1; id >= size; id--) {
      let slot = this.hashes[id]! & this.mask
      while (this.slots[slot] !== id + 1) slot = (slot + 1) & this.mask
      this.slots[slot] = 0
    }
    this.types.length = size
  }

  private reserve(length: number): number {
    const id = this.types.length
    const from = this.starts[id]!
    if (from + length > this.pool.length) this.pool = grown(this.pool, from + length)
    return from
  }

  private add(hash: number, from: number, length: number): number {
    const id = this.types.length
    if (id + 2 > this.hashes.length) {
      this.hashes = grown(this.hashes, id + 2)
      this.starts = grown(this.starts, id + 2)
    }
    this.hashes[id] = hash
    this.starts[id + 1] = from + length
    this.types.push(spell(this.pool, from, length))
    if (2 * (id + 1) > this.slots.length) this.rehash()
    else this.place(hash, id)
    return id
  }

  private place(hash: number, id: number): void {
    let slot = hash & this.mask
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask
    this.slots[slot] = id + 1
  }

  /** Doubles the table and places every type again, in id order (which `truncate` relies on). */
  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2)
    this.mask = this.slots.length - 1
    for (let id = 0; id < this.types.length; id++) this.place(this.hashes[id]!, id)
  }
}

/** A fresh string of the units (never a view into a chunk of text, which it would keep alive). */
function spell(pool: Uint16Array, from: number, length: number): string {
  if (length <= SPELL_PIECE) return String.fromCharCode.apply(null, pool.subarray(from, from + length) as unknown as number[])
  let text = ''
  for (let at = from; at < from + length; at += SPELL_PIECE) {
    text += String.fromCharCode.apply(null, pool.subarray(at, Math.min(at + SPELL_PIECE, from + length)) as unknown as number[])
  }
  return text
}

function grown<T extends Int32Array | Uint16Array>(array: T, needed: number): T {
  let size = array.length * 2
  while (size < needed) size *= 2
  const bigger = new (array.constructor as new (n: number) => T)(size)
  bigger.set(array)
  return bigger
}
