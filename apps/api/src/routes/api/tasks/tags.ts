import type { FastifyPluginAsync } from "fastify";
import { ownerOf } from "./request-owner.ts";
import { listTagsSchema, type UserParams } from "./schemas.ts";

/**
 * `GET /api/{user_id}/tags` (docs/contract.md#tags): registered inside the task routes' plugin,
 * so the same owner-path check (403) joins it after authentication, like every task route.
 */
const tagRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: UserParams }>("/:user_id/tags", { schema: listTagsSchema }, async (request) =>
    app.tasks.tags(ownerOf(request), request.deadline),
  );
};

export default tagRoutes;
