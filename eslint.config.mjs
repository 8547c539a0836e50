// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'test-output/**', 'apps/web/dist/**', 'apps/web/app/api/generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', __dirname: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read settings from the validated AppConfig (libs/platform/config), not process.env.',
        },
      ],
    },
  },
  {
    // Places that legitimately read the environment: the config loader's callers, tooling and tests.
    files: ['apps/*/src/main.ts', 'tools/**', 'libs/platform/testing/**', 'libs/platform/database/src/data-source.ts', 'tests/**', 'jest.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'tests/**/*.ts', 'libs/platform/testing/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The browser app: DOM globals, and no server configuration to read.
    files: ['apps/web/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', navigator: 'readonly', location: 'readonly', history: 'readonly',
        localStorage: 'readonly', fetch: 'readonly', crypto: 'readonly', Intl: 'readonly', URLSearchParams: 'readonly',
        PopStateEvent: 'readonly', StorageEvent: 'readonly', setTimeout: 'readonly', clearInterval: 'readonly', setInterval: 'readonly',
      },
    },
  },
  {
    // Vite's config runs in Node and may read the dev proxy target from the environment.
    files: ['apps/web/vite.config.mts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
