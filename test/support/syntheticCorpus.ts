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
