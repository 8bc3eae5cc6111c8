import assert from 'node:assert/strict';
import { TurnContext, type Activity } from 'botbuilder';
import { LOCAL_CHANNEL_AUTH_TYPE, resolveIdentity, userKeyOf, type VerifiedParent } from '../../bot/identity/identity';

const TENANT = '22222222-2222-2222-2222-222222222222';
const AAD = '5e7d0000-0000-4000-8000-000000000001';
const NOW = new Date('2026-03-05T10:00:00Z');

function context(activity: Partial<Activity>, auth: { type: string } | undefined): TurnContext {
  const adapter = { BotIdentityKey: Symbol('BotIdentity') } as never;
  const ctx = new TurnContext(adapter, { type: 'message', recipient: { id: 'bot', name: 'bot' }, ...activity } as Activity);
  if (auth) ctx.turnState.set((adapter as { BotIdentityKey: symbol }).BotIdentityKey, { isAuthenticated: true, authenticationType: auth.type });
  return ctx;
}

const directory = {
  async findStaffByAadObjectId(aad: string) {
    if (aad === AAD) return { id: 'S001', displayName: 'Sam Okafor', roles: ['caseworker' as const], active: true };
    if (aad === '5e7d0000-0000-4000-8000-000000000099') return { id: 'S099', displayName: 'Left Already', roles: ['caseworker' as const], active: false };
    return undefined;
  },
};

const teams = (from: Record<string, unknown>, tenantId = TENANT): Partial<Activity> => ({
  channelId: 'msteams',
  from: { id: '29:x', name: 'x', ...from } as never,
  conversation: { id: 'c', tenantId } as never,
});

describe('resolveIdentity()', () => {
  const production = { localMode: false, councilTenantId: TENANT, directory, now: () => NOW };
  const local = { ...production, localMode: true };

  it('makes an authenticated Teams user from the council tenant who is in the directory staff', async () => {
    const identity = await resolveIdentity(context(teams({ aadObjectId: AAD }), { type: 'JwtTokenValidation' }), undefined, production);
    assert.equal(identity.kind, 'staff');
    assert.equal(identity.actorId, 'S001');
  });

  it('trusts nothing on an unauthenticated (anonymous) activity, even with a staff AAD id', async () => {
    for (const auth of [undefined, { type: 'anonymous' }]) {
      const identity = await resolveIdentity(context(teams({ aadObjectId: AAD }), auth), undefined, production);
      assert.equal(identity.kind, 'public');
    }
  });

  it('accepts the local channel marker only in local mode', async () => {
    const ctx = () => context(teams({ aadObjectId: AAD }), { type: LOCAL_CHANNEL_AUTH_TYPE });
    assert.equal((await resolveIdentity(ctx(), undefined, local)).kind, 'staff');
    assert.equal((await resolveIdentity(ctx(), undefined, production)).kind, 'public');
  });

  it('refuses staff from another tenant, people not in the directory and people no longer active', async () => {
    const cases: [Partial<Activity>, string][] = [
      [teams({ aadObjectId: AAD }, '99999999-9999-9999-9999-999999999999'), 'wrong_tenant'],
      [teams({ aadObjectId: '5e7d0000-0000-4000-8000-000000000042' }), 'not_in_directory'],
      [teams({ aadObjectId: '5e7d0000-0000-4000-8000-000000000099' }), 'inactive'],
      [teams({}), 'not_in_directory'],
    ];
    for (const [activity, reason] of cases) {
      const identity = await resolveIdentity(context(activity, { type: 'JwtTokenValidation' }), undefined, production);
      assert.equal(identity.kind, 'public');
      assert.equal(identity.kind === 'public' && identity.unknownStaff, reason);
    }
  });

  it('keeps a parent verified only for the same web chat user and for at most 12 hours', async () => {
    const web = context({ channelId: 'webchat', from: { id: 'dl_abc', name: 'You' }, conversation: { id: 'c' } as never }, { type: LOCAL_CHANNEL_AUTH_TYPE });
    const verified: VerifiedParent = { userKey: userKeyOf(web), contactId: 'P0001', contactKind: 'parent_carer', childIds: ['C0001'], until: '2026-03-05T21:59:59Z' };
    assert.equal((await resolveIdentity(web, verified, local)).kind, 'parent');
    assert.equal((await resolveIdentity(web, { ...verified, until: '2026-03-05T09:59:59Z' }, local)).kind, 'public', 'expired');
    assert.equal((await resolveIdentity(web, { ...verified, userKey: 'u-someone-else' }, local)).kind, 'public', 'another user');
  });
});
