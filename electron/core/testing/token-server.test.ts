// The token mode of the test registry is only worth its tests if docker-registry really checks what it is given:
// prove the token service's policy and that the registry takes its tokens and refuses forged ones.
import { generateKeyPairSync, sign } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, REGISTRY_PASSWORD, REGISTRY_USER, type Registry } from './registry.js';
import { pushTestImage } from './registry-seed.js';

async function get(url: string, authorization?: string): Promise<{ status: number; body: string; challenge: string | undefined }> {
  const response = await request(url, { headers: authorization ? { authorization } : {} });
  const challenge = response.headers['www-authenticate'];
  return { status: response.statusCode, body: await response.body.text(), challenge: Array.isArray(challenge) ? challenge[0] : challenge };
}

describe('startRegistry in token mode', () => {
  let registry: Registry;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'token' });
    await pushTestImage(registry, 'team/app', ['v1'], [Buffer.from('layer')]);
  }, 30_000);

  afterAll(async () => {
    await registry?.stop();
  });

  it("challenges with the token service's realm and service", async () => {
    const answer = await get(`${registry.url}/v2/`);
    expect(answer.status).toBe(401);
    expect(answer.challenge).toBe(`Bearer realm="${registry.tokenServer!.realm}",service="berth-test-registry"`);
  });

  it('grants anonymous pulls of public/* only, everything to the account, and nothing to a wrong password', async () => {
    const token = (query: string, authorization?: string) => get(`${registry.tokenServer!.realm}?service=berth-test-registry&${query}`, authorization);
    const basic = (password: string) => `Basic ${Buffer.from(`${REGISTRY_USER}:${password}`).toString('base64')}`;
    expect((await token('scope=repository:public/x:pull,push')).status).toBe(200);
    const granted = () => registry.tokenServer!.requests.at(-1)!.granted;
    expect(granted()).toEqual([{ type: 'repository', name: 'public/x', actions: ['pull'] }]);
    await token('scope=repository:team/app:pull');
    expect(granted()).toEqual([]);
    await token('scope=repository:team/app:pull,push', basic(REGISTRY_PASSWORD));
    expect(granted()).toEqual([{ type: 'repository', name: 'team/app', actions: ['pull', 'push'] }]);
    expect((await token('scope=repository:team/app:pull', basic('wrong'))).status).toBe(401);
  });

  it('takes the tokens it signs and refuses a forged one', async () => {
    const minted = registry.tokenServer!.mint([{ type: 'repository', name: 'team/app', actions: ['pull'] }]);
    expect((await get(`${registry.url}/v2/team/app/tags/list`, `Bearer ${minted}`)).status).toBe(200);
    const nothing = registry.tokenServer!.mint([]);
    expect((await get(`${registry.url}/v2/team/app/tags/list`, `Bearer ${nothing}`)).status).toBe(401);
    const [header, claims] = minted.split('.');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const forged = `${header}.${claims}.${sign('sha256', Buffer.from(`${header}.${claims}`), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
    expect((await get(`${registry.url}/v2/team/app/tags/list`, `Bearer ${forged}`)).status).toBe(401);
  });
});
