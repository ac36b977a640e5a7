/**
 * Nearest neighbours for the scatter plot's tooltip: asked once per word and remembered, since
 * a query may take a while and the pointer keeps coming back to the same words. A new snapshot
 * means new vectors, so the owner clears the memory then.
 */
export type NeighbourState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly neighbours: readonly string[] }
  | { readonly status: 'failed'; readonly message: string }

export interface NeighbourLookup {
  /** What is known now, and, while a query runs, when it settles. */
  lookup(word: string): { readonly now: NeighbourState; readonly settled: Promise<NeighbourState> | null }
  /** Forget every answer (the vectors changed); answers still on their way are not remembered. */
  clear(): void
}

export function createNeighbourLookup(neighboursOf: (word: string) => Promise<readonly string[]>): NeighbourLookup {
  const known = new Map<string, NeighbourState>()
  const inFlight = new Map<string, Promise<NeighbourState>>()
  let generation = 0

  function query(word: string): Promise<NeighbourState> {
    const asked = generation
    const settled = neighboursOf(word).then(
      (neighbours): NeighbourState => ({ status: 'ready', neighbours }),
      (error: unknown): NeighbourState => ({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    )
    inFlight.set(word, settled)
    void settled.then((state) => {
      if (asked !== generation) return
      inFlight.delete(word)
      // A failure is not remembered: the next hover asks again.
      if (state.status === 'ready') known.set(word, state)
    })
    return settled
  }

  return {
    lookup(word) {
      const state = known.get(word)
      if (state) return { now: state, settled: null }
      return { now: { status: 'loading' }, settled: inFlight.get(word) ?? query(word) }
    },
    clear() {
      generation++
      known.clear()
      inFlight.clear()
    },
  }
}
