import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the decorators and emits the metadata that Nest and TypeORM read at run time.
//
// Integration tests (test/*.integration-spec.ts), how to add one and keep the suite fast:
// - global-setup.ts starts one PostgreSQL for the run and migrates a template database once.
//   `createTestApp()` clones it (`CREATE DATABASE … TEMPLATE`, a file copy) for each test file: use
//   it for anything that talks to the app. `TestDatabase.create()` gives an empty database, only for
//   tests of migrating or restoring one; `TestDatabase.migrated()` a migrated one without the app.
// - Two files run at a time (two workers), and a worker keeps the modules it loaded between files
//   (`isolate: false`): the whole Nest app is compiled and loaded once per worker, not once per file.
//   So a file must leave no global state behind: close its app (`t.close()`), stop what it started,
//   and use no module-level mocks or fake timers.
// - A test that starts the built server (`BackendProcess`) or a PostgreSQL of its own costs seconds
//   to minutes on a busy machine: give it an explicit timeout with the reason beside it.
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
