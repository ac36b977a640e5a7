/**
 * The two figures the app saves (the word-vector scatter plot and the loss chart) and the three
 * forms each is saved in. One table for the window's controls, its File menu, the main process's
 * save dialog and `w2v plot`.
 */

export const FIGURE_KINDS = ['scatter', 'loss'] as const
export type FigureKind = (typeof FIGURE_KINDS)[number]

export const FIGURE_FORMATS = ['png', 'svg', 'csv'] as const
export type FigureFormat = (typeof FIGURE_FORMATS)[number]

/** What each figure is called in menus, dialogs and sentences. */
export const FIGURE_TITLES: Readonly<Record<FigureKind, string>> = { scatter: 'word vectors plot', loss: 'loss chart' }

/** What each form is called in menus and file filters. */
export const FIGURE_FORMAT_LABELS: Readonly<Record<FigureFormat, string>> = { png: 'PNG image', svg: 'SVG image', csv: 'CSV data' }

/** word_vectors is the name run.py saves its plot under; the loss chart has no course name. */
const FIGURE_BASE_NAMES: Readonly<Record<FigureKind, string>> = { scatter: 'word_vectors', loss: 'loss' }

export function figureFileName(kind: FigureKind, format: FigureFormat): string {
  return `${FIGURE_BASE_NAMES[kind]}.${format}`
}

/** The form a file name asks for by its extension (any case), or null when it names none of them. */
export function figureFormatOfPath(path: string): FigureFormat | null {
  const match = /\.([^./\\]+)$/u.exec(path)
  const extension = match?.[1]?.toLowerCase()
  return FIGURE_FORMATS.find((format) => format === extension) ?? null
}

/** PNGs are drawn at twice the chart's size, so they stay sharp on a high-density screen or a printed page. */
export const FIGURE_PNG_PIXEL_RATIO = 2
/** Saved images get a white background whatever the window's theme: a figure goes into documents. */
export const FIGURE_BACKGROUND = '#ffffff'

/** The File menu's command that saves each figure in each form. */
export const SAVE_FIGURE_COMMANDS = {
  scatter: { png: 'saveScatterPng', svg: 'saveScatterSvg', csv: 'saveScatterCsv' },
  loss: { png: 'saveLossPng', svg: 'saveLossSvg', csv: 'saveLossCsv' },
} as const satisfies Record<FigureKind, Record<FigureFormat, string>>

export type SaveFigureCommand = (typeof SAVE_FIGURE_COMMANDS)[FigureKind][FigureFormat]

/** The figure and form a save command names, or null for any other command. */
export function figureOfCommand(command: string): { figure: FigureKind; format: FigureFormat } | null {
  for (const figure of FIGURE_KINDS) {
    for (const format of FIGURE_FORMATS) if (SAVE_FIGURE_COMMANDS[figure][format] === command) return { figure, format }
  }
  return null
}
