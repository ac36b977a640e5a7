/**
 * Which format a vector file is in, when the caller does not say:
 *
 * 1. `.bin`, `.tsv`, `.npy` and `.json` name their format (`formatFromPath`).
 * 2. Any other file — `.txt` and `.vec` included, because GloVe files are `.txt` too, and files
 *    without an extension — is judged by its first 64 KiB:
 *    - the NumPy signature (\x93NUMPY) → npy; `{` as the first non-blank byte → JSON;
 *    - a first line of exactly two whole numbers ("400000 300") is a word2vec header: the file
 *      is word2vec text when the next line is a word and `dim` numbers, or when the bytes after
 *      the header are text (no NUL, no control byte other than tab, CR and LF, valid UTF-8);
 *      word2vec binary otherwise;
 *    - anything else is GloVe text (no header).
 */
import { type VectorFormat, formatFromPath } from '../../core/vectors/vectorFormats'
import { readHead } from './chunkedFile'
import { parseFloat32 } from './numberFields'
import { parseWord2vecHeader } from './textVectorsReader'

export const SNIFF_BYTES = 64 * 1024

const NPY_MAGIC = Buffer.from('\x93NUMPY', 'latin1')

/** Whether `bytes` read as text: UTF-8 without NUL or control bytes other than tab, CR, LF. */
function looksLikeText(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false
    if (b === 0x7f) return false
  }
  try {
    // stream: true, so a character cut at the end of the sample is not an error
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
    return true
  } catch {
    return false
  }
}

/** The format of a file that starts with `head` (see the rule above). */
export function sniffVectorFormat(head: Buffer): VectorFormat {
  if (head.subarray(0, NPY_MAGIC.length).equals(NPY_MAGIC)) return 'npy'
  let first = 0
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) first = 3
  while (first < head.length && (head[first] === 0x20 || head[first] === 0x09 || head[first] === 0x0a || head[first] === 0x0d)) first++
  if (head[first] === 0x7b /* { */) return 'json'
  const newline = head.indexOf(0x0a)
  if (newline === -1) return 'glove'
  const line = head.toString('latin1', 0, newline).replace(/^\xef\xbb\xbf/, '').replace(/\r$/, '')
  const header = parseWord2vecHeader(line)
  if (header === null) return 'glove'
  const rest = head.subarray(newline + 1)
  return isVectorLine(rest, header.dim) || looksLikeText(rest) ? 'word2vec-text' : 'word2vec-binary'
}

/**
 * Whether the first non-blank line in `bytes` is a word and `dim` numbers, which no binary row
 * is. It decides for text files whose words are not UTF-8 (Latin-1), which the byte test alone
 * would take for binary.
 */
function isVectorLine(bytes: Buffer, dim: number): boolean {
  let start = 0
  while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d)) start++
  const end = bytes.indexOf(0x0a, start)
  if (end === -1) return false
  const fields = bytes.toString('latin1', start, end).trim().split(/[ \t]+/)
  return fields.length === dim + 1 && fields.slice(1).every((field) => !Number.isNaN(parseFloat32(field)))
}

/** The format of the file at `path`: by its extension when that says, else by its content. */
export async function detectVectorFormat(path: string): Promise<VectorFormat> {
  const byName = formatFromPath(path)
  if (byName !== null && byName !== 'word2vec-text') return byName
  return sniffVectorFormat(await readHead(path, SNIFF_BYTES))
}
