/**
 * `npm run package:teams` — builds the Teams app package out/teams-app.zip from infra/teams/:
 * manifest.json with its ${{PLACEHOLDERS}} filled from environment variables, plus the two icons.
 *
 * Before zipping it checks that no placeholder is left, that each value is well formed, that the
 * filled manifest is valid against the Teams JSON schema shipped in @microsoft/app-manifest, and
 * that the icons are the right size (and the outline icon white on transparent).
 *
 * Usage: tsx scripts/package-teams.ts [--dev] [--out <file.zip>]
 *   --dev   fill placeholders the environment does not set with obvious development values
 *           (a fixed dev app id, the all-zero bot id, localhost). Never upload such a package
 *           to the council's tenant.
 * Environment: TEAMS_APP_ID, BOT_ID, BOT_DOMAIN, COUNCIL_NAME, COUNCIL_WEBSITE_URL, PRIVACY_URL,
 *   TERMS_URL, APP_VERSION (defaults to package.json's version). See docs/operations.md.
 * Exit status: 0 written, 1 failed, 2 bad usage.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { imageSize } from 'image-size';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { ZipFile } from 'yazl';

const repoRoot = resolve(__dirname, '..');

export const TEAMS_DIR = join(repoRoot, 'infra', 'teams');
export const DEFAULT_OUT = join(repoRoot, 'out', 'teams-app.zip');
const SCHEMAS_DIR = join(repoRoot, 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams');

export const ICONS = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } } as const;

// ---------------------------------------------------------------------------------------------
// Placeholders
// ---------------------------------------------------------------------------------------------

const PLACEHOLDER = /\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

type Check = (value: string) => string | undefined;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid: Check = (v) => (GUID.test(v) ? undefined : 'must be a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301');
const httpsUrl: Check = (v) => {
  try {
    return new URL(v).protocol === 'https:' ? undefined : 'must be an https:// URL';
  } catch {
    return 'must be a full https:// URL';
  }
};
const hostName: Check = (v) =>
  /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(v)
    ? undefined
    : 'must be a host name only, such as sendasst-prod-app-abc123.azurewebsites.net (no https://, no path)';
const semver: Check = (v) => (/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(v) ? undefined : 'must be a version such as 1.2.3');
const shortText =
  (max: number): Check =>
  (v) =>
    v.trim().length === 0 ? 'must not be empty' : v.length > max ? `must be at most ${max} characters` : undefined;

export interface PlaceholderRule {
  readonly meaning: string;
  readonly check: Check;
  /** Used with --dev when the environment does not set it. */
  readonly devValue?: string;
  /** Used always when the environment does not set it. */
  readonly fallback?: () => string;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '';
}

export const PLACEHOLDER_RULES: Readonly<Record<string, PlaceholderRule>> = {
  APP_VERSION: { meaning: 'the Teams app version; raise it for every upload', check: semver, fallback: packageVersion },
  TEAMS_APP_ID: { meaning: 'the Teams app id, a GUID you generate once and keep', check: guid, devValue: '5d0c6c71-1f62-4d55-9a57-3a0b2f1e5e0d' },
  BOT_ID: { meaning: "the bot's Entra app registration client id, the same as MicrosoftAppId", check: guid, devValue: '00000000-0000-0000-0000-000000000000' },
  BOT_DOMAIN: { meaning: "the App Service host name, the host of the deployment's appUrl output", check: hostName, devValue: 'localhost' },
  COUNCIL_NAME: { meaning: 'the council as developer name, at most 32 characters', check: shortText(32), devValue: 'Exampleshire Council' },
  COUNCIL_WEBSITE_URL: { meaning: "the council's website", check: httpsUrl, devValue: 'https://www.example.org' },
  PRIVACY_URL: { meaning: 'the privacy notice for the assistant', check: httpsUrl, devValue: 'https://www.example.org/privacy' },
  TERMS_URL: { meaning: 'the terms of use', check: httpsUrl, devValue: 'https://www.example.org/terms' },
};

