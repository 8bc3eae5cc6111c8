import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  checkAppSettings,
  checkBicepStructure,
  checkParameters,
  compareContainers,
  defaultLayout,
  findContainerSpecs,
  parseBicep,
  readConfigSettingNames,
  runInfraCheck,
  type BicepFile,
  type Finding,
  type InfraLayout,
} from '../../../scripts/infra-check';

const repoRoot = resolve(__dirname, '..', '..', '..');
const realLayout = defaultLayout();

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function mainBicep(): BicepFile {
  return parseBicep(readFileSync(join(repoRoot, 'infra', 'main.bicep'), 'utf8'), 'infra/main.bicep');
}

function errors(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.level === 'error').map((f) => f.message);
}

function assertSomeMessage(messages: readonly string[], pattern: RegExp): void {
  assert.ok(
    messages.some((m) => pattern.test(m)),
    `expected a message matching ${pattern}, got:\n  ${messages.join('\n  ') || '(none)'}`,
  );
}

/** A throwaway copy of infra/ to break on purpose. */
function copyInfra(): { layout: InfraLayout; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'infra-check-'));
  const infraDir = join(dir, 'infra');
  cpSync(join(repoRoot, 'infra'), infraDir, { recursive: true });
  return { layout: { repoRoot, infraDir }, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function edit(file: string, from: string | RegExp, to: string): void {
  const before = readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  assert.notEqual(after, before, `edit(): '${String(from)}' not found in ${file}`);
  writeFileSync(file, after);
}

describe('parseBicep()', () => {
  const source = [
    "// param commentedOut string  <- a comment, not a parameter",
    "@description('Where it runs: https://example.org // not a comment')",
    '@allowed([',
    "  'dev'",
    "  'prod'",
    '])',
    'param environmentName string',
    '',
    '@minValue(1)',
    '@maxValue(10)',
    'param count int = 1',
    '',
    '@secure()',
    "param apiKey string = ''",
    '',
    "module store 'modules/store.bicep' = if (environmentName == 'prod') {",
    "  name: 'store'",
    '  params: {',
    '    count: count',
    "    'quoted-key': 'x'",
    '    nested: { inner: 1 }',
    '  }',
    '}',
    '',
    "module many 'modules/many.bicep' = [for i in range(0, 2): {",
    "  name: 'many${i}'",
    '  params: { index: i, label: \'a,b\' }',
    '}]',
    '',
    "var settings = {",
    "  FIRST: 'https://x.example/a'",
    "  'SECOND': store.outputs.endpoint",
    '}',
    "var data = loadJsonContent('data.json')",
    "output url string = 'https://${store.outputs.host}/api'",
  ].join('\n');
  const parsed = parseBicep(source, 'test.bicep');

  it('reads parameters with their decorators, including multi-line @allowed', () => {
    assert.deepEqual([...parsed.params.keys()], ['environmentName', 'count', 'apiKey']);
    const env = parsed.params.get('environmentName');
    assert.deepEqual(env?.allowed, ['dev', 'prod']);
    assert.equal(env?.hasDefault, false);
    assert.equal(env?.description, 'Where it runs: https://example.org // not a comment');
    assert.equal(parsed.params.get('count')?.minValue, 1);
    assert.equal(parsed.params.get('count')?.maxValue, 10);
    assert.equal(parsed.params.get('count')?.hasDefault, true);
    assert.equal(parsed.params.get('apiKey')?.secure, true);
  });

  it('reads the params passed to conditional and looped modules, top-level keys only', () => {
    assert.deepEqual(
      parsed.modules.map((m) => [m.symbol, m.path, m.params]),
      [
        ['store', 'modules/store.bicep', ['count', 'quoted-key', 'nested']],
        ['many', 'modules/many.bicep', ['index', 'label']],
      ],
    );
  });

  it('finds outputs, module output references (also inside strings), loaded files and object vars', () => {
    assert.deepEqual([...parsed.outputs], ['url']);
    assert.deepEqual(
      parsed.outputRefs.map((r) => `${r.symbol}.${r.output}`),
      ['store.endpoint', 'store.host'],
    );
    assert.deepEqual(parsed.loadedFiles.map((f) => f.path), ['data.json']);
    assert.deepEqual(parsed.objectVars.get('settings'), ['FIRST', 'SECOND']);
  });
});

describe('checkParameters()', () => {
  const main = mainBicep();

  for (const env of ['dev', 'prod']) {
    it(`accepts the committed ${env} parameters, warning only about placeholder GUIDs`, () => {
      const file = join(repoRoot, 'infra', 'parameters', `${env}.parameters.json`);
      const findings = checkParameters(readJson(file), main, file, { expectedEnvironment: env });
      assert.deepEqual(errors(findings), []);
      assert.ok(findings.every((f) => /placeholder GUID/.test(f.message)), findings.map((f) => f.message).join('\n'));
    });
  }

  it('rejects a deliberately broken parameters object, naming each problem', () => {
    const broken = readJson(join(repoRoot, 'infra', 'parameters', 'dev.parameters.json'));
    const p = broken['parameters'] as Record<string, unknown>;
    delete p['microsoftAppId']; // required, no default
    p['appServicePlanSku'] = { value: 'F1' }; // not @allowed
    p['appServiceInstanceCount'] = { value: 40 }; // above @maxValue
    p['notifyApiKey'] = { value: 'anything' }; // @secure(): no value in files
    p['colour'] = { value: 'blue' }; // not declared
    p['localOfferOrigins'] = { value: ['http://localoffer.example.gov.uk', 'https://localoffer.example.gov.uk/send/'] };
    p['namePrefix'] = { value: 'Send_Assistant' };
    p['environmentName'] = { value: 'prod' };
    p['logRetentionDays'] = { value: '30' }; // wrong type

    const messages = errors(checkParameters(broken, main, 'dev.parameters.json', { expectedEnvironment: 'dev' }));
    assertSomeMessage(messages, /required parameter 'microsoftAppId' is missing/);
    assertSomeMessage(messages, /appServicePlanSku.*"F1" is not allowed/);
    assertSomeMessage(messages, /appServiceInstanceCount' is 40, above its maximum 10/);
    assertSomeMessage(messages, /'notifyApiKey' is @secure\(\)/);
    assertSomeMessage(messages, /'colour' is not declared in main\.bicep/);
    assertSomeMessage(messages, /'http:\/\/localoffer\.example\.gov\.uk' must use https/);
    assertSomeMessage(messages, /must be an origin only .*'https:\/\/localoffer\.example\.gov\.uk'/);
    assertSomeMessage(messages, /namePrefix.*lower-case/);
    assertSomeMessage(messages, /environmentName is 'prod' but the file is for 'dev'/);
    assertSomeMessage(messages, /logRetentionDays' should be int/);
  });

  it('finds a secret pasted into an innocent-looking value', () => {
    const leaky = readJson(join(repoRoot, 'infra', 'parameters', 'dev.parameters.json'));
    const p = leaky['parameters'] as Record<string, { value: unknown }>;
    p['tags'] = {
      value: { note: 'live-5ba0a1ba-7b1a-4b8f-a3b4-6bcd1c6f0a1e-0c2e4a6b-1d3f-4a5b-8c7d-9e0f1a2b3c4d' },
    };
    assertSomeMessage(errors(checkParameters(leaky, main, 'dev.parameters.json')), /\$\.parameters\.tags\.value\.note looks like a GOV\.UK Notify API key/);
  });

  const fakeSecrets: [string, string, RegExp][] = [
    ['a Direct Line secret', 'AbCdEfGh1Jk.cwA.XyZ.q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c', /a Direct Line secret/],
    ['an Entra client secret', 'abc8Q~q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8', /an Entra client secret/],
    ['a storage connection string', 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=q1w2e3r4==', /a connection string with a key/],
  ];
  for (const [what, value, pattern] of fakeSecrets) {
    it(`finds ${what} in any string value`, () => {
      const leaky = readJson(join(repoRoot, 'infra', 'parameters', 'dev.parameters.json'));
      (leaky['parameters'] as Record<string, unknown>)['tags'] = { value: { note: value } };
      assertSomeMessage(errors(checkParameters(leaky, main, 'dev.parameters.json')), pattern);
    });
  }

  it('allows a Key Vault reference for a @secure() parameter', () => {
    const withReference = readJson(join(repoRoot, 'infra', 'parameters', 'dev.parameters.json'));
    (withReference['parameters'] as Record<string, unknown>)['notifyApiKey'] = {
      reference: { keyVault: { id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/z' }, secretName: 'notify-api-key' },
    };
    assert.deepEqual(errors(checkParameters(withReference, main, 'dev.parameters.json')), []);
  });

  it('requires purge protection in prod', () => {
    const prod = readJson(join(repoRoot, 'infra', 'parameters', 'prod.parameters.json'));
    (prod['parameters'] as Record<string, unknown>)['enableKeyVaultPurgeProtection'] = { value: false };
    assertSomeMessage(errors(checkParameters(prod, main, 'prod.parameters.json')), /prod must set enableKeyVaultPurgeProtection to true/);
  });

  it('rejects a file that is not a deployment parameters file', () => {
    assertSomeMessage(errors(checkParameters({ environmentName: 'dev' }, main, 'x.json')), /contentVersion/);
  });
});

describe('checkBicepStructure()', () => {
  it('passes on the repository\'s infra/', () => {
    const result = checkBicepStructure(realLayout);
    assert.deepEqual(errors(result.findings), []);
    assert.ok(result.moduleCount >= 7);
  });

  it('reports a module file that does not exist', () => {
    const copy = copyInfra();
    try {
      edit(join(copy.layout.infraDir, 'main.bicep'), "'modules/bot.bicep'", "'modules/robot.bicep'");
      assertSomeMessage(errors(checkBicepStructure(copy.layout).findings), /module bot: file 'modules\/robot\.bicep' does not exist/);
    } finally {
      copy.cleanup();
    }
  });

  it('reports a parameter the module does not declare and a required one not passed', () => {
    const copy = copyInfra();
    try {
      edit(join(copy.layout.infraDir, 'main.bicep'), '    workspaceName: names.logAnalytics', '    workspaceNam: names.logAnalytics');
      const messages = errors(checkBicepStructure(copy.layout).findings);
      assertSomeMessage(messages, /module monitoring passes 'workspaceNam', but .*monitoring\.bicep declares no such parameter/);
      assertSomeMessage(messages, /module monitoring does not pass 'workspaceName'/);
    } finally {
      copy.cleanup();
    }
  });

  it('reports a module output that does not exist and a missing required output', () => {
    const copy = copyInfra();
    try {
      const main = join(copy.layout.infraDir, 'main.bicep');
      edit(main, 'output cosmosEndpoint string = cosmos.outputs.endpoint', 'output cosmosUrl string = cosmos.outputs.url');
      const messages = errors(checkBicepStructure(copy.layout).findings);
      assertSomeMessage(messages, /cosmos\.outputs\.url: .*cosmos\.bicep has no output 'url'/);
      assertSomeMessage(messages, /main\.bicep has no output 'cosmosEndpoint'/);
    } finally {
      copy.cleanup();
    }
  });

  it('reports a loadJsonContent() file that does not exist', () => {
    const copy = copyInfra();
    try {
      rmSync(join(copy.layout.infraDir, 'cosmos-containers.json'));
      assertSomeMessage(errors(checkBicepStructure(copy.layout).findings), /loads '\.\.\/cosmos-containers\.json', which does not exist/);
    } finally {
      copy.cleanup();
    }
  });
});

describe('checkAppSettings()', () => {
  it('passes on the repository: every setting present, every name read by bot/config.ts', () => {
    assert.deepEqual(checkAppSettings(realLayout), []);
  });

  it('reads the setting names from bot/config.ts, ignoring braces and // inside strings', () => {
    const names = readConfigSettingNames(
      [
        'const EnvSchema = z.object({',
        "  A_URL: url.default('https://x.example/v3/{id}'),",
        '  // COMMENTED: z.string(),',
        '  B: z.string().regex(/^[a-z]{1,3}$/, "a { b"),',
        '',
        '  C: optionalString,',
        '});',
      ].join('\n'),
    );
    assert.deepEqual(names, ['A_URL', 'B', 'C']);
  });

  it('reports a missing setting, a misspelt one and a secret given as a literal', () => {
    const copy = copyInfra();
    try {
      const file = join(copy.layout.infraDir, 'modules', 'app-settings.bicep');
      edit(file, /\n {2}LOG_LEVEL: logLevel/, '\n  LOGLEVEL: logLevel');
      edit(file, "NOTIFY_API_KEY: keyVaultReference(keyVaultUri, 'notify-api-key')", "NOTIFY_API_KEY: 'paste-key-here'");
      const messages = errors(checkAppSettings(copy.layout));
      assertSomeMessage(messages, /app setting 'LOG_LEVEL' is not set/);
      assertSomeMessage(messages, /app setting 'LOGLEVEL' is not read by bot\/config\.ts/);
      assertSomeMessage(messages, /app setting 'NOTIFY_API_KEY' must be a Key Vault reference/);
    } finally {
      copy.cleanup();
    }
  });
});

describe('Cosmos containers: infra against the code', () => {
  it('finds specs exported as a single spec, an array, or a map, and ignores maps of names', () => {
    const specs = findContainerSpecs({
      STATE: { id: 'botState', partitionKey: '/id', defaultTtl: 60 },
      RECORDS: [{ id: 'cases', partitionKey: '/childId' }],
      BY_NAME: { audit: { id: 'audit', partitionKey: '/subject' } },
      CONTAINER_IDS: { cases: 'cases' },
      helper: () => undefined,
    });
    assert.deepEqual(specs.map((s) => s.id).sort(), ['audit', 'botState', 'cases']);
  });

  it('reports a missing container, a different partition key and a different TTL', () => {
    const findings = compareContainers(
      [
        { id: 'cases', partitionKey: '/pk' },
        { id: 'audit', partitionKey: '/subject' },
        { id: 'old', partitionKey: '/pk' },
      ],
      [
        { id: 'cases', partitionKey: '/childId' },
        { id: 'audit', partitionKey: '/subject', defaultTtl: 100 },
        { id: 'staff', partitionKey: '/aadObjectId' },
      ],
      'bot/records/containers.ts',
    );
    const messages = errors(findings);
    assertSomeMessage(messages, /'cases': partition key is \/childId in the code but \/pk in infra/);
    assertSomeMessage(messages, /'audit': defaultTtl is 100 in the code but off in infra/);
    assertSomeMessage(messages, /the code uses container 'staff'/);
    assert.ok(findings.some((f) => f.level === 'warning' && /'old'/.test(f.message)));
  });

  it('infra/cosmos-containers.json matches what the code declares today', async () => {
    const report = await runInfraCheck({ useBicepCli: false });
    const containerProblems = report.findings.filter((f) => /container/i.test(f.message));
    assert.deepEqual(containerProblems, []);
    assert.ok(report.notes.some((n) => /containers: compared \d+ in infra/.test(n)), report.notes.join('\n'));
  });
});

describe('npm run infra:check (the command line)', () => {
  const script = join(repoRoot, 'scripts', 'infra-check.ts');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('passes on the repository and says whether Bicep was compiled', () => {
    const r = run();
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /Bicep was NOT compiled|compiled infra\/main\.bicep with/);
    assert.match(r.stdout, /passed/);
  });

  it('exits 1 and names the file and the problem when a parameters file is broken', () => {
    const copy = copyInfra();
    try {
      edit(join(copy.layout.infraDir, 'parameters', 'dev.parameters.json'), '"botSku": { "value": "F0" }', '"botSku": { "value": "Free" }');
      const r = run('--skip-bicep-cli', '--infra', copy.layout.infraDir);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stderr, /ERROR: .*dev\.parameters\.json: parameter 'botSku': "Free" is not allowed; use one of "F0", "S1"/);
      assert.match(r.stderr, /FAILED: 1 error/);
    } finally {
      copy.cleanup();
    }
  });

  it('with --strict fails on warnings such as placeholder GUIDs', () => {
    const r = run('--skip-bicep-cli', '--strict');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /ERROR \(strict\): .*placeholder GUID/);
  });

  it('exits 2 on an unknown option', () => {
    const r = run('--frobnicate');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown option '--frobnicate'/);
  });
});
