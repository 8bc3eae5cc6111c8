import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../bot/config';

const PRODUCTION = {
  NODE_ENV: 'production',
  MicrosoftAppId: '11111111-1111-1111-1111-111111111111',
  MicrosoftAppPassword: 'not-a-real-password',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '22222222-2222-2222-2222-222222222222',
  COSMOS_ENDPOINT: 'https://send-assistant.documents.azure.com:443/',
  DIRECT_LINE_SECRET: 'not-a-real-secret',
  COUNCIL_TENANT_ID: '22222222-2222-2222-2222-222222222222',
  NOTIFY_API_KEY: 'not-a-real-key',
  NOTIFY_EMAIL_TEMPLATE_ID: '33333333-3333-3333-3333-333333333333',
  NOTIFY_SMS_TEMPLATE_ID: '44444444-4444-4444-4444-444444444444',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return [...err.problems];
  }
  assert.fail('expected loadConfig() to refuse these settings');
}

describe('loadConfig()', () => {
  it('runs in local mode with no settings at all', () => {
    const config = loadConfig({});
    assert.equal(config.mode, 'local');
    assert.equal(config.port, 3978);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.cosmos.endpoint, undefined);
    assert.equal(config.cosmos.createIfMissing, true);
    assert.equal(config.demoData, true);
  });

  it('accepts a complete production configuration and never loads demo data there', () => {
    const config = loadConfig(PRODUCTION);
    assert.equal(config.mode, 'production');
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.cosmos.createIfMissing, false);
    assert.equal(config.demoData, false);
  });

  for (const setting of [
    'MicrosoftAppId',
    'MicrosoftAppPassword',
    'COSMOS_ENDPOINT',
    'DIRECT_LINE_SECRET',
    'COUNCIL_TENANT_ID',
    'NOTIFY_API_KEY',
    'NOTIFY_EMAIL_TEMPLATE_ID',
    'NOTIFY_SMS_TEMPLATE_ID',
  ]) {
    it(`refuses to start in production without ${setting}, naming it`, () => {
      const problems = problemsOf({ ...PRODUCTION, [setting]: undefined });
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0] ?? '', new RegExp(`^${setting}:`));
    });
  }

  it('accepts managed identity in production instead of an app password', () => {
    const config = loadConfig({ ...PRODUCTION, MicrosoftAppPassword: undefined, MicrosoftAppType: 'UserAssignedMSI' });
    assert.equal(config.bot.appType, 'UserAssignedMSI');
  });

  it('names a malformed port', () => {
    const problems = problemsOf({ PORT: 'eighty' });
    assert.match(problems.join('\n'), /^PORT: must be a number/m);
  });

  it('names a port out of range', () => {
    assert.match(problemsOf({ PORT: '70000' }).join('\n'), /^PORT: must be between 0 and 65535/m);
  });

  it('names a malformed Cosmos endpoint', () => {
    assert.match(problemsOf({ COSMOS_ENDPOINT: 'not a url' }).join('\n'), /^COSMOS_ENDPOINT: must be a full URL/m);
  });

  it('names an unknown NODE_ENV', () => {
    assert.match(problemsOf({ NODE_ENV: 'staging' }).join('\n'), /^NODE_ENV: must be development, test or production/m);
  });

  it('names a malformed boolean flag', () => {
    assert.match(problemsOf({ DEMO_DATA: 'maybe' }).join('\n'), /^DEMO_DATA: must be true or false/m);
  });

  it('names a Cosmos key given without an endpoint', () => {
    assert.match(problemsOf({ COSMOS_KEY: 'abc' }).join('\n'), /^COSMOS_KEY: set without COSMOS_ENDPOINT/m);
  });

  it('requires a tenant for a single-tenant bot', () => {
    assert.match(problemsOf({ MicrosoftAppId: 'x', MicrosoftAppPassword: 'y', MicrosoftAppType: 'SingleTenant' }).join('\n'), /^MicrosoftAppTenantId:/m);
  });

  it('turns on the reports API in production only with the app id URI, and needs the council tenant for it', () => {
    assert.equal(loadConfig(PRODUCTION).reportsSso, undefined);
    const on = loadConfig({ ...PRODUCTION, REPORTS_SSO_AUDIENCE: 'api://assistant.example.gov.uk/11111111-1111-1111-1111-111111111111' });
    assert.deepEqual(on.reportsSso, { authority: 'https://login.microsoftonline.com', audience: 'api://assistant.example.gov.uk/11111111-1111-1111-1111-111111111111' });
    assert.match(problemsOf({ ...PRODUCTION, REPORTS_SSO_AUDIENCE: 'https://not-an-app-id-uri' }).join('\n'), /^REPORTS_SSO_AUDIENCE: must be the app id URI/m);
    assert.match(problemsOf({ ...PRODUCTION, COUNCIL_TENANT_ID: undefined, REPORTS_SSO_AUDIENCE: 'api://x/y' }).join('\n'), /^REPORTS_SSO_AUDIENCE: needs COUNCIL_TENANT_ID/m);
  });

  it('refuses demo data in production', () => {
    assert.match(problemsOf({ ...PRODUCTION, DEMO_DATA: 'true' }).join('\n'), /^DEMO_DATA:/m);
  });

  it('lists every problem at once, not just the first', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    assert.ok(problems.length >= 4, problems.join('\n'));
  });
});
