import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { createLogger, httpLogger } from '../../bot/logging';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger()', () => {
  it('redacts message text, names, contact details, dates of birth, codes and secrets', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    logger.info(
      {
        text: 'my son Sam Example has autism',
        activity: { text: 'hello', value: { code: '123456' }, from: { name: 'Jo Parent' } },
        child: { name: 'Sam Example', dateOfBirth: '2015-03-05' },
        contact: { email: 'jo@example.org', phone: '07700 900123' },
        verification: { code: '654321' },
        headers: { authorization: 'Bearer abc.def.ghi' },
        password: 'p',
        secret: 's',
        token: 't',
        channelId: 'webchat',
      },
      'turn',
    );
    const line = lines.join('');
    for (const secret of ['Sam Example', 'autism', 'hello', '123456', 'Jo Parent', '2015-03-05', 'jo@example.org', '07700 900123', '654321', 'abc.def.ghi']) {
      assert.ok(!line.includes(secret), `"${secret}" must not reach the log: ${line}`);
    }
    assert.match(line, /"channelId":"webchat"/, 'non-personal fields are kept');
    assert.match(line, /\[redacted\]/);
  });

  it('writes nothing below its level', () => {
    const { lines, stream } = capture();
    createLogger('warn', stream).info({ channelId: 'webchat' }, 'quiet');
    assert.equal(lines.length, 0);
  });

  it('keeps an error’s name, message, code, dialog and stack frames, never the dialog state or a zod error’s values', () => {
    const { lines, stream } = capture();
    const inner = new Error('simulated write failure');
    const wrapped = Object.assign(new Error('simulated write failure'), {
      name: 'DialogContextError',
      error: inner,
      dialogContext: { activeDialog: 'complaint.steps', stack: [{ id: 'complaint', state: { values: { name: 'Zebedee Quarrington', email: 'z@example.org' } } }] },
    });
    const zod = z.object({ email: z.string().email() }).safeParse({ email: 'private-value-typed' });
    createLogger('info', stream).error({ err: wrapped, error: zod.success ? undefined : zod.error }, 'turn failed');
    const line = lines.join('');
    assert.match(line, /"type":"DialogContextError"/);
    assert.match(line, /"dialogId":"complaint.steps"/);
    assert.match(line, /simulated write failure/);
    assert.match(line, /"stack":"\s+at /);
    assert.match(line, /validation failed: email invalid_string/);
    for (const secret of ['Zebedee', 'z@example.org', 'private-value-typed']) assert.ok(!line.includes(secret), `"${secret}" leaked: ${line}`);
  });

  it('gives restify a logger that keeps a request’s method and path only', () => {
    const { lines, stream } = capture();
    httpLogger(createLogger('info', stream)).warn(
      { req: { method: 'GET', url: '/v3/directline/conversations/x/activities?watermark=3', headers: { authorization: 'Bearer secret.token.value' } } },
      'error in formatter',
    );
    const line = lines.join('');
    assert.match(line, /"path":"\/v3\/directline\/conversations\/x\/activities"/);
    assert.ok(!line.includes('secret.token.value') && !line.includes('watermark'), line);
  });
});
