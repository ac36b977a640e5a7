/**
 * `npm run harness` (or `tsx test/e2e/harness/server.ts --port N`): serves the built app to
 * any browser with the real services behind it, for the end-to-end tests and for a look by
 * hand. --port 0 takes any free port; the URL to open, with this start's secret token, is
 * printed once the server listens. A test runner can choose the token by setting
 * W2V_HARNESS_TOKEN.
 */
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { HARNESS_TOKEN_ENV } from './harnessAccess'
import { startHarnessServer } from './harnessServer'

const DEFAULT_PORT = 5199

function portFrom(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' } } })
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port takes a port number from 0 to 65535, not “${values.port ?? ''}”.`)
  return port
}

async function main(): Promise<void> {
  const server = await startHarnessServer({
    port: portFrom(process.argv.slice(2)),
    root: fileURLToPath(new URL('../../..', import.meta.url)),
    token: process.env[HARNESS_TOKEN_ENV] || undefined,
  })
  console.log(`Word2Vec Studio harness: ${server.pageUrl}`)
  let closing = false
  const close = (): void => {
    if (closing) return
    closing = true
    server.close().then(() => process.exit(0), (error: unknown) => {
      console.error(error)
      process.exit(1)
    })
  }
  process.on('SIGINT', close)
  process.on('SIGTERM', close)
}

main().catch((error: unknown) => {
  console.error((error as Error).message)
  process.exit(1)
})
