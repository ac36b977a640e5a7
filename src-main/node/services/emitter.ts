/**
 * Typed events in the VS Code style: a service owns an Emitter and exposes its `event`; a
 * subscriber gets back the function that unsubscribes it. A listener that throws is reported
 * and does not stop the others (nor the process event that triggered it).
 */
export type Unsubscribe = () => void
export type Event<T> = (listener: (value: T) => void) => Unsubscribe

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>()

  constructor(private readonly onListenerError: (error: unknown) => void = (error) => console.error(error)) {}

  readonly event: Event<T> = (listener) => {
    // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
    const entry = (value: T): void => listener(value)
    this.listeners.add(entry)
    return () => void this.listeners.delete(entry)
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value)
      } catch (error) {
        this.onListenerError(error)
      }
    }
  }
}
