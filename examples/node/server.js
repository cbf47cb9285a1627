// A JWT-protected service in Node.js (20+), no dependencies: the contract CLI checks it like the Java apps.
// Same variables, same answers. Run: JWT_ISSUER=http://127.0.0.1:9000 JWT_AUDIENCE=my-api node server.js
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');

function fail(message) {
  console.error(`Configuration error: ${message}`);
  process.exit(2);
}
function int(name, fallback, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) fail(`${name} must be a whole number >= ${min}`);
  return Number(raw);
}

const issuerList = (process.env.JWT_ISSUER || '').split(',').map((i) => i.trim()).filter((i) => i);
if (issuerList.length === 0) fail('JWT_ISSUER is required');
if (issuerList.length > 1 && process.env.JWT_JWKS_URI) fail('JWT_JWKS_URI is only allowed with a single JWT_ISSUER');
const tokenHeader = (process.env.JWT_HEADER || 'authorization').toLowerCase();
if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(tokenHeader)) fail('JWT_HEADER must be an HTTP header name');
const requiredScope = process.env.JWT_REQUIRED_SCOPE || null;
const supported = { RS256: 'RSA', ES256: 'EC', EdDSA: 'OKP' };
const algorithms = (process.env.JWT_ALGORITHMS || 'EdDSA,RS256,ES256').split(',').map((a) => a.trim());
for (const a of algorithms) if (!supported[a]) fail(`JWT_ALGORITHMS: unsupported algorithm ${a}`);
for (const issuer of issuerList) {
  const uri = process.env.JWT_JWKS_URI || issuer.replace(/\/$/, '') + '/.well-known/jwks.json';
  let ok = false;
  try { ok = /^https?:$/.test(new URL(uri).protocol); } catch { /* not a URL */ }
  if (!ok) fail('JWT_JWKS_URI (or JWT_ISSUER) must be an http(s) URL');
}
// Test-only, off by default: UNSAFE_SKIP_AUDIENCE_CHECK_FOR_TESTS=1 makes this service deliberately lax (it ignores
// JWT_AUDIENCE) so that scripts/keycloak-check.sh --negative-control can show the Keycloak check failing.
// Never set it elsewhere.
const skipAudience = process.env.UNSAFE_SKIP_AUDIENCE_CHECK_FOR_TESTS === '1';
if (skipAudience) console.error('WARNING: UNSAFE_SKIP_AUDIENCE_CHECK_FOR_TESTS=1: the audience is NOT checked');
const anyAudienceRaw = process.env.JWT_ALLOW_ANY_AUDIENCE;
if (anyAudienceRaw !== undefined && anyAudienceRaw !== 'true' && anyAudienceRaw !== 'false') {
  fail('JWT_ALLOW_ANY_AUDIENCE must be true or false');
}
const anyAudience = anyAudienceRaw === 'true';
const audienceRaw = (process.env.JWT_AUDIENCE || '').trim();
if (anyAudience && audienceRaw) fail('JWT_ALLOW_ANY_AUDIENCE=true contradicts JWT_AUDIENCE: set only one');
if (!anyAudience && !audienceRaw && !skipAudience) {
  fail('JWT_AUDIENCE is required (or JWT_ALLOW_ANY_AUDIENCE=true to accept any aud)');
}
if (anyAudience) {
  console.error('WARN JWT_ALLOW_ANY_AUDIENCE=true: the aud claim is not checked; '
    + 'tokens this issuer made for any API are accepted');
}
const audience = skipAudience || anyAudience ? null : audienceRaw;
const skew = int('JWT_CLOCK_SKEW_SECONDS', 60, 0);
const cacheMs = int('JWT_JWKS_CACHE_SECONDS', 300, 0) * 1000;
const refreshMinMs = int('JWT_JWKS_REFRESH_MIN_SECONDS', 30, 0) * 1000;
const timeoutMs = int('JWT_JWKS_TIMEOUT_MS', 2000, 1);
const port = int('PORT', 8080, 0);

