import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Who a local web chat user is pretending to be. Local mode only: it lets a newcomer try every role
 * without Teams. The server, not the client, picks the user id that goes with it.
 */
export const Persona = z.union([
  z.literal('anonymous'),
  z.string().regex(/^parent:[A-Z]\d{3,6}$/, 'a parent persona looks like parent:P0007'),
  z.string().regex(/^staff:[A-Z]\d{3,6}$/, 'a staff persona looks like staff:S001'),
]);
export type Persona = z.infer<typeof Persona>;

const TokenClaims = z.object({
  /** The web chat user id, chosen by the server. */
  sub: z.string().min(1),
  /** The same id under the claim name Web Chat reads from a Direct Line token. */
  user: z.string().min(1),
  persona: Persona,
  /** The conversation the token is bound to, once started. */
  conv: z.string().optional(),
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

export const TOKEN_LIFETIME_SECONDS = 30 * 60;

const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * Signs and checks the local Direct Line tokens: HS256 JWTs with a key made fresh per process, so
 * Web Chat can read the user id from the token as it does with Azure's. A token names the user;
 * anything the client says about itself in an activity is ignored.
 */
export class LocalTokenService {
  private readonly key: Buffer;

  constructor(
    private readonly now: () => number = Date.now,
    key?: Buffer,
  ) {
    this.key = key ?? randomBytes(32);
  }

  issue(persona: Persona, conversationId?: string, userId?: string): { token: string; userId: string; expiresIn: number; claims: TokenClaims } {
    const sub = userId ?? `dl_${randomUUID()}`;
    const claims: TokenClaims = {
      sub,
      user: sub,
      persona,
      ...(conversationId ? { conv: conversationId } : {}),
      exp: Math.floor(this.now() / 1000) + TOKEN_LIFETIME_SECONDS,
    };
    const signed = `${JWT_HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return { token: `${signed}.${this.sign(signed)}`, userId: claims.sub, expiresIn: TOKEN_LIFETIME_SECONDS, claims };
  }

  /** Returns the claims of a valid, unexpired token, or undefined. */
  verify(token: string | undefined): TokenClaims | undefined {
    if (!token) return undefined;
    const [header, payload, signature, extra] = token.split('.');
    if (header !== JWT_HEADER || !payload || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const claims = TokenClaims.safeParse(decoded);
    if (!claims.success || claims.data.user !== claims.data.sub || claims.data.exp * 1000 < this.now()) return undefined;
    return claims.data;
  }

  private sign(signed: string): string {
    return createHmac('sha256', this.key).update(signed).digest('base64url');
  }
}
