import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", ".plasmo/**", "node_modules/**", "bench/out/**", "demo/out/**", "e2e/out/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='eval']", message: "No eval." },
        { selector: "NewExpression[callee.name='Function']", message: "No code from strings." },
      ],
    },
  },
  {
    // Pure logic never touches the browser: only src/platform/ may import the polyfill.
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/platform/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "webextension-polyfill", message: "Use src/platform/ instead." }] },
      ],
    },
  },
  {
    // Pages reach the background through messages only (src/ui/client.ts), never by importing its modules.
    files: ["src/ui/**/*.ts", "src/ui/**/*.tsx", "popup/**", "options/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "webextension-polyfill", message: "Use src/platform/ instead." }],
          patterns: [
            { group: ["**/background/*", "**/background"], message: "Send a request with src/ui/client.ts." },
          ],
        },
      ],
    },
  },
);
