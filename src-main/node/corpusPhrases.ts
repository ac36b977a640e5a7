/**
 * Phrase joining over a read corpus, pass after pass (core/corpus/phraseJoining.ts): each pass
 * reads the token stream twice, a block at a time (count, then join), and writes the joined
 * stream to a new sink, so memory is the phrase counts (bounded by maxVocab) and never the
 * corpus. Progress covers all sweeps of all passes; an AbortSignal cancels between blocks. The
 * given corpus' store stays the caller's; the stores of passes before the last are released.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { type RawCorpus, type TokenStoreWriter, cancelledError } from '../core/corpus/index'
import { PhraseCounts, phraseScorer } from '../core/corpus/phraseCounts'
import { type JoinedCorpus, type PhrasePass, countPhrasesSteps, joinPhrasesSteps } from '../core/corpus/phraseJoining'
import type { PhraseOptions } from '../core/corpus/phraseOptions'
import { openTokenSource, releaseTokenStore } from './tokenFile'

export interface JoinPhrasesOptions {
  readonly createSink: () => TokenStoreWriter
  /** The fraction of all passes done, after each block. */
  readonly onProgress?: (fraction: number) => void
  readonly signal?: AbortSignal
  /** The corpus' name in messages. */
  readonly source: string
}

export interface PhrasedCorpus {
  readonly raw: RawCorpus
  readonly passes: readonly PhrasePass[]
}

export async function joinCorpusPhrases(raw: RawCorpus, options: PhraseOptions, run: JoinPhrasesOptions): Promise<PhrasedCorpus> {
  const sweeps = 2 * options.passes
  let sweep = 0
  const drive = async <T>(steps: Generator<number, T, void>): Promise<T> => {
    for (let step = steps.next(); ; step = steps.next()) {
      if (run.signal?.aborted) throw cancelledError(run.source)
      if (step.done) {
        sweep++
        return step.value
      }
      run.onProgress?.((sweep + step.value) / sweeps)
      // Lets the progress message leave and a cancel arrive.
      await nextTurn()
    }
  }
  const passes: PhrasePass[] = []
  let current = raw
  try {
    for (let pass = 0; pass < options.passes; pass++) {
      const source = openTokenSource(current.store)
      let joined: JoinedCorpus
      let counts: PhraseCounts
      try {
        counts = new PhraseCounts(options)
        await drive(countPhrasesSteps(source, current.types, counts))
        const sink = run.createSink()
        try {
          joined = await drive(joinPhrasesSteps(source, current, phraseScorer(counts, options), sink))
        } catch (error) {
          sink.discard()
          throw error
        }
      } finally {
        source.close()
      }
      if (current !== raw) releaseTokenStore(current.store)
      current = joined.raw
      passes.push({ found: joined.found, vocabSize: counts.vocabSize, prunings: counts.prunings })
    }
  } catch (error) {
    if (current !== raw) releaseTokenStore(current.store)
    throw error
  }
  return { raw: current, passes }
}
