import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import {
  InvalidTokenError,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  LocalIdentityProvider,
  loadUsers,
  UnknownUserError,
} from '../../../local/identities';
import { tempDir } from './helpers';

describe('local identities', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let idp: LocalIdentityProvider;

  beforeEach(async () => {
    dir = await tempDir();
    idp = await LocalIdentityProvider.open({ dataDir: dir.path });
  });
  afterEach(() => dir.remove());

  it('seeds the police users of both directorates and the national supervisor', () => {
    const users = Object.fromEntries(
      loadUsers().map((u) => [u.username, `${u.groups.join('+')}@${u.directorate}`]),
    );
    expect(users).toMatchObject({
      'officer.tirana': 'officers@AL-11',
      'officer2.tirana': 'officers@AL-11',
      'supervisor.tirana': 'supervisors@AL-11',
      'officer.shkoder': 'officers@AL-10',
      'supervisor.shkoder': 'supervisors@AL-10',
      'supervisor.national': 'supervisors@NATIONAL',
    });
  });

  it('issues tokens with the claims of a Cognito ID token, valid for one hour', async () => {
    const token = await idp.issue('supervisor.tirana');
    const claims = await idp.verify(token);
    const user = idp.findUser('supervisor.tirana');
    expect(claims).toMatchObject({
      sub: user?.sub,
      'cognito:username': 'supervisor.tirana',
      'cognito:groups': ['supervisors'],
      'custom:directorate': 'AL-11',
      token_use: 'id',
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
    });
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it('keeps the signing key in the data dir, so tokens survive a restart', async () => {
    const token = await idp.issue('officer.tirana');
    const restarted = await LocalIdentityProvider.open({ dataDir: dir.path });
    await expect(restarted.verify(token)).resolves.toMatchObject({ 'cognito:username': 'officer.tirana' });
  });

  it('refuses a token signed by another key', async () => {
    const other = await tempDir();
    try {
      const stranger = await LocalIdentityProvider.open({ dataDir: other.path });
      await expect(idp.verify(await stranger.issue('officer.tirana'))).rejects.toBeInstanceOf(
        InvalidTokenError,
      );
    } finally {
      await other.remove();
    }
  });

  it('refuses a forged token: claims changed after signing', async () => {
    const [header, , signature] = (await idp.issue('officer.tirana')).split('.');
    const claims = decodeJwt(await idp.issue('officer.tirana'));
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...claims, 'cognito:groups': ['supervisors'], 'custom:directorate': 'NATIONAL' }),
    ).toString('base64url');
    await expect(idp.verify(`${header}.${forgedPayload}.${signature}`)).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });

  it('refuses an unsigned (alg none) token', async () => {
    const claims = decodeJwt(await idp.issue('officer.tirana'));
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    await expect(idp.verify(none)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses an expired token', async () => {
    const token = await idp.issue('officer.tirana', { now: new Date(Date.now() - 2 * 3600_000) });
    await expect(idp.verify(token)).rejects.toThrow('Invalid token: JWTExpired');
  });

  it('refuses garbage', async () => {
    await expect(idp.verify('not-a-token')).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(idp.verify('')).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('issues nothing for an unknown user', async () => {
    await expect(idp.issue('nobody')).rejects.toBeInstanceOf(UnknownUserError);
  });

  it('rejects a users file with duplicate usernames', async () => {
    const file = join(dir.path, 'users.json');
    const user = { username: 'a.b', sub: crypto.randomUUID(), groups: ['officers'], directorate: 'AL-11' };
    await writeFile(file, JSON.stringify({ users: [user, { ...user, sub: crypto.randomUUID() }] }));
    expect(() => loadUsers(file)).toThrow('duplicate username a.b');
  });
});