/** Every ${{NAME}} in the strings of a JSON value, once each, in order of appearance. */
export function findPlaceholders(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(PLACEHOLDER)) found.add(m[1] ?? '');
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v as Record<string, unknown>).forEach(walk);
  };
  walk(value);
  return [...found];
}

export interface Resolution {
  readonly values: Readonly<Record<string, string>>;
  /** Placeholders with no value from the environment, --dev or a fallback. */
  readonly missing: readonly string[];
  /** Values that are set but not well formed: "NAME: reason". */
  readonly invalid: readonly string[];
  /** Placeholders filled with development values. */
  readonly devDefaults: readonly string[];
}

export function resolvePlaceholders(names: readonly string[], env: Readonly<Record<string, string | undefined>>, dev: boolean): Resolution {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  const invalid: string[] = [];
  const devDefaults: string[] = [];
  for (const name of names) {
    const rule = PLACEHOLDER_RULES[name];
    const fromEnv = env[name]?.trim();
    let value: string | undefined = fromEnv === '' ? undefined : fromEnv;
    if (value === undefined && rule?.fallback) value = rule.fallback() || undefined;
    if (value === undefined && dev && rule?.devValue !== undefined) {
      value = rule.devValue;
      devDefaults.push(name);
    }
    if (value === undefined) {
      missing.push(name);
      continue;
    }
    const problem = rule?.check(value);
    if (problem) invalid.push(`${name}=${JSON.stringify(value)}: ${problem}`);
    values[name] = value;
  }
  return { values, missing, invalid, devDefaults };
}

/** A copy of the template with each ${{NAME}} replaced inside strings (values never become JSON syntax). */
export function fillManifest(template: unknown, values: Readonly<Record<string, string>>): unknown {
  const fill = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
    if (Array.isArray(v)) return v.map(fill);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fill(x)]));
    }
    return v;
  };
  return fill(template);
}

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

/** Numbered schema versions in @microsoft/app-manifest, newest first (DevPreview excluded). */
export function schemaVersions(): string[] {
  if (!existsSync(SCHEMAS_DIR)) throw new Error(`package-teams: Teams schemas not found at ${SCHEMAS_DIR}; run npm ci`);
  const parse = (v: string): number[] => v.slice(1).split('.').map(Number);
  return readdirSync(SCHEMAS_DIR)
    .filter((d) => /^v\d+\.\d+$/.test(d) && existsSync(join(SCHEMAS_DIR, d, 'MicrosoftTeams.schema.json')))
    .sort((a, b) => {
      const [a1 = 0, a2 = 0] = parse(a);
      const [b1 = 0, b2 = 0] = parse(b);
      return b1 - a1 || b2 - a2;
    })
    .map((d) => d.slice(1));
}

export type JsonSchema = Record<string, unknown>;

export function loadTeamsSchema(version: string): JsonSchema {
  const file = join(SCHEMAS_DIR, `v${version}`, 'MicrosoftTeams.schema.json');
  if (!existsSync(file)) throw new Error(`package-teams: no Teams schema for manifestVersion ${version} in @microsoft/app-manifest (${file})`);
  return JSON.parse(readFileSync(file, 'utf8')) as JsonSchema;
}

/**
 * Places where a schema relies on draft-04 meaning that Ajv's default (draft-07) would read
 * differently: a string `id` (draft-06 renamed it `$id`) or a boolean exclusiveMinimum/Maximum.
 * The Teams schemas declare draft-04 but use none of these, so Ajv's draft-07 validates them the
 * same way; this list stays empty unless a future schema changes that.
 */
