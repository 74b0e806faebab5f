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
        },
      },
    ],
  },
});
