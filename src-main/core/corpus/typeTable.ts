import { grown } from './grownArray'

/**
 * Word types interned by their UTF-16 units and counted, ids in order of first occurrence. A
 * token is looked up straight from the text it lies in (through the scanner's normalising
 * table), so a word seen before costs a hash and a compare, never a string; types are spelled
 * out as strings only when asked for (`types()`), since a preparation thread never needs them.
 *
 * Open addressing with linear probing over a power-of-two table kept at most half full. With a
 * million types most lookups of rare words miss the cache, so what a lookup needs sits together:
 * a slot holds the type's hash, id, count and where its units lie in the pool, and there the
 * units follow their length. A known word costs two misses (the slot, the units).

 */

const SLOT_INTS = 4
/** Units before a type's own in the pool: its length, low and high 16 bits. */
const LENGTH_UNITS = 2
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
/** A type is spelled out from the pool in pieces of this many units (String.fromCharCode's argument limit). */
const SPELL_PIECE = 4096

export class TypeTable {
  /** Strings of the types spelled so far (ids below its length). */
  private readonly spelled: string[] = []
  private typeCount = 0
  /** SLOT_INTS per slot: hash, id + 1 (0: empty), where the type's length and units start in the pool, count. */
  private slots = new Int32Array(SLOT_INTS << 12)
  private mask = (1 << 12) - 1
  /** Per id, in id order: hash and pool offset, for rehashing without probing the old table, and for spelling. */
  private hashes = new Int32Array(1 << 11)
  private offsets = new Int32Array(1 << 11)
  private pool = new Uint16Array(1 << 16)
  private poolUsed = 0

  get size(): number {
    return this.typeCount
  }

  /** The types as strings, by id. The array is the table's own and grows with it. */
  types(): string[] {
    const { spelled, pool, offsets } = this
    for (let id = spelled.length; id < this.typeCount; id++) {
      const from = offsets[id]!
      spelled.push(spell(pool, from, pool[from - 2]! + (pool[from - 1]! << 16)))
    }
    return spelled
  }

