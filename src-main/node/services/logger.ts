/**
 * Where services report what the user does not need to act on right now (an invalid message
 * that was dropped, a corrupt settings file replaced by defaults). The app logs to the console;
 * tests collect the entries to assert on them.
 */
export interface Logger {
  warn(message: string, detail?: unknown): void
  error(message: string, detail?: unknown): void
}

export const consoleLogger: Logger = {
  warn: (message, detail) => (detail === undefined ? console.warn(message) : console.warn(message, detail)),
  error: (message, detail) => (detail === undefined ? console.error(message) : console.error(message, detail)),
}
