/**
 * The trainer process' command line, written by its launchers (the app's, the harness') and read
 * by trainer/index.ts. Prepared corpora (token files, 4 bytes a word) go to a folder of the app's
 * data rather than the OS's temporary folder, which is memory (tmpfs) on some Linux systems: a
 * corpus of a billion words there would take 4 GB of RAM.
 */
import { join } from 'node:path'

const TOKEN_DIRECTORY_FLAG = '--token-directory'

export function trainerArguments(userData: string): string[] {
  return [TOKEN_DIRECTORY_FLAG, join(userData, 'prepared-corpora')]
}

/** The token files' folder the command line names, if it names one. */
export function tokenDirectoryArgument(argv: readonly string[]): string | undefined {
  const at = argv.indexOf(TOKEN_DIRECTORY_FLAG)
  return at === -1 ? undefined : argv[at + 1]
}
