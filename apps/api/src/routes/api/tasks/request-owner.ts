import type { FastifyRequest } from "fastify";

/** The owner every repository call is keyed by: the verified token's subject. */
export function ownerOf(request: FastifyRequest): string {
  const user = request.user;
  // Unreachable: the authentication hook answers 401 before any /api handler runs.
  if (user === null) throw new Error("unauthenticated request reached a task route");
  return user.sub;
}
