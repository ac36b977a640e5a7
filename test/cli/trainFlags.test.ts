/**
 * `w2v train` judges every flag before it reads any input, by the rules the window's form and the
 * vocabulary builder use, refuses flags the chosen schedule does not read, and exits 2 for every
 * input or flag error (1 only for a run that started and failed).
 */
import { execFileSync } from 'node:child_process'
import { closeSync, constants, mkdtempSync, openSync, readdirSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { type Hyperparameters, presetHyperparameters, validateHyperparameters } from '../../src-main/core/contract/settingsValidation'
import { plantedSynonymsText } from '../support/syntheticCorpus'

const dir = mkdtempSync(join(tmpdir(), 'w2v-train-flags-'))
const corpus = join(dir, 'corpus.txt')
writeFileSync(corpus, plantedSynonymsText(1500))
const out = join(dir, 'out.vec')

/** Reading this corpus would block (a FIFO with no writer): a command that answers never read it. */
const fifo = join(dir, 'never-read.fifo')
execFileSync('mkfifo', [fifo])
afterAll(() => {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK))
  } catch {
    // no reader waiting
  }
})

async function trainWithoutReading(args: readonly string[]): Promise<{ exitCode: number; stderr: string }> {
  return Promise.race([
    runCli(['train', '--corpus', fifo, '--out', out, ...args]),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`train ${args.join(' ')} read the corpus before judging its flags`)), 3000)),
  ])
}

function expectUsage(result: { exitCode: number; stderr: string }, message: RegExp | string): void {
  expect(result.stderr.trim().split('\n')).toHaveLength(1)
  expect(result.stderr).not.toMatch(/\n\s+at /)
  if (typeof message === 'string') expect(result.stderr).toContain(message)
  else expect(result.stderr).toMatch(message)
  expect(result.exitCode).toBe(2)
}

/** The form's sentence for a course run with these values. */
function formSays(values: Partial<Hyperparameters>): string {
  const problems = validateHyperparameters({ ...presetHyperparameters('cs224n', 1), ...values })
  expect(problems).not.toHaveLength(0)
  return problems[0]!.message
}

describe('w2v train refuses flags the schedule does not use', () => {
  it.each([['--threads', '2'], ['--epochs', '3'], ['--min-alpha', '0.001']])('%s with --schedule cs224n names the word2vec schedule', async (flag, value) => {
    expectUsage(await trainWithoutReading(['--schedule', 'cs224n', flag, value]), new RegExp(`${flag} is a setting of the word2vec schedule.*schedule cs224n`))
  })

  it.each([['--iterations', '100'], ['--batch', '10'], ['--optimizer', 'adam'], ['--anneal-every', '50']])('%s with the word2vec schedule names the cs224n schedule', async (flag, value) => {
    expectUsage(await trainWithoutReading([flag, value]), new RegExp(`${flag} is a setting of the cs224n schedule`))
  })

  // The course's step was --alpha before the settings had one name per concept: point the old flag to the new one.
  it.each([
    [['--schedule', 'cs224n', '--alpha', '0.3'], /--alpha is a setting of the word2vec schedule.*use --step, its counterpart in the cs224n schedule, or --schedule word2vec\./],
    [['--step', '0.3'], /--step is a setting of the cs224n schedule.*use --alpha, its counterpart in the word2vec schedule, or --schedule cs224n\./],
  ])('%j names the learning rate the schedule does use', async (argv, message) => {
    expectUsage(await trainWithoutReading(argv), message)
  })
})

