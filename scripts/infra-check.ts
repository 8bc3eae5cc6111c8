/**
 * `npm run infra:check` — checks infra/ before anyone runs `az deployment group create`.
 *
 * 1. When a `bicep` CLI (or `az` with Bicep) is on PATH, compiles infra/main.bicep with it.
 * 2. Always runs the checks below, which need no Azure tooling:
 *    - structure of the .bicep files: every module file exists; every parameter passed to a module
 *      is declared there and every required one is passed; every `module.outputs.x` exists; every
 *      loadJsonContent() file exists; main.bicep has the outputs operations needs;
 *    - app settings (modules/app-settings.bicep): the names the service needs are all set, every
 *      name is one bot/config.ts reads, and secrets are Key Vault references;
 *    - Cosmos containers (infra/cosmos-containers.json): well formed, and the same as the specs
 *      the code exports from bot/storage/*.ts and bot/records/containers.ts;
 *    - each parameters file: only declared parameters, every required one present, types and
 *      @allowed/@minValue/@maxValue/@minLength/@maxLength honoured, GUIDs and origins well formed,
 *      and no secret values (no value for a @secure() parameter, nothing that looks like a key).
 *
 * Usage: tsx scripts/infra-check.ts [--strict] [--skip-bicep-cli] [--infra <dir>] [--repo <dir>]
 *   --strict          warnings (e.g. placeholder GUIDs) fail the check too; use before a release
 *   --skip-bicep-cli  do not call a bicep CLI even if one is installed
 * Exit status: 0 passed, 1 failed, 2 bad usage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

export type Level = 'error' | 'warning';

export interface Finding {
  readonly level: Level;
  /** File (relative to the repository) and, where known, line. */
  readonly where: string;
  readonly message: string;
}

const error = (where: string, message: string): Finding => ({ level: 'error', where, message });
const warning = (where: string, message: string): Finding => ({ level: 'warning', where, message });

// ---------------------------------------------------------------------------------------------
// What the rest of the repository expects of infra/
// ---------------------------------------------------------------------------------------------

/**
 * App settings the service cannot run without in Azure. bot/config.ts reads all of them except
 * APPLICATIONINSIGHTS_CONNECTION_STRING, which the Application Insights agent reads.
 */
export const REQUIRED_APP_SETTINGS = [
  'NODE_ENV',
  'MicrosoftAppType',
  'MicrosoftAppId',
  'MicrosoftAppTenantId',
  'MicrosoftAppPassword',
  'COSMOS_ENDPOINT',
  'COSMOS_DATABASE',
  'DIRECT_LINE_SECRET',
  'NOTIFY_API_KEY',
  'NOTIFY_EMAIL_TEMPLATE_ID',
  'NOTIFY_SMS_TEMPLATE_ID',
  'COUNCIL_TENANT_ID',
  'WEBCHAT_ALLOWED_ORIGINS',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'LOG_LEVEL',
] as const;

/** Settings that must be Key Vault references, never literal values. */
export const KEY_VAULT_SETTINGS = ['MicrosoftAppPassword', 'DIRECT_LINE_SECRET', 'NOTIFY_API_KEY'] as const;

/** Outputs docs/operations.md relies on. */
export const REQUIRED_OUTPUTS = ['appUrl', 'messagingEndpoint', 'cosmosEndpoint', 'keyVaultName'] as const;

// ---------------------------------------------------------------------------------------------
// A small Bicep reader: enough structure for the checks, not a compiler
// ---------------------------------------------------------------------------------------------

export type Literal = string | number | boolean;

export interface BicepParam {
  readonly name: string;
  /** Declared type as written, e.g. `string`, `int`, `array`, `string[]`. */
  readonly type: string;
  readonly hasDefault: boolean;
  readonly secure: boolean;
  readonly allowed?: readonly Literal[];
  readonly minValue?: number;
  readonly maxValue?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly description?: string;
  readonly line: number;
}

export interface BicepModule {
  readonly symbol: string;
  /** Path as written in the file. */
  readonly path: string;
  /** Keys of the module's `params: { ... }` object. */
  readonly params: readonly string[];
  readonly line: number;
}

export interface BicepFile {
  readonly file: string;
  readonly params: ReadonlyMap<string, BicepParam>;
  readonly modules: readonly BicepModule[];
  readonly outputs: ReadonlySet<string>;
  /** `symbol.outputs.name` references. */
  readonly outputRefs: readonly { readonly symbol: string; readonly output: string; readonly line: number }[];
  /** Files read with loadJsonContent / loadTextContent / loadFileAsBase64 / loadYamlContent. */
  readonly loadedFiles: readonly { readonly path: string; readonly line: number }[];
  /** Top-level keys of each `var name = { ... }` object. */
  readonly objectVars: ReadonlyMap<string, readonly string[]>;
}

const OPENERS = '{[(';
const CLOSERS = '}])';

/** Index just after the string literal that starts at `i` (a `'`), interpolations included. */
function skipString(src: string, i: number): number {
  if (src.startsWith("'''", i)) {
    const end = src.indexOf("'''", i + 3);
    return end < 0 ? src.length : end + 3;
  }
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (c === '\\') {
      j += 2;
    } else if (c === "'") {
      return j + 1;
    } else if (c === '$' && src[j + 1] === '{') {
      j = skipExpression(src, j + 2, '}');
    } else {
      j += 1;
    }
  }
  return src.length;
}

