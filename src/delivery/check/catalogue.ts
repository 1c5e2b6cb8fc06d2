import type { CheckGroup, CheckInfo } from './types.js';

/**
 * The checks of `vcc-sim check`, in the order they run and the scorecard shows them. Each is a
 * short scripted delivery sequence; its rationale is VCC's documented behaviour (facts §3): one
 * signed POST per notification, an HS256 JWT over the exact body valid for five minutes, success
 * only on 200–205 within 10 s, everything else retried for 24 hours, duplicates and any order
 * possible.
 */
export const CHECK_CATALOGUE = [
  {
    name: 'accepts-every-event-type',
    group: 'delivery',
    sends: 'one valid, signed notification of every subscribed event type',
    passes: 'each answered 200–205 within the timeout (10 s); p50/p99 reported',
    rationale:
      'VCC counts only 200–205 within 10 s as delivered; anything else is retried for 24 hours.',
    fix: 'Answer 200–205 to every event type you subscribe to, within 10 s, even those you ignore.',
  },
  {
    name: 'refuses-unsigned',
    group: 'signatures',
    sends: 'a notification without Vonage-Signature',
    passes: '401 or 403 (another 4xx warns; 2xx or 5xx fails)',
    rationale: 'VCC signs every request; an unsigned one is not from VCC.',
    fix: 'Refuse a request without a Vonage-Signature header with 401.',
  },
  {
    name: 'refuses-wrong-secret',
    group: 'signatures',
    sends: 'a token signed with another secret',
    passes: '401 or 403',
    rationale: 'The JWT is HS256 keyed with your subscription secret; another key is not VCC.',
    fix: 'Verify the JWT’s HS256 signature with your subscription secret, base64-decoded.',
  },
  {
    name: 'refuses-tampered-body',
    group: 'signatures',
    sends: 'a valid token for the original body, with a changed body',
    passes: '401 or 403',
    rationale: 'payload_hash is the SHA-256 of the exact body bytes: a changed body must not pass.',
    fix: 'Compare payload_hash with the hex SHA-256 of the raw body bytes, before parsing.',
  },
  {
    name: 'refuses-expired-token',
    group: 'signatures',
    sends: 'a correctly signed token whose exp has passed',
    passes: '401 or 403',
    rationale: 'VCC’s tokens expire 5 minutes after iat; an expired one is a replay.',
    fix: 'Refuse a token whose exp is in the past.',
  },
  {
    name: 'refuses-future-iat',
    group: 'signatures',
    sends: 'a correctly signed token issued an hour from now',
    passes: '401 or 403',
    rationale:
      'VCC issues each token when it sends; one issued in the future would outlive 5 minutes.',
    fix: 'Refuse a token whose iat is in the future beyond a small clock skew (say 60 s).',
  },
  {
    name: 'refuses-future-nbf',
    group: 'signatures',
    sends: 'a correctly signed token not valid before an hour from now (nbf)',
    passes: '401 or 403',
    rationale: 'A token is not valid before its nbf; VCC never sends one that is not yet valid.',
    fix: 'Refuse a token whose nbf is in the future beyond a small clock skew.',
  },
  {
    name: 'refuses-alg-none',
    group: 'signatures',
    sends: 'an unsigned JWT (alg "none", empty signature)',
    passes: '401 or 403',
    rationale: 'VCC’s JWT is always HS256; alg "none" is the classic JWT forgery.',
    fix: 'Accept only alg HS256 (e.g. jose’s jwtVerify with algorithms: ["HS256"]).',
  },
  {
    name: 'refuses-other-algorithm',
    group: 'signatures',
    sends: 'a token signed with the right secret by HS512',
    passes: '401 or 403',
    rationale:
      'VCC’s JWT is always HS256; a verifier that takes the algorithm from the token is open to algorithm confusion.',
    fix: 'Pin the algorithm to HS256 instead of reading it from the token header.',
  },
  {
    name: 'refuses-malformed-header',
    group: 'signatures',
    sends:
      'headers that are not "Bearer <JWT>": no token, not a JWT, no signature, claims not JSON, Basic',
    passes: '401 or 403 for each, never a crash',
    rationale:
      'VCC always sends "Bearer <JWT>"; anything else is not VCC, and a crash (5xx) gets retried.',
    fix: 'Parse the header defensively and answer 401 to anything that is not a valid "Bearer <JWT>".',
  },
  {
    name: 'tolerates-duplicates',
    group: 'tolerance',
    sends: 'the same notification twice, each with a fresh signature',
    passes: '200–205 both times (or a 4xx you allow)',
    rationale:
      'VCC documents that duplicates happen; a failure on the second is retried for 24 hours.',
    fix: 'Deduplicate by id (with source) and answer 200 to a duplicate.',
  },
  {
    name: 'tolerates-out-of-order',
    group: 'tolerance',
    sends: 'one channel’s lifecycle in reverse order (ended first)',
    passes: '200–205 for each (or a 4xx you allow)',
    rationale: 'VCC does not guarantee order; consumers are told to order by timestamps.',
    fix: 'Accept events in any order and order them by data.timestamp.',
  },
  {
    name: 'tolerates-v1-beside-v0',
    group: 'tolerance',
    sends: 'the v0 and the v1 notification of one event',
    passes: '200–205 for both (or a 4xx you allow)',
    rationale: 'A subscription to both versions gets both, with different ids, for the same event.',
    fix: 'Accept both versions; do not treat the v1 as a duplicate of the v0 or fail on it.',
  },
  {
    name: 'tolerates-unknown-data-field',
    group: 'tolerance',
    sends: 'a valid notification with an extra field in data',
    passes: '200–205 (or a 4xx you allow); never 5xx',
    rationale:
      'VCC may add fields to data; a strict parser that fails gets the notification retried.',
    fix: 'Ignore fields you do not know instead of rejecting the notification.',
  },
  {
    name: 'tolerates-unknown-event-type',
    group: 'tolerance',
    sends: 'a future version of a subscribed event (v2) and a new event of the same entity',
    passes: '200–205 (or a 4xx you allow); never 5xx',
    rationale: 'Wildcard subscriptions (channel.*) receive event types added later.',
    fix: 'Answer 200 (or a 4xx you document) to types you do not handle; never crash on them.',
  },
  {
    name: 'accepts-binary-mode',
    group: 'tolerance',
    sends: 'a valid notification in CloudEvents binary mode (only with --mode binary)',
    passes: '200–205',
    rationale:
      'VCC sends structured mode; a consumer that also takes binary mode must accept it signed.',
    fix: 'Read ce-* headers as the attributes and verify payload_hash over the body (data) bytes.',
  },
  {
    name: 'burst',
    group: 'load',
    sends: 'valid notifications at --burst × the scenario’s peak rate (default 10×) for 5 s',
    passes: 'every one 200–205, none answered later than the timeout after it was due',
    rationale: 'Contact centres spike; VCC retries what is not answered 200–205 within 10 s.',
    fix: 'Acknowledge fast (200 first, process later from a queue) and allow enough concurrency.',
  },
  {
    name: 'ramp',
    group: 'load',
    sends:
      'valid notifications at doubling rates from the peak rate, the burst rate among them, up to --ramp-max (1 s steps)',
    passes: 'reports the highest sustained rate; warns below the burst rate (advisory)',
    rationale:
      'Knowing the headroom over the peak tells how much traffic growth the webhook absorbs.',
    fix: 'Acknowledge fast and process asynchronously to raise the sustained rate.',
    advisory: true,
  },
  {
    name: 'https',
    group: 'transport',
    sends: 'nothing: reads the URL',
    passes: 'an https URL (http warns: fine for local tests only)',
    rationale: 'VCC’s Webhooks API takes only https subscription URLs.',
    fix: 'Serve the webhook over https.',
  },
  {
    name: 'certificate',
    group: 'transport',
    sends: 'a TLS handshake',
    passes: 'a certificate that verifies for the host (--ca for a test CA; --insecure warns)',
    rationale: 'VCC verifies the webhook’s certificate; an invalid one fails every delivery.',
    fix: 'Use a certificate from a public CA, valid for the host name, with its full chain.',
  },
  {
    name: 'tls-version',
    group: 'transport',
    sends: 'a TLS handshake',
    passes: 'TLS 1.2 or later negotiated',
    rationale: 'Current TLS clients, VCC’s included, refuse anything older than TLS 1.2.',
    fix: 'Enable TLS 1.2 or 1.3 on the server.',
  },
  {
    name: 'no-redirects',
    group: 'transport',
    sends: 'a valid, signed notification',
    passes: 'an answer that is not a redirect (3xx)',
    rationale: 'VCC does not follow redirects: a 3xx is a failed delivery, retried for 24 hours.',
    fix: 'Subscribe the final URL (scheme, host, path and trailing slash exactly as served).',
  },
  {
    name: 'duplicates-stored-once',
    group: 'semantics',
    sends: 'the same notification twice, then asks the probe how often it was stored',
    passes: 'stored exactly once (needs --probe)',
    rationale: 'Duplicates happen; a consumer must deduplicate, not just answer 200.',
    fix: 'Store by id (with source) and skip an id already stored.',
  },
  {
    name: 'out-of-order-final-state',
    group: 'semantics',
    sends: 'a lifecycle in reverse order, then asks the probe for the channel’s latest event',
    passes: 'the channel ends on its ended event (needs --probe)',
    rationale: 'Order is not guaranteed; the state must follow data.timestamp, not arrival order.',
    fix: 'Order a channel’s events by data.timestamp (ended is final) before deriving its state.',
  },
] as const satisfies readonly CheckInfo[];

/** The name of a check in {@link CHECK_CATALOGUE}. */
export type CheckName = (typeof CHECK_CATALOGUE)[number]['name'];

/** Each group's heading on the scorecard, in order. */
export const CHECK_GROUPS: Readonly<Record<CheckGroup, string>> = {
  delivery: 'Accepts what VCC sends',
  signatures: 'Refuses what VCC never sends',
  tolerance: 'Tolerates what VCC may send',
  load: 'Keeps up',
  transport: 'Transport',
  semantics: 'Stores it right (probe)',
};
