import { rebuildStaleOutputs } from './builtOutputs'

/** Integration tests fork and load built files: rebuild whichever is older than its sources. */
export default function setup(): void {
  rebuildStaleOutputs((line) => process.stderr.write(`${line}\n`))
}
