import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const testFiles = ["**/test/**", "e2e/**", "**/*.test.ts"];

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/.next/**",
      "**/next-env.d.ts",
      ".data/**",
      "docs/**",
    ],
  },
  js.configs.recommended,
  // Type-aware rules (floating and misused promises, unsafe `any`, needless assertions...): each
  // file is checked against the tsconfig that owns it, found by the project service.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      // Passing on a rejection we did not create (a caught error, an AbortSignal's reason) keeps
      // its value as it was; only a rejection we make up must be an Error.
      "@typescript-eslint/prefer-promise-reject-errors": [
        "error",
        { allowThrowingAny: true, allowThrowingUnknown: true },
      ],
      // Off: a Fastify plugin or route module is an async function by contract (the promise is
      // how Fastify knows it has loaded, instead of a `done` callback), and most have nothing to
      // await; the rule would flag every one of them. Unawaited promises are still caught by
      // no-floating-promises and no-misused-promises.
      "@typescript-eslint/require-await": "off",
      eqeqeq: ["error", "always"],
      "no-console": "off",
    },
  },
  {
    // Plain JavaScript config files have no types to check.
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: testFiles,
    rules: {
      // A test reads response bodies as `any` (`response.json()`, `inject().json()`) and its
      // assertions are what check their shape; typing every body first would add casts, not
      // safety. Product code keeps these rules.
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      // `expect(mock.method).toHaveBeenCalled()` passes a method without calling it, which is
      // what a spy assertion does; the rule cannot tell it from a lost `this`.
      "@typescript-eslint/unbound-method": "off",
    },
  },
  {
    // The React Compiler-based preset of eslint-plugin-react-hooks 7: rules-of-hooks,
    // exhaustive-deps, and the purity rules (no setState in an effect, no ref read or written
    // during render, no use before declaration...). The web app is the only React code.
    files: ["apps/web/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended],
  },
);