// Why a JWKS member cannot be used (null if it can): RFC 7517 §4 members, and the contract's key rules.
// It is skipped (RFC 7517 §5); the others keep working. On success the member gets its node KeyObject as jwk.key.
const b64url = (v) => typeof v === 'string' && /^[A-Za-z0-9_-]+$/.test(v);
function unusable(jwk) {
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) return 'not an object';
  if (jwk.kid !== undefined && typeof jwk.kid !== 'string') return 'kid not a string';
  if (!['RSA', 'EC', 'OKP'].includes(jwk.kty)) return `kty ${String(jwk.kty).slice(0, 16)} not supported`;
  if (jwk.use !== undefined && jwk.use !== 'sig') return 'use is not sig'; // KEY-7
  if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify'))) {
    return 'key_ops without verify';
  }
  if (jwk.alg !== undefined && !(typeof jwk.alg === 'string' && supported[jwk.alg] === jwk.kty)) {
    return 'alg not usable with this key';
  }
  let jwkIn;
  if (jwk.kty === 'RSA') {
    if (!b64url(jwk.n) || !b64url(jwk.e)) return 'n or e missing or not base64url';
    const n = BigInt('0x' + (Buffer.from(jwk.n, 'base64url').toString('hex') || '0'));
    const e = BigInt('0x' + (Buffer.from(jwk.e, 'base64url').toString('hex') || '0'));
    if (n.toString(2).length < 2048 || n < 2n ** 2047n) return 'modulus under 2048 bits';
    // KEY-3 (FIPS 186-5 §5.4): e odd, 65537 <= e < 2^256 (and e < n)
    if (e % 2n === 0n || e < 65537n || e >= 2n ** 256n || e >= n) return 'exponent outside the allowed range';
    jwkIn = { kty: 'RSA', n: jwk.n, e: jwk.e };
  } else if (jwk.kty === 'EC') {
    if (!['P-256', 'P-384', 'P-521'].includes(jwk.crv)) return `crv ${String(jwk.crv).slice(0, 16)} not supported`;
    if (!b64url(jwk.x) || !b64url(jwk.y)) return 'x or y missing or not base64url';
    jwkIn = { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y };
  } else {
    if (jwk.crv !== 'Ed25519') return `crv ${String(jwk.crv).slice(0, 16)} not supported`;
    if (!b64url(jwk.x) || Buffer.from(jwk.x, 'base64url').length !== 32) return 'x is not 32 bytes';
    jwkIn = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  }
  try {
    jwk.key = crypto.createPublicKey({ key: jwkIn, format: 'jwk' }); // checks an EC point is on its curve
  } catch {
    return 'not a valid public key';
  }
  return null;
}

