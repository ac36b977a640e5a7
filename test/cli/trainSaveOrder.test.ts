/**
 * The checkpoint is saved before the vectors: when writing the vectors fails after a run (here a
 * full disk, simulated), the run is not lost, and the message says how to get the vectors from it.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { loadTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { VectorExportError } from '../../src-main/node/vectors/vectorExportError'
import type * as WriteEmbeddingsModule from '../../src-main/node/vectors/writeEmbeddings'
import { plantedSynonymsText } from '../support/syntheticCorpus'

vi.mock('../../src-main/node/vectors/writeEmbeddings', async (importOriginal) => ({
  ...await importOriginal<typeof WriteEmbeddingsModule>(),
  writeEmbeddings: (path: string) => Promise.reject(new VectorExportError('diskFull', path, `The disk is full: could not save the vectors “${path}”.`)),
}))

describe('w2v train saves the checkpoint first', () => {
  it('keeps the checkpoint when the vectors cannot be written, exits 1 and says how to export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2v-save-order-'))
    const corpus = join(dir, 'corpus.txt')
    writeFileSync(corpus, plantedSynonymsText(1000))
    const checkpoint = join(dir, 'run.w2vckpt')
    const result = await runCli(['train', '--corpus', corpus, '--out', join(dir, 'v.vec'), '--checkpoint', checkpoint, '--dim', '8', '--epochs', '1', '--min-count', '1', '--threads', '1', '--json'])
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toMatch(/The disk is full.*The checkpoint was saved to .*run\.w2vckpt.*w2v export --checkpoint/)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(existsSync(checkpoint)).toBe(true)
    await expect(loadTrainingCheckpoint(checkpoint)).resolves.toMatchObject({ settings: { schedule: 'word2vec' } })
  })
})