/** Index just after the `close` that ends an expression starting at `i`. */
function skipExpression(src: string, i: number, close: string): number {
  let depth = 0;
  let j = i;
  while (j < src.length) {
    const c = src[j] ?? '';
    if (c === "'") {
      j = skipString(src, j);
      continue;
    }
    if (OPENERS.includes(c)) depth += 1;
    else if (CLOSERS.includes(c)) {
      if (depth === 0 && c === close) return j + 1;
      depth -= 1;
    }
    j += 1;
  }
  return src.length;
}

/** Replaces comments with spaces (newlines kept, so line numbers still match). Strings are left alone. */
export function stripComments(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "'") {
      const end = skipString(src, i);
      out += src.slice(i, end);
      i = end;
    } else if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

interface Statement {
  readonly text: string;
  /** Offset of the statement in the comment-free source. */
  readonly start: number;
  readonly line: number;
}

/** Splits comment-free source into top-level statements (a newline at bracket depth 0 ends one). */
function statements(src: string): Statement[] {
  const result: Statement[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  const push = (end: number): void => {
    const raw = src.slice(start, end);
    const text = raw.trim();
    if (text) {
      const offset = start + raw.indexOf(text);
      result.push({ text, start: offset, line: lineAt(src, offset) });
    }
  };
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === "'") {
      i = skipString(src, i);
      continue;
    }
    if (OPENERS.includes(c)) depth += 1;
    else if (CLOSERS.includes(c)) depth = Math.max(0, depth - 1);
    else if (c === '\n' && depth === 0) {
      push(i);
      start = i + 1;
    }
    i += 1;
  }
  push(src.length);
  return result;
}

function lineAt(src: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < src.length; i += 1) if (src[i] === '\n') line += 1;
  return line;
}

/** Index of the first `ch` at bracket depth 0 (outside strings) in `text` from `from`, or -1. */
function indexAtDepth0(text: string, ch: string, from = 0): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === "'") {
      i = skipString(text, i);
      continue;
    }
    if (depth === 0 && c === ch) return i;
    if (OPENERS.includes(c)) depth += 1;
    else if (CLOSERS.includes(c)) depth -= 1;
    i += 1;
  }
  return -1;
}

/** Top-level keys of the object literal whose `{` is at `open`. */
export function objectKeys(text: string, open: number): { keys: string[]; values: Map<string, number> } {
  const keys: string[] = [];
  const values = new Map<string, number>();
  const close = skipExpression(text, open + 1, '}') - 1;
  let i = open + 1;
  let atEntryStart = true;
  let depth = 0;
  while (i < close) {
    const c = text[i] ?? '';
    if (c === "'") {
      if (depth === 0 && atEntryStart) {
        // Quoted key: 'name': value
        const end = skipString(text, i);
        const after = /^\s*:/.exec(text.slice(end));
        if (after) {
          const key = text.slice(i + 1, end - 1);
          keys.push(key);
          values.set(key, end + after[0].length);
        }
        atEntryStart = false;
        i = end;
        continue;
      }
      i = skipString(text, i);
      atEntryStart = false;
      continue;
    }
    if (OPENERS.includes(c)) depth += 1;
    else if (CLOSERS.includes(c)) depth -= 1;
    if (depth === 0 && (c === '\n' || c === ',')) {
      atEntryStart = true;
      i += 1;
      continue;
    }
    if (depth === 0 && atEntryStart && /[A-Za-z_]/.test(c)) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*:/.exec(text.slice(i));
      if (match?.[1]) {
        keys.push(match[1]);
        values.set(match[1], i + match[0].length);
      }
      atEntryStart = false;
    } else if (!/\s/.test(c)) {
      atEntryStart = false;
    }
    i += 1;
  }
  return { keys, values };
}

const literalPattern = /'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?)|\b(true|false)\b/g;

function parseLiterals(text: string): Literal[] {
  const out: Literal[] = [];
  for (const m of text.matchAll(literalPattern)) {
    if (m[1] !== undefined) out.push(m[1].replace(/\\(.)/g, '$1'));
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3] === 'true');
  }
  return out;
}

interface Decorator {
  readonly name: string;
  readonly args: string;
}

function parseDecorator(text: string): Decorator | undefined {
  const m = /^@(?:sys\.)?([A-Za-z]+)\s*\(([\s\S]*)\)\s*$/.exec(text);
  return m?.[1] !== undefined && m[2] !== undefined ? { name: m[1], args: m[2] } : undefined;
}

