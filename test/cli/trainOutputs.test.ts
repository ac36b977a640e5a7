/**
 * `w2v train` and the files it writes: every output location is checked before the corpus is
 * read, no output may be an input, the checkpoint is saved before the vectors, and the vectors'
 * format follows the extension as in `w2v export`.
 */
import { execFileSync } from 'node:child_process'
import { constants, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { loadTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { readEmbeddings } from '../../src-main/node/vectors/readEmbeddings'
import { plantedSynonymsText } from '../support/syntheticCorpus'

const root = mkdtempSync(join(tmpdir(), 'w2v-train-out-'))
const corpusText = plantedSynonymsText(1500)
const quick = ['--dim', '8', '--epochs', '1', '--min-count', '1', '--threads', '1']
let folders = 0

/** A fresh folder holding only a copy of the corpus. */
function folder(): { dir: string; corpus: string } {
  const dir = join(root, `case-${++folders}`)
  mkdirSync(dir)
  const corpus = join(dir, 'corpus.txt')
  writeFileSync(corpus, corpusText)
  return { dir, corpus }
}

/** A FIFO with no writer: opening it to read would block, so a command that returns never read it. */
const fifo = join(root, 'never-read.fifo')
execFileSync('mkfifo', [fifo])
afterAll(() => {
  // Releases a reader stuck on the FIFO (the unfixed code opens it), so the worker can exit.
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK))
  } catch {
    // no reader: nothing to release
  }
})

function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(pattern)
  expect(stderr.trim().split('\n')).toHaveLength(1)
  expect(stderr).not.toMatch(/\n\s+at /)
}

describe('w2v train checks where it writes before reading anything', () => {
  it('refuses --out in a folder that does not exist at once, before reading the corpus, writing nothing', async () => {
    const { dir } = folder()
    const checkpoint = join(dir, 'ok.w2vckpt')
    const result = await Promise.race([
      runCli(['train', '--corpus', fifo, '--out', join(dir, 'nonexistent', 'x.vec'), '--checkpoint', checkpoint, ...quick]),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('train read the corpus (it blocked on the FIFO) before checking --out')), 3000)),
    ])
    expect(result.exitCode).toBe(2)
    expectOneLine(result.stderr, /The folder “.*nonexistent” does not exist/)
    expect(readdirSync(dir)).toEqual(['corpus.txt'])
  })

  it('refuses --checkpoint in a missing folder just the same', async () => {
    const { dir, corpus } = folder()
    const result = await runCli(['train', '--corpus', corpus, '--out', join(dir, 'x.vec'), '--checkpoint', join(dir, 'no', 'run.w2vckpt'), ...quick])
    expect(result.exitCode).toBe(2)
    expectOneLine(result.stderr, /The folder “.*no” does not exist.*checkpoint/)
    expect(readdirSync(dir)).toEqual(['corpus.txt'])
  })

  it.each([
    ['a folder', (dir: string) => { mkdirSync(join(dir, 'out.vec')); return join(dir, 'out.vec') }, /is a folder/],
    ['a file used as a folder', (dir: string) => join(dir, 'corpus.txt', 'x.vec'), /is not a folder/],
    ['a device', () => '/dev/null', /is a device/],
  ])('refuses --out that is %s, exit 2', async (_, target, message) => {
    const { dir, corpus } = folder()
    const out = target(dir)
    const result = await runCli(['train', '--corpus', corpus, '--out', out, '--out-format', 'word2vec-text', ...quick])
    expect(result.exitCode).toBe(2)
    expectOneLine(result.stderr, message)
  })

  it('refuses --out that is the corpus, also through a symbolic link, and leaves the corpus as it was', async () => {
    const { dir, corpus } = folder()
    const link = join(dir, 'link.txt')
    symlinkSync(corpus, link)
    for (const args of [['--corpus', corpus, '--out', corpus], ['--corpus', link, '--out', corpus], ['--corpus', corpus, '--out', link]]) {
      const result = await runCli(['train', ...args, ...quick])
      expect(result.exitCode).toBe(2)
      expectOneLine(result.stderr, /would overwrite the corpus/)
    }
    // Through a linked folder too.
    symlinkSync(dir, join(root, `linked-${folders}`))
    const viaFolder = await runCli(['train', '--corpus', corpus, '--out', join(root, `linked-${folders}`, 'corpus.txt'), ...quick])
    expect(viaFolder.exitCode).toBe(2)
    expect(readFileSync(corpus, 'utf8')).toBe(corpusText)
  })

  it('refuses a NumPy word list that would land on the corpus, and --out equal to --checkpoint', async () => {
    const { dir } = folder()
    const corpus = join(dir, 'words.vocab.txt')
    writeFileSync(corpus, corpusText)
    const npy = await runCli(['train', '--corpus', corpus, '--out', join(dir, 'words.npy'), ...quick])
    expect(npy.exitCode).toBe(2)
    expectOneLine(npy.stderr, /word list of the vectors .* would overwrite the corpus/)
    const same = await runCli(['train', '--corpus', corpus, '--out', join(dir, 'run.json'), '--checkpoint', join(dir, 'run.json'), ...quick])
    expect(same.exitCode).toBe(2)
    expectOneLine(same.stderr, /would both be saved to/)
    expect(readFileSync(corpus, 'utf8')).toBe(corpusText)
  })

  it('refuses --out over the checkpoint being resumed, but saves --checkpoint back over it', async () => {
    const { dir, corpus } = folder()
    const checkpoint = join(dir, 'run.w2vckpt')
    expect((await runCli(['train', '--corpus', corpus, '--out', join(dir, 'a.vec'), '--checkpoint', checkpoint, ...quick])).exitCode).toBe(0)
    const over = await runCli(['train', '--corpus', corpus, '--resume', checkpoint, '--out', checkpoint, '--out-format', 'json'])
    expect(over.exitCode).toBe(2)
    expectOneLine(over.stderr, /would overwrite the checkpoint being resumed/)
    const again = await runCli(['train', '--corpus', corpus, '--resume', checkpoint, '--checkpoint', checkpoint, '--out', join(dir, 'b.vec')])
    expect(again.exitCode).toBe(0)
    await expect(loadTrainingCheckpoint(checkpoint)).resolves.toBeDefined()
  })
})

