/**
 * The window ↔ main-process protocol: invoke channels (the window asks, main answers) and app
 * events (main tells the window). The desktop app binds them to ipcMain/ipcRenderer; the browser
 * test harness binds the same table to a WebSocket. Every argument is parsed on receipt.
 */
import * as v from 'valibot'
import { TrainerErrorSchema, TrainerRequestSchema } from './trainerProtocol'
import { FIGURE_FORMATS, FIGURE_KINDS } from './figures'
import { VectorFormatSchema } from './settingsSchemas'

/** The prefix of IPC channel names, so ours never collide with Electron's or a library's. */
export const CHANNEL_PREFIX = 'w2v:'
/** Main → window: app events. */
export const APP_EVENT_CHANNEL = 'w2v:event'
/** Main → window: the MessagePort on which the trainer's events stream. */
export const TRAINER_PORT_CHANNEL = 'w2v:trainer-port'
/**
 * Preload → main, synchronous: the path of a file the user dropped, as webUtils reports it, so
 * main lets the window's requests read it. Not part of window.w2v: the page cannot name a path.
 */
export const DROPPED_FILE_CHANNEL = 'w2v:dropped-file'

const path = v.pipe(v.string(), v.minLength(1), v.maxLength(4096))
const none = v.strictObject({})
/** A figure's content: an SVG or CSV as text, a PNG as base64. Generous: a PNG of a large plot at 2× is a few megabytes. */
const figureContent = v.pipe(v.string(), v.maxLength(256 * 1024 * 1024))

export const THEMES = ['system', 'light', 'dark'] as const

export const SettingsSchema = v.strictObject({
  theme: v.picklist(THEMES),
  /** Seconds between autosaves of a running training; 0 = only on stop. */
  autosaveSeconds: v.pipe(v.number(), v.minValue(0), v.maxValue(3600)),
  /** Training threads; null = one per core. */
  threads: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(256))),
  /** The corpus loaded at start-up; null = the built-in Moby-Dick. */
  lastCorpus: v.nullable(v.array(path)),
})
export type Settings = v.InferOutput<typeof SettingsSchema>

export const DEFAULT_SETTINGS: Settings = { theme: 'system', autosaveSeconds: 30, threads: null, lastCorpus: null }

export const RecentFileSchema = v.strictObject({ path: v.string(), kind: v.picklist(['corpus', 'vectors']), openedAt: v.number() })
export type RecentFile = v.InferOutput<typeof RecentFileSchema>

export const AppErrorSchema = v.strictObject({
  kind: v.picklist(['badRequest', 'notAllowed', 'unavailable', 'io', 'trainerExited', 'internal']),
  message: v.string(),
})
export type AppError = v.InferOutput<typeof AppErrorSchema>

/**
 * Invoke channels: name → the schema of its argument (parsed by main) and of its result
 * (what main returns inside `{ ok: true, value }`).
 */
