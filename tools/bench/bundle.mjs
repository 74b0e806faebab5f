import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Static (not dynamic) imports of an ES module: `import{a}from"./chunk-X.js"` and `import"./x.js"`. */
const STATIC_IMPORT = /import\s*(?:[^();"']*?from\s*)?["']\.\/([\w.-]+\.js)["']/g;

/**
 * Initial JavaScript of the production build: what index.html loads eagerly (its script and
 * modulepreload links) and everything those import statically, gzipped. Angular writes at most a
 * few modulepreload links, so the static imports have to be followed.
 */
export async function run(root) {
  const dir = join(root, 'frontend/dist/browser');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const queue = [];
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) queue.push(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g))
    queue.push(m[1]);
  const files = new Set();
  while (queue.length > 0) {
    const f = queue.shift();
    if (files.has(f)) continue;
    files.add(f);
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(STATIC_IMPORT)) queue.push(m[1]);
  }
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const buf = readFileSync(join(dir, f));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  return [
    {
      figure: `initial JavaScript (${files.size} files), raw`,
      value: (raw / 1024).toFixed(1),
      unit: 'kB',
      target: 'recorded',
    },
    {
      figure: 'initial JavaScript, gzipped',
      value: (gz / 1024).toFixed(1),
      unit: 'kB',
      target: '< 250 kB',
      pass: gz < 250 * 1024,
    },
  ];
}