// --- One JWKS cache per issuer: one fetch at a time, refetch for an unknown kid at most once per refresh interval,
// --- and a failed refresh keeps the keys we had.
function keyCache(jwksUri) {
  const c = { skipped: '', keys: null, fetchedAt: 0, lastAttempt: 0, lastFailed: false, inFlight: null };

  async function fetchKeys() {
    const res = await fetch(jwksUri, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (res.status !== 200) throw new Error('status');
    const body = JSON.parse(await res.text());
    if (!body || !Array.isArray(body.keys)) throw new Error('not a JWKS');
    const out = [];
    const skipped = [];
    body.keys.forEach((jwk, i) => {
      const reason = unusable(jwk);
      const name = jwk && typeof jwk === 'object' && typeof jwk.kid === 'string'
        ? `kid ${JSON.stringify(jwk.kid.slice(0, 64))}` : `member ${i}`;
      if (reason) skipped.push(`${name} (${reason})`);
      else out.push({ kid: jwk.kid, kty: jwk.kty, crv: jwk.crv, alg: jwk.alg, key: jwk.key });
    });
    const summary = skipped.join(', ');
    if (summary !== c.skipped) { // logged when the set changes, never per request
      if (summary) console.error(`WARN ${jwksUri}: skipped JWKS members: ${summary}`);
      c.skipped = summary;
    }
    return out;
  }

  c.get = async function getKeys(unknownKid) {
    const now = Date.now();
    const stale = c.keys === null || now >= c.fetchedAt + cacheMs;
    const mayRetry = now >= c.lastAttempt + refreshMinMs;
    if (c.inFlight === null && ((stale && (!c.lastFailed || mayRetry)) || (unknownKid && mayRetry))) {
      c.lastAttempt = now;
      c.inFlight = fetchKeys().then(
        (k) => { c.keys = k; c.fetchedAt = Date.now(); c.lastFailed = false; },
        () => { c.lastFailed = true; }).finally(() => { c.inFlight = null; });
    }
    if (c.inFlight !== null) await c.inFlight;
    if (c.keys === null || (c.lastFailed && unknownKid)) throw Object.assign(new Error(), { status: 503 });
    return c.keys;
  };
  return c;
}
const jwksUriOf = (i) => process.env.JWT_JWKS_URI || i.replace(/\/$/, '') + '/.well-known/jwks.json';
const issuers = new Map(issuerList.map((i) => [i, keyCache(jwksUriOf(i))]));

function suitable(all, kid, alg) {
  return all.filter((k) => k.kty === supported[alg] && (k.alg === undefined || k.alg === alg)
    && (kid === undefined || k.kid === kid) && (k.kty !== 'EC' || k.crv === 'P-256'));
}

const invalid = () => Object.assign(new Error(), { status: 401 });
function json(part) {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw invalid();
  let value;
  try { value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')); } catch { throw invalid(); }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid();
  return value;
}

async function verify(token) {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[2])) throw invalid();
  const header = json(parts[0]);
  const claims = json(parts[1]);
  const alg = header.alg;
  if (!algorithms.includes(alg) || 'crit' in header) throw invalid();
  if (header.typ !== undefined && !/^(application\/)?(jwt|at\+jwt)$/i.test(String(header.typ))) throw invalid();
  if (header.kid !== undefined && typeof header.kid !== 'string') throw invalid();
  const cache = typeof claims.iss === 'string' ? issuers.get(claims.iss) : undefined;
  if (!cache) throw invalid(); // an issuer we do not trust costs no fetch
  let candidates = suitable(await cache.get(false), header.kid, alg);
  if (candidates.length === 0 && header.kid !== undefined) {
    candidates = suitable(await cache.get(true), header.kid, alg);
  }
  if (candidates.length !== 1) throw invalid();
  const data = Buffer.from(parts[0] + '.' + parts[1]);
  const signature = Buffer.from(parts[2], 'base64url');
  const key = candidates[0].key;
  const ok = alg === 'EdDSA' ? crypto.verify(null, data, key, signature)
    : alg === 'ES256'
      ? signature.length === 64 && crypto.verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
      : crypto.verify('sha256', data, key, signature);
  if (!ok) throw invalid();
  for (const date of ['exp', 'nbf', 'iat']) { // a date an RFC 3339 timestamp can hold: years 0001 to 9999
    const v = claims[date];
    if (v !== undefined && !(typeof v === 'number' && v >= -62135596800 && v < 253402300800)) throw invalid();
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || now >= claims.exp + skew) throw invalid();
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || now < claims.nbf - skew)) throw invalid();
  const audOk = claims.aud === audience || (Array.isArray(claims.aud) && claims.aud.includes(audience));
  if (audience !== null && !audOk) throw invalid();
  return claims;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  let path;
  try {
    path = new URL(req.url, 'http://localhost').pathname;
  } catch {
    return send(res, 400, { error: 'invalid_request' });
  }
  if (path !== '/health' && path !== '/protected') return send(res, 404, { error: 'not_found' });
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, { error: 'method_not_allowed' }, { Allow: 'GET, HEAD' });
  }
  if (path === '/health') return send(res, 200, { status: 'UP' });
  const copies = req.headersDistinct[tokenHeader] || [];
  if (copies.length > 1) { // one request, one credential (RFC 9110 §11.6.2): which copy would a proxy have checked?
    return send(res, 400, { error: 'invalid_request', error_description: 'More than one credential' },
      { 'WWW-Authenticate': 'Bearer error="invalid_request", error_description="More than one credential"' });
  }
  const value = (copies[0] || '').trim();
  const match = /^(\S+)(?:\s+(.*))?$/.exec(value);
  let token;
  if (match && match[1].toLowerCase() === 'bearer') token = (match[2] || '').trim();
  else if (match && tokenHeader !== 'authorization') token = value; // a custom header may carry the bare token
  else {
    return send(res, 401, { error: 'unauthorized', error_description: 'Bearer token required' },
      { 'WWW-Authenticate': 'Bearer' });
  }
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) {
    return send(res, 400, { error: 'invalid_request', error_description: 'Malformed credentials' },
      { 'WWW-Authenticate': 'Bearer error="invalid_request", error_description="Malformed credentials"' });
  }
  try {
    const claims = await verify(token);
    const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ')
      : Array.isArray(claims.scp) ? claims.scp : [];
    if (requiredScope && !scopes.includes(requiredScope)) {
      const description = 'The access token lacks the required scope';
      return send(res, 403, { error: 'insufficient_scope', error_description: description },
        { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${requiredScope}"` });
    }
    send(res, 200, { message: 'Access granted', subject: claims.sub, claims });
  } catch (e) {
    if (e.status === 503) {
      return send(res, 503, { error: 'temporarily_unavailable', error_description: 'Signing keys are unavailable' },
        { 'Retry-After': '5' });
    }
    send(res, 401, { error: 'invalid_token', error_description: 'The token is not valid' },
      { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The token is not valid"' });
  }
});
// Requests Node's parser refuses (oversized headers, malformed request lines) are answered in JSON too.
server.on('clientError', (err, socket) => {
  if (!socket.writable || err.code === 'ECONNRESET') return socket.destroy();
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify({ error: tooLarge ? 'request_header_fields_too_large' : 'invalid_request' });
  socket.end(`HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n`
    + `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
});
server.listen(port, process.env.HOST || '0.0.0.0', () => console.log(`Listening on port ${server.address().port}`));
