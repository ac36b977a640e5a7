/**
 * A run stopped mid-epoch is saved at one position, whichever way it was driven: `w2v train`
 * interrupted (Ctrl-C) and the trainer process's createTrainingRun stopped. The position the run
 * reports, the one its saved state resumes from, and the one a resumed run continues from agree.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCliWithIo } from '../../src-main/cli/runCli'
import { word2vecDefaults } from '../../src-main/core/settings/trainingSettings'
import { loadCorpus, savedVocabulary, trainingData, vocabularyOf } from '../../src-main/node/session/loadedCorpus'
import { type RunProgress, createTrainingRun } from '../../src-main/node/session/trainingRun'
import { chooseKernel } from '../../src-main/node/training/kernelModule'
import { type ScheduleSettings, type TrainingCheckpoint, loadTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { plantedSynonymsText } from '../support/syntheticCorpus'

const dir = mkdtempSync(join(tmpdir(), 'w2v-stop-'))
const corpus = join(dir, 'planted.txt')
// 40,000 words: four chunks an epoch. Naive softmax without sub-sampling makes a chunk take a few
// hundred milliseconds, so a stop asked for at the first report lands a chunk or two later, mid-epoch.
writeFileSync(corpus, plantedSynonymsText(5000))
const settingsFlags = ['--loss', 'naiveSoftmax', '--dim', '100', '--sample', '0', '--epochs', '2', '--min-count', '1', '--threads', '1']

interface JsonLine { readonly type: string; readonly [field: string]: unknown }

/** `w2v train --json`, interrupted as Ctrl-C would at its first progress line. */
async function trainInterrupted(args: readonly string[]): Promise<{ exitCode: number; lines: JsonLine[] }> {
  const lines: JsonLine[] = []
  let interrupt: (() => void) | null = null
  let buffered = ''
  const exitCode = await runCliWithIo(['train', ...args, '--json'], {
    stdout: (text) => {
      buffered += text
      const complete = buffered.split('\n')
      buffered = complete.pop()!
      for (const line of complete) {
        const parsed = JSON.parse(line) as JsonLine
        lines.push(parsed)
        if (parsed.type === 'progress') interrupt?.()
      }
    },
    stderr: () => {},
    stderrIsTTY: false,
    onInterrupt: (handler) => {
      interrupt = () => {
        interrupt = null
        handler()
      }
      return () => (interrupt = null)
    },
  })
  return { exitCode, lines }
}

/** The run a saved state resumes as, in the trainer process: its position. */
async function resumedPosition(saved: Pick<TrainingCheckpoint, 'settings' | 'vocabulary' | 'training'>): Promise<number> {
  const loaded = await loadCorpus([corpus], {})
  return createTrainingRun(saved.settings, trainingData(loaded, savedVocabulary(saved.vocabulary)), chooseKernel, saved.training).done
}

function expectMidEpoch(position: number, wordsPerEpoch: number): void {
  expect(position).toBeGreaterThan(0)
  expect(position % wordsPerEpoch).not.toBe(0)
}

describe('a run stopped mid-epoch', () => {
  it('through w2v train: the words it reports are the position its checkpoint resumes from, in the CLI and in the trainer', async () => {
    const checkpoint = join(dir, 'cli.w2vckpt')
    const stopped = await trainInterrupted(['--corpus', corpus, '--out', join(dir, 'cli.vec'), '--checkpoint', checkpoint, ...settingsFlags])
    expect(stopped.exitCode).toBe(0)
    const summary = stopped.lines.at(-1)!
    const lastProgress = stopped.lines.filter((l) => l.type === 'progress').at(-1)!
    expect(summary).toMatchObject({ type: 'summary', stopped: true })
    expect(summary.words).toBe(lastProgress.wordsDone)

    const saved = await loadTrainingCheckpoint(checkpoint)
    expect(saved.training.schedule).toBe('word2vec')
    const wordsPerEpoch = saved.training.schedule === 'word2vec' ? saved.training.state.wordsPerEpoch : 0
    expectMidEpoch(summary.words as number, wordsPerEpoch)
    expect(await resumedPosition(saved)).toBe(summary.words)

    const resumed = await trainInterrupted(['--corpus', corpus, '--resume', checkpoint, '--out', join(dir, 'cli-resumed.vec')])
    const resumedSummary = resumed.lines.at(-1)!
    // Interrupted again: it trained on from the saved position, by the same rule.
    expect(resumedSummary.stopped).toBe(true)
    const resumedProgress = resumed.lines.filter((l) => l.type === 'progress').at(-1)!
    expect(resumedProgress.wordsDone).toBe((summary.words as number) + (resumedSummary.words as number))
  })

  it('through createTrainingRun: the position it ends at is the one its exported state resumes from', async () => {
    const settings: ScheduleSettings = {
      schedule: 'word2vec', config: { ...word2vecDefaults('skipgram', 1), loss: 'naiveSoftmax', dim: 100, sample: 0, epochs: 2 },
    }
    const loaded = await loadCorpus([corpus], {})
    const data = trainingData(loaded, vocabularyOf(loaded, { minCount: 1 }))
    const run = createTrainingRun(settings, data, chooseKernel)
    const points: RunProgress[] = []
    const outcome = await run.run({
      onNotice: () => {},
      onProgress: (p) => {
        if (points.push(p) === 1) run.stop()
      },
    })
    expect(outcome.stopped).toBe(true)
    const exported = run.exportState()
    expect(exported.done).toBe(outcome.done)
    expect(points.at(-1)!.x).toBe(outcome.done)
    expect(outcome.trained).toBe(outcome.done)
    expectMidEpoch(outcome.done, run.boundaryEvery)
    expect(await resumedPosition({ settings, vocabulary: data.vocabulary, training: exported.training })).toBe(outcome.done)
  })
})
