/**
 * Issue 15, item 6: a Spark Word2VecModel folder works wherever w2v reads vectors. Converted to
 * word2vec text, gensim loads the same words and float32 vectors that were saved; neighbours
 * and evaluation read the folder directly; a folder that is not a model exits 2 with a sentence.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { PYTHON, pythonCanImport } from '../support/python'
import { randomModel, writeOldSparkModel, writeSparkModel } from '../node/vectors/sparkModelFixtures'

const hasGensim = pythonCanImport('gensim', 'the gensim round trip of Spark models')
const dir = mkdtempSync(join(tmpdir(), 'w2v-spark-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** What gensim's KeyedVectors holds after loading `path`: words in order and float32 values as exact decimals. */
function gensimLoads(path: string, binary: boolean): { words: string[]; vectors: number[][] } {
  const script = [
    'import sys, json',
    'from gensim.models import KeyedVectors',
    'kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=sys.argv[2] == "1")',
    'print(json.dumps({"words": kv.index_to_key, "vectors": [[float(x) for x in row] for row in kv.vectors]}))',
  ].join('\n')
  return JSON.parse(execFileSync(PYTHON, ['-c', script, path, binary ? '1' : '0'], { encoding: 'utf8', maxBuffer: 64 << 20 })) as { words: string[]; vectors: number[][] }
}

describe.skipIf(!hasGensim)('a Spark model converted for gensim', () => {
  const model = randomModel(300, 11, 21)
  const layouts = [
    ['spark.ml, snappy, 3 parts', (folder: string) => writeSparkModel(folder, model, { parts: 3, rowGroupSize: 40 })],
    ['spark.mllib, uncompressed', (folder: string) => writeSparkModel(folder, model, { api: 'mllib', codec: 'UNCOMPRESSED' })],
    ['spark.ml before 2.2', (folder: string) => writeOldSparkModel(folder, model, { order: model.words.map((_, i) => (i * 7) % 300) })],
  ] as const

  it.each(layouts)('%s: w2v convert to word2vec text and binary, and gensim loads the same words and float32 vectors', async (name, write) => {
    const folder = join(dir, name.replace(/\W+/g, '-'))
    write(folder)
    for (const [out, binary] of [[`${folder}.vec`, false], [`${folder}.bin`, true]] as const) {
      const converted = await runCli(['convert', folder, out, '--json'])
      expect(converted.stderr).toBe('')
      expect(converted.exitCode).toBe(0)
      const loaded = gensimLoads(out, binary)
      expect(loaded.words).toEqual(model.words)
      expect(Float32Array.from(loaded.vectors.flat())).toEqual(model.vectors)
    }
  })
})

describe('w2v commands read a Spark model folder as --vectors', () => {
  const model = randomModel(120, 6, 3)
  const folder = join(dir, 'queries')
  writeSparkModel(folder, model, { parts: 2 })

  it('neighbors and similar answer from the folder as from its word2vec export', async () => {
    const exported = join(dir, 'queries.vec')
    expect((await runCli(['convert', folder, exported])).exitCode).toBe(0)
    for (const args of [['neighbors', 'w5', '-k', '5'], ['similar', 'w1 - w2 + w4', '-k', '5', '--method', '3CosMul'], ['odd-one-out', 'w1', 'w2', 'w4', 'w5']]) {
      const fromFolder = await runCli([args[0]!, '--vectors', folder, ...args.slice(1), '--json'])
      expect(fromFolder.stderr).toBe('')
      expect(fromFolder.exitCode).toBe(0)
      expect(fromFolder.stdout).toBe((await runCli([args[0]!, '--vectors', exported, ...args.slice(1), '--json'])).stdout)
    }
  })

  it('a folder that is not a Spark model exits 2 with a sentence', async () => {
    const empty = join(dir, 'just-a-folder')
    mkdirSync(empty)
    const result = await runCli(['neighbors', '--vectors', empty, 'w1'])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toBe('w2v neighbors: “just-a-folder” is a folder, not a vectors file, and not a saved Spark Word2VecModel either (it has no metadata/part-00000). Open a vectors file, or the folder Spark\'s model.save(path) wrote.\n')
  })
})
