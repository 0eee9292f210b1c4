import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { GROUPS } from '../lambdas/domain/identity';

/**
 * Cognito stand-in. The seeded police users live in local/users.json:
 *
 *   { "users": [{ "username": "officer.tirana", "sub": "<uuid, never changes>", "groups": ["officers"],
 *                 "directorate": "AL-11", "email": "officer.tirana@amber.local" }, …] }
 *
 * `groups` are Cognito groups (officers, supervisors); `directorate` is a region code of the country
 * profile or NATIONAL. Tokens look like Cognito ID tokens (same claim names) but are signed with a local
 * ES256 key, generated on first start and kept as JWK under the data dir so that tokens survive a restart.
 */

export const LOCAL_ISSUER = 'https://cognito-idp.local/amber-local';
export const LOCAL_AUDIENCE = 'amber-local-client';
export const TOKEN_TTL_SECONDS = 3600;
const ALGORITHM = 'ES256';
const KEY_FILE = 'local-idp-key.json';

const LocalUserSchema = z.strictObject({
  username: z.string().regex(/^[a-z0-9._-]{1,64}$/),
  sub: z.uuid(),
  groups: z.array(z.enum([GROUPS.officers, GROUPS.supervisors])).min(1),
  directorate: z.string().min(1),
  email: z.email().optional(),
});
const UsersFileSchema = z.object({ users: z.array(LocalUserSchema).min(1) });

export type LocalUser = z.infer<typeof LocalUserSchema>;

export const DEFAULT_USERS_FILE = join(__dirname, 'users.json');

/** Reads and checks the users file; usernames and subs must be unique. */
export function loadUsers(file: string = DEFAULT_USERS_FILE): LocalUser[] {
  const parsed = UsersFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`Invalid users file ${file}: ${z.prettifyError(parsed.error)}`);
  const { users } = parsed.data;
  for (const key of ['username', 'sub'] as const) {
    const seen = new Set<string>();
    for (const user of users) {
      if (seen.has(user[key])) throw new Error(`Invalid users file ${file}: duplicate ${key} ${user[key]}`);
      seen.add(user[key]);
    }
  }
  return users;
}

/** The claims of a Cognito ID token that the platform relies on. */
export interface IdTokenClaims {
  sub: string;
  'cognito:username': string;
  'cognito:groups': string[];
  'custom:directorate': string;
  token_use: 'id';
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  auth_time: number;
}

export class UnknownUserError extends Error {
  constructor(username: string) {
    super(`Unknown user ${username}`);
    this.name = 'UnknownUserError';
  }
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(`Invalid token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  kid: string;
}

export class LocalIdentityProvider {
  private constructor(
    readonly users: readonly LocalUser[],
    private readonly keys: KeyPair,
  ) {}

  /** Loads (or creates, on first start) the signing key under `dataDir`. */
  static async open(options: {
    dataDir: string;
    users?: readonly LocalUser[];
  }): Promise<LocalIdentityProvider> {
    const keys = await loadOrCreateKeyPair(options.dataDir);
    return new LocalIdentityProvider(options.users ?? loadUsers(), keys);
  }

  findUser(username: string): LocalUser | undefined {
    return this.users.find((u) => u.username === username);
  }

  /** An ID token for a seeded user, valid for one hour from `now`. */
  async issue(username: string, options: { now?: Date } = {}): Promise<string> {
    const user = this.findUser(username);
    if (!user) throw new UnknownUserError(username);
    const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
    return new SignJWT({
      'cognito:username': user.username,
      'cognito:groups': [...user.groups],
      'custom:directorate': user.directorate,
      token_use: 'id',
      auth_time: issuedAt,
      ...(user.email ? { email: user.email } : {}),
    })
      .setProtectedHeader({ alg: ALGORITHM, kid: this.keys.kid, typ: 'JWT' })
      .setSubject(user.sub)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + TOKEN_TTL_SECONDS)
      .sign(this.keys.privateKey);
  }

  /** Checks signature, expiry, issuer, audience and the token type, as the Cognito authorizer does. */
  async verify(token: string): Promise<IdTokenClaims> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys.publicKey, {
        algorithms: [ALGORITHM],
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat', 'cognito:username', 'token_use'],
      }));
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.name : 'unreadable');
    }
    if (payload.token_use !== 'id') throw new InvalidTokenError('not an ID token');
    const groups = payload['cognito:groups'];
    const claims: Record<string, unknown> = {
      ...payload,
      'cognito:groups': Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
    };
    for (const key of ['sub', 'cognito:username', 'custom:directorate'] as const) {
      if (typeof claims[key] !== 'string') throw new InvalidTokenError(`claim ${key} missing`);
    }
    return claims as unknown as IdTokenClaims;
  }
}

const KeyFileSchema = z.object({ kid: z.string(), privateJwk: z.record(z.string(), z.unknown()) });

async function loadOrCreateKeyPair(dataDir: string): Promise<KeyPair> {
  const file = join(dataDir, KEY_FILE);
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing !== undefined) return importKeyPair(KeyFileSchema.parse(JSON.parse(existing)));

  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const stored = { kid: crypto.randomUUID(), privateJwk: await exportJWK(privateKey) };
  await mkdir(dataDir, { recursive: true });
  try {
    // 'wx': if another process created the key meanwhile, use that one instead of overwriting it.
    await writeFile(file, JSON.stringify(stored), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKeyPair(dataDir);
    throw error;
  }
  return importKeyPair(stored);
}

async function importKeyPair(stored: { kid: string; privateJwk: Record<string, unknown> }): Promise<KeyPair> {
  const privateJwk = stored.privateJwk as JWK;
  const { d: _private, ...publicJwk } = privateJwk;
  const privateKey = (await importJWK(privateJwk, ALGORITHM)) as CryptoKey;
  const publicKey = (await importJWK(publicJwk, ALGORITHM)) as CryptoKey;
  return { privateKey, publicKey, kid: stored.kid };
}
