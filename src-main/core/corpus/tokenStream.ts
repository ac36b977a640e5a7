/**
 * The one format a corpus' tokens take between reading and training, so that nothing holds the
 * whole corpus in memory: a stream of int32 values, each a type id (an index into the raw
 * corpus' `types`, in order of first occurrence), with SENTENCE_END after the last token of each
 * non-empty sentence (a line of the file). Empty lines write nothing. A reader writes the stream
 * in batches to a TokenSink (a file beside the app's cache, or memory for small inputs and
 * tests); training reads it back a chunk at a time.
 */

/** Marks the end of a sentence in the stream; never a type id. */
export const SENTENCE_END = -1

/** Where a reader writes the stream. `write` may keep nothing of `values` after it returns. */
export interface TokenSink {
  write(values: Int32Array): void
}
