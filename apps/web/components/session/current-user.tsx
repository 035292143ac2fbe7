"use client";

import { createContext, type ReactNode, useContext } from "react";

/** The signed-in person, as the protected layout read it from the Better Auth session. */
export interface CurrentUser {
  id: string;
  name: string;
  email: string;
}

const CurrentUserContext = createContext<CurrentUser | null>(null);

export function CurrentUserProvider({
  user,
  children,
}: {
  user: CurrentUser;
  children: ReactNode;
}) {
  return <CurrentUserContext value={user}>{children}</CurrentUserContext>;
}

/** The signed-in person. Only inside the protected `(app)` layout, which always provides one. */
export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser() is only available inside the (app) layout");
  return user;
}
