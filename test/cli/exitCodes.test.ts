/**
 * The one exit-code rule of `w2v` (README, “The w2v command line”), command by command: 2 for a
 * bad flag or a bad input, checked flags first; 1 when the work itself failed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CorpusError } from '../../src-main/core/corpus/index'
import { TrainingDivergedError } from '../../src-main/core/training/trainingErrors'
import { FileWriteError } from '../../src-main/node/atomicFile'
import { CheckpointError } from '../../src-main/node/checkpointFile'
import { VectorExportError } from '../../src-main/node/vectors/vectorExportError'
import { Word2vecFormatError } from '../../src-main/node/word2vecFormat'
import { exitCodeFor, runCli } from '../../src-main/cli/runCli'
import { UsageError } from '../../src-main/cli/flags'

const dir = mkdtempSync(join(tmpdir(), 'w2v-exit-'))
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
const missing = join(dir, 'missing')
const vectors = file('v.txt', '4 2\ncat 1 0\nkitten 0.9 0.1\ncar 0 1\nautomobile 0.1 0.9\n')
const badVectors = file('bad.txt', '4 2\ncat 1 0\nkitten zero 0.1\n')
const pairs = file('pairs.tsv', 'cat\tkitten\t9\ncar\tkitten\t2\n')
const corpus = file('corpus.txt', 'the cat and the kitten sleep\nthe car and the automobile drive\n'.repeat(200))
const binary = file('image.png', Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 0]))
const garbage = file('garbage.w2vckpt', 'not a checkpoint at all')
const notJson = file('fixture.json', '{ nope')
const out = join(dir, 'out.txt')

async function expectOneLine(argv: string[], exitCode: number, message: RegExp): Promise<void> {
  const result = await runCli(argv)
  expect(result.exitCode).toBe(exitCode)
  expect(result.stderr).toMatch(new RegExp(`^w2v ${argv[0]}: `))
  expect(result.stderr).toMatch(message)
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
}

describe('a bad flag: exit 2, one line, before any input is read', () => {
  // Every input named here is missing, so the message proves the flag was checked first.
  it.each([
    [['gradcheck', '--fast'], /unknown option --fast/],
    [['check-fixture', missing, '--fast'], /unknown option --fast/],
    [['train', '--corpus', missing, '--out', out, '--dim', 'abc'], /--dim needs a number, not "abc"/],
    [['export', '--checkpoint', missing, '--out', out, '--top', '-1'], /--top must be at least 1, not -1/],
    [['export', '--checkpoint', missing, '--out', join(dir, 'out.xyz')], /its extension names none/],
    [['convert', missing, out, '--limit', '0'], /--limit must be at least 1, not 0/],
    [['convert', missing, out, '--limit', '-1'], /--limit must be at least 1, not -1/],
    [['convert', missing, join(dir, 'out.xyz')], /its extension names none/],
    [['neighbors', '--vectors', missing, 'cat', '-k', '-1'], /-k must be at least 0, not -1/],
    [['neighbors', '--vectors', missing, 'cat', '--limit', '0'], /--limit must be at least 1, not 0/],
    [['analogy', '--vectors', missing, 'cat', 'kitten', 'car', '-k', '-1'], /-k must be at least 0, not -1/],
    [['eval', '--vectors', missing, '--similarity', missing, '--restrict', '-1'], /--restrict must be at least 0, not -1/],
    [['eval', '--vectors', missing, '--similarity', missing, '-k', '3'], /unknown option -k/],
  ])('%j', async (argv, message) => {
    await expectOneLine(argv, 2, message)
  })
})

describe('a bad input: exit 2, one line', () => {
  it.each([
    [['gradcheck', 'extra'], /expected no positional arguments, got "extra"/],
    [['check-fixture', missing], /cannot be read/],
    [['check-fixture', notJson], /is not valid JSON/],
    [['train', '--corpus', missing, '--out', out], /does not exist/],
    [['train', '--corpus', binary, '--out', out], /binary/],
    [['train', '--corpus', corpus, '--out', out, '--resume', garbage], /garbage\.w2vckpt/],
    [['export', '--checkpoint', missing, '--out', out], /missing/],
    [['export', '--checkpoint', garbage, '--out', out], /garbage\.w2vckpt/],
    [['convert', missing, out], /missing/],
    [['convert', badVectors, out], /bad\.txt/],
    [['neighbors', '--vectors', vectors, 'zebra'], /“zebra” is not in the vocabulary/],
    [['neighbors', '--vectors', badVectors, 'cat'], /bad\.txt/],
    [['analogy', '--vectors', vectors, 'cat', 'kitten', 'zebra'], /“zebra” is not in the vocabulary/],
    [['analogy', '--vectors', missing, 'cat', 'kitten', 'car'], /missing/],
    [['eval', '--vectors', vectors, '--similarity', missing], /does not exist/],
    [['eval', '--vectors', badVectors, '--similarity', pairs], /bad\.txt/],
  ])('%j', async (argv, message) => {
    await expectOneLine(argv, 2, message)
  })
})

describe('a failure of the work itself: exit 1', () => {
  it('a training run that diverges', async () => {
    const result = await runCli(['train', '--corpus', corpus, '--out', out, '--alpha', '10', '--min-count', '1', '--threads', '1', '--dim', '8'])
    expect(result.exitCode).toBe(1)
    // Notes on the corpus come first; the error is the last line.
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^w2v train: Training diverged/)
  })

  it.each([
    ['the disk filled', new FileWriteError('diskFull', out, 'The disk is full.'), 1],
    ['the disk failed', new VectorExportError('io', out, 'Could not save.'), 1],
    ['the file is locked', new Word2vecFormatError('busy', out, 'In use.'), 1],
    ['the checkpoint could not be saved for lack of space', new CheckpointError('diskFull', out, 'The disk is full.'), 1],
    ['the training diverged', new TrainingDivergedError({ at: 'epoch 1', quantity: 'loss', value: NaN, learningRate: 10, setting: 'alpha' }), 1],
    ['the output folder is missing', new FileWriteError('missingFolder', out, 'No folder.'), 2],
    ['the output is not writable', new VectorExportError('permission', out, 'Permission denied.'), 2],
    ['the output name is a folder', new FileWriteError('notAFile', out, 'That name is a folder.'), 2],
    ['the output name is a symbolic link', new VectorExportError('link', out, 'A link.'), 2],
    ['a word the format cannot hold', new Word2vecFormatError('invalidWord', out, 'Bad word.'), 2],
    ['a damaged checkpoint', new CheckpointError('corrupt', out, 'Damaged.'), 2],
    ['an unreadable corpus', new CorpusError('unreadable', 'Cannot read.'), 2],
    ['a bad flag', new UsageError('bad flag'), 2],
    ['a bug', new TypeError('x is undefined'), null],
  ])('%s', (_what, error, code) => {
    expect(exitCodeFor(error)).toBe(code)
  })
})