export function parseBicep(source: string, file: string): BicepFile {
  const src = stripComments(source);
  const params = new Map<string, BicepParam>();
  const modules: BicepModule[] = [];
  const outputs = new Set<string>();
  const objectVars = new Map<string, readonly string[]>();
  let pending: Decorator[] = [];

  for (const st of statements(src)) {
    const text = st.text;
    if (text.startsWith('@')) {
      const d = parseDecorator(text);
      if (d) pending.push(d);
      continue;
    }
    const decorators = pending;
    pending = [];

    const param = /^param\s+([A-Za-z_][A-Za-z0-9_]*)\s+/.exec(text);
    if (param?.[1]) {
      const rest = text.slice(param[0].length);
      const eq = indexAtDepth0(rest, '=');
      const type = (eq < 0 ? rest : rest.slice(0, eq)).trim();
      const numberArg = (name: string): number | undefined => {
        const d = decorators.find((x) => x.name === name);
        return d ? Number(d.args.trim()) : undefined;
      };
      const allowed = decorators.find((d) => d.name === 'allowed');
      const description = decorators.find((d) => d.name === 'description');
      const descriptionText = description ? parseLiterals(description.args)[0] : undefined;
      const minValue = numberArg('minValue');
      const maxValue = numberArg('maxValue');
      const minLength = numberArg('minLength');
      const maxLength = numberArg('maxLength');
      params.set(param[1], {
        name: param[1],
        type,
        hasDefault: eq >= 0,
        secure: decorators.some((d) => d.name === 'secure'),
        line: st.line,
        ...(allowed ? { allowed: parseLiterals(allowed.args) } : {}),
        ...(minValue !== undefined ? { minValue } : {}),
        ...(maxValue !== undefined ? { maxValue } : {}),
        ...(minLength !== undefined ? { minLength } : {}),
        ...(maxLength !== undefined ? { maxLength } : {}),
        ...(typeof descriptionText === 'string' ? { description: descriptionText } : {}),
      });
      continue;
    }

    const mod = /^module\s+([A-Za-z_][A-Za-z0-9_]*)\s+'([^']+)'\s*=/.exec(text);
    if (mod?.[1] && mod[2]) {
      // The body is the first `{` not inside `if (...)`; for loops it sits inside `[for ...: {`.
      let open = -1;
      let parens = 0;
      for (let i = mod[0].length; i < text.length; i += 1) {
        const c = text[i];
        if (c === "'") {
          i = skipString(text, i) - 1;
          continue;
        }
        if (c === '(') parens += 1;
        else if (c === ')') parens -= 1;
        else if (c === '{' && parens === 0) {
          open = i;
          break;
        }
      }
      let moduleParams: string[] = [];
      if (open >= 0) {
        const body = objectKeys(text, open);
        const paramsAt = body.values.get('params');
        if (paramsAt !== undefined) {
          const paramsOpen = text.indexOf('{', paramsAt);
          if (paramsOpen >= 0) moduleParams = objectKeys(text, paramsOpen).keys;
        }
      }
      modules.push({ symbol: mod[1], path: mod[2], params: moduleParams, line: st.line });
      continue;
    }

    const output = /^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/.exec(text);
    if (output?.[1]) {
      outputs.add(output[1]);
      continue;
    }

    const objectVar = /^var\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*\{/.exec(text);
    if (objectVar?.[1]) {
      objectVars.set(objectVar[1], objectKeys(text, objectVar[0].length - 1).keys);
    }
  }

  const outputRefs = [...src.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\.outputs\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => ({
    symbol: m[1] ?? '',
    output: m[2] ?? '',
    line: lineAt(src, m.index ?? 0),
  }));
  const loadedFiles = [...src.matchAll(/\b(?:loadJsonContent|loadTextContent|loadFileAsBase64|loadYamlContent)\(\s*'([^']+)'/g)].map((m) => ({
    path: m[1] ?? '',
    line: lineAt(src, m.index ?? 0),
  }));

  return { file, params, modules, outputs, outputRefs, loadedFiles, objectVars };
}

// ---------------------------------------------------------------------------------------------
// Structure of infra/*.bicep
// ---------------------------------------------------------------------------------------------

export interface InfraLayout {
  readonly repoRoot: string;
  readonly infraDir: string;
}

export function defaultLayout(): InfraLayout {
  const repoRoot = resolve(__dirname, '..');
  return { repoRoot, infraDir: join(repoRoot, 'infra') };
}

function rel(layout: InfraLayout, file: string, line?: number): string {
  const r = relative(layout.repoRoot, file) || file;
  return line === undefined ? r : `${r}:${line}`;
}

function readBicep(file: string): BicepFile {
  return parseBicep(readFileSync(file, 'utf8'), file);
}

export interface StructureResult {
  readonly findings: Finding[];
  /** main.bicep, when it could be read. */
  readonly main?: BicepFile;
  readonly moduleCount: number;
}

