// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ADAPTERS = ['file', 'http', 'msw', 'pact'];
const CORE_FORBIDDEN = [
  { group: ['node:*'], message: 'The core is pure: no Node built-ins (it runs in browsers too).' },
  {
    group: ['msw', 'msw/*', '@pact-foundation/*', 'yargs', 'yargs/*', 'undici'],
    message: 'The core imports no adapter or CLI library.',
  },
  {
    group: ['**/delivery/**', '**/cli/**'],
    message: 'Data flows one way: the core never imports adapters or the CLI.',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'examples/**/node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['src/contract/**/*.ts', 'src/engine/**/*.ts', 'src/report/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: CORE_FORBIDDEN }] },
  },
  // Adapters never reach into each other; they share what they share through the core.
  ...ADAPTERS.map((adapter) => ({
    files: [`src/delivery/${adapter}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ADAPTERS.filter((other) => other !== adapter).map(
                (other) => `**/delivery/${other}/**`,
              ),
              message: 'Adapters never import each other; move what they share into the core.',
            },
            { group: ['**/cli/**'], message: 'Adapters never import the CLI.' },
          ],
        },
      ],
    },
  })),
  {
    files: [
      'src/cli/**/*.ts',
      'scripts/**/*.ts',
      'bench/**/*.ts',
      'test/**/*.ts',
      'examples/**/*.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
