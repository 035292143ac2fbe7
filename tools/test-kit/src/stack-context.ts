/**
 * What the browser tests' global setup (e2e/setup/stack.ts) hands every test file through
 * Vitest's `inject()`: the throw-away stack's addresses. users.ts and tasks.ts read them.
 */
declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
    apiUrl: string;
    e2eDatabaseUrl: string;
    /** A file receiving every line web and api print. */
    stackLogFile: string;
  }
}

export {};
