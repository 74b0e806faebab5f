import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the decorators and emits the metadata that Nest and TypeORM read at run time.
const plugins = [swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  plugins,
  test: {
    projects: [
      {
        plugins,
        test: {
          name: 'unit',
          setupFiles: ['reflect-metadata'],
          include: ['src/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        plugins,
        test: {
          name: 'integration',
          setupFiles: ['reflect-metadata', 'test/support/fail-on-server-errors.ts'],
          include: ['test/**/*.integration-spec.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One PostgreSQL cluster, one database per test file; two workers fit two cores.
          maxWorkers: 2,
          // A worker keeps the modules it loaded (the whole Nest app, compiled once) for its next
          // file instead of loading them again; each file still makes its own app and database.
          isolate: false,
        },
      },
    ],
  },
});
