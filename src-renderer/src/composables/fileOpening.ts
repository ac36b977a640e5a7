/**
 * Files the user hands the window (dropped, chosen in a dialog, sent by the app from the command
 * line or File › Recent) go where their kind says: text files become the corpus (several are
 * concatenated), one vectors file (or a Spark model's folder) opens for exploration.
 */
import type { DroppedFile } from '@contract/preloadApi'
import { useCorpusStore } from '../stores/corpus'
import { type FileKind, kindOfPath } from './filePaths'
import { loadCorpus, openVectors } from './session'
import { w2v } from './w2vApi'

export async function openPaths(paths: readonly string[], kind?: FileKind): Promise<void> {
  await openAs(paths, paths.map((p) => kind ?? kindOfPath(p)))
}

async function openAs(paths: readonly string[], kinds: readonly FileKind[]): Promise<void> {
  if (paths.length === 0) return
  if (kinds.includes('vectors') && paths.length > 1) {
    useCorpusStore().refuse('Drop one vectors file at a time, or only text files to load them together as a corpus.')
    return
  }
  if (kinds.includes('vectors')) await openVectors(paths[0]!)
  else await loadCorpus(paths)
}

/**
 * Dropped files by their paths on disk; a file without one (dragged from a browser, say) cannot
 * be read. A folder a Spark model was saved to opens as vectors, as "Open Spark model…" does.
 */
export async function openDroppedFiles(files: readonly DroppedFile[]): Promise<void> {
  if (files.length === 0) return
  const api = w2v()
  const paths = files.map((file) => api.pathForFile(file))
  const unreadable = files.find((_, i) => paths[i] === '')
  if (unreadable) {
    useCorpusStore().refuse(`“${unreadable.name}” is not a file on this computer's disk, so it cannot be loaded; save it first, then drop or open the saved file.`)
    return
  }
  const spark = await api.sparkModelFolders({ paths })
  if (!spark.ok) {
    useCorpusStore().refuse(spark.error.message)
    return
  }
  await openAs(paths, paths.map((p) => (spark.value.paths.includes(p) ? 'vectors' : kindOfPath(p))))
}

export async function chooseCorpus(): Promise<void> {
  const chosen = await w2v().openCorpusDialog({})
  if (!chosen.ok) useCorpusStore().refuse(chosen.error.message)
  else await openPaths(chosen.value.paths, 'corpus')
}

/** A vectors file, or with `folder` a saved Spark Word2VecModel's folder. */
export async function chooseVectors(options: { folder?: boolean } = {}): Promise<void> {
  const chosen = await w2v().openVectorsDialog(options)
  if (!chosen.ok) useCorpusStore().refuse(chosen.error.message)
  else if (chosen.value.path) await openPaths([chosen.value.path], 'vectors')
}
