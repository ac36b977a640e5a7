/**
 * The course on the command line: `w2v train --preset cs224n` reads a datasetSentences.txt as the
 * course does (its layout found from the header), adds UNK, reports iterations per second and
 * run.py's sanity check; `w2v gradcheck --corpus` checks a minibatch of that corpus.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { datasetSentencesText } from '../../bench/datasetSentences'
import { runCli } from '../../src-main/cli/runCli'

const folder = mkdtempSync(join(tmpdir(), 'w2v-cli-course-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const corpus = join(folder, 'datasetSentences.txt')
writeFileSync(corpus, datasetSentencesText(400))

describe('w2v train --preset cs224n', () => {
  it('reads the file as the course does, adds UNK, and reports iterations per second and the sanity check', async () => {
    const out = join(folder, 'course.txt')
    const checkpoint = join(folder, 'course.w2vckpt')
    const run = await runCli(['train', '--corpus', corpus, '--out', out, '--preset', 'cs224n', '--iterations', '30', '--anneal-every', '20', '--checkpoint', checkpoint, '--json'])
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>
    expect(summary).toMatchObject({ type: 'summary', schedule: 'cs224n', iterations: 30, iterationsPerSec: expect.any(Number) })
    expect(summary.iterationsPerSec as number).toBeGreaterThan(0)
    expect(summary.courseSanityCheck).toBe((summary.finalLoss as number) <= 10)
    const words = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((line) => line.split(' ')[0])
    expect(words).toContain('UNK')
    for (const token of ['-lrb-', "'s", ',', '.']) expect(words).toContain(token)
    // The header and the sentence numbers are not words (Moby-Dick's chapters stop at 135).
    expect(words).not.toContain('sentence_index')
    expect(words).not.toContain('387')
  })

  it('leaves the sanity check out for a loss run.py does not train, whose cost 10 does not judge', async () => {
    const run = await runCli(['train', '--corpus', corpus, '--out', join(folder, 'hs.txt'), '--preset', 'cs224n', '--loss', 'hierarchicalSoftmax', '--iterations', '10', '--json'])
    expect(run.exitCode).toBe(0)
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>
    expect(summary).toMatchObject({ type: 'summary', schedule: 'cs224n', finalLoss: expect.any(Number) })
    expect(summary).not.toHaveProperty('courseSanityCheck')
  })

  it('says so when a datasetSentences.txt is read as plain text', async () => {
    const run = await runCli(['train', '--corpus', corpus, '--out', join(folder, 'plain.txt'), '--schedule', 'cs224n', '--iterations', '5'])
    expect(run.exitCode).toBe(0)
    expect(run.stderr).toMatch(/looks like the CS224n assignment's datasetSentences\.txt .* Run again with --preset cs224n/s)
    // --schedule cs224n alone is the course's optimizer on text read the usual way: the numbers are words, punctuation is dropped.
    const words = readFileSync(join(folder, 'plain.txt'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(' ')[0])
    expect(words).toContain('387')
    expect(words).not.toContain(',')
  })
})

describe('w2v gradcheck --corpus', () => {
  it('adds the corpus checks at the course’s start, and at a checkpoint’s parameters', async () => {
    const fresh = await runCli(['gradcheck', '--corpus', corpus, '--json'])
    expect(fresh.exitCode).toBe(0)
    const report = JSON.parse(fresh.stdout) as { passed: boolean; checks: { problem: string; passed: boolean }[] }
    expect(report.passed).toBe(true)
    expect(report.checks.filter((c) => c.problem === 'corpus').length).toBeGreaterThan(0)

    const checkpoint = join(folder, 'check.w2vckpt')
    expect((await runCli(['train', '--corpus', corpus, '--out', join(folder, 'check.txt'), '--preset', 'cs224n', '--iterations', '10', '--checkpoint', checkpoint])).exitCode).toBe(0)
    const saved = await runCli(['gradcheck', '--corpus', corpus, '--checkpoint', checkpoint])
    expect(saved.exitCode).toBe(0)
    expect(saved.stdout).toMatch(/corpus\s+skipgram \/ negSampling \(2 corpus windows/)
    // Two runs of all 25 course checks (18 s each, and up to a minute, on a busy 2-core machine) and a short training run.
  }, 180_000)

  it('refuses a checkpoint without its corpus', async () => {
    const out = await runCli(['gradcheck', '--checkpoint', join(folder, 'check.w2vckpt')])
    expect(out.exitCode).toBe(2)
    expect(out.stderr).toMatch(/--checkpoint needs --corpus <file>/)
  })
})
