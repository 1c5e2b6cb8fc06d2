/** What a TLS handshake with the webhook's server showed. */
export type TlsFacts =
  | {
      connected: true;
      /** `TLSv1.3`, `TLSv1.2`… */
      protocol: string | undefined;
      /** Whether the certificate verified for the host (chain and name). */
      authorized: boolean;
      /** Why it did not, in OpenSSL's or Node's words (`DEPTH_ZERO_SELF_SIGNED_CERT`…). */
      authorizationError?: string;
      subject?: string;
      issuer?: string;
      validTo?: string;
    }
  | { connected: false; error: string };

/** Options of {@link tlsFacts}. */
export type TlsFactsOptions = {
  ca?: string | Uint8Array;
  timeoutMs: number;
};

/**
 * Opens a TLS connection to the URL's host and reads what it negotiated and how its certificate
 * verifies, without sending a request. The certificate is checked (chain and host name) but the
 * connection is kept even when it does not verify, so a check can say why.
 */
export async function tlsFacts(url: URL, options: TlsFactsOptions): Promise<TlsFacts> {
  const tls = await import('node:tls');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  const ca =
    options.ca === undefined
      ? undefined
      : [
          ...tls.rootCertificates,
          typeof options.ca === 'string' ? options.ca : Buffer.from(options.ca),
        ];
  return new Promise<TlsFacts>((resolve) => {
    const socket = tls.connect({
      host,
      port,
      // SNI takes names only, never IP addresses.
      ...(/^[\d.]+$|:/.test(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
      ...(ca ? { ca } : {}),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ connected: false, error: `no TLS handshake within ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const certificate = socket.getPeerCertificate();
      const name = (entity: Record<string, unknown> | undefined) =>
        entity ? String(entity['CN'] ?? entity['O'] ?? '') || undefined : undefined;
      const subject = name(certificate.subject as unknown as Record<string, unknown> | undefined);
      const issuer = name(certificate.issuer as unknown as Record<string, unknown> | undefined);
      const authorizationError = socket.authorizationError;
      resolve({
        connected: true,
        protocol: socket.getProtocol() ?? undefined,
        authorized: socket.authorized,
        ...(authorizationError ? { authorizationError: String(authorizationError) } : {}),
        ...(subject ? { subject } : {}),
        ...(issuer ? { issuer } : {}),
        ...(certificate.valid_to ? { validTo: new Date(certificate.valid_to).toISOString() } : {}),
      });
      socket.end();
    });
    socket.once('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      resolve({
        connected: false,
        error: error.code ? `${error.message} (${error.code})` : error.message,
      });
    });
  });
}
