/**
 * The hyperparameter form: the text of each number field as typed (so "0.0" stays "0.0" while
 * the user types), the choices, and what the engine's rules say about them as they change.
 * Train is allowed only when `problems` is empty.
 */
import { FORM_NUMBER_FIELDS, type FormChoiceField, type FormNumberField } from '@contract/settingsForm'
import {
  type CorpusVocabulary, type FieldProblem, type HyperparameterField, type Hyperparameters, type PresetId, hyperparameterWarnings, presetHyperparameters,
  startSettings, trainingMemoryEstimate, validateHyperparameters, vocabularyAt,
} from '@contract/settingsValidation'
import { CONTINUE_FIELDS, type ContinueSettings } from '@contract/settingsSchemas'
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { defaultThreadsOf } from '../composables/threads'

export type NumberField = FormNumberField
export type ChoiceField = FormChoiceField

/** Everything but the typed numbers: the schedule, the choices, and what each preset sets off the form. */
type Choices = Omit<Hyperparameters, NumberField>

/** Blank or not a number is NaN, which validation turns into "… needs a number." */
function parseNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text)
}

export const useHyperparametersStore = defineStore('hyperparameters', () => {
  /** Quick look first: on the built-in corpus the app trains in seconds. */
  const preset = ref<PresetId>('quick')
  /** The form no longer equals the preset. */
  const modified = ref(false)
  const text = reactive({} as Record<NumberField, string>)
  const choices = reactive({} as Choices)
  const defaultThreads = ref(defaultThreadsOf(null))
  /** The loaded corpus's counts, which the rules and the memory estimate read; the session follows the corpus. */
  const corpusVocabulary = ref<CorpusVocabulary | null>(null)

  function fill(values: Hyperparameters): void {
    const rest: Record<string, unknown> = { ...values }
    for (const field of FORM_NUMBER_FIELDS) {
      text[field] = String(values[field])
      delete rest[field]
    }
    Object.assign(choices, rest)
  }

  function applyPreset(id: PresetId): void {
    preset.value = id
    modified.value = false
    fill(presetHyperparameters(id, defaultThreads.value))
  }
  applyPreset(preset.value)

  const values = computed<Hyperparameters>(() => {
    const numbers = Object.fromEntries(FORM_NUMBER_FIELDS.map((field) => [field, parseNumber(text[field])])) as Record<NumberField, number>
    return { ...choices, ...numbers }
  })

  const problems = computed<FieldProblem[]>(() => validateHyperparameters(values.value, corpusVocabulary.value))
  const valid = computed(() => problems.value.length === 0)

  function errorFor(field: HyperparameterField): string | null {
    return problems.value.find((p) => p.field === field)?.message ?? null
  }

  /** The vocabulary the chosen minCount keeps in the loaded corpus. */
  const kept = computed(() => {
    const corpus = corpusVocabulary.value
    return corpus && Number.isInteger(values.value.minCount) ? vocabularyAt(corpus.vocabularyByMinCount, values.value.minCount) : null
  })

  const warnings = computed(() => hyperparameterWarnings(values.value, kept.value?.vocabSize ?? null))

  const memoryBytes = computed(() => (corpusVocabulary.value && valid.value ? trainingMemoryEstimate(values.value, corpusVocabulary.value) : null))

  function setText(field: NumberField, value: string): void {
    text[field] = value
    modified.value = true
  }

  function setChoice<K extends keyof Choices>(field: K, value: Choices[K]): void {
    choices[field] = value
    modified.value = true
  }

  /** The start request's settings; call only while `valid`. */
  function settingsForStart(): ReturnType<typeof startSettings> {
    return startSettings(values.value)
  }

  /** The first sentence against the fields a continued run takes from the form (epochs, learning rates, threads); null when they are fine. */
  const continueProblem = computed(() => problems.value.find((p) => (CONTINUE_FIELDS as readonly string[]).includes(p.field))?.message ?? null)

  /** A continued run's own epochs, learning rates and threads, as gensim's train() takes them on new text; call only while `continueProblem` is null. */
  function settingsForContinue(): ContinueSettings {
    return Object.fromEntries(CONTINUE_FIELDS.map((field) => [field, values.value[field]]))
  }

  /** The machine's thread count became known: an untouched preset follows it. */
  function threadsChanged(threads: number): void {
    if (threads === defaultThreads.value) return
    defaultThreads.value = threads
    if (!modified.value) applyPreset(preset.value)
  }

  function corpusChanged(counts: CorpusVocabulary | null): void {
    corpusVocabulary.value = counts
  }

  /**
   * Pretrained vectors the next run starts its shared words from (null: none), and whether they
   * stay fixed while the rest trains. A choice of the run's setup, like the settings above.
   */
  const initVectors = ref<{ path: string; lock: boolean } | null>(null)

  function setInitVectors(path: string | null): void {
    initVectors.value = path === null ? null : { path, lock: initVectors.value?.lock ?? false }
  }

  function setInitLock(lock: boolean): void {
    if (initVectors.value) initVectors.value = { ...initVectors.value, lock }
  }

  return {
    preset, modified, text, choices, defaultThreads, corpusVocabulary, values, problems, valid, continueProblem, kept, warnings, memoryBytes, initVectors,
    applyPreset, errorFor, setText, setChoice, settingsForStart, settingsForContinue, threadsChanged, corpusChanged, setInitVectors, setInitLock,
  }
})
