/**
 * Everything the window can ask of the main process, one method per APP_INVOKE channel, each
 * resolving to `{ ok, value | error }` and never throwing. The collaborators — native dialogs,
 * the desktop shell, the trainer, the stores — come in as arguments, so the Electron IPC
 * binding and the browser harness's WebSocket bind this very object; `invoke` is their single
 * entry point and parses each request's arguments with the contract's schema first. Files are
 * the user's to choose (pathGrants.ts): what a dialog answers is granted here, whichever
 * binding's dialogs they are, and a request naming any other file is refused.
 */
import { access } from 'node:fs/promises'
import type * as v from 'valibot'
import {
  APP_INVOKE, type AppChannel, type AppEvent, type AppResponse, type AppResult,
} from '../../core/contract/appProtocol'
import type { TrainerRequest } from '../../core/contract/trainerProtocol'
import { TRAINER_RESULT_SCHEMAS } from '../../core/contract/trainerResults'
import { checkMessage } from '../../core/contract/validation'
import { type FigureFormat, FIGURE_TITLES, figureFileName } from '../../core/contract/figures'
import type { VectorFormat } from '../../core/vectors/vectorFormats'
import { CheckpointError } from '../checkpointFile'
import { checkpointCorpusPaths } from '../training/trainingCheckpoint'
import { isSparkModelFolder } from '../vectors/sparkModelReader'
import { AppRequestError, appError, toAppError } from './appErrors'
import { BUILT_IN_CORPUS_TITLE } from './builtInCorpus'
import { checkExternalUrl } from './externalLinks'
import { figureBytesFromWindow, writeFigureFile } from '../figures/figureFile'
import type { PackageLicense } from './licenses'
import type { Logger } from './logger'
import type { PathGrants } from './pathGrants'
import type { RecentFiles } from './recentFiles'
import type { SettingsStore } from './settingsStore'
import type { TrainingService } from './trainingService'

export type AppParsedArgs<K extends AppChannel> = v.InferOutput<(typeof APP_INVOKE)[K]['args']>
export type AppHandlers = { readonly [K in AppChannel]: (args: AppParsedArgs<K>) => Promise<AppResponse<K>> }

/** Native file choosers; each resolves to null (or no paths) when the user cancels. */
export interface Dialogs {
  openCorpus(): Promise<string[]>
  /** `folder`: choose a folder (a Spark model) instead of a file. */
  openVectors(folder: boolean): Promise<string | null>
  openBenchmark(kind: 'analogy' | 'wordPairs'): Promise<string | null>
  exportTarget(defaultName: string, format: VectorFormat | undefined): Promise<string | null>
  /** Where to save a figure, its name ending in the form's extension. */
  figureTarget(defaultName: string, format: FigureFormat): Promise<string | null>
  /** Asks whether the trainer may read the corpus files a checkpoint names; false when the user declines. */
  confirmCheckpointCorpus(checkpoint: string, corpusPaths: readonly string[]): Promise<boolean>
}

export interface DesktopShell {
  openExternal(url: string): Promise<void>
  showItemInFolder(path: string): void
}

export interface AppInfo {
  readonly name: string
  readonly version: string
  readonly licenses: readonly PackageLicense[]
}

export interface AppServiceOptions {
  readonly dialogs: Dialogs
  readonly shell: DesktopShell
  /** The built-in corpus's file, or null when this installation lacks it. */
  readonly builtInCorpusPath: () => string | null
  readonly training: Pick<TrainingService, 'forward' | 'post' | 'restart' | 'configureAutosave'>
  readonly settings: Pick<SettingsStore, 'get' | 'update' | 'onDidChange'>
  readonly recentFiles: Pick<RecentFiles, 'list' | 'add' | 'clear'>
  /** The files the user chose; the binding adds those it learns of itself (drops, the command line). */
  readonly paths: PathGrants
  readonly appInfo: () => Promise<AppInfo>
  /** Where app events go (the window). */
  readonly emit: (event: AppEvent) => void
  readonly log: Logger
}

type TrainerReplyValue = AppResult<'trainerRequest'>

export class AppService implements AppHandlers {
  constructor(private readonly options: AppServiceOptions) {
    // Chosen in an earlier session, and the app's own corpus.
    const builtIn = options.builtInCorpusPath()
    options.paths.grantRead([...options.recentFiles.list().map((file) => file.path), ...(options.settings.get().lastCorpus ?? []), ...(builtIn ? [builtIn] : [])])
    let autosaveSeconds = options.settings.get().autosaveSeconds
    options.settings.onDidChange((settings) => {
      options.emit({ type: 'settingsChanged', settings })
      if (settings.autosaveSeconds === autosaveSeconds) return
      autosaveSeconds = settings.autosaveSeconds
      options.training.configureAutosave().catch((error: unknown) => options.log.warn(`The new autosave interval was not applied: ${(error as Error).message}`, error))
    })
  }