export const APP_INVOKE = {
  /** A trainer request from the window (its id must start with "r"); answered with the trainer's response. */
  trainerRequest: { args: TrainerRequestSchema, result: v.strictObject({ ok: v.boolean(), result: v.optional(v.unknown()), error: v.optional(TrainerErrorSchema) }) },
  openCorpusDialog: { args: none, result: v.strictObject({ paths: v.array(v.string()) }) },
  /** A vectors file, or with `folder` a folder (a saved Spark Word2VecModel): no platform's dialog picks both. */
  openVectorsDialog: { args: v.strictObject({ folder: v.optional(v.boolean()) }), result: v.strictObject({ path: v.nullable(v.string()) }) },
  /**
   * Which of the given files the user dropped are folders a Spark model was saved to, so the
   * window opens one as vectors rather than read it as a corpus (the window cannot look inside).
   */
  sparkModelFolders: { args: v.strictObject({ paths: v.pipe(v.array(path), v.maxLength(10_000)) }), result: v.strictObject({ paths: v.array(v.string()) }) },
  openBenchmarkDialog: { args: v.strictObject({ kind: v.picklist(['analogy', 'wordPairs']) }), result: v.strictObject({ path: v.nullable(v.string()) }) },
  exportDialog: { args: v.strictObject({ defaultName: v.pipe(v.string(), v.maxLength(255)), format: v.optional(VectorFormatSchema) }), result: v.strictObject({ path: v.nullable(v.string()) }) },
  /**
   * Saves a figure the window drew (the scatter plot or the loss chart) where the user chooses:
   * main shows the save dialog, then writes the file. path null: the user cancelled.
   */
  saveFigure: {
    args: v.strictObject({ figure: v.picklist(FIGURE_KINDS), format: v.picklist(FIGURE_FORMATS), content: figureContent }),
    result: v.strictObject({ path: v.nullable(v.string()) }),
  },
  /** The built-in corpus (Moby-Dick), as a file path the trainer can read. */
  builtInCorpus: { args: none, result: v.strictObject({ path: v.string(), title: v.string() }) },
  getSettings: { args: none, result: SettingsSchema },
  updateSettings: { args: v.partial(SettingsSchema), result: SettingsSchema },
  recentFiles: { args: none, result: v.array(RecentFileSchema) },
  clearRecentFiles: { args: none, result: v.array(RecentFileSchema) },
  /** Start a new trainer after a crash; with fromCheckpoint, restore the last autosaved run (paused). */
  restartTrainer: { args: v.strictObject({ fromCheckpoint: v.boolean() }), result: v.strictObject({ restoredFrom: v.nullable(v.string()) }) },
  showItemInFolder: { args: v.strictObject({ path }), result: none },
  /** Opens an allow-listed external address (documentation, the Embedding Projector) in the browser. */
  openExternal: { args: v.strictObject({ url: v.pipe(v.string(), v.maxLength(2048)) }), result: none },
  appInfo: { args: none, result: v.strictObject({ name: v.string(), version: v.string(), licenses: v.array(v.strictObject({ name: v.string(), version: v.string(), license: v.string() })) }) },
} as const satisfies Record<string, { args: v.GenericSchema; result: v.GenericSchema }>

export type AppChannel = keyof typeof APP_INVOKE
export type AppArgs<K extends AppChannel> = v.InferInput<(typeof APP_INVOKE)[K]['args']>
export type AppResult<K extends AppChannel> = v.InferOutput<(typeof APP_INVOKE)[K]['result']>
export type AppResponse<K extends AppChannel> = { readonly ok: true; readonly value: AppResult<K> } | { readonly ok: false; readonly error: AppError }

export function channelName(channel: AppChannel): string {
  return `${CHANNEL_PREFIX}${channel}`
}

export const MENU_COMMANDS = [
  'openCorpus', 'openVectors', 'openSparkModel', 'export', 'train', 'pauseResume', 'stop', 'gradientCheck', 'about',
  'saveScatterPng', 'saveScatterSvg', 'saveScatterCsv', 'saveLossPng', 'saveLossSvg', 'saveLossCsv',
] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

export const AppEventSchema = v.variant('type', [
  /** The trainer process ended unexpectedly (crash, out of memory, killed); the window stays up. */
  v.strictObject({
    type: v.literal('trainerExited'),
    code: v.nullable(v.number()),
    reason: v.string(),
    /** The last checkpoint written (autosave or stop); what a restart can restore. */
    checkpointPath: v.nullable(v.string()),
  }),
  v.strictObject({ type: v.literal('trainerStarted'), pid: v.number() }),
  v.strictObject({ type: v.literal('menuCommand'), command: v.picklist(MENU_COMMANDS) }),
  /** A file given on the command line, dropped on the dock/taskbar icon or picked from File › Recent. */
  v.strictObject({ type: v.literal('openFile'), path: v.string(), kind: v.picklist(['corpus', 'vectors']) }),
  v.strictObject({ type: v.literal('settingsChanged'), settings: SettingsSchema }),
])
export type AppEvent = v.InferOutput<typeof AppEventSchema>