export function checkBicepStructure(layout: InfraLayout): StructureResult {
  const findings: Finding[] = [];
  const mainFile = join(layout.infraDir, 'main.bicep');
  if (!existsSync(mainFile)) {
    return { findings: [error(rel(layout, mainFile), 'infra/main.bicep is missing')], moduleCount: 0 };
  }
  const main = readBicep(mainFile);
  const parsed = new Map<string, BicepFile>([[resolve(mainFile), main]]);
  const moduleFiles = new Map<string, BicepFile>();

  const checkLoadedFiles = (bicep: BicepFile): void => {
    for (const load of bicep.loadedFiles) {
      const target = resolve(dirname(bicep.file), load.path);
      if (!existsSync(target)) {
        findings.push(error(rel(layout, bicep.file, load.line), `loads '${load.path}', which does not exist (${rel(layout, target)})`));
      }
    }
  };
  checkLoadedFiles(main);

  for (const mod of main.modules) {
    const where = rel(layout, mainFile, mod.line);
    if (/^(br|ts)[:/]/.test(mod.path)) {
      findings.push(warning(where, `module ${mod.symbol} comes from a registry ('${mod.path}'); only a bicep CLI can check it`));
      continue;
    }
    const target = resolve(dirname(mainFile), mod.path);
    if (!existsSync(target)) {
      findings.push(error(where, `module ${mod.symbol}: file '${mod.path}' does not exist`));
      continue;
    }
    const child = parsed.get(target) ?? readBicep(target);
    parsed.set(target, child);
    moduleFiles.set(mod.symbol, child);
    checkLoadedFiles(child);
    for (const name of mod.params) {
      if (!child.params.has(name)) {
        findings.push(error(where, `module ${mod.symbol} passes '${name}', but ${rel(layout, target)} declares no such parameter`));
      }
    }
    for (const p of child.params.values()) {
      if (!p.hasDefault && !mod.params.includes(p.name)) {
        findings.push(error(where, `module ${mod.symbol} does not pass '${p.name}', which ${rel(layout, target)} requires`));
      }
    }
  }

  for (const ref of main.outputRefs) {
    const child = moduleFiles.get(ref.symbol);
    if (child && !child.outputs.has(ref.output)) {
      findings.push(error(rel(layout, mainFile, ref.line), `${ref.symbol}.outputs.${ref.output}: ${rel(layout, child.file)} has no output '${ref.output}'`));
    } else if (!child && !main.modules.some((m) => m.symbol === ref.symbol)) {
      findings.push(error(rel(layout, mainFile, ref.line), `${ref.symbol}.outputs.${ref.output}: there is no module '${ref.symbol}'`));
    }
  }

  for (const name of REQUIRED_OUTPUTS) {
    if (!main.outputs.has(name)) findings.push(error(rel(layout, mainFile), `main.bicep has no output '${name}' (docs/operations.md uses it)`));
  }

  const modulesDir = join(layout.infraDir, 'modules');
  if (existsSync(modulesDir)) {
    for (const entry of readdirSync(modulesDir)) {
      if (entry.endsWith('.bicep') && !parsed.has(resolve(modulesDir, entry))) {
        findings.push(warning(rel(layout, join(modulesDir, entry)), 'module file is not used by main.bicep'));
      }
    }
  }

  return { findings, main, moduleCount: main.modules.length };
}

/**
 * TypeScript source with comments and the insides of string literals blanked out (same length, so
 * offsets still match), leaving quotes as `'` so the Bicep-minded scanners skip them as strings.
 */
