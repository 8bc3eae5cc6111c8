import assert from 'node:assert/strict';
import { FEATURES } from '../../../dialogs';
import { assemble, assertOneRoutePerAction, intentsOf, startRoute, type Feature } from '../../../dialogs/feature';
import { commandOf } from '../../../dialogs/intents';
import { menuFor } from '../../../dialogs/menu';
import { submissionRoute } from '../../../dialogs/router';
import type { DialogServices } from '../../../dialogs/services';
import { z } from 'zod';

const services = {} as DialogServices;
const menu = FEATURES.flatMap((f) => (f.menu ? [{ action: f.id, ...f.menu, ...(f.requires ? { requires: f.requires } : {}) }] : []));
const intents = intentsOf(FEATURES);

describe('features: each declared once, and the menu, intents and routes built from them', () => {
  it('builds one start route per feature and refuses two routes for one action at start-up', () => {
    const noDialogs = FEATURES.map((f): Feature => ({ ...f, dialogs: () => [], submissions: () => [] }));
    const built = assemble(noDialogs, services);
    assert.deepEqual(
      built.submissions.map((r) => r.action),
      FEATURES.map((f) => f.id),
    );
    assert.throws(() => assemble([...noDialogs, { id: 'complaint', dialogs: () => [] }], services), /two features have the id "complaint"/);
    const clash = {
      id: 'x',
      dialogs: () => [],
      submissions: () => [submissionRoute('y', z.object({}), async () => undefined), submissionRoute('y', z.object({}), async () => undefined)],
    };
    assert.throws(() => assemble([clash], services), /two card submission routes for the action "y"/);
    assert.throws(() => assertOneRoutePerAction([startRoute('a'), startRoute('a')]), /"a"/);
  });

  it('the menu lists the features in order, each only for people who may use it', () => {
    const caseworker = { kind: 'staff', actorId: 'S001', name: 'C', roles: ['caseworker'], channel: 'teams' } as const;
    const adviser = { kind: 'staff', actorId: 'S008', name: 'A', roles: ['sendias_adviser'], channel: 'teams' } as const;
    const forCaseworker = menuFor(menu, caseworker).map((m) => m.action);
    assert.deepEqual(forCaseworker.slice(0, 3), ['planStatus', 'bookReview', 'recordOutcome']);
    assert.ok(!forCaseworker.includes('sendiasQueue'));
    assert.ok(menuFor(menu, adviser).some((m) => m.action === 'sendiasQueue'));
    assert.ok(!menuFor(menu, adviser).some((m) => m.action === 'planStatus'));
  });

  it('a start button carries only the fields its feature declares', async () => {
    const route = startRoute('sendiasQueue', { filter: z.enum(['open', 'mine']).optional() });
    const begun: unknown[] = [];
    const dc = { cancelAllDialogs: async () => undefined, beginDialog: async (id: string, options: unknown) => void begun.push([id, options]) } as never;
    assert.equal(await route.run(dc, { action: 'sendiasQueue', filter: 'mine' }), 'handled');
    assert.equal(await route.run(dc, { action: 'sendiasQueue', filter: 'everyone' }), 'invalid');
    assert.equal(await route.run(dc, { action: 'sendiasQueue', extra: 1 }), 'invalid');
    assert.deepEqual(begun, [['sendiasQueue', { filter: 'mine' }]]);
  });
});

describe('commandOf(): a command typed while a question waits', () => {
  const cases: [string, string | undefined][] = [
    ['show the SENDIAS queue', 'sendiasQueue'],
    ['Make a complaint', 'complaint'],
    ['Ask a question about SEND', 'askQuestion'],
    ['look up a plan', 'planStatus'],
    ["What's overdue?", 'overdue'],
    ['book an annual review', 'bookReview'],
    // Answers, not commands.
    ['Amelia Khan', undefined],
    ['EHC-000123', undefined],
    ['14/3/2015', undefined],
    ['no', undefined],
    ['They did not check the plan before the meeting and nothing in it happened', undefined],
    ['I want the council to check my plan properly', undefined],
    ['Book clash with the school trip', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}" → ${expected ?? 'an answer'}`, () => assert.equal(commandOf(text, menu, intents), expected));
  }
});
