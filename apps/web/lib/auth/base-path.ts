/**
 * Where Better Auth is mounted (app/api/auth/[...all]/route.ts). Its own module so that the
 * browser's auth client reads it without loading the server's Better Auth setup.
 */
export const AUTH_BASE_PATH = "/api/auth";
