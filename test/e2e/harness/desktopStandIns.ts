/**
 * What stands in for the desktop in the harness: file dialogs that give the answers a test
 * queued (and, like a cancelled dialog, nothing when none is queued; the AppService grants what
 * they answer exactly as it grants the native dialogs' answers), and a shell that records
 * what it was asked to open instead of opening it.
 */
import * as v from 'valibot'
import type { DesktopShell, Dialogs } from '../../../src-main/node/services/appService'

const path = v.pipe(v.string(), v.minLength(1), v.maxLength(4096))

/** A queued answer, named by the invoke channel whose dialog gives it (or, for a dialog main shows while it answers a trainer request, by the dialog's own name). */
export const DialogAnswerSchema = v.variant('channel', [
  v.strictObject({ channel: v.literal('openCorpusDialog'), answer: v.array(path) }),
  v.strictObject({ channel: v.literal('openVectorsDialog'), answer: v.nullable(path) }),
  v.strictObject({ channel: v.literal('openBenchmarkDialog'), answer: v.nullable(path) }),
  v.strictObject({ channel: v.literal('exportDialog'), answer: v.nullable(path) }),
  v.strictObject({ channel: v.literal('saveFigure'), answer: v.nullable(path) }),
  v.strictObject({ channel: v.literal('confirmCheckpointCorpus'), answer: v.boolean() }),
])
export type DialogAnswer = v.InferOutput<typeof DialogAnswerSchema>
type DialogChannel = DialogAnswer['channel']
type AnswerOf<C extends DialogChannel> = Extract<DialogAnswer, { channel: C }>['answer']

export class QueuedDialogs implements Dialogs {
  private readonly queues = new Map<DialogChannel, DialogAnswer[]>()

  enqueue(answer: DialogAnswer): void {
    const queue = this.queues.get(answer.channel) ?? []
    queue.push(answer)
    this.queues.set(answer.channel, queue)
  }

  clear(): void {
    this.queues.clear()
  }

  async openCorpus(): Promise<string[]> {
    return this.take('openCorpusDialog') ?? []
  }

  async openVectors(_folder: boolean): Promise<string | null> {
    return this.take('openVectorsDialog') ?? null
  }

  async openBenchmark(): Promise<string | null> {
    return this.take('openBenchmarkDialog') ?? null
  }

  async exportTarget(): Promise<string | null> {
    return this.take('exportDialog') ?? null
  }

  async figureTarget(): Promise<string | null> {
    return this.take('saveFigure') ?? null
  }

  async confirmCheckpointCorpus(): Promise<boolean> {
    return this.take('confirmCheckpointCorpus') ?? false
  }

  private take<C extends DialogChannel>(channel: C): AnswerOf<C> | undefined {
    return this.queues.get(channel)?.shift()?.answer as AnswerOf<C> | undefined
  }
}

export type ShellCall = { readonly call: 'openExternal'; readonly url: string } | { readonly call: 'showItemInFolder'; readonly path: string }

export class RecordingShell implements DesktopShell {
  readonly calls: ShellCall[] = []

  async openExternal(url: string): Promise<void> {
    this.calls.push({ call: 'openExternal', url })
  }

  showItemInFolder(path: string): void {
    this.calls.push({ call: 'showItemInFolder', path })
  }

  clear(): void {
    this.calls.length = 0
  }
}
