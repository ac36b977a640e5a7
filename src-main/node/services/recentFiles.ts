/** The files opened lately (File › Recent), newest first, kept in `recent-files.json`. */
import { join } from 'node:path'
import * as v from 'valibot'
import { RecentFileSchema, type RecentFile } from '../../core/contract/appProtocol'
import { Emitter } from './emitter'
import { JsonFile } from './jsonFile'
import type { Logger } from './logger'

export const MAX_RECENT_FILES = 10

const RecentFilesSchema = v.array(RecentFileSchema)

export class RecentFiles {
  private readonly file: JsonFile<typeof RecentFilesSchema>
  private files: readonly RecentFile[] = []
  private readonly changeEmitter: Emitter<readonly RecentFile[]>
  readonly onDidChange

  constructor(folder: string, log: Logger, private readonly now: () => number = Date.now) {
    this.file = new JsonFile(join(folder, 'recent-files.json'), RecentFilesSchema, 'recent files', log)
    this.changeEmitter = new Emitter<readonly RecentFile[]>((error) => log.error('A recent-files listener failed.', error))
    this.onDidChange = this.changeEmitter.event
  }

  async load(): Promise<readonly RecentFile[]> {
    this.files = ((await this.file.read()) ?? []).slice(0, MAX_RECENT_FILES)
    return this.files
  }

  list(): readonly RecentFile[] {
    return this.files
  }

  /** Puts `path` first (once, whatever it was opened as before) and forgets the oldest beyond ten. */
  async add(path: string, kind: RecentFile['kind']): Promise<readonly RecentFile[]> {
    const entry: RecentFile = { path, kind, openedAt: this.now() }
    return this.replace([entry, ...this.files.filter((file) => file.path !== path)].slice(0, MAX_RECENT_FILES))
  }

  clear(): Promise<readonly RecentFile[]> {
    return this.replace([])
  }

  // In memory first, so additions made while an earlier one is being written build on it.
  private async replace(files: readonly RecentFile[]): Promise<readonly RecentFile[]> {
    this.files = files
    this.changeEmitter.fire(files)
    await this.file.write([...files])
    return files
  }
}
