/**
 * A bad-input campaign against `w2v`, kept as a regression suite: each case is a mistake a user
 * can make. Every one must end in one sentence (no stack trace), the promised exit code, no
 * output file or hidden temp file left behind, and every input file unchanged.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { plantedSynonymsText } from '../support/syntheticCorpus'

const dir = mkdtempSync(join(tmpdir(), 'w2v-campaign-'))
const at = (name: string): string => join(dir, name)
const corpus = at('corpus.txt')
const vectors = at('vectors.txt')
const checkpoint = at('run.w2vckpt')
const analogies = at('questions.txt')
const pairs = at('pairs.tsv')
const quick = ['--dim', '8', '--epochs', '1', '--min-count', '1', '--threads', '1']

/** Inputs whose bytes must survive every case. */
const inputs = (): Record<string, string> => Object.fromEntries([corpus, vectors, analogies, pairs].map((p) => [p, readFileSync(p, 'latin1')]))

beforeAll(async () => {
  writeFileSync(corpus, plantedSynonymsText(400))
  writeFileSync(analogies, ': pets\ncat kitten car automobile\n')
  writeFileSync(pairs, 'cat\tkitten\t9.0\ncar\tautomobile\t8.5\ncat\tcar\t2.0\n')
  writeFileSync(at('empty.txt'), '')
  writeFileSync(at('binary.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))
  writeFileSync(at('not-a-checkpoint.w2vckpt'), 'hello, I am text\n')
  writeFileSync(at('lying-header.txt'), '5 3\ncat 1 2 3\ndog 1 2 3\n')
  writeFileSync(at('negative-header.txt'), '-2 3\ncat 1 2 3\n')
  writeFileSync(at('ragged.txt'), '2 3\ncat 1 2 3\ndog 1 2\n')
  writeFileSync(at('nan.txt'), '2 3\ncat 1 nan 3\ndog 1 2 3\n')
  writeFileSync(at('malformed-questions.txt'), ': s\none two three\n')
  writeFileSync(at('malformed-pairs.tsv'), 'cat\tkitten\tnot-a-number\n')
  writeFileSync(at('fixture.json'), '{ not json')
  mkdirSync(at('folder'))
  execFileSync('mkfifo', [at('pipe.txt')])
  symlinkSync(corpus, at('corpus-link.txt'))
  const trained = await runCli(['train', '--corpus', corpus, '--out', vectors, '--checkpoint', checkpoint, ...quick])
  expect(trained.exitCode, trained.stderr).toBe(0)
})

interface Case {
  readonly name: string
  readonly argv: (string | (() => string))[]
  readonly exit: number
  /** A phrase the sentence must contain (case-insensitive). */
  readonly says?: RegExp
  /** Files that must not exist afterwards. */
  readonly noFile?: string[]
}

const c = (name: string, argv: Case['argv'], exit: number, says?: RegExp, noFile?: string[]): Case => ({ name, argv, exit, ...(says ? { says } : {}), ...(noFile ? { noFile } : {}) })
const train = (...argv: string[]): string[] => ['train', '--corpus', corpus, '--out', at('out.txt'), ...quick, ...argv]

const CASES: Case[] = [
  // train: flags
  c('train --dim 0', train('--dim', '0'), 2, /dim/i, [at('out.txt')]),
  c('train --dim 1.5', train('--dim', '1.5'), 2, /whole number/i),
  c('train --window 0', train('--window', '0'), 2, /window/i),
  c('train --negative 0', train('--negative', '0'), 2, /negative/i),
  c('train --alpha -1', train('--alpha', '-1'), 2, /alpha/i),
  c('train --alpha NaN', train('--alpha', 'NaN'), 2, /number/i),
  c('train --epochs 0', train('--epochs', '0'), 2, /epochs/i),
  c('train --threads 0', train('--threads', '0'), 2, /threads/i),
  c('train --sample -1', train('--sample', '-1'), 2, /sub-sampling/i),
  c('train --seed 1.5', train('--seed', '1.5'), 2, /whole number/i),
  c('train --model foo', train('--model', 'foo'), 2, /skipgram/i),
  c('train --out without a value', ['train', '--corpus', corpus, '--out'], 2, /needs a value/i),
  c('train without --corpus', ['train', '--out', at('out.txt')], 2, /--corpus/i),
  c('train --schedule cs224n --dim 0', ['train', '--corpus', corpus, '--out', at('out.txt'), '--schedule', 'cs224n', '--dim', '0'], 2, /dim/i, [at('out.txt')]),
  c('train --schedule cs224n --batch 0', ['train', '--corpus', corpus, '--out', at('out.txt'), '--schedule', 'cs224n', '--batch', '0'], 2, /batch/i),
  c('train --schedule cs224n --iterations 0', ['train', '--corpus', corpus, '--out', at('out.txt'), '--schedule', 'cs224n', '--iterations', '0'], 2, /iterations/i),
  // train: inputs
  c('train on a missing corpus', ['train', '--corpus', at('missing.txt'), '--out', at('out.txt')], 2, /does not exist/i, [at('out.txt')]),
  c('train on a folder', ['train', '--corpus', at('folder'), '--out', at('out.txt')], 2, /folder/i, [at('out.txt')]),
  c('train on an empty file', ['train', '--corpus', at('empty.txt'), '--out', at('out.txt')], 2, /empty|no words/i, [at('out.txt')]),
  c('train on a binary file', ['train', '--corpus', at('binary.bin'), '--out', at('out.txt')], 2, /binary/i, [at('out.txt')]),
  c('train with a minCount above every count', train('--min-count', '1000000'), 2, /min-?count|vocabulary/i, [at('out.txt')]),
  c('train --resume of a missing checkpoint', ['train', '--corpus', corpus, '--out', at('out.txt'), '--resume', at('missing.w2vckpt')], 2, /does not exist|not found|no such/i, [at('out.txt')]),
  c('train --resume of a text file', ['train', '--corpus', corpus, '--out', at('out.txt'), '--resume', at('not-a-checkpoint.w2vckpt')], 2, /checkpoint/i, [at('out.txt')]),
  // train: outputs
  c('train --out into a folder', ['train', '--corpus', corpus, '--out', at('folder'), ...quick], 2, /folder/i),
  c('train --out in a missing folder', ['train', '--corpus', corpus, '--out', at('nowhere/x.txt'), ...quick], 2, /folder|exist/i),
  c('train --checkpoint into a folder', train('--checkpoint', at('folder')), 2, /folder/i, [at('out.txt')]),
  c('train --out over the corpus through a link', ['train', '--corpus', at('corpus-link.txt'), '--out', corpus, ...quick], 2, /corpus|input/i),
  c('train --out equal to --checkpoint', train('--checkpoint', at('out.txt')), 2, /same|input|checkpoint/i, [at('out.txt')]),
  c('train --out with an unknown extension', ['train', '--corpus', corpus, '--out', at('out.xyz'), ...quick], 2, /extension|format/i, [at('out.xyz')]),
  // export
  c('export of a missing checkpoint', ['export', '--checkpoint', at('missing.w2vckpt'), '--out', at('e.txt')], 2, /does not exist|not found|no such/i, [at('e.txt')]),
  c('export of a text file', ['export', '--checkpoint', at('not-a-checkpoint.w2vckpt'), '--out', at('e.txt')], 2, /checkpoint/i, [at('e.txt')]),
  c('export --out into a folder', ['export', '--checkpoint', checkpoint, '--out', at('folder')], 2, /folder/i),
  c('export --format bogus', ['export', '--checkpoint', checkpoint, '--out', at('e.txt'), '--format', 'bogus'], 2, /must be one of/i),
  c('export --top 0', ['export', '--checkpoint', checkpoint, '--out', at('e.txt'), '--top', '0'], 2, /top/i, [at('e.txt')]),
  c('export --vectors bogus', ['export', '--checkpoint', checkpoint, '--out', at('e.txt'), '--vectors', 'bogus'], 2, /must be one of/i),
  // convert
  c('convert onto its own input', ['convert', vectors, vectors], 2, /input|same/i),
  c('convert of a missing file', ['convert', at('missing.txt'), at('c.txt')], 2, /does not exist|not found|no such/i, [at('c.txt')]),
  c('convert of a lying header', ['convert', at('lying-header.txt'), at('c.txt')], 2, /line|rows|words|header/i, [at('c.txt')]),
  c('convert of a negative header', ['convert', at('negative-header.txt'), at('c.txt')], 2, /header|line 1/i, [at('c.txt')]),
  c('convert of a ragged file', ['convert', at('ragged.txt'), at('c.txt')], 2, /line 3/i, [at('c.txt')]),
  c('convert of a file with NaN', ['convert', at('nan.txt'), at('c.txt')], 2, /line 2|number|finite/i, [at('c.txt')]),
  c('convert into a missing folder', ['convert', vectors, at('nowhere/c.txt')], 2, /folder|exist/i),
  c('convert of a binary file as text', ['convert', at('binary.bin'), at('c.txt'), '--from', 'word2vec-text'], 2, undefined, [at('c.txt')]),
  c('convert --top -1', ['convert', vectors, at('c.txt'), '--top', '-1'], 2, /top/i, [at('c.txt')]),
  c('convert to .npy with --format json', ['convert', vectors, at('c.npy'), '--format', 'json'], 2, /extension says/i, [at('c.npy')]),
  c('export to .bin with --format word2vec-text', ['export', '--checkpoint', checkpoint, '--out', at('e.bin'), '--format', 'word2vec-text'], 2, /extension says/i, [at('e.bin')]),
  // queries
  c('neighbors of an unknown word', ['neighbors', '--vectors', vectors, 'zebra'], 2, /zebra/i),
  c('neighbors without a word', ['neighbors', '--vectors', vectors], 2, /one word/i),
  c('neighbors -k -1', ['neighbors', '--vectors', vectors, 'cat', '-k', '-1'], 2, /-k/i),
  c('neighbors -k abc', ['neighbors', '--vectors', vectors, 'cat', '-k', 'abc'], 2, /number/i),
  c('neighbors of a missing file', ['neighbors', '--vectors', at('missing.txt'), 'cat'], 2, /does not exist|not found|no such/i),
  c('analogy with two words', ['analogy', '--vectors', vectors, 'cat', 'kitten'], 2, /three words/i),
  c('analogy of an unknown word', ['analogy', '--vectors', vectors, 'cat', 'kitten', 'zebra'], 2, /zebra/i),
  c('eval without a benchmark', ['eval', '--vectors', vectors], 2, /benchmark/i),
  c('eval of a missing benchmark', ['eval', '--vectors', vectors, '--analogies', at('missing.txt')], 2, /does not exist/i),
  c('eval of a malformed analogy file', ['eval', '--vectors', vectors, '--analogies', at('malformed-questions.txt')], 2, /line 2/i),
  c('eval of a malformed pair file', ['eval', '--vectors', vectors, '--similarity', at('malformed-pairs.tsv')], 2, /line 1/i),
  c('train --resume with a setting flag', train('--resume', checkpoint), 2, /--resume/i, [at('out.txt')]),
  c('train --schedule cs224n --threads 2', ['train', '--corpus', corpus, '--out', at('out.txt'), '--schedule', 'cs224n', '--threads', '2'], 2, /threads/i, [at('out.txt')]),
  c('train --out onto the checkpoint it resumes', ['train', '--corpus', corpus, '--out', checkpoint, '--resume', checkpoint], 2, /checkpoint|format/i),
  c('train --out to a .npy in a read-only place', ['train', '--corpus', corpus, '--out', '/proc/x.npy', ...quick], 2, /proc/i),
  c('neighbors of a FIFO is refused, not waited on', ['neighbors', '--vectors', at('pipe.txt'), 'cat'], 2, /pipe/i),
  c('train on a FIFO is refused, not waited on', ['train', '--corpus', at('pipe.txt'), '--out', at('out.txt')], 2, /pipe/i, [at('out.txt')]),
  // plot
  c('plot to a .jpg', ['plot', '--vectors', vectors, '--out', at('p.jpg')], 2, /\.png, \.svg or \.csv/, [at('p.jpg')]),
  c('plot of a missing file', ['plot', '--vectors', at('missing.txt'), '--out', at('p.png')], 2, /does not exist/i, [at('p.png')]),
  c('plot of words the vectors do not have', ['plot', '--vectors', vectors, '--words', 'zebra unicorn', '--out', at('p.png')], 2, /zebra/, [at('p.png')]),
  c('plot of run.py’s words on a vocabulary without them', ['plot', '--vectors', vectors, '--out', at('p.png')], 2, /none of the 24 words/, [at('p.png')]),
  c('plot of a checkpoint that is not one', ['plot', '--checkpoint', at('not-a-checkpoint.w2vckpt'), '--out', at('p.png')], 2, /checkpoint/i, [at('p.png')]),
  c('plot of a file with NaN', ['plot', '--vectors', at('nan.txt'), '--words', 'cat dog', '--out', at('p.png')], 2, /line 2|number|finite/i, [at('p.png')]),
  c('plot into a missing folder', ['plot', '--vectors', vectors, '--out', at('nowhere/p.png')], 2, /folder|exist/i),
  c('plot of a FIFO is refused, not waited on', ['plot', '--vectors', at('pipe.txt'), '--out', at('p.png')], 2, /pipe/i, [at('p.png')]),
  // phrases
  c('phrases with NPMI at gensim’s default threshold', ['phrases', '--corpus', corpus, '--out', at('ph.txt'), '--scoring', 'npmi'], 2, /between −1 and 1/, [at('ph.txt')]),
  c('phrases with --passes 0', ['phrases', '--corpus', corpus, '--out', at('ph.txt'), '--passes', '0'], 2, /--passes: .*from 1 to 4/, [at('ph.txt')]),
  c('phrases of an empty file', ['phrases', '--corpus', at('empty.txt'), '--out', at('ph.txt')], 2, /empty/i, [at('ph.txt')]),
  c('phrases of a binary file', ['phrases', '--corpus', at('binary.bin'), '--out', at('ph.txt')], 2, /binary/i, [at('ph.txt')]),
  c('phrases written over the corpus', ['phrases', '--corpus', corpus, '--out', corpus], 2, /corpus/i),
  c('phrases into a missing folder', ['phrases', '--corpus', corpus, '--out', at('nowhere/ph.txt')], 2, /folder|exist/i),
  c('train --phrases-passes without --phrases', ['train', '--corpus', corpus, '--out', at('out.txt'), '--phrases-passes', '2', ...quick], 2, /need --phrases/, [at('out.txt')]),
  // the rest
  c('gradcheck --bogus', ['gradcheck', '--bogus'], 2, /unknown option/i),
  c('check-fixture of a missing file', ['check-fixture', at('missing.json')], 2, /does not exist|not found|no such|cannot/i),
  c('check-fixture of a non-JSON file', ['check-fixture', at('fixture.json')], 2, /JSON/i),
  c('an unknown command', ['fly'], 2, /unknown command/i),
]

describe('w2v bad-input campaign', () => {
  it.each(CASES)('$name: one sentence, exit $exit, nothing written or lost', async ({ argv, exit, says, noFile }) => {
    const before = inputs()
    const tempsBefore = readdirSync(dir).filter((f) => f.endsWith('.tmp'))
    const result = await runCli(argv.map((a) => (typeof a === 'string' ? a : a())))
    const message = result.stderr.trim()
    expect(result.exitCode, message).toBe(exit)
    // One sentence first (a usage text may follow after a blank line), never a stack trace.
    const [sentence = ''] = message.split('\n\n')
    expect(sentence).not.toMatch(/\n\s+at |Error:|TypeError|RangeError|undefined|\[object/)
    expect(sentence.split('\n').filter((line) => !/^(Warning|Note|Corpus)/.test(line)).length, message).toBe(1)
    if (says) expect(message).toMatch(says)
    for (const file of noFile ?? []) expect(() => readFileSync(file), `${file} should not exist`).toThrow()
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual(tempsBefore)
    expect(inputs()).toEqual(before)
  })
})
