/**
 * The encoding of a corpus file that is not Unicode, found from a sample of its bytes by
 * `chardet` (ICU's detector, in JavaScript): it weighs the sample against the byte statistics of
 * each legacy encoding and language. The whole file is never read for it: up to SAMPLE_SLICES
 * slices of SLICE_BYTES spread over the file, so text whose first pages are plain ASCII (an English
 * preface before French chapters) is still judged by its accented parts.
 *
 * Nothing is detected (null) for what the decoder reads by itself or what no detector should
 * name: a file with a byte-order mark, UTF-16 without one, a sample that is valid UTF-8 (ASCII
 * included) without ISO-2022's escape sequences, and a sample with a NUL byte (binary, which the
 * decoder reports).
 */
import type { FileHandle } from 'node:fs/promises'
import chardet from 'chardet'
import { type EncodingDetection, ENCODING_SNIFF_BYTES, UNICODE_ENCODINGS, encodingOf, utf16WithoutMark } from '../core/corpus/index'

export const SLICE_BYTES = 16 * 1024
export const SAMPLE_SLICES = 4

/** The detected encoding of the file `handle` reads (`size` bytes), from its sample; positional reads, so the file's position is untouched. */
export async function detectFileEncoding(handle: FileHandle, size: number): Promise<EncodingDetection | null> {
  const whole = size <= SLICE_BYTES * SAMPLE_SLICES
  const slices: Uint8Array[] = []
  for (let s = 0; s < (whole ? 1 : SAMPLE_SLICES); s++) {
    // The first slice at the start, the last one at the end, the others evenly between.
    const position = whole ? 0 : Math.floor((s * (size - SLICE_BYTES)) / (SAMPLE_SLICES - 1))
    const buffer = new Uint8Array(whole ? size : SLICE_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position)
    slices.push(s === 0 ? buffer.subarray(0, bytesRead) : fromCharacterStart(buffer.subarray(0, bytesRead)))
  }
  return detectEncoding(slices)
}

/**
 * The encoding of the file whose sample is `slices` (the first one from the file's start), or
 * null when the decoder needs none named (see above) or the detector finds no encoding a
 * decoder reads.
 */
export function detectEncoding(slices: readonly Uint8Array[]): EncodingDetection | null {
  const head = slices[0] ?? new Uint8Array(0)
  if (hasByteOrderMark(head) || utf16WithoutMark(head.subarray(0, ENCODING_SNIFF_BYTES)) !== null) return null
  if (slices.some((slice) => slice.includes(0))) return null
  // ISO-2022-JP is 7-bit, so valid UTF-8 too: its escape sequences (ESC $ B…) tell it apart.
  if (slices.every(isUtf8) && !slices.some(hasIso2022Escape)) return null
  const sample = join(slices)
  for (const match of chardet.analyse(sample)) {
    const encoding = encodingOf(match.name)
    // UTF-8 or UTF-16 would be what the sample just failed to be; UTF-32 has no decoder.
    if (encoding !== null && !UNICODE_ENCODINGS.includes(encoding)) return { encoding, confidence: match.confidence / 100 }
  }
  return null
}

function hasByteOrderMark(b: Uint8Array): boolean {
  return (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)
}

/** Valid UTF-8, a character cut at the end aside. */
function isUtf8(slice: Uint8Array): boolean {
  try {
    // In streaming mode an unfinished character at the end is kept, not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(slice, { stream: true })
    return true
  } catch {
    return false
  }
}

/** ESC $, which starts the switch to a two-byte character set in ISO-2022 (ESC $ B in ISO-2022-JP); terminal colours are ESC [. */
function hasIso2022Escape(slice: Uint8Array): boolean {
  for (let i = slice.indexOf(0x1b); i !== -1 && i + 1 < slice.length; i = slice.indexOf(0x1b, i + 1)) {
    if (slice[i + 1] === 0x24) return true
  }
  return false
}

/**
 * A slice from inside a file, from its first space or control byte (a line end, most often) on:
 * in UTF-8 and every encoding the detector names but UTF-16, such a byte is a character of its
 * own, never part of another, so the slice no longer starts with half a character.
 */
function fromCharacterStart(slice: Uint8Array): Uint8Array {
  const start = slice.findIndex((b) => b <= 0x20)
  return start === -1 ? slice : slice.subarray(start)
}

function join(slices: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(slices.reduce((sum, s) => sum + s.length + 1, 0))
  let at = 0
  for (const slice of slices) {
    out.set(slice, at)
    // A line end between slices, so the end of one and the start of the next make no false character.
    out[at + slice.length] = 0x0a
    at += slice.length + 1
  }
  return out
}
