/** Issue #9 item 13, the mechanism: writes to a guarded stream are scrubbed of secrets, whatever form the write takes. */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { redactSecretsInOutput, secretsFromEnv, REDACTED } from '../../src/secret-output.js';

function sink(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: Buffer[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  return { stream: w as unknown as NodeJS.WriteStream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('secret redaction in output streams', () => {
  it('picks *_KEY / *_TOKEN / *_SECRET variables of a useful length', () => {
    assert.deepEqual(
      secretsFromEnv({
        DEEPL_AUTH_KEY: 'abcdefgh-1234:fx',
        OPENAI_API_KEY: 'sk-0123456789',
        GH_TOKEN: 'ghp_abcdefgh',
        PATH: '/usr/bin:/bin',
        SHORT_KEY: 'abc',
        MONKEY: 'not-a-secret-name',
      }).sort(),
      ['abcdefgh-1234:fx', 'ghp_abcdefgh', 'sk-0123456789'].sort(),
    );
  });

  it('replaces a key written as a string, as a Buffer, and URL-encoded', () => {
    const { stream, text } = sink();
    const key = 'k3y/with+special:fx';
    redactSecretsInOutput([key], [stream]);
    stream.write(`Authorization: DeepL-Auth-Key ${key}\n`);
    stream.write(Buffer.from(`GET /v2?key=${encodeURIComponent(key)}\n`));
    stream.write(`form: auth_key=${new URLSearchParams({ k: key }).toString().slice(2)}\n`);
    const out = text();
    assert.ok(!out.includes(key) && !out.includes(encodeURIComponent(key)), out);
    assert.equal(out.split(REDACTED).length - 1, 3, out);
  });
});
