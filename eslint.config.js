// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import boundaries from './eslint-rules/boundaries.js';
import backendBaseline from './eslint-rules/backend-baseline.js';

/** Module boundaries: what each package may import. */
const FRAMEWORKS = ['@nestjs/*', '@angular/*', 'typeorm', 'express', 'pg', 'rxjs', 'exceljs'];

/** The folders of each app: the kernel (cross-domain code) and the composition root's folders. */
const FRONTEND_FOLDERS = { root: 'frontend/src/app', kernel: ['core'], composition: [] };
const BACKEND_FOLDERS = {
  root: 'backend/src/app',
  kernel: ['common', 'config'],
  // database/ registers every entity and runs the migrations: it composes the app, like app.module.ts.
  composition: ['database'],
  baseline: backendBaseline,
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.angular/**',
      '**/test-results/**',
      '**/playwright-report/**',
      '**/.data/**',
      '**/.nx/**',
      '**/out-tsc/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // shared is framework-free and depends on nothing of ours.
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: FRAMEWORKS, message: 'shared/ imports no framework.' },
            { group: ['@radfleet/*'], message: 'shared/ depends on nothing of ours.' },
            {
              group: ['**/backend/**', '**/frontend/**', '../../*'],
              message: 'shared/ stays inside shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['frontend/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@radfleet/backend', '@radfleet/backend/*', '**/backend/**'],
              message: 'The frontend never imports the backend.',
            },
            {
              group: ['@nestjs/*', 'typeorm', 'pg', 'express', 'exceljs'],
              message: 'Server packages stay in the backend.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['backend/src/**/*.ts', 'backend/test/**/*.ts'],
    rules: {
      // Nest and TypeORM read constructor and property types from decorator metadata at run time.
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@radfleet/frontend', '@radfleet/frontend/*', '**/frontend/**'],
              message: 'The backend never imports the frontend.',
            },
            { group: ['@angular/*'], message: 'Angular stays in the frontend.' },
          ],
        },
      ],
    },
  },
  {
    // Domains import each other only through index.ts; core imports no domain; no folder cycles.
    files: ['frontend/src/**/*.ts'],
    plugins: { radfleet: boundaries },
    rules: {
      'radfleet/domain-boundaries': ['error', FRONTEND_FOLDERS],
      'radfleet/no-folder-cycles': ['error', FRONTEND_FOLDERS],
    },
  },
  {
    // The same for the backend, with common/ and config/ as the kernel; the deep imports and cycles
    // older than the rules are listed in backend-baseline.js, which may only shrink.
    files: ['backend/src/**/*.ts'],
    plugins: { radfleet: boundaries },
    rules: {
      'radfleet/domain-boundaries': ['error', BACKEND_FOLDERS],
      'radfleet/no-folder-cycles': ['error', BACKEND_FOLDERS],
    },
  },
  {
    files: ['tools/**/*.mjs', 'e2e/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['tools/**/*.mjs', 'eslint-rules/**/*.js'],
    languageOptions: { globals: globals.node },
  },
);