  /** The bindings' entry point: an untrusted channel name and argument, parsed here. */
  async invoke(channel: string, args: unknown): Promise<AppResponse<AppChannel>> {
    if (!Object.hasOwn(APP_INVOKE, channel)) return { ok: false, error: appError('badRequest', `The app has no “${channel}” request.`) }
    const name = channel as AppChannel
    const checked = checkMessage(APP_INVOKE[name].args, args, `“${name}” arguments`)
    if (!checked.ok) return { ok: false, error: appError('badRequest', checked.error.message) }
    const handler = this[name] as (parsed: unknown) => Promise<AppResponse<AppChannel>>
    return handler.call(this, checked.value)
  }

  trainerRequest(request: AppParsedArgs<'trainerRequest'>): Promise<AppResponse<'trainerRequest'>> {
    return this.attempt(async () => {
      if (request.type === 'ack') {
        this.options.training.post(request)
        return { ok: true }
      }
      if (!request.id.startsWith('r')) {
        throw new AppRequestError('badRequest', `Requests from the window need an id that starts with “r”; “${request.id}” does not.`)
      }
      const refusal = this.options.paths.refusal(request)
      if (refusal) throw new AppRequestError('notAllowed', refusal)
      const forwarded = request.type === 'loadCheckpoint' ? { ...request, corpusPaths: await this.confirmCheckpointCorpus(request.path) } : request
      const reply = await this.options.training.forward(forwarded)
      if (!reply.ok) return reply
      const checked = checkMessage(TRAINER_RESULT_SCHEMAS[request.type], reply.result, `“${request.type}” result`)
      if (!checked.ok) return { ok: false, error: { kind: 'protocol', message: checked.error.message } } satisfies TrainerReplyValue
      await this.remember(request)
      return { ok: true, result: checked.value }
    })
  }

  openCorpusDialog(): Promise<AppResponse<'openCorpusDialog'>> {
    return this.attempt(async () => ({ paths: this.granted(await this.options.dialogs.openCorpus()) }))
  }

  openVectorsDialog({ folder }: AppParsedArgs<'openVectorsDialog'>): Promise<AppResponse<'openVectorsDialog'>> {
    return this.attempt(async () => ({ path: this.grantedOne(await this.options.dialogs.openVectors(folder === true)) }))
  }

  sparkModelFolders({ paths }: AppParsedArgs<'sparkModelFolders'>): Promise<AppResponse<'sparkModelFolders'>> {
    return this.attempt(async () => {
      const refusal = this.options.paths.refusalToRead(paths)
      if (refusal) throw new AppRequestError('notAllowed', refusal)
      const folders: string[] = []
      for (const path of paths) if (await isSparkModelFolder(path)) folders.push(path)
      return { paths: folders }
    })
  }

  openBenchmarkDialog({ kind }: AppParsedArgs<'openBenchmarkDialog'>): Promise<AppResponse<'openBenchmarkDialog'>> {
    return this.attempt(async () => ({ path: this.grantedOne(await this.options.dialogs.openBenchmark(kind)) }))
  }

  exportDialog({ defaultName, format }: AppParsedArgs<'exportDialog'>): Promise<AppResponse<'exportDialog'>> {
    return this.attempt(async () => {
      const path = await this.options.dialogs.exportTarget(defaultName, format)
      if (path !== null) this.options.paths.grantWrite(path)
      return { path }
    })
  }

  saveFigure({ figure, format, content }: AppParsedArgs<'saveFigure'>): Promise<AppResponse<'saveFigure'>> {
    return this.attempt(async () => {
      const bytes = figureBytesFromWindow(figure, format, content)
      const path = await this.options.dialogs.figureTarget(figureFileName(figure, format), format)
      if (path === null) return { path }
      this.options.paths.grantWrite(path)
      await writeFigureFile(path, bytes, `the ${FIGURE_TITLES[figure]}`)
      return { path }
    })
  }

  builtInCorpus(): Promise<AppResponse<'builtInCorpus'>> {
    return this.attempt(async () => {
      const path = this.options.builtInCorpusPath()
      if (!path || !(await exists(path))) {
        throw new AppRequestError('unavailable', 'The built-in corpus (Moby-Dick) is missing from this installation; open a text file of your own instead.')
      }
      return { path, title: BUILT_IN_CORPUS_TITLE }
    })
  }

