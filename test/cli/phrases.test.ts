import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { loadTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { readEmbeddings } from '../../src-main/node/vectors/readEmbeddings'

const dir = mkdtempSync(join(tmpdir(), 'w2v-phrases-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** "New York" 4 times among 20 sentences of other words; "san francisco" 3 times. */
const lines = [
  'New York is big.', 'I love New York!', 'new york, new york', 'San Francisco is far from here',
  'we flew to san francisco', 'san francisco fog', 'york new', ...Array.from({ length: 13 }, (_, i) => `filler word${i} and more${i % 4}`),
]
const corpus = join(dir, 'corpus.txt')
writeFileSync(corpus, lines.join('\n') + '\n')

describe('w2v phrases', () => {
  it('writes the corpus with its phrases joined and prints them with their scores', async () => {
    const out = join(dir, 'joined.txt')
    const { stdout, stderr, exitCode } = await runCli(['phrases', '--corpus', corpus, '--out', out, '--min-count', '1', '--threshold', '5'])
    expect(stderr).toBe('')
    expect(exitCode).toBe(0)
    const written = readFileSync(out, 'utf8').split('\n')
    expect(written.slice(0, 7)).toEqual([
      'new_york is big', 'i love new_york', 'new_york new_york', 'san_francisco is far from here', 'we flew to san_francisco', 'san_francisco fog', 'york new',
    ])
    expect(written).toHaveLength(lines.length + 1)
    // Counted by hand from the sentences: the words and the distinct adjacent pairs of the lower-cased text.
    const sentences = lines.map((l) => l.toLowerCase().replace(/[.,!]/g, '').split(' '))
    const words = new Map<string, number>()
    for (const s of sentences) s.forEach((w, i) => {
      words.set(w, (words.get(w) ?? 0) + 1)
      if (i > 0) words.set(`${s[i - 1]}_${w}`, (words.get(`${s[i - 1]}_${w}`) ?? 0) + 1)
    })
    const score = (a: string, b: string) => (words.get(`${a}_${b}`)! - 1) / (words.get(a)! * words.get(b)!) * words.size
    const rows = stdout.split('\n').filter((l) => /_/.test(l)).map((l) => l.trim().split(/\s+/))
    expect(rows.map((r) => r[0])).toContain('new_york')
    const newYork = rows.find((r) => r[0] === 'new_york')!
    expect(Number(newYork[1])).toBeCloseTo(score('new', 'york'), 4)
    expect(newYork.slice(2)).toEqual(['4', '1'])
    const sanFrancisco = rows.find((r) => r[0] === 'san_francisco')!
    expect(Number(sanFrancisco[1])).toBeCloseTo(score('san', 'francisco'), 4)
    expect(sanFrancisco.slice(2)).toEqual(['3', '1'])
    expect(stdout).toMatch(/Wrote .*joined\.txt\./)
  })

  it('joins three-word phrases on a second pass', async () => {
    const text = Array.from({ length: 6 }, () => 'the new york times said so').concat(Array.from({ length: 30 }, (_, i) => `other${i} words${i}`))
    const input = join(dir, 'times.txt')
    writeFileSync(input, text.join('\n'))
    const out = join(dir, 'times-joined.txt')
    const { exitCode } = await runCli(['phrases', '--corpus', input, '--out', out, '--min-count', '1', '--threshold', '1', '--passes', '2'])
    expect(exitCode).toBe(0)
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^the_new_york_times/)
  })

  it('refuses bad input with a sentence and exit code 2, writing nothing', async () => {
    const out = join(dir, 'never.txt')
    const npmi = await runCli(['phrases', '--corpus', corpus, '--out', out, '--scoring', 'npmi'])
    expect(npmi.exitCode).toBe(2)
    expect(npmi.stderr).toMatch(/--threshold: With NPMI scoring .* between −1 and 1/)
    const several = await runCli(['phrases', '--corpus', corpus, '--out', out, '--min-count', '0', '--passes', '7', '--delimiter', ' '])
    expect(several.exitCode).toBe(2)
    expect(several.stderr).toMatch(/--min-count: .*--delimiter: .*--passes: /)
    expect((await runCli(['phrases', '--out', out])).stderr).toMatch(/--corpus <file> is required/)
    expect((await runCli(['phrases', '--corpus', corpus])).stderr).toMatch(/--out <file> is required/)
    expect((await runCli(['phrases', '--corpus', corpus, '--out', out, '--scoring', 'pmi'])).stderr).toMatch(/--scoring must be one of default, npmi/)
    const missing = await runCli(['phrases', '--corpus', join(dir, 'missing.txt'), '--out', out])
    expect([missing.exitCode, missing.stderr]).toEqual([2, expect.stringMatching(/does not exist/) as unknown])
    const overInput = await runCli(['phrases', '--corpus', corpus, '--out', corpus])
    expect(overInput.exitCode).toBe(2)
    expect(existsSync(out)).toBe(false)
  })
})

describe('w2v train --phrases', () => {
  const quick = ['--dim', '4', '--epochs', '1', '--min-count', '1', '--threads', '1']

  it('trains on the joined corpus and records the phrase options in the checkpoint', async () => {
    const out = join(dir, 'phrased.vec')
    const checkpoint = join(dir, 'phrased.w2vckpt')
    const result = await runCli(['train', '--corpus', corpus, '--out', out, '--checkpoint', checkpoint, '--phrases', '--phrases-min-count', '1', '--phrases-threshold', '5', ...quick])
    expect(result.exitCode).toBe(0)
    const saved = await loadTrainingCheckpoint(checkpoint)
    expect(saved.corpus.tokenizer.phrases).toEqual({ minCount: 1, threshold: 5, scoring: 'default', maxVocab: 10_000_000, delimiter: '_', passes: 1 })
    expect(saved.vocabulary.words).toEqual(expect.arrayContaining(['new_york', 'san_francisco']))
    expect(saved.vocabulary.words).not.toContain('francisco')
    expect((await readEmbeddings(out)).embeddings.words).toContain('new_york')
  })

  it('refuses phrase options without --phrases, wrong ones, and any with --resume', async () => {
    const out = join(dir, 'refused.vec')
    const alone = await runCli(['train', '--corpus', corpus, '--out', out, '--phrases-threshold', '5', ...quick])
    expect([alone.exitCode, alone.stderr]).toEqual([2, expect.stringMatching(/need --phrases/) as unknown])
    const wrong = await runCli(['train', '--corpus', corpus, '--out', out, '--phrases', '--phrases-scoring', 'npmi', ...quick])
    expect([wrong.exitCode, wrong.stderr]).toEqual([2, expect.stringMatching(/--phrases-threshold: With NPMI scoring/) as unknown])
    const resumed = await runCli(['train', '--corpus', corpus, '--out', out, '--resume', join(dir, 'phrased.w2vckpt'), '--phrases'])
    expect([resumed.exitCode, resumed.stderr]).toEqual([2, expect.stringMatching(/--phrases cannot be used with --resume/) as unknown])
    expect(existsSync(out)).toBe(false)
  })
})
