/**
 * The services of one app run, wired as src-main/electron-main/index.ts wires them: settings
 * and recent files in a user-data folder, the trainer process behind TrainingService, and the
 * AppService the window talks to. Only the collaborators differ: the trainer is forked under
 * plain Node, dialogs and shell are the harness's stand-ins, and the window is the WebSockets
 * (which have no MessagePort, so every trainer event is relayed through main's link).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppService, type DesktopShell, type Dialogs } from '../../../src-main/node/services/appService'
import { builtInCorpusPath } from '../../../src-main/node/services/builtInCorpus'
import { readDependencyLicenses } from '../../../src-main/node/services/licenses'
import type { Logger } from '../../../src-main/node/services/logger'
import { PathGrants } from '../../../src-main/node/services/pathGrants'
import { RecentFiles } from '../../../src-main/node/services/recentFiles'
import { SettingsStore } from '../../../src-main/node/services/settingsStore'
import { trainerArguments } from '../../../src-main/node/services/trainerArguments'
import { type TrainerProcessHandle, forkTrainerProcess } from '../../../src-main/node/services/trainerProcess'
import { TrainingService } from '../../../src-main/node/services/trainingService'
import type { SocketWindows } from './socketWindows'

export interface AppSessionOptions {
  /** The repository: out/main/trainer.js and node_modules are found from here. */
  readonly root: string
  readonly userData: string
  readonly dialogs: Dialogs
  readonly shell: DesktopShell
  readonly windows: SocketWindows
  readonly log: Logger
}

export interface AppSession {
  readonly service: AppService
  readonly training: TrainingService
  /** The files this run's user chose; an upload (the harness's drop) is granted here. */
  readonly paths: PathGrants
  /** Settles once the first trainer has started (or failed to). */
  readonly started: Promise<void>
  /** Kills the running trainer as the system would (SIGKILL); false when none runs. */
  killTrainer(): boolean
}

interface PackageJson {
  readonly productName: string
  readonly version: string
}

export async function openAppSession(options: AppSessionOptions): Promise<AppSession> {
  const { root, userData, windows, log } = options
  const settings = new SettingsStore(userData, log)
  const recentFiles = new RecentFiles(userData, log)
  await Promise.all([settings.load(), recentFiles.load()])
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as PackageJson

  let trainer: TrainerProcessHandle | null = null
  const training = new TrainingService({
    launch: () => (trainer = forkTrainerProcess(join(root, 'out', 'main', 'trainer.js'), { args: trainerArguments(userData) })),
    autosavePath: join(userData, 'checkpoints', 'autosave.w2vckpt'),
    autosaveSeconds: () => settings.get().autosaveSeconds,
    emit: (event) => windows.sendAppEvent(event),
    relay: (event) => windows.relayTrainerEvent(event),
    log,
  })
  const paths = new PathGrants()
  const service = new AppService({
    dialogs: options.dialogs,
    shell: options.shell,
    builtInCorpusPath: () => builtInCorpusPath({ packaged: false, resourcesPath: '', searchFrom: root }),
    training,
    settings,
    recentFiles,
    paths,
    appInfo: async () => ({
      name: pkg.productName,
      version: pkg.version,
      licenses: [{ name: 'electron', version: 'harness', license: 'MIT' }, ...(await readDependencyLicenses(root))],
    }),
    emit: (event) => windows.sendAppEvent(event),
    log,
  })
  // As in main: a start failure reaches the window as trainerExited, which offers a restart.
  const started = training.start().then(() => undefined, (error: unknown) => log.error('The trainer did not start.', error))
  const killTrainer = () => trainer?.pid !== undefined && trainer.kill('SIGKILL')
  return { service, training, paths, started, killTrainer }
}