export function maskTypeScript(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? '';
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? source.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      const stop = Math.min(j + 1, source.length);
      out += `'${source.slice(i + 1, stop - 1).replace(/[^\n]/g, ' ')}'`;
      i = stop;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/**
 * Setting names bot/config.ts reads: the keys of its `EnvSchema = z.object({ ... })`.
 * Undefined when the schema cannot be found.
 */
export function readConfigSettingNames(source: string): string[] | undefined {
  const masked = maskTypeScript(source);
  const m = /\bEnvSchema\s*=\s*z\s*\.object\(\s*\{/.exec(masked);
  if (!m) return undefined;
  const keys = objectKeys(masked, m.index + m[0].length - 1).keys;
  return keys.length > 0 ? keys : undefined;
}

/** Settings read by libraries or App Service rather than bot/config.ts. */
export const LIBRARY_SETTINGS: readonly string[] = ['APPLICATIONINSIGHTS_CONNECTION_STRING'];

/** The service's app settings must all be set, with secrets as Key Vault references, and names the code reads. */
export function checkAppSettings(layout: InfraLayout): Finding[] {
  const file = join(layout.infraDir, 'modules', 'app-settings.bicep');
  if (!existsSync(file)) return [error(rel(layout, file), 'modules/app-settings.bicep is missing')];
  const source = readFileSync(file, 'utf8');
  const bicep = parseBicep(source, file);
  const keys = bicep.objectVars.get('serviceSettings');
  if (!keys) return [error(rel(layout, file), "no `var serviceSettings = { ... }` object found; it must list the service's app settings")];
  const findings: Finding[] = [];
  for (const name of REQUIRED_APP_SETTINGS) {
    if (!keys.includes(name)) findings.push(error(rel(layout, file), `app setting '${name}' is not set (bot/config.ts reads it)`));
  }
  const configFile = join(layout.repoRoot, 'bot', 'config.ts');
  const known = existsSync(configFile) ? readConfigSettingNames(readFileSync(configFile, 'utf8')) : undefined;
  if (!known) {
    findings.push(warning(rel(layout, configFile), 'could not read the setting names from EnvSchema; app setting names not cross-checked'));
  } else {
    for (const key of keys) {
      if (!known.includes(key) && !LIBRARY_SETTINGS.includes(key)) {
        findings.push(error(rel(layout, file), `app setting '${key}' is not read by bot/config.ts (a typo, or a setting the code dropped?)`));
      }
    }
  }
  const stripped = stripComments(source);
  for (const name of KEY_VAULT_SETTINGS) {
    const m = new RegExp(`\\b${name}\\s*:\\s*([^\\n]+)`).exec(stripped);
    if (m?.[1] && !/keyVaultReference\(|@Microsoft\.KeyVault\(/.test(m[1])) {
      findings.push(error(rel(layout, file), `app setting '${name}' must be a Key Vault reference, not a literal value`));
    }
  }
  if (!/\bNODE_ENV\s*:\s*'production'/.test(stripped)) {
    findings.push(error(rel(layout, file), "app setting NODE_ENV must be 'production'"));
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Cosmos containers
// ---------------------------------------------------------------------------------------------

export const containerSpecSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^/\\#?]+$/, 'a container id cannot contain / \\ # or ?'),
    partitionKey: z.string().regex(/^\/[A-Za-z0-9_]+(\/[A-Za-z0-9_]+)*$/, 'a partition key path looks like /pk'),
    defaultTtl: z
      .number()
      .int()
      .refine((n) => n === -1 || n > 0, 'defaultTtl is -1 (on, no default) or a positive number of seconds')
      .optional(),
  })
  .strict();

export type ContainerSpec = z.infer<typeof containerSpecSchema>;

export const containersFileSchema = z
  .object({
    $comment: z.string().optional(),
    containers: z.array(containerSpecSchema).min(1),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    for (const [i, c] of value.containers.entries()) {
      if (seen.has(c.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['containers', i, 'id'], message: `container '${c.id}' is listed twice` });
      seen.add(c.id);
    }
  });

function describeZodIssues(err: z.ZodError): string[] {
  return err.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}

export function readInfraContainers(layout: InfraLayout): { specs?: ContainerSpec[]; findings: Finding[] } {
  const file = join(layout.infraDir, 'cosmos-containers.json');
  const where = rel(layout, file);
  if (!existsSync(file)) return { findings: [error(where, 'infra/cosmos-containers.json is missing')] };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { findings: [error(where, `not valid JSON: ${(err as Error).message}`)] };
  }
  const parsed = containersFileSchema.safeParse(json);
  if (!parsed.success) return { findings: describeZodIssues(parsed.error).map((m) => error(where, m)) };
  return { specs: parsed.data.containers, findings: [] };
}

/** Container specs among a module's exports: a spec, an array of specs, or an object whose values are specs. */
export function findContainerSpecs(exports: unknown): ContainerSpec[] {
  const loose = containerSpecSchema.strip();
  const found = new Map<string, ContainerSpec>();
  const consider = (value: unknown): void => {
    const single = loose.safeParse(value);
    if (single.success) {
      found.set(single.data.id, single.data);
      return;
    }
    const candidates = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? Object.values(value as Record<string, unknown>) : [];
    if (candidates.length === 0) return;
    const parsed = candidates.map((c) => loose.safeParse(c));
    if (parsed.every((p) => p.success)) {
      for (const p of parsed) if (p.success) found.set(p.data.id, p.data);
    }
  };
  if (exports !== null && typeof exports === 'object') {
    for (const value of Object.values(exports as Record<string, unknown>)) consider(value);
  }
  return [...found.values()];
}

/** Compares what infra creates with what the code expects. */
export function compareContainers(infra: readonly ContainerSpec[], code: readonly ContainerSpec[], where: string): Finding[] {
  const findings: Finding[] = [];
  const byId = new Map(infra.map((c) => [c.id, c]));
  for (const spec of code) {
    const mine = byId.get(spec.id);
    if (!mine) {
      findings.push(error(where, `the code uses container '${spec.id}' (${spec.partitionKey}), which infra/cosmos-containers.json does not create`));
      continue;
    }
    if (mine.partitionKey !== spec.partitionKey) {
      findings.push(error(where, `container '${spec.id}': partition key is ${spec.partitionKey} in the code but ${mine.partitionKey} in infra`));
    }
    if (mine.defaultTtl !== spec.defaultTtl) {
      findings.push(error(where, `container '${spec.id}': defaultTtl is ${spec.defaultTtl ?? 'off'} in the code but ${mine.defaultTtl ?? 'off'} in infra`));
    }
  }
  const codeIds = new Set(code.map((c) => c.id));
  for (const c of infra) {
    if (!codeIds.has(c.id)) findings.push(warning(where, `infra creates container '${c.id}', which the code does not list`));
  }
  return findings;
}

/**
 * Where the code declares its containers: bot/containers.ts (ALL_CONTAINERS, the one list the app
 * creates) when it exists; otherwise bot/storage/*.ts and bot/records/containers.ts.
 */
export function codeContainerFiles(layout: InfraLayout): string[] {
  const registry = join(layout.repoRoot, 'bot', 'containers.ts');
  if (existsSync(registry)) return [registry];
  const files: string[] = [];
  const storage = join(layout.repoRoot, 'bot', 'storage');
  if (existsSync(storage)) {
    for (const f of readdirSync(storage).sort()) {
      if (f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts')) files.push(join(storage, f));
    }
  }
  const records = join(layout.repoRoot, 'bot', 'records', 'containers.ts');
  if (existsSync(records)) files.push(records);
  return files;
}

export interface CodeContainers {
  /** Files the specs came from (relative), when any were found. */
  readonly source?: string;
  readonly specs?: ContainerSpec[];
  readonly findings: Finding[];
}

const loadModule = (file: string): unknown => createRequire(__filename)(file);

/** Loads the container specs the code exports, to compare them with infra. */
export async function loadCodeContainers(layout: InfraLayout): Promise<CodeContainers> {
  const findings: Finding[] = [];
  const specs = new Map<string, ContainerSpec>();
  const sources: string[] = [];
  for (const file of codeContainerFiles(layout)) {
    const where = rel(layout, file);
    let exports: unknown;
    try {
      // A file chosen at run time, loaded through tsx's CommonJS hook: dynamic import() would go to
      // Node's ESM loader, which cannot read TypeScript when tsx is only registered for require
      // (as under mocha).
      exports = loadModule(file);
    } catch (err) {
      findings.push(error(where, `could not load it to compare containers: ${(err as Error).message}`));
      continue;
    }
    const found = findContainerSpecs(exports);
    if (found.length > 0) sources.push(where);
    for (const spec of found) specs.set(spec.id, spec);
  }
  if (sources.length === 0) return { findings };
  return { source: sources.join(' + '), specs: [...specs.values()], findings };
}

// ---------------------------------------------------------------------------------------------
// Parameter files
// ---------------------------------------------------------------------------------------------

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_GUID = '00000000-0000-0000-0000-000000000000';

const keyVaultReferenceSchema = z
  .object({
    keyVault: z.object({ id: z.string().min(1) }).strict(),
    secretName: z.string().min(1),
    secretVersion: z.string().optional(),
  })
  .strict();

const parameterEntrySchema = z.union([z.object({ value: z.unknown() }).strict(), z.object({ reference: keyVaultReferenceSchema }).strict()]);

export const parametersFileSchema = z
  .object({
    $schema: z.string().url().optional(),
    contentVersion: z.string().regex(/^\d+(\.\d+){3}$/, 'contentVersion looks like 1.0.0.0'),
    parameters: z.record(parameterEntrySchema),
  })
  .strict();

const httpsOrigin = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `'${value}' is not a URL` });
    return;
  }
  if (url.protocol !== 'https:') ctx.addIssue({ code: z.ZodIssueCode.custom, message: `'${value}' must use https` });
  else if (url.origin !== value) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `'${value}' must be an origin only (scheme and host, no path or trailing slash): '${url.origin}'` });
  }
});

