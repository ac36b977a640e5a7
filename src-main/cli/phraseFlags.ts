/**
 * The flags of phrase joining, for `w2v phrases` (`--min-count`, `--threshold`, …) and for
 * `w2v train` (the same names after `--phrases-`, with `--phrases` to turn it on). Values are
 * judged by phraseOptionProblems, the rules the window's options and the checkpoint's schema use.
 */
import { PHRASE_SCORINGS, type PhraseOptionField, type PhraseOptions, DEFAULT_PHRASE_OPTIONS, phraseOptionProblems } from '../core/corpus/phraseOptions'
import { type FlagKind, type FlagValues, UsageError } from './flags'

const FIELD_FLAGS: Readonly<Record<PhraseOptionField, readonly [name: string, kind: FlagKind]>> = {
  minCount: ['min-count', 'integer'],
  threshold: ['threshold', 'number'],
  scoring: ['scoring', PHRASE_SCORINGS],
  maxVocab: ['max-vocab', 'integer'],
  delimiter: ['delimiter', 'string'],
  passes: ['passes', 'integer'],
}

const FIELDS = Object.keys(FIELD_FLAGS) as PhraseOptionField[]

/** The flags' parser spec, each name after `prefix`. */
export function phraseFlagSpec(prefix: string): Record<string, FlagKind> {
  return Object.fromEntries(FIELDS.map((field) => [prefix + FIELD_FLAGS[field][0], FIELD_FLAGS[field][1]]))
}

/** Whether any of the flags (after `prefix`) is given. */
export function hasPhraseFlags(flags: FlagValues, prefix: string): boolean {
  return FIELDS.some((field) => flags[prefix + FIELD_FLAGS[field][0]] !== undefined)
}

/** The options the flags give, gensim's defaults for the rest; every wrong one named in one UsageError. */
export function phraseOptionsFromFlags(flags: FlagValues, prefix: string): PhraseOptions {
  const options: Record<string, unknown> = { ...DEFAULT_PHRASE_OPTIONS }
  for (const field of FIELDS) {
    const value = flags[prefix + FIELD_FLAGS[field][0]]
    if (value !== undefined) options[field] = value
  }
  const problems = phraseOptionProblems(options as PhraseOptions)
  if (problems.length > 0) throw new UsageError(problems.map((p) => `--${prefix}${FIELD_FLAGS[p.field][0]}: ${p.message}`).join(' '))
  return options as PhraseOptions
}
