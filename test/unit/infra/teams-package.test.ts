import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { imageSize } from 'image-size';
import { PNG } from 'pngjs';
import { renderColourIcon, renderOutlineIcon } from '../../../scripts/make-icons';
import {
  buildTeamsPackage,
  checkIcons,
  draft04OnlyKeywords,
  fillManifest,
  findPlaceholders,
  loadTeamsSchema,
  outlineProblems,
  PackageError,
  prepareManifest,
  resolvePlaceholders,
  schemaVersions,
  TEAMS_DIR,
  validateManifest,
} from '../../../scripts/package-teams';

const repoRoot = resolve(__dirname, '..', '..', '..');

/** What a release pipeline would set. */
const RELEASE_ENV = {
  TEAMS_APP_ID: '8d3f6a0e-2c41-4b7e-9f15-6a2b9c0d1e34',
  BOT_ID: '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b',
  BOT_DOMAIN: 'sendasst-prod-app-x1y2z3.azurewebsites.net',
  COUNCIL_NAME: 'Exampleshire Council',
  COUNCIL_WEBSITE_URL: 'https://www.exampleshire.gov.uk',
  PRIVACY_URL: 'https://www.exampleshire.gov.uk/send-assistant/privacy',
  TERMS_URL: 'https://www.exampleshire.gov.uk/send-assistant/terms',
  APP_VERSION: '1.4.0',
} as const;

interface Command {
  readonly title: string;
}
interface Manifest {
  readonly $schema: string;
  readonly manifestVersion: string;
  readonly id: string;
  readonly validDomains: readonly string[];
  readonly developer: { readonly name: string };
  readonly name: { short: string };
  readonly bots: readonly { botId: string; scopes: readonly string[]; commandLists: readonly { scopes: readonly string[]; commands: readonly Command[] }[] }[];
  readonly composeExtensions: readonly {
    botId: string;
    commands: readonly { id: string; type: string; parameters: readonly { name: string; title: string }[] }[];
  }[];
  readonly staticTabs: readonly { entityId: string; contentUrl: string; scopes: readonly string[] }[];
  readonly webApplicationInfo: { id: string; resource: string };
}

function template(): Manifest {
  return JSON.parse(readFileSync(join(TEAMS_DIR, 'manifest.json'), 'utf8')) as Manifest;
}

function releaseManifest(): Manifest {
  return prepareManifest({ env: RELEASE_ENV, dev: false }).manifest as Manifest;
}

