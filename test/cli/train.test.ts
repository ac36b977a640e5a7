import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pythonCanImport } from '../support/python'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { loadTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { plantedSynonymsText } from '../support/syntheticCorpus'

const dir = mkdtempSync(join(tmpdir(), 'w2v-train-'))
const corpus = join(dir, 'planted.txt')
writeFileSync(corpus, plantedSynonymsText(3000))
const quick = ['--corpus', corpus, '--dim', '16', '--epochs', '2', '--min-count', '1', '--threads', '1']

const gensimAvailable = pythonCanImport('gensim', 'the gensim interop test of w2v train')

describe('w2v train', () => {
  it('--json prints progress objects and a summary, and writes word2vec text', async () => {
    const out = join(dir, 'vectors.txt')
    const result = await runCli(['train', ...quick, '--out', out, '--json'])
    expect(result.exitCode).toBe(0)
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.some((l) => l.type === 'progress')).toBe(true)
    const summary = lines.at(-1)!
    expect(summary).toMatchObject({ type: 'summary', vocab: expect.any(Number), words: expect.any(Number), seconds: expect.any(Number), wordsPerSec: expect.any(Number), finalLoss: expect.any(Number) })
    const [header, ...rows] = readFileSync(out, 'utf8').trim().split('\n')
    expect(header).toBe(`${summary.vocab} 16`)
    expect(rows).toHaveLength(summary.vocab as number)
    expect(rows[0]!.split(' ')).toHaveLength(17)
  })

  it.skipIf(!gensimAvailable)('writes .bin and .txt that gensim loads with the same vectors', async () => {
    const txt = join(dir, 'g.txt')
    const bin = join(dir, 'g.bin')
    expect((await runCli(['train', ...quick, '--out', txt, '--seed', '3'])).exitCode).toBe(0)
    expect((await runCli(['train', ...quick, '--out', bin, '--seed', '3'])).exitCode).toBe(0)
    const script = [
      'import sys, json, numpy as np',
      'from gensim.models import KeyedVectors',
      't = KeyedVectors.load_word2vec_format(sys.argv[1], binary=False)',
      'b = KeyedVectors.load_word2vec_format(sys.argv[2], binary=True)',
      'print(json.dumps({"words": len(t.index_to_key), "same_words": t.index_to_key == b.index_to_key,',
      '  "max_diff": float(np.abs(t.vectors - b.vectors).max()), "dim": t.vector_size, "similar": t.most_similar("cat", topn=3)}))',
    ].join('\n')
    const report = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, txt, bin], { encoding: 'utf8' })) as { words: number; same_words: boolean; max_diff: number; dim: number }
    expect(report.words).toBeGreaterThan(20)
    expect(report.same_words).toBe(true)
    expect(report.max_diff).toBe(0)
    expect(report.dim).toBe(16)
  })

  it('saves a checkpoint that resumes, and rejects a truncated one', async () => {
    const ckpt = join(dir, 'run.w2vckpt')
    const first = join(dir, 'first.txt')
    expect((await runCli(['train', ...quick, '--out', first, '--checkpoint', ckpt])).exitCode).toBe(0)
    const saved = await loadTrainingCheckpoint(ckpt)
    expect(saved.settings.schedule).toBe('word2vec')
    expect(saved.vocabulary.words).toContain('kitten')
    // The run had finished: resuming trains nothing more and writes the same vectors.
    const again = join(dir, 'again.txt')
    const resumed = await runCli(['train', '--corpus', corpus, '--resume', ckpt, '--out', again, '--json'])
    expect(resumed.exitCode).toBe(0)
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(first, 'utf8'))

    truncateSync(ckpt, 100)
    const broken = await runCli(['train', '--corpus', corpus, '--resume', ckpt, '--out', again])
    expect(broken.exitCode).toBe(2)
    expect(broken.stderr.trim().split('\n')).toHaveLength(1)
    expect(broken.stderr).toMatch(/^w2v train: .*run\.w2vckpt/)
  })

  it('runs the course schedule', async () => {
    const out = join(dir, 'course.txt')
    const result = await runCli(['train', '--corpus', corpus, '--out', out, '--schedule', 'cs224n', '--iterations', '300', '--json'])
    expect(result.exitCode).toBe(0)
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>
    expect(summary).toMatchObject({ schedule: 'cs224n', iterations: 300 })
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^\d+ 10$/)
  })

  it.each([
    [['--out', 'x.txt'], /--corpus <file> is required/],
    [['--corpus', 'c.txt', '--out', 'x.txt', '--dim', 'big'], /--dim needs a number, not "big"/],
    [['--corpus', 'c.txt', '--out', 'x.txt', '--model', 'glove'], /--model must be one of skipgram, cbow/],
    [['--corpus', 'c.txt', '--out', 'x.txt', '--speed', '9'], /unknown option --speed/],
    [['--corpus', 'c.txt', '--out', 'x.txt', '--window', '0'], /The window must be a whole number from 1/],
  ])('rejects bad flags %j with one line and exit 2', async (args, message) => {
    const result = await runCli(['train', ...args])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('says when the corpus is probably Latin-1 and when its script wants --segment words, in text and in JSON', async () => {
    const latin1 = join(dir, 'latin1.txt')
    writeFileSync(latin1, Buffer.from('Le garçon eut une impression de déjà vu.\n'.repeat(40), 'latin1'))
    // Found from its bytes, it is read as Windows-1252; named UTF-8, its accents are unreadable and the notice says what it probably is.
    const found = await runCli(['train', '--corpus', latin1, '--out', join(dir, 'fr.txt'), '--dim', '8', '--epochs', '1', '--min-count', '1', '--threads', '1'])
    expect(found.stderr).toMatch(/^Warning: “latin1\.txt” is not UTF-8: it was read as Windows-1252 \(Latin-1\)/m)
    const french = await runCli(['train', '--corpus', latin1, '--encoding', 'utf-8', '--out', join(dir, 'fr.txt'), '--dim', '8', '--epochs', '1', '--min-count', '1', '--threads', '1'])
    expect(french.exitCode).toBe(0)
    expect(french.stderr).toMatch(/^Warning: “latin1\.txt” is probably Latin-1 or Windows-1252, not UTF-8: in 120 places .*or save it as UTF-8\. Run again with --encoding <label> \(windows-1252, say\)/m)
    const chinese = join(dir, 'chinese.txt')
    writeFileSync(chinese, '我今天早上去学校学习中文，老师说我们的发音很好。\n他们下午在公园里一起散步，天气非常暖和。\n'.repeat(30))
    const zh = await runCli(['train', '--corpus', chinese, '--out', join(dir, 'zh.txt'), '--dim', '8', '--epochs', '1', '--min-count', '1', '--threads', '1', '--json'])
    expect(zh.exitCode).toBe(0)
    const notices = zh.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.type === 'notice')
    expect(notices.map((n) => n.message)).toContainEqual(expect.stringMatching(/^Warning: Most of “chinese\.txt” is written without spaces .*Run again with --segment words/))
    const segmented = await runCli(['train', '--corpus', chinese, '--out', join(dir, 'zh.txt'), '--dim', '8', '--epochs', '1', '--min-count', '1', '--threads', '1', '--segment', 'words'])
    expect(segmented.exitCode).toBe(0)
    expect(segmented.stderr).not.toMatch(/--segment words/)
  })

  it('refuses a binary file before training, exit 2', async () => {
    const binary = join(dir, 'image.png')
    writeFileSync(binary, Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 0]))
    const result = await runCli(['train', '--corpus', binary, '--out', join(dir, 'never.txt')])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(/binary/)
  })
})
