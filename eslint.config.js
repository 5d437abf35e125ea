// ESLint flat configuration: JavaScript and TypeScript recommended rules, React, hooks,
// accessibility (jsx-a11y) and imports (order, cycles, resolution through tsconfig paths).
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import i18next from "eslint-plugin-i18next";
import importX from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/",
      ".cache/",
      "app/generated/",
      "public/",
      "reports/",
      "test-results/",
      "playwright-report/",
      "e2e/.data/",
      "data/",
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },

  // Imports: resolved as TypeScript resolves them (the `~/` alias included), in a stable order, without cycles.
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    settings: {
      // Read neither packages nor the generated Prisma client when following imports (for no-cycle).
      "import-x/ignore": ["node_modules", "app/generated"],
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      "import-x/order": [
        "error",
        {
          groups: ["builtin", "external", "internal", ["parent", "sibling", "index"]],
          pathGroups: [{ pattern: "~/**", group: "internal" }],
          "newlines-between": "ignore",
          alphabetize: { order: "asc", caseInsensitive: true },
        },
      ],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-duplicates": "error",
    },
  },
  {
    // The two "as default" rules misread CommonJS packages (qrcode, ajv) and the documented default
    // imports of typescript-eslint, eslint-plugin-import-x and @axe-core/playwright.
    rules: {
      "import-x/no-named-as-default": "off",
      "import-x/no-named-as-default-member": "off",
    },
  },
  {
    // TypeScript already checks that imported names, defaults and modules exist (`tsc --noEmit` runs in
    // `npm test`); these rules would repeat that check, slowly.
    files: ["**/*.{ts,tsx}"],
    rules: {
      "import-x/named": "off",
      "import-x/namespace": "off",
      "import-x/default": "off",
      "import-x/no-unresolved": "off",
    },
  },

  // React (the application and its components).
  {
    files: ["app/**/*.{ts,tsx}"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    plugins: { react: react },
    languageOptions: {
      ...react.configs.flat.recommended.languageOptions,
      globals: { ...globals.browser, ...globals.node },
    },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat["jsx-runtime"].rules,
      // TypeScript checks props.
      "react/prop-types": "off",
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    // Test files hold no components; their `use…` helpers (useFreshDatabase) are Vitest set-up, not React hooks.
    ignores: ["**/*.test.{ts,tsx}"],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ...jsxA11y.flatConfigs.recommended,
  },

  // Every word a component shows comes from the message files (app/i18n/messages): a literal in JSX
  // text or in an attribute people read or hear fails the lint.
  {
    files: ["app/**/*.tsx"],
    ignores: ["**/*.test.tsx"],
    plugins: { i18next },
    rules: {
      "i18next/no-literal-string": [
        "error",
        {
          mode: "jsx-only",
          "jsx-attributes": {
            include: [
              "^(aria-label|aria-description|aria-roledescription|aria-valuetext|title|alt|placeholder|label|caption)$",
            ],
          },
          words: { exclude: ["^[\\s\\d·•–—|/:,.;()\\[\\]×÷%+=<>!?'\"…#*&→←↑↓✓✗-]*$", "^[A-Z0-9]{1,6}$"] },
        },
      ],
    },
  },

  // Node: scripts, tests, seed and configuration files.
  {
    files: ["scripts/**", "e2e/**", "prisma/**", "*.{js,mjs,ts}"],
    languageOptions: { globals: globals.node },
  },
);
