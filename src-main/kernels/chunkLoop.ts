import type { TokenSource } from '../core/corpus/tokenStore'
import { type ChunkPlan, wordsBeforeChunk } from '../core/training/chunkPlan'
import { learningRateAt } from '../core/training/streamingConfig'
import type { Word2vecKernel } from './kernel'
import type { ParamBlock } from './paramBlock'

/** Slots of the control array every thread shares (an Int32Array on a SharedArrayBuffer). */
export const CONTROL = { state: 0, nextChunk: 1 } as const
export const CONTROL_SLOTS = 2
export const RUN_STATE = { running: 0, paused: 1, stopping: 2 } as const

/** What a thread reports to the coordinator. */
export type ChunkLoopEvent =
  | { readonly type: 'progress'; readonly words: number; readonly lossSum: number; readonly lossCount: number }
  | { readonly type: 'paused' }
  | { readonly type: 'diverged'; readonly chunk: number; readonly value: number }
  | { readonly type: 'finished' }

export interface ChunkLoopOptions {
  readonly kernel: Word2vecKernel
  readonly block: ParamBlock
  readonly control: Int32Array
  readonly plan: ChunkPlan
  /** The corpus' token stream, read a chunk at a time into the block's chunk buffer. */
  readonly stream: TokenSource
  readonly epochs: number
  readonly alpha: number
  readonly minAlpha: number
  readonly post: (event: ChunkLoopEvent) => void
  /** Blocks (a worker: Atomics.wait) or awaits (the single-thread fallback) while paused. */
  readonly waitWhilePaused: () => void | Promise<void>
  /** Called between chunks; the single-thread fallback yields to its event loop here. */
  readonly betweenChunks?: () => void | Promise<void>
  readonly now: () => number
  /** Minimum milliseconds between progress posts. */
  readonly reportEvery?: number
}

/**
 * A thread's training loop: claim the next chunk of the run (one shared counter over all
 * epochs, so threads share work without a coordinator in the loop), copy its part of the token
 * stream into the thread's chunk buffer, train it at the learning rate its position in the run
 * gives, and report progress every ~50 ms. The same loop runs in
 * a worker (Hogwild: every thread updates the shared matrices without locks) and, when
 * threads are unavailable, on the trainer's own thread.
 */
export async function runChunkLoop(options: ChunkLoopOptions): Promise<void> {
  const { kernel, block, control, plan, stream, epochs, post, now } = options
  const chunkBuffer = block.chunkBuffer()
  const reportEvery = options.reportEvery ?? 50
  const totalChunks = plan.chunks * epochs
  const totalWords = plan.wordsPerEpoch * epochs
  let lastReport = now()
  const flush = (): void => {
    const totals = block.totals()
    if (totals.wordsDone > 0 || totals.lossCount > 0) post({ type: 'progress', words: totals.wordsDone, lossSum: totals.lossSum, lossCount: totals.lossCount })
    block.resetTotals()
    lastReport = now()
  }

  for (;;) {
    const state = Atomics.load(control, CONTROL.state)
    if (state === RUN_STATE.stopping) break
    if (state === RUN_STATE.paused) {
      flush()
      post({ type: 'paused' })
      await options.waitWhilePaused()
      continue
    }
    const k = Atomics.add(control, CONTROL.nextChunk, 1)
    if (k >= totalChunks) break
    const c = k % plan.chunks
    const before = wordsBeforeChunk(plan, k, epochs)
    const words = plan.wordsBefore[c + 1]! - plan.wordsBefore[c]!
    const alphaStart = learningRateAt(options, before / totalWords)
    const start = plan.streamStart[c]!
    const values = plan.streamStart[c + 1]! - start
    stream.read(start, chunkBuffer.subarray(0, values))
    block.setChunk(values, words, alphaStart, learningRateAt(options, (before + words) / totalWords))
    kernel.trainChunk(block.offset)
    const lossSum = block.totals().lossSum
    if (!Number.isFinite(lossSum)) {
      // Stop every thread before the bad values spread into a saved state.
      Atomics.store(control, CONTROL.state, RUN_STATE.stopping)
      post({ type: 'diverged', chunk: k, value: lossSum })
      break
    }
    if (now() - lastReport >= reportEvery) flush()
    await options.betweenChunks?.()
  }
  flush()
  post({ type: 'finished' })
}
