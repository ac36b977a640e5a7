/**
 * The native file choosers behind the AppService's dialog channels: open a corpus (text files,
 * several at once), open vectors, open a benchmark file, pick an export target whose name
 * ends with the chosen format's extension, and confirm reading the corpus a checkpoint names.
 */
import { basename, extname } from 'node:path'
import { dialog, type BrowserWindow, type FileFilter } from 'electron'
import { FIGURE_FORMAT_LABELS, type FigureFormat } from '../core/contract/figures'
import { VECTOR_FORMATS, type VectorFormat } from '../core/vectors/vectorFormats'
import type { Dialogs } from '../node/services/appService'

const ALL_FILES: FileFilter = { name: 'All Files', extensions: ['*'] }
const VECTOR_FILES: FileFilter = { name: 'Word Vectors', extensions: ['vec', 'txt', 'bin', 'npy', 'json', 'tsv'] }

/** The extensions (without dot) a format's files take; GloVe has no extension of its own and is plain text. */
export function exportExtensions(format: VectorFormat): string[] {
  const info = VECTOR_FORMATS.find((f) => f.format === format)
  const extensions = info?.extensions.map((e) => e.slice(1)) ?? []
  return extensions.length > 0 ? extensions : ['txt']
}

/** `path` with the format's first extension added, unless it already ends with one of them. */
export function withExportExtension(path: string, format: VectorFormat | undefined): string {
  if (!format) return path
  const extensions = exportExtensions(format)
  return extensions.includes(extname(path).slice(1).toLowerCase()) ? path : `${path}.${extensions[0]}`
}

/** `path` ending in the figure form's extension (some platforms' dialogs do not add it). */
export function withFigureExtension(path: string, format: FigureFormat): string {
  return extname(path).slice(1).toLowerCase() === format ? path : `${path}.${format}`
}

export function createElectronDialogs(window: () => BrowserWindow | null): Dialogs {
  async function open(options: Electron.OpenDialogOptions): Promise<string[]> {
    const parent = window()
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
    return result.canceled ? [] : result.filePaths
  }

  return {
    openCorpus: () => open({
      title: 'Open Corpus',
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: 'Text Files', extensions: ['txt', 'text'] }, ALL_FILES],
    }),

    openVectors: async (folder) => (await open(folder
      ? { title: 'Open Spark Word2VecModel Folder', properties: ['openDirectory'] }
      : { title: 'Open Vectors', properties: ['openFile'], filters: [VECTOR_FILES, ALL_FILES] }))[0] ?? null,

    openBenchmark: async (kind) => (await open({
      title: kind === 'analogy' ? 'Open Analogy Questions' : 'Open Word-Pair Similarities',
      properties: ['openFile'],
      filters: [kind === 'analogy' ? { name: 'Analogy Questions', extensions: ['txt'] } : { name: 'Word Pairs', extensions: ['tsv', 'txt', 'csv'] }, ALL_FILES],
    }))[0] ?? null,

    async exportTarget(defaultName, format) {
      const options: Electron.SaveDialogOptions = {
        title: 'Export Vectors',
        defaultPath: withExportExtension(defaultName, format),
        filters: format ? [{ name: VECTOR_FORMATS.find((f) => f.format === format)?.label ?? format, extensions: exportExtensions(format) }] : [VECTOR_FILES, ALL_FILES],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }
      const parent = window()
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      // Some platforms' dialogs do not add the extension the filter names.
      return result.canceled || !result.filePath ? null : withExportExtension(result.filePath, format)
    },

    async figureTarget(defaultName, format) {
      const options: Electron.SaveDialogOptions = {
        title: 'Save Figure',
        defaultPath: defaultName,
        filters: [{ name: FIGURE_FORMAT_LABELS[format], extensions: [format] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }
      const parent = window()
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : withFigureExtension(result.filePath, format)
    },

    async confirmCheckpointCorpus(checkpoint, corpusPaths) {
      const options: Electron.MessageBoxOptions = {
        type: 'question',
        title: 'Open Checkpoint',
        message: `Read the corpus “${basename(checkpoint)}” was trained on?`,
        detail: `To restore the run, the app reads these files again:\n\n${corpusPaths.join('\n')}\n\nRead them only if you trust where the checkpoint came from.`,
        buttons: ['Read These Files', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
      }
      const parent = window()
      const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
      return response === 0
    },
  }
}