  getSettings(): Promise<AppResponse<'getSettings'>> {
    return this.attempt(async () => this.options.settings.get())
  }

  updateSettings(patch: AppParsedArgs<'updateSettings'>): Promise<AppResponse<'updateSettings'>> {
    return this.attempt(() => {
      // The corpus to load at the next start is read then without asking: only one the user chose.
      const refusal = this.options.paths.refusalToRead(patch.lastCorpus ?? [])
      if (refusal) throw new AppRequestError('notAllowed', refusal)
      return this.options.settings.update(patch)
    })
  }

  recentFiles(): Promise<AppResponse<'recentFiles'>> {
    return this.attempt(async () => [...this.options.recentFiles.list()])
  }

  clearRecentFiles(): Promise<AppResponse<'clearRecentFiles'>> {
    return this.attempt(async () => [...(await this.options.recentFiles.clear())])
  }

  restartTrainer({ fromCheckpoint }: AppParsedArgs<'restartTrainer'>): Promise<AppResponse<'restartTrainer'>> {
    return this.attempt(() => this.options.training.restart({ fromCheckpoint }))
  }

  showItemInFolder({ path }: AppParsedArgs<'showItemInFolder'>): Promise<AppResponse<'showItemInFolder'>> {
    return this.attempt(async () => {
      if (!this.options.paths.mayRead(path)) throw new AppRequestError('notAllowed', `“${path}” is not a file you opened or saved in the app, so it is not shown.`)
      if (!(await exists(path))) throw new AppRequestError('io', `There is no file at “${path}” any more.`)
      this.options.shell.showItemInFolder(path)
      return {}
    })
  }

  openExternal({ url }: AppParsedArgs<'openExternal'>): Promise<AppResponse<'openExternal'>> {
    return this.attempt(async () => {
      const checked = checkExternalUrl(url)
      if (!checked.ok) throw new AppRequestError('notAllowed', checked.reason)
      await this.options.shell.openExternal(checked.url)
      return {}
    })
  }

  appInfo(): Promise<AppResponse<'appInfo'>> {
    return this.attempt(async () => {
      const info = await this.options.appInfo()
      return { name: info.name, version: info.version, licenses: [...info.licenses] }
    })
  }

  private granted(paths: string[]): string[] {
    this.options.paths.grantRead(paths)
    return paths
  }

  private grantedOne(path: string | null): string | null {
    return path === null ? null : this.granted([path])[0]!
  }

  /**
   * A checkpoint names the corpus files it was trained on, and restoring it reads them. The user
   * chose the checkpoint, not necessarily those files (a checkpoint from someone else can name
   * any file), so any the user has not chosen are read only once the user confirms them. The
   * files named then go along with the request: the trainer reads those and no others.
   */
  private async confirmCheckpointCorpus(checkpoint: string): Promise<string[]> {
    let named: string[]
    try {
      named = await checkpointCorpusPaths(checkpoint)
    } catch (error) {
      // Not a checkpoint, or a damaged one: the trainer says so in its own words when it tries,
      // and may read no corpus for it.
      if (error instanceof CheckpointError) return []
      throw error
    }
    const unchosen = named.filter((path) => !this.options.paths.mayRead(path))
    if (unchosen.length === 0) return named
    if (!(await this.options.dialogs.confirmCheckpointCorpus(checkpoint, unchosen))) {
      throw new AppRequestError('notAllowed', `The checkpoint was not opened: it reads its corpus from ${unchosen.map((path) => `“${path}”`).join(', ')}, which you did not confirm.`)
    }
    this.options.paths.grantRead(unchosen)
    return named
  }

  /** What a successful request says about the user's files: recent files, and the corpus to load next time. */
  private async remember(request: Exclude<TrainerRequest, { type: 'ack' }>): Promise<void> {
    const { recentFiles, settings, log } = this.options
    try {
      if (request.type === 'loadCorpus') {
        const builtIn = this.options.builtInCorpusPath()
        const own = request.paths.filter((path) => path !== builtIn)
        for (const path of [...own].reverse()) await recentFiles.add(path, 'corpus')
        await settings.update({ lastCorpus: own.length > 0 ? request.paths : null })
      } else if (request.type === 'openVectors') {
        await recentFiles.add(request.path, 'vectors')
      }
    } catch (error) {
      log.warn(`Could not remember the opened file: ${(error as Error).message}`, error)
    }
  }

  private async attempt<K extends AppChannel>(work: () => Promise<AppResult<K>>): Promise<AppResponse<K>> {
    try {
      return { ok: true, value: await work() }
    } catch (error) {
      return { ok: false, error: toAppError(error, this.options.log) }
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}
