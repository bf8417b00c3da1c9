/** The shared status/timeout mapping. */
import assert from 'node:assert/strict';
import { ProviderAuthError, ProviderError, ProviderQuotaError, ProviderRateLimitError, ProviderUnavailableError } from '../../src/errors.js';
import { detail, errorForStatus, parseRetryAfter, redact, withDeadline } from '../../src/translate/providers/http-status.js';

const ctx = { provider: 'x', label: 'X', keyEnv: 'X_KEY', keySet: true, secrets: ['secret-key-123456'] };

describe('http-status', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    assert.equal(parseRetryAfter('7'), 7);
    assert.equal(parseRetryAfter('1.2'), 2);
    assert.equal(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1)), 30);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(null), undefined);
  });

  it('maps statuses to the error family', () => {
    assert.ok(errorForStatus(ctx, 401) instanceof ProviderAuthError);
    assert.ok(errorForStatus(ctx, 456) instanceof ProviderQuotaError);
    const rate = errorForStatus(ctx, 429, { retryAfter: '3' });
    assert.ok(rate instanceof ProviderRateLimitError && rate.retryAfterSeconds === 3 && rate.retryable);
    assert.ok(errorForStatus(ctx, 504) instanceof ProviderUnavailableError);
    const other = errorForStatus(ctx, 400);
    assert.ok(other instanceof ProviderError && !other.retryable);
    assert.match(errorForStatus(ctx, 403).message, /export X_KEY=/);
  });

  it('keeps keys, URL-encoded keys and masked keys out of messages', () => {
    assert.equal(redact('a secret-key-123456 b', ctx.secrets), 'a *** b');
    assert.equal(redact('?key=a%2Fb%3Dcdef', ['a/b=cdef']), '?key=***');
    assert.equal(detail('Incorrect API key provided: sk-ab************wxyz. Go away.'), 'Incorrect API key provided: *** Go away.');
    const e = errorForStatus(ctx, 400, { detail: 'bad secret-key-123456', cause: new Error('url?key=secret-key-123456') });
    assert.ok(!e.message.includes('secret-key-123456'));
    assert.ok(!String(e.cause).includes('secret-key-123456'));
  });

  it('bounds a call with a deadline and honours aborts', async () => {
    const never = new Promise<never>(() => undefined);
    await assert.rejects(withDeadline(ctx, never, 20), ProviderUnavailableError);
    const ac = new AbortController();
    const p = withDeadline(ctx, never, 10_000, ac.signal);
    ac.abort();
    await assert.rejects(p, { name: 'AbortError' });
    assert.equal(await withDeadline(ctx, Promise.resolve(5), 10), 5);
  });
});
