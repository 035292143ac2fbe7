export { API_LOGIN_ROLE, apiLoginUrl, enableApiLogin } from "./api-login.ts";
export {
  type CreateDbOptions,
  createDb,
  createPool,
  type Database,
  type DbHandle,
  type PoolHandle,
} from "./client.ts";
export {
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
  findFreePort,
  startEmbeddedPostgres,
} from "./embedded-postgres.ts";
export { migrateDatabase } from "./migrate.ts";
export {
  API_DATABASE_ROLE,
  type OwnerScopeOptions,
  type PipelineOptions,
  pipelineAsOwner,
  queryAsOwner,
  transactionAsOwner,
} from "./owner-scope.ts";
export * from "./schema/index.ts";
