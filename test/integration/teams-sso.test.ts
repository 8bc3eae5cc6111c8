import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { entraSsoVerifier, type SsoVerifier } from '../../bot/identity/teams-sso';

/**
 * Teams SSO token checks against a stand-in for Microsoft Entra ID that speaks its real HTTP API
 * (the tenant's JWKS at /{tenant}/discovery/v2.0/keys), with tokens signed as Entra signs them.
 */
const TENANT = '7f1a2b3c-0000-4000-8000-00000000c0c1';
const OTHER_TENANT = '9e9e9e9e-0000-4000-8000-000000000999';
const AUDIENCE = 'api://assistant.example.gov.uk/11111111-2222-4333-8444-555555555555';
const OID = '5e7d0000-0000-4000-8000-000000000007';

describe('Teams SSO tokens for the reports (jose against a stand-in Entra ID key endpoint)', () => {
  let server: Server;
  let authority: string;
  let key: KeyLike;
  let otherKey: KeyLike;
  let verifier: SsoVerifier;
  let keyRequests = 0;

  before(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', use: 'sig', alg: 'RS256' };
    server = createServer((req, res) => {
      if (req.url === `/${TENANT}/discovery/v2.0/keys`) {
        keyRequests++;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ keys: [jwk] }));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    verifier = entraSsoVerifier({ authority, tenantId: TENANT, audience: AUDIENCE });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const token = (claims: Record<string, unknown> = {}, options: { signWith?: KeyLike; expiresIn?: string; issuer?: string; audience?: string; kid?: string } = {}) =>
    new SignJWT({ tid: TENANT, oid: OID, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
      .setIssuer(options.issuer ?? `${authority}/${TENANT}/v2.0`)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(options.signWith ?? key);

  it('accepts a token Entra ID signed for this app and the council’s tenant, and says whose it is', async () => {
    assert.deepEqual(await verifier.verify(await token()), { aadObjectId: OID, tenantId: TENANT });
    assert.ok(keyRequests >= 1, 'the signing keys were fetched from the key endpoint');
  });

  it('refuses an expired token, another tenant’s, another app’s, a forged signature and a token that is not a JWT', async () => {
    assert.equal(await verifier.verify(await token({}, { expiresIn: '-10m' })), undefined, 'expired');
    assert.equal(await verifier.verify(await token({ tid: OTHER_TENANT })), undefined, 'another tenant in the claims');
    assert.equal(await verifier.verify(await token({}, { issuer: `${authority}/${OTHER_TENANT}/v2.0` })), undefined, 'another tenant’s issuer');
    assert.equal(await verifier.verify(await token({}, { audience: 'api://someone-else/app' })), undefined, 'another app');
    assert.equal(await verifier.verify(await token({}, { signWith: otherKey })), undefined, 'signed with a key Entra ID did not publish');
    assert.equal(await verifier.verify(await token({ oid: undefined })), undefined, 'no user object id');
    assert.equal(await verifier.verify('not-a-token'), undefined);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ tid: TENANT, oid: OID, aud: AUDIENCE, iss: `${authority}/${TENANT}/v2.0`, exp: 4102444800 })).toString('base64url')}.`;
    assert.equal(await verifier.verify(unsigned), undefined, 'alg none');
  });
});
