import { Random } from '../../src-main/core/random'

/**
 * A corpus with planted structure: two groups of interchangeable words that occur in the same
 * contexts ("cat" and "kitten" with pet words, "car" and "automobile" with road words), so
 * trained vectors should put each pair close together and the groups apart.
 */
export function plantedSynonymsText(sentences: number, seed = 7): string {
  const random = new Random(seed)
  const pick = <T>(xs: readonly T[]): T => xs[random.nextInt(xs.length)]!
  const pets = ['purrs', 'sleeps', 'meows', 'eats', 'fish', 'milk', 'fur', 'whiskers', 'lap', 'yarn']
  const roads = ['drives', 'road', 'engine', 'wheels', 'fuel', 'highway', 'garage', 'brakes', 'speed', 'tyres']
  const filler = ['the', 'a', 'and', 'then', 'very', 'often', 'today', 'with']
  const lines: string[] = []
  for (let s = 0; s < sentences; s++) {
    const pet = random.nextFloat() < 0.5
    const subject = pet ? pick(['cat', 'kitten']) : pick(['car', 'automobile'])
    const topic = pet ? pets : roads
    const words = [pick(filler), subject]
    for (let i = 0; i < 6; i++) words.push(random.nextFloat() < 0.7 ? pick(topic) : pick(filler))
    lines.push(words.join(' '))
  }
  return lines.join('\n') + '\n'
}

export function cosine(vectors: Float32Array, dim: number, a: number, b: number): number {
  let ab = 0
  let aa = 0
  let bb = 0
  for (let k = 0; k < dim; k++) {
    const x = vectors[a * dim + k]!
    const y = vectors[b * dim + k]!
    ab += x * y
    aa += x * x
    bb += y * y
  }
  return ab / Math.sqrt(aa * bb)
}

/**
 * A corpus with every shape the streaming reader must get right: lines far longer than
 * MAX_SENTENCE words (cut into pieces), rare words that minCount drops (some lines only of
 * them, so they vanish), and empty lines. Words follow a steep power law over 2,000 types.
 */
export function streamingEdgeCaseText(seed = 11): string {
  const random = new Random(seed)
  const word = (): string => (random.nextFloat() < 0.15 ? `rare${random.nextInt(50_000)}` : `w${Math.floor(Math.pow(random.nextFloat(), 3) * 2000)}`)
  const lines: string[] = []
  for (let l = 0; l < 300; l++) {
    if (l % 13 === 0) lines.push('')
    else if (l % 17 === 0) lines.push(`rare-only${l} rare-too${l}`)
    else lines.push(Array.from({ length: l % 100 === 1 ? 23_000 : 1 + random.nextInt(40) }, word).join(' '))
  }
  return lines.join('\n') + '\n'
}
