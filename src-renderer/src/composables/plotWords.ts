/**
 * The default word set of the scatter plot for the built-in Moby-Dick: groups whose clusters a
 * reader can check at a glance (the sea, the crew, numbers, colours, the body, time, speech).
 * Other corpora plot their most frequent words.
 */
export const MOBY_DICK_WORDS: readonly string[] = [
  'whale', 'ship', 'sea', 'boat', 'ocean', 'harpoon', 'deck', 'mast',
  'ahab', 'starbuck', 'stubb', 'queequeg', 'captain', 'sailor',
  'one', 'two', 'three', 'four', 'five', 'hundred', 'thousand',
  'white', 'black', 'red', 'green',
  'head', 'hand', 'eyes', 'heart',
  'day', 'night', 'morning',
  'said', 'cried', 'thought', 'saw',
]
