/** The CLI's wording of errors: resume advice comes from the data a provider failure carries. */
import assert from 'node:assert/strict';
import { errorText } from '../../src/cli/error-text.js';
import { DataError, ProviderAuthError, ProviderQuotaError } from '../../src/errors.js';
import { RESUME_HINT } from '../../src/translate/providers/http-status.js';

describe('errorText', () => {
  it('says what was saved and what remains, once, from the progress a provider failure carries', () => {
    const e = new ProviderQuotaError('x', `X says the account's quota is used up. ${RESUME_HINT} Raise the quota first.`);
    e.progress = { saved: 3, remaining: 5 };
    const text = errorText(e);
    assert.equal(
      text,
      "X says the account's quota is used up. Raise the quota first. " +
        '3 item(s) were translated and saved in this run; 5 of 8 remain. Rerun `carefully translate` to resume; nothing is sent twice.',
    );
  });

  it('gives no resume advice for a rejected key before anything was saved, nor for errors outside a run', () => {
    const auth = new ProviderAuthError('x', 'X rejected the key in X_KEY.');
    auth.progress = { saved: 0, remaining: 4 };
    assert.equal(errorText(auth), 'X rejected the key in X_KEY.');
    assert.equal(errorText(new ProviderQuotaError('x', 'Quota.')), 'Quota.');
    assert.equal(errorText(new DataError('bad data')), 'bad data');
  });
});
