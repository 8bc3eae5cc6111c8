import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

/** Every module a file imports or re-exports (type-only imports included), as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/gm,
  )) {
    found.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  }
  return found;
}

/** The repository path a relative import points at (without extension), or the package name. */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(ROOT, resolve(file, '..', spec)).replace(/\\/g, '/') : spec;
}

function offending(folders: readonly string[], forbidden: (target: string) => boolean): string[] {
  return folders.flatMap((folder) =>
    filesUnder(join(ROOT, folder)).flatMap((file) =>
      importsOf(file)
        .filter((spec) => forbidden(target(file, spec)))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    ),
  );
}

const FRAMEWORK = (t: string): boolean => t === 'botbuilder' || t.startsWith('botbuilder-') || t.startsWith('botframework-') || t.startsWith('@microsoft/teams-ai');

describe('architecture: which layer may import what', () => {
  it('finds the imports it checks (the reader is not blind)', () => {
    assert.ok(importsOf(join(ROOT, 'dialogs/book-review.ts')).includes('botbuilder-dialogs'));
    assert.ok(importsOf(join(ROOT, 'bot/casework/reviews.ts')).includes('../records'));
    assert.deepEqual(offending(['dialogs'], FRAMEWORK).length > 0, true, 'dialogs use botbuilder, so the check must see it');
  });

  it('keeps the domain and casework layers free of Bot Framework and Teams AI', () => {
    assert.deepEqual(offending(['bot/records', 'bot/statutory', 'bot/casework', 'bot/triage', 'bot/notify', 'knowledge'], FRAMEWORK), []);
  });

  it('keeps dialogs away from Cosmos and the records repositories: they go through bot/casework', () => {
    const repositories = /^bot\/(records\/(store|containers|sequences|audit|demo-data|demo-seed|[a-z-]+-repository)|storage(\/|$))/;
    const bad = offending(['dialogs'], (t) => t === '@azure/cosmos' || repositories.test(t));
    assert.deepEqual(bad, []);
    // Nor may a dialog call a repository through the records barrel: no dialog holds `Records`.
    const holders = filesUnder(join(ROOT, 'dialogs')).filter((f) => /\bRecords\b|\.records\.|AccessGuard|\.guard\.|\.notifier\.|\.proactive\./.test(readFileSync(f, 'utf8')));
    assert.deepEqual(
      holders.map((f) => relative(ROOT, f)),
      [],
    );
  });
});