const guid = z.string().regex(GUID, 'must be a GUID, e.g. 3f2504e0-4f89-11d3-9a0c-0305e82c3301');

/** What the values mean, beyond what the Bicep decorators say. Unknown parameters are left to the Bicep checks. */
export const parameterValuesSchema = z
  .object({
    environmentName: z.enum(['dev', 'prod']),
    namePrefix: z.string().regex(/^[a-z][a-z0-9]{2,9}$/, '3 to 10 lower-case letters or digits, starting with a letter'),
    microsoftAppId: guid,
    microsoftAppTenantId: guid.optional(),
    councilTenantId: guid,
    localOfferOrigins: z.array(httpsOrigin).min(1, 'at least one Local Offer origin'),
    cosmosDatabaseName: z
      .string()
      .regex(/^[^/\\#?\s]{1,255}$/, 'a Cosmos DB database id cannot contain / \\ # ? or spaces')
      .optional(),
    alertEmailAddress: z.union([z.literal(''), z.string().email()]).optional(),
    councilName: z.string().min(2),
    councilSendEmail: z.string().email(),
    councilContactUrl: z
      .string()
      .url()
      .refine((v) => v.startsWith('https://'), 'must be an https:// URL'),
    councilFrontDoorPhone: z.string().regex(/^[0-9 +()-]{5,20}$/, 'a phone number such as 01632 960000'),
    tags: z.record(z.string()).optional(),
  })
  .passthrough();

/** Values that look like credentials, wherever they appear. */
const SECRET_PATTERNS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'a GOV.UK Notify API key', pattern: /-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i },
  { name: 'an Entra client secret', pattern: /[A-Za-z0-9_.\-~]{3}\dQ~[A-Za-z0-9_.\-~]{30,}/ },
  { name: 'a Direct Line secret', pattern: /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{2,4}\.[A-Za-z0-9_-]{2,4}\.[A-Za-z0-9_-]{20,}$/ },
  { name: 'a connection string with a key', pattern: /(AccountKey|SharedAccessKey|Password|pwd)=[^;]+/i },
  { name: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: 'a long base64 key', pattern: /^[A-Za-z0-9+/]{40,}={0,2}$/ },
];

const SECRET_NAME = /(secret|password|passwd|pwd|apikey|api_key|accesskey|token|connectionstring)$/i;

function* stringsIn(value: unknown, path: string): Generator<{ path: string; value: string }> {
  if (typeof value === 'string') yield { path, value };
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringsIn(v, `${path}[${i}]`);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) yield* stringsIn(v, `${path}.${k}`);
  }
}

function typeMatches(type: string, value: unknown): boolean {
  const t = type.replace(/\?$/, '');
  switch (t) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return t.endsWith('[]') ? Array.isArray(value) : true; // user-defined types: left to bicep
  }
}

export interface ParameterCheckOptions {
  /** Environment implied by the file name (dev.parameters.json -> dev), if any. */
  readonly expectedEnvironment?: string;
}

