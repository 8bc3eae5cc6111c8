import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../bot/logging';

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
});
