import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ACCESS_RULES, ACTIONS, ROLES } from '../../bot/identity/access';

describe('docs/access.md', () => {
  it('has the same access table as the code', () => {
    const doc = readFileSync(path.join(__dirname, '../../docs/access.md'), 'utf8');
    const rows = doc.split('\n').filter((l) => /^\| `[a-z_.]+` \|/.test(l));
    const header = doc.split('\n').find((l) => l.startsWith('| action |'));
    assert.deepEqual(
      header
        ?.split('|')
        .slice(2, -1)
        .map((c) => c.trim()),
      [...ROLES],
    );
    const table = Object.fromEntries(
      rows.map((row) => {
        const cells = row
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim());
        const action = cells[0]!.replace(/`/g, '');
        return [action, Object.fromEntries(ROLES.flatMap((role, i) => (cells[i + 1] === '–' ? [] : [[role, cells[i + 1]]])))];
      }),
    );
    assert.deepEqual(Object.keys(table), [...ACTIONS]);
    assert.deepEqual(table, JSON.parse(JSON.stringify(ACCESS_RULES)));
  });
});