  /**
   * Counts one occurrence of text[start, end), each unit mapped through `normalised`, and returns
   * its id; a new type gets the next id.
   */
  intern(text: string, start: number, end: number, normalised: Uint16Array): number {
    let hash = FNV_OFFSET
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ normalised[text.charCodeAt(i)]!, FNV_PRIME)
    const length = end - start
    const { slots, mask, pool } = this
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT_INTS
      const entry = slots[at + 1]!
      if (entry === 0) break
      if (slots[at] !== hash) continue
      let from = slots[at + 2]!
      if (pool[from]! + (pool[from + 1]! << 16) !== length) continue
      from += LENGTH_UNITS
      let j = 0
      while (j < length && pool[from + j] === normalised[text.charCodeAt(start + j)]) j++
      if (j === length) {
        slots[at + 3]!++
        return entry - 1
      }
    }
    const from = this.reserve(length)
    for (let j = 0; j < length; j++) this.pool[from + j] = normalised[text.charCodeAt(start + j)]!
    return this.add(hash, from, 1)
  }

  /** Counts one occurrence of `word` as it is (a token of the reference tokenizer) and returns its id; a new type gets the next id. */
  internWord(word: string): number {
    let hash = FNV_OFFSET
    const length = word.length
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME)
    const { slots, mask, pool } = this
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT_INTS
      const entry = slots[at + 1]!
      if (entry === 0) break
      if (slots[at] !== hash) continue
      let from = slots[at + 2]!
      if (pool[from]! + (pool[from + 1]! << 16) !== length) continue
      from += LENGTH_UNITS
      let j = 0
      while (j < length && pool[from + j] === word.charCodeAt(j)) j++
      if (j === length) {
        slots[at + 3]!++
        return entry - 1
      }
    }
    const from = this.reserve(length)
    for (let j = 0; j < length; j++) this.pool[from + j] = word.charCodeAt(j)
    return this.add(hash, from, 1)
  }

  /**
   * The types from id `first` on, packed for another thread's table (see internPacked): their
   * hashes, and their pool entries (length, then units) end to end.
   */
  exportTypes(first: number): { hashes: Int32Array; units: Uint16Array } {
    const start = first < this.typeCount ? this.offsets[first]! - LENGTH_UNITS : this.poolUsed
    return { hashes: this.hashes.slice(first, this.typeCount), units: this.pool.slice(start, this.poolUsed) }
  }

  /**
   * The id of a type another table exported (its pool entry at units[at], its hash), interned
   * without counting an occurrence; a new type gets the next id. The next entry starts at
   * `at` + 2 + its length.
   */
  internPacked(units: Uint16Array, at: number, hash: number): number {
    const length = units[at]! + (units[at + 1]! << 16)
    const start = at + LENGTH_UNITS
    const { slots, mask, pool } = this
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const s = slot * SLOT_INTS
      const entry = slots[s + 1]!
      if (entry === 0) break
      if (slots[s] !== hash) continue
      let from = slots[s + 2]!
      if (pool[from]! + (pool[from + 1]! << 16) !== length) continue
      from += LENGTH_UNITS
      let j = 0
      while (j < length && pool[from + j] === units[start + j]) j++
      if (j === length) return entry - 1
    }
    const from = this.reserve(length)
    this.pool.set(units.subarray(start, start + length), from)
    return this.add(hash, from, 0)
  }

  /** Occurrences counted so far, by id. */
  counts(): Uint32Array {
    const counts = new Uint32Array(this.typeCount)
    const { slots } = this
    for (let at = 0; at < slots.length; at += SLOT_INTS) if (slots[at + 1] !== 0) counts[slots[at + 1]! - 1] = slots[at + 3]!
    return counts
  }

  /** Room for a type of `length` units, its length written; returns where its units go. */
  private reserve(length: number): number {
    const at = this.poolUsed
    if (at + LENGTH_UNITS + length > this.pool.length) this.pool = grown(this.pool, at + LENGTH_UNITS + length)
    this.pool[at] = length & 0xffff
    this.pool[at + 1] = length >>> 16
    this.poolUsed = at + LENGTH_UNITS + length
    return at + LENGTH_UNITS
  }

  private add(hash: number, from: number, count: number): number {
    const id = this.typeCount++
    if (id === this.hashes.length) {
      this.hashes = grown(this.hashes, id + 1)
      this.offsets = grown(this.offsets, id + 1)
    }
    this.hashes[id] = hash
    this.offsets[id] = from
    if (2 * (id + 1) > this.mask + 1) this.rehash()
    this.place(id, count)
    return id
  }

  private place(id: number, count: number): void {
    let slot = this.hashes[id]! & this.mask
    while (this.slots[slot * SLOT_INTS + 1] !== 0) slot = (slot + 1) & this.mask
    const at = slot * SLOT_INTS
    this.slots[at] = this.hashes[id]!
    this.slots[at + 1] = id + 1
    this.slots[at + 2] = this.offsets[id]! - LENGTH_UNITS
    this.slots[at + 3] = count
  }

  /** Doubles the table and places the types again. */
  private rehash(): void {
    const counts = this.counts()
    this.mask = 2 * (this.mask + 1) - 1
    this.slots = new Int32Array(SLOT_INTS * (this.mask + 1))
    // The newest type is placed by add().
    for (let id = 0; id < this.typeCount - 1; id++) this.place(id, counts[id]!)
  }
}

/** A fresh string of the units in the pool. */
function spell(pool: Uint16Array, from: number, length: number): string {
  let text = ''
  for (let at = from; at < from + length; at += SPELL_PIECE) {
    text += String.fromCharCode.apply(null, pool.subarray(at, Math.min(at + SPELL_PIECE, from + length)) as unknown as number[])
  }
  return text
}
