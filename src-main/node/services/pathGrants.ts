/**
 * The files the user chose, and so the only ones a request from the window may name. The
 * window is web content: if a page it shows were ever subverted, it must not turn the trainer
 * into a reader of /etc/shadow or a writer of ~/.bashrc. Main grants a path when the user
 * picks it — in an open dialog, by dropping it on the window, from File › Recent, on the
 * command line or from the file manager (read), in a save dialog (write) — and refuses every
 * other path a window request carries, with a sentence. A file chosen as a save target may be
 * read back (opening what one just exported); a file opened for reading may not be overwritten
 * by a request that did not pass a save dialog.
 */
import { resolve } from 'node:path'
import type { TrainerRequest, TrainerRequestType } from '../../core/contract/trainerProtocol'

interface RequestPaths {
  readonly read?: readonly string[]
  readonly write?: string
}

type PathsOf = { readonly [K in TrainerRequestType]: (request: Extract<TrainerRequest, { type: K }>) => RequestPaths }

const NONE = (): RequestPaths => ({})

/** Every request type says which of its fields are files, so a new one cannot slip past the rule. */
const PATHS_OF: PathsOf = {
  loadCorpus: (request) => ({ read: request.paths }),
  continueRun: (request) => ({ read: request.paths }),
  start: (request) => ({ read: request.initVectors ? [request.initVectors.path] : [] }),
  evaluate: (request) => ({ read: [request.path] }),
  openVectors: (request) => ({ read: [request.path] }),
  loadCheckpoint: (request) => ({ read: [request.path] }),
  export: (request) => ({ write: request.path }),
  saveCheckpoint: (request) => ({ write: request.path }),
  configureAutosave: (request) => ({ write: request.path }),
  pause: NONE, resume: NONE, stop: NONE, gradientCheck: NONE, setPlotWords: NONE,
  neighbours: NONE, analogy: NONE, expression: NONE, oddOneOut: NONE, projection: NONE, describe: NONE, forgetRuns: NONE, cancel: NONE, ack: NONE,
}

/** The same file however the window spells it ("a/../b.txt", a trailing separator). */
function key(path: string): string {
  return resolve(path)
}

export class PathGrants {
  private readonly readable = new Set<string>()
  private readonly writable = new Set<string>()

  grantRead(paths: Iterable<string>): void {
    for (const path of paths) this.readable.add(key(path))
  }

  grantWrite(path: string): void {
    this.writable.add(key(path))
  }

  mayRead(path: string): boolean {
    return this.readable.has(key(path)) || this.writable.has(key(path))
  }

  mayWrite(path: string): boolean {
    return this.writable.has(key(path))
  }

  /** Why these files may not be read, or null when the user chose every one. */
  refusalToRead(paths: readonly string[]): string | null {
    const stranger = paths.find((path) => !this.mayRead(path))
    if (stranger === undefined) return null
    return `“${stranger}” was not read: the app reads only files you open, drop on the window or pick from recent files. Open it from the File menu.`
  }

  /** Why the window may not send this request, or null when every file it names is the user's choice. */
  refusal(request: TrainerRequest): string | null {
    const paths = (PATHS_OF[request.type] as (r: TrainerRequest) => RequestPaths)(request)
    const unreadable = this.refusalToRead(paths.read ?? [])
    if (unreadable) return unreadable
    if (paths.write !== undefined && !this.mayWrite(paths.write)) {
      return `“${paths.write}” was not written: the app saves only to a place you chose in its Save dialog. Choose where to save with Export.`
    }
    return null
  }
}
