import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Initial JavaScript of the production build: the scripts index.html loads eagerly, gzipped. */
export async function run(root) {
  const dir = join(root, 'frontend/dist/browser');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = new Set();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g))
    files.add(m[1]);
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
