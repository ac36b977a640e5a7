/**
 * What a warm-started run kept and what is new, in one sentence each: the command line prints
 * them and the window shows them, so both say the same.
 */
import type { VocabularyUpdate } from '../corpus/vocabularyUpdate'
import type { PretrainedStart } from './warmStart'

const count = (n: number): string => n.toLocaleString('en-US')
const plural = (n: number, one: string, many: string): string => `${count(n)} ${n === 1 ? one : many}`

export function continuedSummary(update: VocabularyUpdate, minCount: number): string {
  return `Continuing the saved run: kept ${plural(update.keptWords, 'word', 'words')}, added ${plural(update.addedWords, 'new word', 'new words')}` +
    ` (${count(update.retrainedWords)} of them ${update.retrainedWords === 1 ? 'occurs' : 'occur'} at least ${plural(minCount, 'time', 'times')} in the new corpus; counts merged` +
    `${update.droppedTypes > 0 ? `; ${plural(update.droppedTypes, 'new word', 'new words')} under minCount ${minCount} left out` : ''}).`
}

export function pretrainedSummary(start: Pick<PretrainedStart, 'used' | 'random'>, fileName: string, lockFactor: number): string {
  const lock = lockFactor === 0 ? 'locked' : lockFactor === 1 ? 'trained further' : `trained at ${lockFactor} of the rate`
  return `${plural(start.used, 'pretrained vector', 'pretrained vectors')} used from “${fileName}” (${lock}), ${plural(start.random, 'corpus word starts', 'corpus words start')} random.`
}
