export { account, rateLimit, session, user, verification } from "./auth.ts";
export { type NewTaskRow, type TaskRow, taskPriority, tasks } from "./tasks.ts";
