import { join } from "node:path";
import type { StartConfig } from "@ownlist/config";
import {
  type EmbeddedPostgres,
  enableApiLogin,
  migrateDatabase,
  startEmbeddedPostgres,
} from "@ownlist/db";
import { type Service, startService, waitForUrl } from "./service.ts";
import { ensureUnits, unitPath } from "./units.ts";
import { ensureWebBuild } from "./web-build.ts";

export interface StackOptions {
  root: string;
  config: StartConfig;
  /** The environment handed to api and web (the caller's, with anything it overrides). */
  env: NodeJS.ProcessEnv;
  /** Hot reload (`next dev`, `tsx watch`) instead of production builds. */
  dev: boolean;
  /** Data directory of the embedded PostgreSQL, used when config.databaseUrl is unset. */
  dataDir: string;
  ephemeralData?: boolean;
  output: (line: string) => void;
  /**
   * Where api and web write: `"inherit"` hands them this process's stdout and stderr (npm start:
   * the api tags its own lines in a terminal, docs/contract.md#access-log); by default each of
   * their lines goes to `output`, tagged with the service's name.
   */
  childOutput?: "inherit";
}

export interface Stack {
  apiUrl: string;
  webUrl: string;
  /** The owner's login: migrations and web (Better Auth). */
  databaseUrl: string;
  /** The api's own login (API_DATABASE_URL), unless an external database left it unset. */
  apiDatabaseUrl: string | undefined;
  embedded: EmbeddedPostgres | undefined;
  services: Service[];
  /** Stops web and api (draining in-flight requests), then the embedded database. */
  stop(): Promise<void>;
}

/** db → migrations → web build → api + web, each waited for. The shared core of start and e2e. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { root, config, dev, output } = options;
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: options.dataDir, ephemeral: options.ephemeralData });
  const databaseUrl = config.databaseUrl ?? (embedded as EmbeddedPostgres).url;
  const services: Service[] = [];
  const stop = async () => {
    await Promise.all(services.map((service) => service.stop()));
    await embedded?.stop();
  };

  try {
    output(
      embedded
        ? `database: embedded PostgreSQL on port ${embedded.port}`
        : "database: DATABASE_URL",
    );
    await migrateDatabase(databaseUrl);
    // The api's least-privilege login (docs/decisions/024-…): on the embedded database npm start
    // sets it up itself; on your own, API_DATABASE_URL names the login you created (README).
    const apiDatabaseUrl =
      config.apiDatabaseUrl ??
      (embedded ? await enableApiLogin(databaseUrl, embedded.apiLoginPassword) : undefined);
    if (!apiDatabaseUrl) {
      output(
        "database: API_DATABASE_URL is unset, so the api logs in with DATABASE_URL's role (README: Least privilege)",
      );
    }
    if (!dev) {
      await ensureUnits(root, output);
      await ensureWebBuild(root, output);
    }

    const env: NodeJS.ProcessEnv = {
      ...options.env,
      NODE_ENV: dev ? "development" : "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: config.betterAuthSecret,
      PORT: String(config.port),
      API_PORT: String(config.apiPort),
      HOST: config.host,
    };
    const node = process.execPath;
    const exitWithParent = ["--require", join(root, "scripts/lib/exit-with-parent.cjs")];
    const tsx = join(root, "node_modules/tsx/dist/cli.mjs");
    const apiEntry = join(root, "apps/api/src/server.ts");
    // Each gets only its own login: web (Better Auth) the owner's, the api its own when it has one.
    const apiEnv: NodeJS.ProcessEnv = { ...env };
    if (apiDatabaseUrl) {
      apiEnv.API_DATABASE_URL = apiDatabaseUrl;
      delete apiEnv.DATABASE_URL;
    }
    delete env.API_DATABASE_URL;
    const api = startService({
      name: "api",
      command: node,
      args: dev
        ? [...exitWithParent, tsx, "watch", "--clear-screen=false", apiEntry]
        : [...exitWithParent, unitPath(root, "api")],
      cwd: join(root, "apps/api"),
      env: apiEnv,
      output: options.childOutput ?? output,
    });
    services.push(api);
    // Web runs Next.js inside its own small server (apps/web/server.ts), which gives Better Auth
    // the socket's client address; PORT and HOST come from env.
    const webEntry = join(root, "apps/web/server.ts");
    const web = startService({
      name: "web",
      command: node,
      args: dev
        ? [...exitWithParent, "--import", "tsx", webEntry, "--dev"]
        : [...exitWithParent, unitPath(root, "web")],
      cwd: join(root, "apps/web"),
      env,
      output: options.childOutput ?? output,
    });
    services.push(web);

    const local = (port: number) =>
      `http://${config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host}:${port}`;
    const apiUrl = local(config.apiPort);
    const webUrl = local(config.port);
    await Promise.all([
      waitForUrl(`${apiUrl}/ready`, 120_000, api),
      waitForUrl(`${webUrl}/`, dev ? 300_000 : 120_000, web),
    ]);
    return { apiUrl, webUrl, databaseUrl, apiDatabaseUrl, embedded, services, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
