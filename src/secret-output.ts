/**
 * API keys must never reach a terminal or a log. Our own code never prints
 * them, but the HTTP modules under the SDKs do when the user turns on their
 * debugging (DEBUG=* or DEBUG=follow-redirects for `debug`, NODE_DEBUG=http or
 * net for Node's own debuglog): they log request headers and URLs, key
 * included. Those modules write straight to process.stderr/stdout, so the one
 * place to catch them is the stream: every write is scrubbed of the secrets.
 */

export const REDACTED = '[redacted]';

/** Environment variables that hold secrets, by name: *_KEY, *_TOKEN, *_SECRET, *_PASSWORD. */
const SECRET_NAME = /(?:^|_)(?:KEY|TOKEN|SECRET|PASSWORD)$/i;
/** Shorter values would redact ordinary words; real keys are much longer. */
const MIN_SECRET_LENGTH = 8;

/** The secret values in an environment (API keys and tokens), by variable name. */
export function secretsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length >= MIN_SECRET_LENGTH)
    .map(([, value]) => value!);
}

/** The forms a secret takes on the wire: as is, URL-encoded (query strings), form-encoded. */
function variants(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]);
  return [...forms].filter((s) => s.length >= MIN_SECRET_LENGTH);
}

export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

const secrets = new Set<string>();
const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * From now on, every write to these streams (default: stdout and stderr) has
 * the secrets replaced by "[redacted]". Calling it again adds secrets; a
 * stream is only wrapped once.
 */
export function redactSecretsInOutput(values: readonly string[], streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const v of values) for (const form of variants(v)) secrets.add(form);
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = () => [...secrets].sort((a, b) => b.length - a.length);
  for (const stream of streams) {
    if (guarded.has(stream)) continue;
    guarded.add(stream);
    const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      if (secrets.size === 0) return original(chunk, ...rest);
      if (typeof chunk === 'string') {
        const encoding = typeof rest[0] === 'string' ? rest[0] : 'utf8';
        if (encoding === 'utf8' || encoding === 'utf-8') return original(redact(chunk, ordered()), ...rest);
        return original(chunk, ...rest);
      }
      if (chunk instanceof Uint8Array) return original(Buffer.from(redact(Buffer.from(chunk).toString('utf8'), ordered()), 'utf8'), ...rest);
      return original(chunk, ...rest);
    };
  }
}