/** Checks one parameters object against main.bicep's declarations and the rules above. */
export function checkParameters(json: unknown, main: BicepFile, where: string, options: ParameterCheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const shape = parametersFileSchema.safeParse(json);
  if (!shape.success) return describeZodIssues(shape.error).map((m) => error(where, m));
  const entries = shape.data.parameters;
  const values: Record<string, unknown> = {};

  for (const [name, entry] of Object.entries(entries)) {
    const declared = main.params.get(name);
    if (!declared) {
      findings.push(error(where, `parameter '${name}' is not declared in main.bicep`));
      continue;
    }
    if ('reference' in entry) {
      if (!declared.secure) findings.push(warning(where, `parameter '${name}' is a Key Vault reference but not @secure() in main.bicep`));
      continue;
    }
    if (declared.secure) {
      findings.push(error(where, `parameter '${name}' is @secure(): a value must not be in a parameters file; leave it out or use a Key Vault reference`));
      continue;
    }
    const value = entry.value;
    values[name] = value;
    if (!typeMatches(declared.type, value)) {
      findings.push(error(where, `parameter '${name}' should be ${declared.type}, got ${JSON.stringify(value)}`));
      continue;
    }
    if (declared.allowed) {
      const items = Array.isArray(value) ? (value as unknown[]) : [value];
      for (const item of items) {
        if (!declared.allowed.includes(item as Literal)) {
          findings.push(error(where, `parameter '${name}': ${JSON.stringify(item)} is not allowed; use one of ${declared.allowed.map((a) => JSON.stringify(a)).join(', ')}`));
        }
      }
    }
    if (typeof value === 'number') {
      if (declared.minValue !== undefined && value < declared.minValue) findings.push(error(where, `parameter '${name}' is ${value}, below its minimum ${declared.minValue}`));
      if (declared.maxValue !== undefined && value > declared.maxValue) findings.push(error(where, `parameter '${name}' is ${value}, above its maximum ${declared.maxValue}`));
    }
    if (typeof value === 'string' || Array.isArray(value)) {
      const length = value.length;
      if (declared.minLength !== undefined && length < declared.minLength)
        findings.push(error(where, `parameter '${name}' has length ${length}, below its minimum ${declared.minLength}`));
      if (declared.maxLength !== undefined && length > declared.maxLength)
        findings.push(error(where, `parameter '${name}' has length ${length}, above its maximum ${declared.maxLength}`));
    }
    if (SECRET_NAME.test(name) && typeof value === 'string' && value !== '') {
      findings.push(error(where, `parameter '${name}' looks like a secret by its name; secrets belong in Key Vault, not in parameter files`));
    }
  }

  for (const p of main.params.values()) {
    if (!p.hasDefault && !(p.name in entries)) findings.push(error(where, `required parameter '${p.name}' is missing (main.bicep line ${p.line})`));
  }

  for (const { path, value } of stringsIn(json, '$')) {
    for (const { name, pattern } of SECRET_PATTERNS) {
      if (pattern.test(value)) findings.push(error(where, `${path} looks like ${name}; secrets belong in Key Vault, not in parameter files`));
    }
  }

  const semantic = parameterValuesSchema.safeParse(values);
  if (!semantic.success) {
    for (const issue of semantic.error.issues) {
      const name = issue.path.join('.');
      // A missing required parameter is reported above already.
      if (issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined') continue;
      findings.push(error(where, `parameter '${name}': ${issue.message}`));
    }
  }

  for (const name of ['microsoftAppId', 'microsoftAppTenantId', 'councilTenantId']) {
    if (values[name] === NIL_GUID) findings.push(warning(where, `parameter '${name}' is the all-zero placeholder GUID; set the real value before deploying`));
  }

  const env = values['environmentName'];
  if (options.expectedEnvironment && env !== undefined && env !== options.expectedEnvironment) {
    findings.push(error(where, `environmentName is '${String(env)}' but the file is for '${options.expectedEnvironment}'`));
  }
  if (env === 'prod') {
    if (values['enableKeyVaultPurgeProtection'] !== true) findings.push(error(where, 'prod must set enableKeyVaultPurgeProtection to true'));
    if (values['botSku'] === 'F0') findings.push(warning(where, 'prod uses botSku F0, which stops Direct Line after 10,000 premium messages a month'));
    if (values['alertEmailAddress'] === '' || values['alertEmailAddress'] === undefined) {
      findings.push(warning(where, 'prod has no alertEmailAddress, so alerts notify nobody'));
    }
  }
  return findings;
}

export function checkParameterFiles(layout: InfraLayout, main: BicepFile): { findings: Finding[]; files: string[] } {
  const dir = join(layout.infraDir, 'parameters');
  const findings: Finding[] = [];
  if (!existsSync(dir)) return { findings: [error(rel(layout, dir), 'infra/parameters/ is missing')], files: [] };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const env of ['dev', 'prod']) {
    if (!files.some((f) => f.startsWith(`${env}.`))) findings.push(error(rel(layout, dir), `no parameters file for ${env} (${env}.parameters.json)`));
  }
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.bicepparam'))) {
    findings.push(warning(rel(layout, join(dir, f)), '.bicepparam files are not checked here; only a bicep CLI can read them'));
  }
  for (const f of files) {
    const file = join(dir, f);
    const where = rel(layout, file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      findings.push(error(where, `not valid JSON: ${(err as Error).message}`));
      continue;
    }
    const env = /^([a-z]+)\.parameters\.json$/.exec(basename(f))?.[1];
    findings.push(...checkParameters(json, main, where, env ? { expectedEnvironment: env } : {}));
  }
  return { findings, files };
}

// ---------------------------------------------------------------------------------------------
// Bicep CLI
// ---------------------------------------------------------------------------------------------

export interface CliResult {
  readonly tool?: string;
  readonly findings: Finding[];
  readonly note: string;
}

function available(command: string, args: string[]): boolean {
  const r = spawnSync(command, args, { encoding: 'utf8', stdio: 'pipe' });
  return !r.error && r.status === 0;
}

