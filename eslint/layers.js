// The layer rule of ARCHITECTURE.md: the folder a file lives in decides what it may import.
// One table, checked on every import, export-from, dynamic import and require.
import { builtinModules } from 'node:module'
import path from 'node:path'

/** Most specific folder first: the contract lives inside core. */
export const LAYER_FOLDERS = [
  ['contract', 'src-main/core/contract/'],
  ['core', 'src-main/core/'],
  ['kernels', 'src-main/kernels/'],
  ['node', 'src-main/node/'],
  ['trainer', 'src-main/trainer/'],
  ['electron-main', 'src-main/electron-main/'],
  ['preload', 'src-main/preload/'],
  ['cli', 'src-main/cli/'],
  ['renderer', 'src-renderer/'],
]

/**
 * layers: the layers a file may import from. node: Node built-ins allowed. electron: the
 * electron module allowed. packages: npm packages allowed ('*' for any, else a list).
 */
export const LAYER_RULES = {
  core: { layers: ['core', 'contract'], node: false, electron: false, packages: ['umap-js'], why: 'core imports nothing outside core: no Node, no Electron, no DOM' },
  contract: { layers: ['contract', 'core'], node: false, electron: false, packages: ['valibot', 'zod'], why: 'the contract is shared by every process and imports only core' },
  kernels: { layers: ['kernels', 'core', 'contract'], node: false, electron: false, packages: [], why: 'kernels run wherever WebAssembly runs and import only core' },
  node: { layers: ['node', 'kernels', 'core', 'contract'], node: true, electron: false, packages: '*', why: 'node services run without Electron' },
  trainer: { layers: ['trainer', 'node', 'kernels', 'core', 'contract'], node: true, electron: false, packages: '*', why: 'the trainer runs in a utility process and under plain Node' },
  'electron-main': { layers: ['electron-main', 'node', 'core', 'contract'], node: true, electron: true, packages: '*', why: 'the main process binds services; it does not run kernels or the trainer in-process' },
  preload: { layers: ['preload', 'contract'], node: false, electron: true, packages: [], why: 'the sandboxed preload may use electron and the contract only' },
  cli: { layers: ['cli', 'node', 'kernels', 'core', 'contract'], node: true, electron: false, packages: '*', why: 'the command line runs on plain Node' },
  renderer: { layers: ['renderer', 'contract'], node: false, electron: false, packages: '*', why: 'the window reaches the app only through window.w2v and the contract types' },
}

const ALIASES = { '@contract/': 'src-main/core/contract/' }
const NODE_BUILTINS = new Set(builtinModules)

function layerOf(relativePath) {
  const p = relativePath.split(path.sep).join('/')
  const found = LAYER_FOLDERS.find(([, folder]) => p.startsWith(folder))
  return found ? found[0] : null
}

/** What an import specifier points at: a layer, Node, Electron, a package, or elsewhere in the repo. */
function classify(specifier, fromFile, root) {
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0])) return { kind: 'node' }
  if (specifier === 'electron' || specifier.startsWith('electron/')) return { kind: 'electron' }
  for (const [alias, folder] of Object.entries(ALIASES)) {
    if (specifier.startsWith(alias)) return { kind: 'layer', layer: layerOf(folder) }
  }
  if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
    const target = path.relative(root, path.resolve(path.dirname(fromFile), specifier))
    const layer = layerOf(target + '/')
    return layer ? { kind: 'layer', layer } : { kind: 'outside', target }
  }
  const parts = specifier.split('/')
  return { kind: 'package', name: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] }
}

function violation(rule, target) {
  switch (target.kind) {
    case 'node': return rule.node ? null : 'Node built-ins'
    case 'electron': return rule.electron ? null : 'electron'
    case 'layer': return rule.layers.includes(target.layer) ? null : `the ${target.layer} layer`
    case 'outside': return `files outside the layer folders (${target.target})`
    case 'package': return rule.packages === '*' || rule.packages.includes(target.name) ? null : `the package ${target.name}`
  }
  return null
}

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layer table of ARCHITECTURE.md' },
    schema: [],
    messages: {
      forbidden: '{{layer}} may not import "{{specifier}}" ({{what}}): {{why}}.',
    },
  },
  create(context) {
    const root = context.cwd
    const filename = context.filename
    const layer = layerOf(path.relative(root, filename))
    if (!layer) return {}
    const rule = LAYER_RULES[layer]

    function check(node, source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return
      const what = violation(rule, classify(source.value, filename, root))
      if (what) context.report({ node: source, messageId: 'forbidden', data: { layer, specifier: source.value, what, why: rule.why } })
    }

    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0])
      },
    }
  },
}

export default { meta: { name: 'w2v-layers' }, rules: { layers: layersRule } }