/** Entries of a zip: name, bytes (inflated), and where they sit. Enough of the format for our own zips. */
function readZip(zip: Buffer): { name: string; data: Buffer }[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i += 1) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'bad central directory header');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('Teams manifest', () => {
  it('uses the newest numbered schema in @microsoft/app-manifest, in both $schema and manifestVersion', () => {
    const newest = schemaVersions()[0];
    assert.ok(newest, 'no schema versions found');
    const t = template();
    assert.equal(t.manifestVersion, newest);
    assert.equal(t.$schema, `https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`);
  });

  it('validates against that schema once filled for a release', () => {
    assert.deepEqual(validateManifest(releaseManifest()), []);
  });

  it('validates when filled with --dev defaults', () => {
    const { manifest, devDefaults } = prepareManifest({ env: {}, dev: true });
    assert.deepEqual(validateManifest(manifest), []);
    assert.ok(devDefaults.includes('BOT_ID'));
    assert.ok(!devDefaults.includes('APP_VERSION'), 'APP_VERSION comes from package.json, not from --dev');
  });

  it('puts the bot id, domain and app id where Teams reads them', () => {
    const m = releaseManifest();
    assert.equal(m.id, RELEASE_ENV.TEAMS_APP_ID);
    assert.equal(m.bots[0]?.botId, RELEASE_ENV.BOT_ID);
    assert.equal(m.composeExtensions[0]?.botId, RELEASE_ENV.BOT_ID);
    assert.deepEqual(m.validDomains, [RELEASE_ENV.BOT_DOMAIN]);
    assert.deepEqual(findPlaceholders(m), []);
  });

  it('declares the compliance report tab and the Teams SSO resource the report API checks tokens for', () => {
    const m = releaseManifest();
    assert.deepEqual(
      m.staticTabs.map((t) => [t.entityId, t.contentUrl, t.scopes]),
      [['complianceReport', `https://${RELEASE_ENV.BOT_DOMAIN}/reports`, ['personal']]],
    );
    assert.deepEqual(m.webApplicationInfo, { id: RELEASE_ENV.BOT_ID, resource: `api://${RELEASE_ENV.BOT_DOMAIN}/${RELEASE_ENV.BOT_ID}` });
  });

  it('offers the six commands in personal and team scope, and a findPlan search', () => {
    const m = template();
    const bot: Manifest['bots'][number] | undefined = m.bots[0];
    assert.ok(bot);
    const lists: Manifest['bots'][number]['commandLists'] = bot.commandLists;
    assert.deepEqual([...bot.scopes].sort(), ['personal', 'team']);
    const expected = ['plan status', 'book review', 'overdue', 'complaints queue', 'show the queue', 'help'];
    for (const scope of ['personal', 'team']) {
      const list = lists.find((l) => l.scopes.includes(scope));
      assert.deepEqual(
        list?.commands.map((c) => c.title),
        expected,
        `commands for ${scope}`,
      );
    }
    const findPlan = m.composeExtensions[0]?.commands.find((c) => c.id === 'findPlan');
    assert.equal(findPlan?.type, 'query');
    assert.deepEqual(findPlan?.parameters.map((p) => p.name), ['query']);
  });

  it('the schema check catches what Teams would reject', () => {
    const m = releaseManifest() as unknown as Record<string, unknown>;
    const broken = { ...m, name: { short: 'SEND Assistant for the whole of Exampleshire' }, accentColor: 'blue' };
    const errors = validateManifest(broken);
    assert.ok(errors.some((e) => e.startsWith('/name/short') && /30/.test(e)), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/accentColor')), errors.join('\n'));
  });

  it('validating with draft-07 Ajv is sound: the schema declares draft-04 but uses no draft-04-only keyword', () => {
    const version = template().manifestVersion;
    const schema = loadTeamsSchema(version);
    assert.match(String(schema['$schema']), /draft-04/);
    assert.deepEqual(draft04OnlyKeywords(schema), []);
    // ...and the scan would notice one.
    assert.deepEqual(draft04OnlyKeywords({ id: 'http://x/schema', properties: { id: { type: 'string' }, n: { type: 'number', exclusiveMinimum: true } } }), [
      '#/id',
      '#/properties/n/exclusiveMinimum',
    ]);
  });
});

describe('placeholders', () => {
  it('fails, naming every unfilled placeholder and its environment variable, without --dev', () => {
    assert.throws(
      () => prepareManifest({ env: { BOT_DOMAIN: RELEASE_ENV.BOT_DOMAIN }, dev: false }),
      (err: unknown) => {
        assert.ok(err instanceof PackageError);
        assert.match(err.message, /\$\{\{TEAMS_APP_ID\}\} is not filled: set the environment variable TEAMS_APP_ID/);
        assert.match(err.message, /\$\{\{BOT_ID\}\} is not filled/);
        assert.doesNotMatch(err.message, /BOT_DOMAIN\}\} is not filled/);
        return true;
      },
    );
  });

  it('rejects values that are not well formed', () => {
    const r = resolvePlaceholders(['BOT_ID', 'BOT_DOMAIN', 'PRIVACY_URL'], { BOT_ID: 'my-bot', BOT_DOMAIN: 'https://x.azurewebsites.net/', PRIVACY_URL: 'http://x.example/privacy' }, false);
    assert.equal(r.invalid.length, 3, r.invalid.join('\n'));
    assert.match(r.invalid.join('\n'), /BOT_ID="my-bot": must be a GUID/);
    assert.match(r.invalid.join('\n'), /BOT_DOMAIN=.*host name only/);
    assert.match(r.invalid.join('\n'), /PRIVACY_URL=.*https/);
  });

  it('prefers the environment to --dev values, and treats an empty variable as unset', () => {
    const r = resolvePlaceholders(['BOT_ID', 'TEAMS_APP_ID'], { BOT_ID: RELEASE_ENV.BOT_ID, TEAMS_APP_ID: ' ' }, true);
    assert.equal(r.values['BOT_ID'], RELEASE_ENV.BOT_ID);
    assert.deepEqual(r.devDefaults, ['TEAMS_APP_ID']);
  });

  it('fills inside strings only, so a value cannot change the JSON structure', () => {
    const filled = fillManifest({ developer: { name: '${{COUNCIL_NAME}}' }, list: ['a ${{X}} b'] }, { COUNCIL_NAME: 'A "quoted", council}', X: '1' });
    assert.deepEqual(filled, { developer: { name: 'A "quoted", council}' }, list: ['a 1 b'] });
  });
});