describe('w2v export checks where it writes too', () => {
  it('refuses --out that is the checkpoint it reads, leaving the checkpoint loadable', async () => {
    const { dir, corpus } = folder()
    const checkpoint = join(dir, 'run.w2vckpt')
    expect((await runCli(['train', '--corpus', corpus, '--out', join(dir, 'a.vec'), '--checkpoint', checkpoint, ...quick])).exitCode).toBe(0)
    const result = await runCli(['export', '--checkpoint', checkpoint, '--out', checkpoint, '--format', 'json'])
    expect(result.exitCode).toBe(2)
    expectOneLine(result.stderr, /would overwrite the checkpoint/)
    await expect(loadTrainingCheckpoint(checkpoint)).resolves.toBeDefined()
    const missing = await runCli(['export', '--checkpoint', checkpoint, '--out', join(dir, 'none', 'v.vec')])
    expect(missing.exitCode).toBe(2)
    expectOneLine(missing.stderr, /does not exist/)
  })
})

describe('w2v train writes the vectors in the format of the extension, as export does', () => {
  it.each(['vectors.json', 'vectors.npy', 'vectors.bin', 'vectors.tsv'])('%s loads back with the project’s reader, equal to what export writes from the checkpoint', async (name) => {
    const { dir, corpus } = folder()
    const out = join(dir, name)
    const checkpoint = join(dir, 'run.w2vckpt')
    const result = await runCli(['train', '--corpus', corpus, '--out', out, '--checkpoint', checkpoint, ...quick])
    expect(result.exitCode).toBe(0)
    const { embeddings } = await readEmbeddings(out)
    const reference = join(dir, 'reference.bin')
    expect((await runCli(['export', '--checkpoint', checkpoint, '--out', reference])).exitCode).toBe(0)
    const { embeddings: saved } = await readEmbeddings(reference)
    expect(embeddings.words).toEqual(saved.words)
    expect(embeddings.dim).toBe(8)
    expect(embeddings.vectors).toEqual(saved.vectors)
  })

  it('refuses an extension that names no format before reading the corpus', async () => {
    const { dir } = folder()
    const result = await runCli(['train', '--corpus', fifo, '--out', join(dir, 'vectors.w2v'), ...quick])
    expect(result.exitCode).toBe(2)
    expectOneLine(result.stderr, /Cannot tell which format to save the vectors/)
    expect(existsSync(join(dir, 'vectors.w2v'))).toBe(false)
  })
})
