/**
 * What a user can get wrong when training (a learning rate that blows up, a setting out of range,
 * a saved state from another run, a corpus with nothing to learn from) ends as one of these
 * typed errors. Both schedules use them, so the sentences live here and read alike.
 */

/** Where in a run something happened, as a user reads it: 'iteration 1234', 'epoch 2 (41%)'. */
export interface DivergenceDetails {
  readonly at: string
  /** What stopped being finite: the loss, or the word vectors after an update. */
  readonly quantity: 'loss' | 'vectors'
  /** The offending value: NaN, Infinity or −Infinity. */
  readonly value: number
  /** The learning rate the user chose (reported as they set it, before any annealing or decay). */
  readonly learningRate: number
  /** The setting's name in the user's words: 'step' (course schedule) or 'alpha' (word2vec schedule). */
  readonly setting: string
}

function describeNonFinite(value: number): string {
  return Number.isNaN(value) ? 'NaN' : 'infinite'
}

/**
 * Training produced a loss or a vector that is not a finite number. It is thrown before the bad
 * value can reach a saved state, so the last checkpoint written is still good.
 */
export class TrainingDivergedError extends Error {
  override readonly name = 'TrainingDivergedError'
  readonly kind = 'diverged'

  constructor(readonly details: DivergenceDetails) {
    const what = details.quantity === 'loss' ? 'the loss' : 'the word vectors'
    super(
      `Training diverged at ${details.at}: ${what} became ${describeNonFinite(details.value)}. ` +
        `The learning rate (${details.learningRate}) is probably too high; try a smaller ${details.setting}.`,
    )
  }
}

/** A training setting is out of range; `field` names it as the config does ('window', 'step'). */
export class TrainingConfigError extends Error {
  override readonly name: string = 'TrainingConfigError'

  constructor(readonly field: string, message: string) {
    super(message)
  }
}

/** A saved training state does not fit the run it is resumed into (another vocabulary, dimension or optimizer). */
export class TrainingResumeError extends Error {
  override readonly name = 'TrainingResumeError'
}

/** The corpus has no sentence with two different words, so no window has a context to predict. */
export class NoTrainingContextError extends Error {
  override readonly name = 'NoTrainingContextError'

  constructor() {
    super('The corpus has no sentence with two different words in it, so there is nothing to learn from. Use a larger corpus or a lower minCount.')
  }
}

/**
 * A run would need more memory than there is: refused before anything is allocated. `field` is
 * the setting that moves the figure most, so the form can point at it.
 */
export class TrainingMemoryError extends TrainingConfigError {
  override readonly name = 'TrainingMemoryError'

  constructor(field: string, message: string, readonly neededBytes: number, readonly availableBytes: number) {
    super(field, message)
  }
}

/**
 * A run cannot start from the vectors it was given: pretrained vectors of another dimension or
 * sharing no word with the corpus, or a saved run that cannot be continued on another corpus.
 */
export class WarmStartError extends Error {
  override readonly name = 'WarmStartError'
}