describe('w2v train judges every value before reading', () => {
  it.each([
    [['--min-count', '-1'], /--min-count: The minimum count \(minCount\) must be a whole number from 1 to 1,000,000,000, not -1/],
    [['--max-vocab', '-1'], /--max-vocab: The largest vocabulary \(maxVocab\) must be a whole number from 1 to 1,000,000,000, not -1/],
    [['--max-vocab', '0'], /maxVocab\) .* not 0/],
    [['--window', '0'], /The window must be a whole number from 1/],
    [['--threads', '0'], /The number of threads must be a whole number from 1 to 256/],
  ])('%j', async (args, message) => {
    expectUsage(await trainWithoutReading(args), message)
  })

  it.each([
    [['--seed', '-1'], { seed: -1 }],
    [['--sample', '5'], { sample: 5 }],
    [['--dim', '3000'], { dim: 3000 }],
    [['--batch', '1e9'], { batch: 1e9 }],
    [['--iterations', '1e12'], { iterations: 1e12 }],
    [['--step', '50'], { step: 50 }],
    [['--negative', '0'], { negatives: 0 }],
  ])('the course schedule with %j is refused as the form refuses it', async (args, values) => {
    expectUsage(await trainWithoutReading(['--schedule', 'cs224n', ...args]), formSays(values))
  })

  it('a resumed run refuses settings it would ignore', async () => {
    expectUsage(await trainWithoutReading(['--resume', join(dir, 'any.w2vckpt'), '--dim', '50']), /--dim cannot be used with --resume/)
    expectUsage(await trainWithoutReading(['--resume', join(dir, 'any.w2vckpt'), '--min-count', '3']), /--min-count cannot be used with --resume/)
  })
})

describe('w2v train exit codes', () => {
  it('a missing corpus, a folder as corpus, a binary corpus or a corpus with no word at --min-count exit 2', async () => {
    const binary = join(dir, 'image.png')
    writeFileSync(binary, Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 0]))
    for (const [args, message] of [
      [['--corpus', join(dir, 'missing.txt')], /does not exist/],
      [['--corpus', dir], /folder|not a file/i],
      [['--corpus', binary], /binary/],
      [['--corpus', corpus, '--min-count', '100000'], /No word occurs at least 100000 times/],
    ] as const) {
      expectUsage(await runCli(['train', ...args, '--out', out, '--threads', '1']), message)
    }
  })

  it('a corpus with no sentence of two different words exits 2 on the course schedule, without a stack trace', async () => {
    const single = join(dir, 'single.txt')
    writeFileSync(single, 'a\nb\nc\na\n')
    expectUsage(await runCli(['train', '--corpus', single, '--out', out, '--schedule', 'cs224n', '--iterations', '10', '--json']), /nothing to learn from/)
  })

  it('a damaged checkpoint exits 2 and writes nothing', async () => {
    const checkpoint = join(dir, 'cut.w2vckpt')
    writeFileSync(checkpoint, Buffer.alloc(400, 1))
    truncateSync(checkpoint, 100)
    expectUsage(await runCli(['train', '--corpus', corpus, '--resume', checkpoint, '--out', out]), /cut\.w2vckpt/)
    expectUsage(await runCli(['train', '--corpus', corpus, '--resume', join(dir, 'none.w2vckpt'), '--out', out]), /does not exist/)
    expectUsage(await runCli(['train', '--corpus', corpus, '--resume', dir, '--out', out]), /is a folder, not a checkpoint/)
    // A FIFO would block the open for ever: it is refused without being opened.
    const fifoCheckpoint = await Promise.race([
      runCli(['export', '--checkpoint', fifo, '--out', out]),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('export opened a FIFO as a checkpoint and waited')), 3000)),
    ])
    expectUsage(fifoCheckpoint, /is a named pipe, not a checkpoint/)
    expect(readdirSync(dir)).not.toContain('out.vec')
  })

  it('a run that diverges exits 1 and saves neither vectors nor checkpoint', async () => {
    const result = await runCli(['train', '--corpus', corpus, '--out', out, '--checkpoint', join(dir, 'diverged.w2vckpt'), '--alpha', '10', '--min-count', '1', '--threads', '1', '--dim', '8'])
    expect(result.stderr).toMatch(/Training diverged/)
    expect(result.exitCode).toBe(1)
    expect(readdirSync(dir)).not.toContain('diverged.w2vckpt')
    expect(readdirSync(dir)).not.toContain('out.vec')
  })
})
