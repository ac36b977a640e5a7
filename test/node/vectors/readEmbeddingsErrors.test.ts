import { chmod, mkdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { type VectorFormat } from '../../../src-main/core/vectors/vectorFormats'
import { readEmbeddings } from '../../../src-main/node/vectors/readEmbeddings'
import { type VectorsFileErrorKind } from '../../../src-main/node/vectors/vectorsFileError'
import { failureOf, npyFile, useTempDir, word2vecBinary } from './vectorFileFixtures'

const tmp = useTempDir()

interface Case {
  readonly name: string
  readonly files: Record<string, string | Buffer>
  readonly format?: VectorFormat
  readonly kind: VectorsFileErrorKind
  /** The message must match, and name the file. */
  readonly message: RegExp
  readonly line?: number
  readonly row?: number
}

const binary = (rows: number[][], options?: { header?: string }): Buffer => word2vecBinary(rows.map((_, i) => `w${i}`), rows, options)

const CASES: Case[] = [
  // truncated files
  { name: 'a text header promising more vectors than the file holds', files: { 'v.txt': '5 2\na 1 2\nb 3 4\nc 5 6\n' }, kind: 'truncated', line: 4, message: /“v\.txt” ends at line 4 after 3 vectors, but its header \(line 1\) says 5: the file is cut short, or its header is wrong/ },
  { name: 'a text file cut in its last row', files: { 'v.txt': '3 4\na 1 2 3 4\nb 5 6 7 8\nc 9 10' }, kind: 'truncated', line: 4, message: /cut short: its last line \(line 4\) has 2 of the 4 values/ },
  { name: 'a GloVe file cut in its last row', files: { 'g.txt': 'a 1 2 3\nb 4 5 6\nc 7' }, kind: 'truncated', line: 3, message: /“g\.txt” is cut short: its last line \(line 3\) has 1 of the 3 values/ },
  { name: 'a binary file cut inside a vector', files: { 'v.bin': binary([[1, 2], [3, 4], [5, 6]]).subarray(0, -5) }, kind: 'truncated', row: 3, message: /“v\.bin” is cut short: vector 3 \(at byte 28\) has only 7 of its bytes; the header \(line 1\) says 3 vectors of dimension 2/ },
  { name: 'a binary file that ends between vectors before the count', files: { 'v.bin': binary([[1, 2], [3, 4]], { header: '3 2\n' }) }, kind: 'truncated', row: 3, message: /ends at byte 28 after 2 vectors, but its header \(line 1\) says 3/ },
  { name: 'a .npy array with fewer bytes than its shape', files: { 'a.npy': npyFile([[1, 2], [3, 4], [5, 6]]).subarray(0, -6), 'a.vocab.txt': 'x\ny\nz\n' }, kind: 'truncated', row: 3, message: /“a\.npy” is cut short: its header says 3 rows of 2 values, but it ends in row 3/ },
  { name: 'a JSON file cut in the middle', files: { 'v.json': '{"words": ["a"],\n "vectors": [[1, 2' }, kind: 'truncated', line: 2, message: /“v\.json” is not valid JSON: the file ends before the JSON is complete on line 2/ },
  { name: 'a Projector vectors file cut in its last row', files: { 'vectors.tsv': '1\t2\n3', 'metadata.tsv': 'a\nb\n' }, kind: 'truncated', line: 2, message: /“vectors\.tsv” is cut short: its last line \(line 2\) has 1 of the 2 values/ },

  // headers that lie about the count
  { name: 'a text file with more vectors than its header says', files: { 'v.txt': '2 1\na 1\nb 2\nc 3\nd 4\n' }, kind: 'countMismatch', line: 4, message: /“v\.txt” holds more vectors than its header says: the header \(line 1\) says 2, but line 4 holds vector 3/ },
  { name: 'a binary file with more vectors than its header says', files: { 'v.bin': binary([[1], [2], [3]], { header: '2 1\n' }) }, kind: 'countMismatch', row: 3, message: /“v\.bin” holds more vectors than its header says: the header \(line 1\) says 2, but the data from byte 20 on holds vector 3/ },
  { name: 'JSON with more words than vectors', files: { 'v.json': '{"words": ["a", "b"], "vectors": [[1]]}' }, kind: 'countMismatch', message: /“v\.json” cannot be loaded: it lists 2 words but 1 vector; each word needs one vector/ },
  { name: 'JSON with counts for some words only', files: { 'v.json': '{"words": ["a", "b"], "counts": [1], "vectors": [[1], [2]]}' }, kind: 'countMismatch', message: /it lists 1 counts for 2 words/ },

  // inconsistent dimensions
  { name: 'a text row with fewer values than the header', files: { 'v.txt': '3 3\na 1 2 3\nb 1 2\nc 1 2 3\n' }, kind: 'inconsistentDimensions', line: 3, message: /Line 3 of “v\.txt” has 2 values after its word, but the header \(line 1\) says the dimension is 3/ },
  { name: 'a text row with more values than the header', files: { 'v.txt': '2 2\na 1 2\nb 1 2 3\n' }, kind: 'inconsistentDimensions', line: 3, message: /Line 3 of “v\.txt” has 3 values after its word, but the header \(line 1\) says the dimension is 2/ },
  { name: 'a GloVe row shorter than the first', files: { 'g.txt': 'a 1 2 3\nb 4 5 6\nc 7 8\nd 1 2 3\n' }, kind: 'inconsistentDimensions', line: 3, message: /Line 3 of “g\.txt” has 2 values after its word, but line 1 \(the first vector\) has 3/ },
  { name: 'a GloVe row with one number too many', files: { 'g.txt': 'a 1 2\nb 3 4 5\n' }, kind: 'inconsistentDimensions', line: 2, message: /Line 2 of “g\.txt” has 3 values after its word, but line 1 \(the first vector\) has 2/ },
  { name: 'a Projector row of another length', files: { 'vectors.tsv': '1\t2\n\n3\t4\t5\n', 'metadata.tsv': 'a\nb\n' }, kind: 'inconsistentDimensions', line: 3, message: /Line 3 of “vectors\.tsv” has 3 values, but line 1 \(the first vector\) has 2/ },
  { name: 'a JSON vector of another length', files: { 'v.json': '{"words": ["a", "b"],\n"vectors": [\n[1, 2],\n[3]]}' }, kind: 'inconsistentDimensions', line: 4, message: /vector 2 \(line 4\) has 1 value, but vector 1 has 2/ },
  { name: 'JSON vectors that disagree with "dim"', files: { 'v.json': '{"dim": 3, "words": ["a"], "vectors": [[1, 2]]}' }, kind: 'inconsistentDimensions', line: 1, message: /vector 1 \(line 1\) has 2 values, but “dim” \(line 1\) says 3/ },

  // NaN and infinite values
  { name: 'NaN in a text file', files: { 'v.txt': '2 3\na 1 2 3\nb 4 nan 6\n' }, kind: 'notFinite', line: 3, message: /The value 2 on line 3 of “v\.txt” \(“nan”\) is not a finite number/ },
  { name: 'an infinity in a GloVe file', files: { 'g.txt': 'a 1 2\nb -Infinity 2\n' }, kind: 'notFinite', line: 2, message: /value 1 on line 2 of “g\.txt” \(“-Infinity”\) is not a finite number/ },
  { name: 'a value too large for float32', files: { 'g.txt': 'a 1 2\nb 2 1e39\n' }, kind: 'notFinite', line: 2, message: /value 2 on line 2 of “g\.txt” \(“1e39”\) is too large for a 32-bit float/ },
  { name: 'NaN in a binary file', files: { 'v.bin': binary([[1, 2], [3, NaN]]) }, kind: 'notFinite', row: 2, message: /Value 2 of vector 2 \(“w1”, at byte 16\) in “v\.bin” is NaN/ },
  { name: 'an infinity in a .npy array', files: { 'a.npy': npyFile([[1, 2], [Infinity, 4]], { descr: '<f8' }), 'a.vocab.txt': 'x\ny\n' }, kind: 'notFinite', row: 2, message: /Value 1 of row 2 in “a\.npy” is Infinity/ },
  { name: 'NaN in JSON (as Python writes it)', files: { 'v.json': '{"words": ["a"],\n"vectors": [[1, NaN]]}' }, kind: 'notFinite', line: 2, row: 1, message: /value 2 on vector 1 \(line 2\) of “v\.json” \(“NaN”\) is not a finite number/ },

  // malformed numbers
  { name: 'a word where a number should be', files: { 'v.txt': '1 3\na 1 two 3\n' }, kind: 'malformedNumber', line: 2, message: /The value 2 on line 2 of “v\.txt” is “two”, which is not a number/ },
  { name: 'a hexadecimal number', files: { 'g.txt': 'a 1 0x10\n' }, kind: 'malformedNumber', line: 1, message: /value 2 on line 1 of “g\.txt” is “0x10”, which is not a number/ },
  { name: 'a Projector value with a comma', files: { 'vectors.tsv': '1\t2\n3\t4,5\n', 'metadata.tsv': 'a\nb\n' }, kind: 'malformedNumber', line: 2, message: /value 2 on line 2 of “vectors\.tsv” is “4,5”/ },
  { name: 'a Projector count that is not a whole number', files: { 'vectors.tsv': '1\n2\n', 'metadata.tsv': 'word\tcount\na\t3\nb\t2.5\n' }, kind: 'malformedNumber', line: 3, message: /The count on line 3 of “metadata\.tsv” is “2\.5”; counts must be whole numbers/ },
  { name: 'a string inside a JSON vector', files: { 'v.json': '{"words": ["a"],\n"vectors": [[1, "2"]]}' }, kind: 'malformedNumber', line: 2, message: /it has a string on line 2 inside vector 1/ },

  // .npy arrays this reader does not take
  { name: 'an int32 array', files: { 'a.npy': npyFile([[1, 2]], { descr: '<i4' }), 'a.vocab.txt': 'x\n' }, kind: 'unsupportedArray', message: /“a\.npy” holds values of dtype '<i4'; only float32 \('<f4'\) and float64 \('<f8'\) arrays can be loaded/ },
  { name: 'an array in Fortran order', files: { 'a.npy': npyFile([[1, 2]], { fortran: true }), 'a.vocab.txt': 'x\n' }, kind: 'unsupportedArray', message: /“a\.npy” is stored in Fortran \(column-major\) order/ },
  { name: 'a 1-D array', files: { 'a.npy': npyFile([[1, 2]], { shape: '(2,)' }), 'a.vocab.txt': 'x\n' }, kind: 'unsupportedArray', message: /“a\.npy” has shape \(2,\); vectors must be a 2-D array/ },

  // the second file of the two-file formats
  { name: 'Projector metadata with fewer rows than vectors', files: { 'vectors.tsv': '1\n2\n3\n', 'metadata.tsv': 'a\nb\n' }, kind: 'metadataMismatch', line: 3, message: /“vectors\.tsv” has more than 2 vectors \(line 3 holds vector 3\), but “metadata\.tsv” has 2 words/ },
  { name: 'Projector metadata with more rows than vectors', files: { 'vectors.tsv': '1\n2\n', 'metadata.tsv': 'word\tcount\na\t1\nb\t1\nc\t1\n' }, kind: 'metadataMismatch', line: 2, message: /“vectors\.tsv” has only 2 vectors \(the last on line 2\), but “metadata\.tsv” has 3 words/ },
  { name: 'a NumPy vocabulary with fewer words than rows', files: { 'a.npy': npyFile([[1], [2], [3]]), 'a.vocab.txt': 'x\ny\n' }, kind: 'metadataMismatch', line: 3, message: /“a\.vocab\.txt” lists 2 words, but “a\.npy” holds 3 vectors/ },
  { name: 'a NumPy vocabulary with more words than rows', files: { 'a.npy': npyFile([[1]]), 'a.vocab.txt': 'x\ny\n' }, kind: 'metadataMismatch', line: 2, message: /“a\.vocab\.txt” lists 2 words, but “a\.npy” holds 1 vectors/ },

  // headers
  { name: 'a word2vec text file without its header', format: 'word2vec-text', files: { 'v.txt': 'a 1 2\n' }, kind: 'badHeader', line: 1, message: /Line 1 of “v\.txt” should be the word2vec header.*but it is “a 1 2”\. A text file without that header is in GloVe format/ },
  { name: 'a fastText model given as word2vec binary', files: { 'model.bin': Buffer.from([0xba, 0x16, 0x4f, 0x2f, 0x0c, 0, 0, 0, 0x0a]) }, kind: 'badHeader', line: 1, message: /Line 1 of “model\.bin” should be the word2vec header.*A fastText \.bin file is a model/ },
  { name: 'a header with dimension 0', files: { 'v.txt': '3 0\n' }, kind: 'badHeader', line: 1, message: /says 3 vectors of dimension 0; the dimension must be at least 1/ },
  { name: 'a .npy file without the NumPy signature', files: { 'a.npy': 'not numpy at all', 'a.vocab.txt': 'x\n' }, kind: 'badHeader', message: /“a\.npy” is not a NumPy \.npy file that can be read: it does not start with the NumPy signature/ },

  // files that are not in the format at all
  { name: 'invalid JSON', files: { 'v.json': '{"words": ["a"]\n"vectors": []}' }, kind: 'malformed', line: 2, message: /“v\.json” is not valid JSON: unexpected string on line 2/ },
  { name: 'JSON without words', files: { 'v.json': '{"dim": 2, "vectors": [[1, 2]]}' }, kind: 'malformed', message: /it has no “words” list/ },
  { name: 'a JSON array at the top', files: { 'v.json': '[[1, 2]]' }, kind: 'malformed', line: 1, message: /it has a list on line 1 at the top/ },
  { name: 'a binary row without a space for a megabyte', files: { 'v.bin': Buffer.concat([Buffer.from('1 2\n'), Buffer.alloc((1 << 20) + 10, 0x61)]) }, kind: 'malformed', row: 1, message: /Vector 1 of “v\.bin” \(at byte 4\) has no space after its word within 1 MB/ },
  { name: 'a GloVe line without values', files: { 'g.txt': 'hello\nworld\n' }, kind: 'malformed', line: 1, message: /Line 1 of “g\.txt” holds only “hello”, with no values/ },

  // nothing in it
  { name: 'an empty text file', files: { 'v.txt': '' }, kind: 'empty', message: /“v\.txt” holds no vectors \(the file is empty\)/ },
  { name: 'a GloVe file of blank lines', files: { 'g.txt': '\n  \n\n' }, kind: 'empty', message: /“g\.txt” holds no vectors\./ },
  { name: 'an empty binary file', format: 'word2vec-binary', files: { 'v.bin': '' }, kind: 'empty', message: /“v\.bin” is empty/ },
  { name: 'an empty JSON file', files: { 'v.json': '  \n' }, kind: 'empty', message: /“v\.json” is empty \(only blank space\)/ },
]

describe.each(CASES)('$name', ({ files, format, kind, message, line, row }) => {
  it(`is a ${kind} error naming the file${line !== undefined ? ` and line ${line}` : row !== undefined ? ` and vector ${row}` : ''}`, async () => {
    for (const [name, content] of Object.entries(files)) await tmp.file(name, content)
    const error = await failureOf(readEmbeddings(tmp.path(Object.keys(files)[0]!), { format }))
    expect(error.message).toMatch(message)
    expect(error.kind).toBe(kind)
    expect(error.line).toBe(line)
    expect(error.row).toBe(row)
  })

  it('is the same error when read in tiny chunks', async () => {
    for (const [name, content] of Object.entries(files)) await tmp.file(name, content)
    const large = Object.values(files).some((content) => content.length > 65536)
    const error = await failureOf(readEmbeddings(tmp.path(Object.keys(files)[0]!), { format, chunkBytes: large ? 4096 : 3 }))
    expect([error.kind, error.line, error.row]).toEqual([kind, line, row])
  })
})

describe('file-system failures', () => {
  it('say when the file does not exist', async () => {
    const error = await failureOf(readEmbeddings(tmp.path('missing.txt')))
    expect(error.kind).toBe('notFound')
    expect(error.message).toMatch(/The vector file “missing\.txt” does not exist/)
  })

  it('say when the path is a folder that is not a Spark model', async () => {
    await mkdir(tmp.path('folder.bin'))
    const error = await failureOf(readEmbeddings(tmp.path('folder.bin')))
    expect([error.kind, error.message]).toEqual([
      'notAModel',
      '“folder.bin” is a folder, not a vectors file, and not a saved Spark Word2VecModel either (it has no metadata/part-00000). Open a vectors file, or the folder Spark\'s model.save(path) wrote.',
    ])
  })

  it.skipIf(process.getuid?.() === 0)('say when the file may not be read', async () => {
    const path = await tmp.file('secret.txt', '1 1\na 1\n')
    await chmod(path, 0o000)
    const error = await failureOf(readEmbeddings(path))
    expect([error.kind, error.message]).toEqual(['unreadable', 'You do not have permission to read “secret.txt”.'])
  })

  it('name the missing second file of the Projector and NumPy formats', async () => {
    await tmp.file('vectors.tsv', '1\t2\n')
    const projector = await failureOf(readEmbeddings(tmp.path('vectors.tsv')))
    expect(projector.kind).toBe('notFound')
    expect(projector.message).toMatch(/The Projector vectors “vectors\.tsv” need their words from “metadata\.tsv” beside them/)
    await tmp.file('emb.npy', npyFile([[1]]))
    const npy = await failureOf(readEmbeddings(tmp.path('emb.npy')))
    expect(npy.kind).toBe('notFound')
    expect(npy.message).toMatch(/The NumPy array “emb\.npy” needs its words from “emb\.vocab\.txt” \(or “vocab\.txt”\)/)
  })
})
