// Lint: the checks that catch real bugs in a language server (floating promises, loose equality),
// and the house rule that the engine in server/src/core stays free of Node built-ins and of VS Code.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '**/*.js', '**/*.mjs', 'test/e2e/.cache/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-debugger': 'error',
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'child_process', 'net', 'http', 'https', 'os', 'crypto'], message: 'The engine is pure: the host passes texts and functions in.' },
            { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*'], message: 'The engine knows nothing of VS Code or of an LSP connection.' },
          ],
        },
      ],
    },
  },
);