describe('Teams icons', () => {
  it('are 192x192 and 32x32 PNGs', () => {
    const colour = imageSize(readFileSync(join(TEAMS_DIR, 'color.png')));
    const outline = imageSize(readFileSync(join(TEAMS_DIR, 'outline.png')));
    assert.deepEqual([colour.type, colour.width, colour.height], ['png', 192, 192]);
    assert.deepEqual([outline.type, outline.width, outline.height], ['png', 32, 32]);
    assert.deepEqual(checkIcons(TEAMS_DIR), []);
  });

  it('the outline icon is white on a transparent background', () => {
    const png = PNG.sync.read(readFileSync(join(TEAMS_DIR, 'outline.png')));
    let transparent = 0;
    let white = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b, a] = [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
      if (a === 0) transparent += 1;
      else {
        assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is visible but not white`);
        white += 1;
      }
    }
    assert.ok(transparent > 32 * 32 * 0.5, `only ${transparent} transparent pixels`);
    assert.ok(white > 50, `only ${white} white pixels`);
    assert.equal(png.data[3], 0, 'top-left corner must be transparent');
  });

  it('outlineProblems() notices colour and an opaque background', () => {
    const png = new PNG({ width: 4, height: 4, colorType: 6 });
    png.data.fill(255);
    png.data[0] = 0; // one red-less, opaque pixel in the corner
    const problems = outlineProblems(png, 'x.png');
    assert.ok(problems.some((p) => /1 visible pixels that are not white/.test(p)), problems.join('\n'));
    assert.ok(problems.some((p) => /no transparent background/.test(p)), problems.join('\n'));
  });

  it('the committed PNGs are what scripts/make-icons.ts draws', () => {
    const committedColour = PNG.sync.read(readFileSync(join(TEAMS_DIR, 'color.png')));
    const committedOutline = PNG.sync.read(readFileSync(join(TEAMS_DIR, 'outline.png')));
    assert.ok(committedColour.data.equals(renderColourIcon().data), 'color.png differs: run npx tsx scripts/make-icons.ts');
    assert.ok(committedOutline.data.equals(renderOutlineIcon().data), 'outline.png differs: run npx tsx scripts/make-icons.ts');
  });
});

describe('buildTeamsPackage()', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'teams-package-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a zip with manifest.json and the two icons at its root, and the same bytes every time', async () => {
    const first = join(dir, 'a.zip');
    const second = join(dir, 'b.zip');
    await buildTeamsPackage({ env: RELEASE_ENV, dev: false, outFile: first });
    await buildTeamsPackage({ env: RELEASE_ENV, dev: false, outFile: second });
    const zip = readFileSync(first);
    const entries = readZip(zip);
    assert.deepEqual(entries.map((e) => e.name), ['manifest.json', 'color.png', 'outline.png']);
    const manifest = JSON.parse(entries[0]?.data.toString('utf8') ?? '{}') as Manifest;
    assert.equal(manifest.bots[0]?.botId, RELEASE_ENV.BOT_ID);
    assert.ok(entries[1]?.data.equals(readFileSync(join(TEAMS_DIR, 'color.png'))));
    assert.ok(zip.equals(readFileSync(second)), 'two builds from the same inputs differ');
  });

  it('writes nothing when a placeholder is unfilled', async () => {
    const out = join(dir, 'never.zip');
    await assert.rejects(buildTeamsPackage({ env: {}, dev: false, outFile: out }), PackageError);
    assert.throws(() => readFileSync(out), /ENOENT/);
  });
});

describe('npm run package:teams (the command line)', () => {
  const script = join(repoRoot, 'scripts', 'package-teams.ts');
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k in RELEASE_ENV)));
  const run = (args: string[], env: Record<string, string | undefined>) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repoRoot, encoding: 'utf8', env });

  it('exits 1 and lists the unfilled placeholders', () => {
    const r = run([], cleanEnv);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /the Teams app package was not written/);
    assert.match(r.stderr, /TEAMS_APP_ID/);
  });

  it('with --dev writes the package and says it is for development only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teams-cli-'));
    try {
      const out = join(dir, 'dev.zip');
      const r = run(['--dev', '--out', out], cleanEnv);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /wrote .*dev\.zip/);
      assert.match(r.stdout, /DEVELOPMENT package/);
      assert.deepEqual(readZip(readFileSync(out)).map((e) => e.name), ['manifest.json', 'color.png', 'outline.png']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
