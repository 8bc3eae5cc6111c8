/**
 * Teams single sign-on for the report tab and its API (production): the tab sends the Entra ID
 * access token Teams gives it; it is checked against Entra ID's published signing keys with `jose`
 * (issuer, audience = the app's id URI, the council's tenant, expiry), and the user's object id is
 * looked up in the staff directory. Nothing else about the token is trusted.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';

export interface SsoSettings {
  /** `https://login.microsoftonline.com` in Azure; a stand-in's address in tests. */
  readonly authority: string;
  /** The council's Entra ID tenant. */
  readonly tenantId: string;
  /** The app's id URI, e.g. `api://assistant.example.gov.uk/<app id>` (the tab's webApplicationInfo.resource). */
  readonly audience: string;
}

/** Who a valid token is for. */
export interface SsoUser {
  readonly aadObjectId: string;
  readonly tenantId: string;
}

export interface SsoVerifier {
  /** The user of a valid token for the council's tenant and this app; undefined for anything else. */
  verify(token: string): Promise<SsoUser | undefined>;
}

const Claims = z.object({ tid: z.string().uuid(), oid: z.string().uuid() });

export function entraSsoVerifier(settings: SsoSettings): SsoVerifier {
  const authority = settings.authority.replace(/\/+$/, '');
  const keys = createRemoteJWKSet(new URL(`${authority}/${settings.tenantId}/discovery/v2.0/keys`), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: `${authority}/${settings.tenantId}/v2.0`,
          audience: settings.audience,
          algorithms: ['RS256'],
          clockTolerance: 60,
          requiredClaims: ['exp', 'tid', 'oid'],
        });
        const claims = Claims.safeParse(payload);
        if (!claims.success || claims.data.tid.toLowerCase() !== settings.tenantId.toLowerCase()) return undefined;
        return { aadObjectId: claims.data.oid, tenantId: claims.data.tid };
      } catch {
        return undefined;
      }
    },
  };
}