export function draft04OnlyKeywords(schema: unknown, path = '#'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => draft04OnlyKeywords(s, `${path}/${i}`));
  if (schema === null || typeof schema !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
    if (key === 'id' && typeof value === 'string') out.push(`${path}/id`);
    if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') out.push(`${path}/${key}`);
    if (key === 'properties' || key === 'patternProperties' || key === 'definitions') {
      if (value !== null && typeof value === 'object') {
        for (const [name, sub] of Object.entries(value as Record<string, unknown>)) out.push(...draft04OnlyKeywords(sub, `${path}/${key}/${name}`));
      }
    } else {
      out.push(...draft04OnlyKeywords(value, `${path}/${key}`));
    }
  }
  return out;
}

const validators = new Map<string, ValidateFunction>();

/** Ajv validator for a manifestVersion, compiled once (compiling the Teams schema takes most of a second). */
function validatorFor(version: string): ValidateFunction {
  const cached = validators.get(version);
  if (cached) return cached;
  const schema = loadTeamsSchema(version);
  const draft04 = draft04OnlyKeywords(schema);
  if (draft04.length > 0) {
    throw new Error(`package-teams: the v${version} schema uses draft-04-only keywords (${draft04.slice(0, 3).join(', ')}); validate it with a draft-04 validator`);
  }
  // Ajv 8 has no draft-04 meta-schema; without the declaration it reads the schema as draft-07,
  // which means the same here (see draft04OnlyKeywords).
  const { $schema: _declaredDraft, ...body } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(body);
  validators.set(version, validate);
  return validate;
}

/** Validates a manifest against the schema for its manifestVersion; returns readable errors. */
export function validateManifest(manifest: unknown): string[] {
  const version = (manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (typeof version !== 'string') return ['manifestVersion is missing'];
  const validate = validatorFor(version);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '(root)'} ${e.message ?? 'is not valid'}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Icons
// ---------------------------------------------------------------------------------------------

/** Problems with the two icons: size, and for the outline, anything but white on transparent. */
export function checkIcons(dir: string): string[] {
  const problems: string[] = [];
  for (const [kind, { file, size }] of Object.entries(ICONS)) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      problems.push(`${kind} icon ${path} is missing (run: npx tsx scripts/make-icons.ts)`);
      continue;
    }
    const bytes = readFileSync(path);
    const dims = imageSize(bytes);
    if (dims.type !== 'png') problems.push(`${kind} icon ${file} must be a PNG, not ${dims.type ?? 'unknown'}`);
    if (dims.width !== size || dims.height !== size) problems.push(`${kind} icon ${file} is ${dims.width}x${dims.height}; Teams needs ${size}x${size}`);
    if (kind === 'outline' && dims.type === 'png') problems.push(...outlineProblems(PNG.sync.read(bytes), file));
  }
  return problems;
}

/** Teams' outline icon: white where drawn, transparent elsewhere, transparent corners. */
export function outlineProblems(png: PNG, file: string): string[] {
  let coloured = 0;
  let drawn = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const alpha = png.data[i + 3] ?? 0;
    if (alpha === 0) continue;
    drawn += 1;
    if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured += 1;
  }
  const problems: string[] = [];
  if (coloured > 0) problems.push(`outline icon ${file} has ${coloured} visible pixels that are not white`);
  if (drawn === 0) problems.push(`outline icon ${file} is empty`);
  const cornerAlpha = [0, png.width - 1, (png.height - 1) * png.width, png.height * png.width - 1].map((p) => png.data[p * 4 + 3] ?? 0);
  if (cornerAlpha.some((a) => a !== 0)) problems.push(`outline icon ${file} has no transparent background (its corners are opaque)`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Package
// ---------------------------------------------------------------------------------------------

export class PackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`package-teams: the Teams app package was not written:\n- ${problems.join('\n- ')}`);
    this.name = 'PackageError';
  }
}

export interface PackageOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dev: boolean;
  readonly outFile: string;
  readonly teamsDir?: string;
}

export interface PackageResult {
  readonly outFile: string;
  readonly manifest: unknown;
  readonly devDefaults: readonly string[];
}

