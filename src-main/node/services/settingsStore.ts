/** The app's settings, kept in `settings.json` in the app's data folder (Electron's userData). */
import { join } from 'node:path'
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../core/contract/appProtocol'
import { parseMessage } from '../../core/contract/validation'
import { Emitter } from './emitter'
import { JsonFile } from './jsonFile'
import type { Logger } from './logger'

export class SettingsStore {
  private readonly file: JsonFile<typeof SettingsSchema>
  private current: Settings = DEFAULT_SETTINGS
  private readonly changeEmitter: Emitter<Settings>
  readonly onDidChange

  constructor(folder: string, log: Logger) {
    this.file = new JsonFile(join(folder, 'settings.json'), SettingsSchema, 'settings', log)
    this.changeEmitter = new Emitter<Settings>((error) => log.error('A settings listener failed.', error))
    this.onDidChange = this.changeEmitter.event
  }

  get path(): string {
    return this.file.path
  }

  async load(): Promise<Settings> {
    this.current = (await this.file.read()) ?? DEFAULT_SETTINGS
    return this.current
  }

  get(): Settings {
    return this.current
  }

  /**
   * Merges `patch` into the settings and saves them. The merge is immediate, so updates made
   * while an earlier one is still being written build on it; a failed write rejects (the new
   * settings then hold for this session only).
   */
  async update(patch: Partial<Settings>): Promise<Settings> {
    const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined))
    const next = parseMessage(SettingsSchema, { ...this.current, ...given }, 'settings')
    this.current = next
    this.changeEmitter.fire(next)
    await this.file.write(next)
    return next
  }
}
