// @ts-check
/**
 * RadFleet's module boundaries, as two ESLint rules (see CONTRIBUTING.md):
 *
 * - `radfleet/domain-boundaries`: a domain folder imports another domain only through that
 *   domain's public `index.ts`; the kernel folders (`core/`, `common/`, …) import no domain.
 * - `radfleet/no-folder-cycles`: no import cycles between the folders of an app
 *   (devices → utilisation → devices), the folder-level twin of `import/no-cycle`.
 *
 * A "folder" is the first path segment below the app root (`frontend/src/app`, `backend/src/app`);
 * files directly in the root (app.routes.ts, app.module.ts, …) are the composition root and may
 * import anything. Only relative specifiers are ours; packages (`@radfleet/shared`, `@angular/*`)
 * are not checked here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const repo = resolve(import.meta.dirname, '..');

/**
 * @typedef {{ root: string, kernel?: string[], composition?: string[],
 *   baseline?: { deep?: string[], cycles?: string[] } }} Options
 */

/** @param {Options} o */
const rootOf = (o) => resolve(repo, o.root);

/** The folder (first segment below root) a path is in, or null for a root file / outside. */
function folderOf(root, file) {
  const rel = relative(root, file);
  if (rel.startsWith('..') || !rel.includes(sep)) return null;
  return rel.split(sep)[0];
}

/** The source file a relative specifier names (`.js` → `.ts`, a folder → its index). */
function resolveSpec(fromFile, spec) {
  const base = resolve(dirname(fromFile), spec);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  for (const c of candidates) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return base.replace(/\.js$/, '.ts');
}

const SPEC_RE =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|[\s;])import\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** @type {Map<string, Map<string, Set<string>>>} folder graph per root, built once per process */
const graphs = new Map();

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

/** folder → the folders it imports, over every .ts file below root (specs included). */
function graphOf(root) {
  let g = graphs.get(root);
  if (g) return g;
  g = new Map();
  for (const file of walk(root)) {
    const from = folderOf(root, file);
    if (!from) continue;
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(SPEC_RE)) {
      const to = folderOf(root, resolveSpec(file, m[1] ?? m[2] ?? m[3]));
      if (!to || to === from) continue;
      if (!g.has(from)) g.set(from, new Set());
      g.get(from)?.add(to);
    }
  }
  graphs.set(root, g);
  return g;
}

/** A path of folders from `start` to `goal`, or null. Edges in `skip` ("a>b") are not followed. */
function pathBetween(g, start, goal, skip) {
  const prev = new Map([[start, '']]);
  const queue = [start];
  while (queue.length) {
    const at = /** @type {string} */ (queue.shift());
    if (at === goal) {
      const path = [];
      for (let n = goal; n; n = /** @type {string} */ (prev.get(n))) path.unshift(n);
      return path;
    }
    for (const next of g.get(at) ?? []) {
      if (prev.has(next) || skip.has(`${at}>${next}`)) continue;
      prev.set(next, at);
      queue.push(next);
    }
  }
  return null;
}

/** Calls `check(node, spec)` for every relative import, export-from and dynamic import. */
function visitImports(check) {
  const fromSource = (node) => {
    const spec = node.source?.value;
    if (typeof spec === 'string' && spec.startsWith('.')) check(node.source, spec);
  };
  return {
    ImportDeclaration: fromSource,
    ExportNamedDeclaration: fromSource,
    ExportAllDeclaration: fromSource,
    ImportExpression(node) {
      if (node.source.type === 'Literal' && typeof node.source.value === 'string') {
        if (node.source.value.startsWith('.')) check(node.source, node.source.value);
      }
    },
  };
}

const optionsSchema = [
  {
    type: 'object',
    properties: {
      root: { type: 'string' },
      kernel: { type: 'array', items: { type: 'string' } },
      composition: { type: 'array', items: { type: 'string' } },
      baseline: {
        type: 'object',
        properties: {
          deep: { type: 'array', items: { type: 'string' } },
          cycles: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    },
    required: ['root'],
    additionalProperties: false,
  },
];

/** @type {import('eslint').Rule.RuleModule} */
const domainBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'A domain imports another domain only through its index.ts; core/common import no domain.',
    },
    schema: optionsSchema,
    messages: {
      deep: "'{{from}}' imports '{{target}}' from inside the '{{to}}' domain: import it from '{{to}}/index.ts' (its public face), or move it to {{kernel}}.",
      kernel:
        "'{{from}}' is cross-domain code and imports no domain, but imports '{{target}}' from the '{{to}}' domain.",
    },
  },
  create(context) {
    const o = /** @type {Options} */ (context.options[0]);
    const root = rootOf(o);
    const kernel = new Set(o.kernel ?? []);
    const composition = new Set(o.composition ?? []);
    const baseline = new Set(o.baseline?.deep ?? []);
    const file = context.filename;
    const from = folderOf(root, file);
    if (!from || composition.has(from)) return {};
    return visitImports((node, spec) => {
      const target = resolveSpec(file, spec);
      const to = folderOf(root, target);
      if (!to || to === from || kernel.has(to)) return;
      const rel = relative(root, target).split(sep).join('/').replace(/\.ts$/, '');
      const data = { from, to, target: rel, kernel: [...kernel].map((k) => `${k}/`).join(' or ') };
      if (kernel.has(from)) {
        context.report({ node, messageId: 'kernel', data });
        return;
      }
      if (rel === `${to}/index`) return;
      if (baseline.has(`${from} -> ${rel}`)) return;
      context.report({ node, messageId: 'deep', data });
    });
  },
};

/** @type {import('eslint').Rule.RuleModule} */
const noFolderCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycles between the folders of an app.' },
    schema: optionsSchema,
    messages: {
      cycle:
        "Import cycle between folders: {{cycle}}. '{{from}}' may not import '{{to}}' while '{{to}}' depends on '{{from}}'; move the shared part to a kernel folder or invert the dependency.",
    },
  },
  create(context) {
    const o = /** @type {Options} */ (context.options[0]);
    const root = rootOf(o);
    const skip = new Set((o.baseline?.cycles ?? []).map((e) => e.replace(' -> ', '>')));
    const file = context.filename;
    const from = folderOf(root, file);
    if (!from) return {};
    const g = graphOf(root);
    return visitImports((node, spec) => {
      const to = folderOf(root, resolveSpec(file, spec));
      if (!to || to === from || skip.has(`${from}>${to}`)) return;
      const back = pathBetween(g, to, from, skip);
      if (back)
        context.report({
          node,
          messageId: 'cycle',
          data: { from, to, cycle: [from, ...back].join(' → ') },
        });
    });
  },
};

export default {
  meta: { name: 'radfleet-boundaries' },
  rules: { 'domain-boundaries': domainBoundaries, 'no-folder-cycles': noFolderCycles },
};
