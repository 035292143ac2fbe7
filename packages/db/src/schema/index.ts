export { account, rateLimit, session, user, verification } from "./auth.ts";
export { taskPriority, tasks } from "./tasks.ts";
export { idempotencyKeys } from "./idempotency-keys.ts";
export { taskImports } from "./task-imports.ts";