/** The filled, checked manifest, or a PackageError listing every problem. */
export function prepareManifest(options: Pick<PackageOptions, 'env' | 'dev' | 'teamsDir'>): { manifest: unknown; devDefaults: readonly string[] } {
  const dir = options.teamsDir ?? TEAMS_DIR;
  const template: unknown = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const names = findPlaceholders(template);
  const resolution = resolvePlaceholders(names, options.env, options.dev);
  const problems: string[] = [];
  for (const name of resolution.missing) {
    const rule = PLACEHOLDER_RULES[name];
    problems.push(
      `\${{${name}}} is not filled: set the environment variable ${name}${rule ? ` (${rule.meaning})` : ''}${rule?.devValue !== undefined ? ', or use --dev for a development package' : ''}`,
    );
  }
  problems.push(...resolution.invalid);
  if (problems.length > 0) throw new PackageError(problems);
  const manifest = fillManifest(template, resolution.values);
  const left = findPlaceholders(manifest);
  if (left.length > 0) throw new PackageError(left.map((n) => `\${{${n}}} is still in the manifest after filling`));
  const schemaErrors = validateManifest(manifest).map((e) => `manifest ${e}`);
  const iconErrors = checkIcons(dir);
  if (schemaErrors.length + iconErrors.length > 0) throw new PackageError([...schemaErrors, ...iconErrors]);
  return { manifest, devDefaults: resolution.devDefaults };
}

/** A fixed timestamp, so the same inputs make the same zip. */
const ZIP_TIME = new Date(Date.UTC(2025, 0, 1, 0, 0, 0));

export async function buildTeamsPackage(options: PackageOptions): Promise<PackageResult> {
  const dir = options.teamsDir ?? TEAMS_DIR;
  const { manifest, devDefaults } = prepareManifest(options);
  mkdirSync(dirname(options.outFile), { recursive: true });
  const zip = new ZipFile();
  const entry = { mtime: ZIP_TIME, mode: 0o100644, forceDosTimestamp: true };
  // Teams wants the three files at the root of the zip, not in a folder.
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), 'manifest.json', entry);
  zip.addBuffer(readFileSync(join(dir, ICONS.color.file)), ICONS.color.file, entry);
  zip.addBuffer(readFileSync(join(dir, ICONS.outline.file)), ICONS.outline.file, entry);
  await new Promise<void>((resolveWrite, reject) => {
    const out = createWriteStream(options.outFile);
    out.on('close', () => resolveWrite());
    out.on('error', reject);
    zip.outputStream.on('error', reject);
    zip.outputStream.pipe(out);
    zip.end();
  });
  return { outFile: options.outFile, manifest, devDefaults };
}

export function parseArgs(argv: readonly string[]): { dev: boolean; outFile: string } {
  let dev = false;
  let outFile = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--dev') dev = true;
    else if (arg === '--out') {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error('--out needs a file name, e.g. --out out/teams-app.zip');
      outFile = resolve(v);
      i += 1;
    } else throw new Error(`unknown option '${arg}'. Usage: package-teams [--dev] [--out <file.zip>]`);
  }
  return { dev, outFile };
}

async function main(): Promise<void> {
  let args: { dev: boolean; outFile: string };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`package-teams: ${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    const result = await buildTeamsPackage({ env: process.env, dev: args.dev, outFile: args.outFile });
    process.stdout.write(`package-teams: wrote ${result.outFile} (manifest.json, ${ICONS.color.file}, ${ICONS.outline.file})\n`);
    if (result.devDefaults.length > 0) {
      process.stdout.write(`package-teams: DEVELOPMENT package: ${result.devDefaults.join(', ')} filled with development values. Do not upload it to the council's tenant.\n`);
    }
  } catch (err) {
    process.stderr.write(`${err instanceof PackageError ? err.message : `package-teams: ${(err as Error).stack ?? String(err)}`}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  void main();
}