export function compileWithBicepCli(layout: InfraLayout): CliResult {
  const mainFile = join(layout.infraDir, 'main.bicep');
  const candidates: { tool: string; command: string; args: string[]; probe: string[] }[] = [
    { tool: 'bicep', command: 'bicep', args: ['build', mainFile, '--stdout'], probe: ['--version'] },
    { tool: 'az bicep', command: 'az', args: ['bicep', 'build', '--file', mainFile, '--stdout'], probe: ['bicep', 'version'] },
  ];
  for (const c of candidates) {
    if (!available(c.command, c.probe)) continue;
    const r = spawnSync(c.command, c.args, { encoding: 'utf8', stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
    const stderr = (r.stderr ?? '').trim();
    if (r.status !== 0) {
      return { tool: c.tool, note: `compiled with ${c.tool}: failed`, findings: [error(rel(layout, mainFile), `${c.tool} build failed:\n${stderr}`)] };
    }
    const findings = stderr
      .split('\n')
      .filter((l) => /warning/i.test(l))
      .map((l) => warning(rel(layout, mainFile), `${c.tool}: ${l.trim()}`));
    return { tool: c.tool, note: `compiled infra/main.bicep with ${c.tool}`, findings };
  }
  return {
    note: 'no bicep CLI on PATH (bicep or az bicep): Bicep was NOT compiled; ran the structural checks only',
    findings: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Whole check
// ---------------------------------------------------------------------------------------------

export interface CheckOptions {
  readonly layout?: InfraLayout;
  readonly strict?: boolean;
  readonly useBicepCli?: boolean;
  /** Replaces loading the code's container specs (tests). */
  readonly codeContainers?: () => Promise<CodeContainers>;
}

export interface CheckReport {
  readonly findings: Finding[];
  readonly notes: string[];
  readonly ok: boolean;
}

export async function runInfraCheck(options: CheckOptions = {}): Promise<CheckReport> {
  const layout = options.layout ?? defaultLayout();
  const notes: string[] = [];
  const findings: Finding[] = [];

  if (options.useBicepCli ?? true) {
    const cli = compileWithBicepCli(layout);
    notes.push(cli.note);
    findings.push(...cli.findings);
  } else {
    notes.push('bicep CLI skipped (--skip-bicep-cli); ran the structural checks only');
  }

  const structure = checkBicepStructure(layout);
  findings.push(...structure.findings);
  if (structure.main) {
    notes.push(`main.bicep: ${structure.moduleCount} modules, ${structure.main.params.size} parameters, ${structure.main.outputs.size} outputs`);
    const params = checkParameterFiles(layout, structure.main);
    findings.push(...params.findings);
    notes.push(`parameters files: ${params.files.join(', ') || 'none'}`);
  }
  findings.push(...checkAppSettings(layout));

  const infraContainers = readInfraContainers(layout);
  findings.push(...infraContainers.findings);
  const code = await (options.codeContainers ?? (() => loadCodeContainers(layout)))();
  findings.push(...code.findings);
  if (infraContainers.specs && code.specs && code.source) {
    findings.push(...compareContainers(infraContainers.specs, code.specs, code.source));
    notes.push(`containers: compared ${infraContainers.specs.length} in infra with ${code.specs.length} in ${code.source}`);
  } else if (infraContainers.specs && !code.source) {
    findings.push(warning('bot/', 'no container specs found in bot/storage/*.ts or bot/records/containers.ts; infra containers not compared with the code'));
  }

  const failing = findings.filter((f) => f.level === 'error' || options.strict);
  return { findings, notes, ok: failing.length === 0 };
}

export function formatReport(report: CheckReport, strict: boolean): string {
  const lines = ['infra:check'];
  for (const n of report.notes) lines.push(`  - ${n}`);
  for (const f of report.findings) {
    const tag = f.level === 'error' ? 'ERROR' : strict ? 'ERROR (strict)' : 'warning';
    lines.push(`  ${tag}: ${f.where}: ${f.message}`);
  }
  const errors = report.findings.filter((f) => f.level === 'error').length;
  const warnings = report.findings.length - errors;
  lines.push(
    report.ok
      ? `passed (${warnings} warning${warnings === 1 ? '' : 's'})`
      : `FAILED: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${strict ? ' (--strict: warnings fail too)' : ''}`,
  );
  return lines.join('\n');
}

interface CliArgs {
  readonly strict: boolean;
  readonly useBicepCli: boolean;
  readonly layout: InfraLayout;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const defaults = defaultLayout();
  let strict = false;
  let useBicepCli = true;
  let infraDir = defaults.infraDir;
  let repoRoot = defaults.repoRoot;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const next = (): string => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a directory`);
      i += 1;
      return resolve(v);
    };
    if (arg === '--strict') strict = true;
    else if (arg === '--skip-bicep-cli') useBicepCli = false;
    else if (arg === '--infra') infraDir = next();
    else if (arg === '--repo') repoRoot = next();
    else throw new Error(`unknown option '${arg}'. Usage: infra-check [--strict] [--skip-bicep-cli] [--infra <dir>] [--repo <dir>]`);
  }
  return { strict, useBicepCli, layout: { repoRoot, infraDir } };
}

async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`infra:check: ${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const report = await runInfraCheck({ layout: args.layout, strict: args.strict, useBicepCli: args.useBicepCli });
  const text = formatReport(report, args.strict);
  if (report.ok) process.stdout.write(`${text}\n`);
  else process.stderr.write(`${text}\n`);
  process.exitCode = report.ok ? 0 : 1;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`infra:check: crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
