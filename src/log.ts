// Logging for a stdio server: stdout carries JSON-RPC only, so every line goes to stderr, and the API key
// is masked wherever it might appear (a hostile upstream could echo it back). The secrets to mask are an
// object made at start and handed to whoever prints or returns text, not a module global.
const MASK = "[redacted]";

/** The values never to print or return: each API key, as given and as it reads inside JSON text. */
export class Secrets {
  private readonly forms: string[] = [];
  /** How many holders registered each secret: one is forgotten only when its last holder lets it go. */
  private readonly holders = new Map<string, number>();

  add(secret: string | undefined): void {
    if (!secret || secret.length < 4) return;
    this.holders.set(secret, (this.holders.get(secret) ?? 0) + 1);
    // Also as it reads inside JSON text, should it hold a quote, a backslash or a control character.
    for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) {
      if (!this.forms.includes(form)) this.forms.push(form);
    }
  }

  /**
   * One holder lets a secret go (an HTTP caller's key leaving the key cache); it stays masked while another
   * holder (the server's own key, another cached caller) still has it.
   */
  remove(secret: string | undefined): void {
    const count = secret ? this.holders.get(secret) : undefined;
    if (!secret || count === undefined) return;
    if (count > 1) {
      this.holders.set(secret, count - 1);
      return;
    }
    this.holders.delete(secret);
    const gone = new Set([secret, JSON.stringify(secret).slice(1, -1)]);
    const kept = this.forms.filter((form) => !gone.has(form));
    this.forms.splice(0, this.forms.length, ...kept);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.forms) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  }

  contains(text: string): boolean {
    return this.forms.some((secret) => text.includes(secret));
  }
}

export type Log = (message: string) => void;

/**
 * A logger that writes masked lines to stderr and never throws: when stderr's reader has gone (EPIPE), the
 * line is dropped, since a server must not die because nobody reads its log.
 */
export function stderrLog(secrets: Secrets): Log {
  let broken = false;
  process.stderr.on("error", () => {
    broken = true;
  });
  return (message) => {
    if (broken || process.stderr.destroyed) return;
    try {
      process.stderr.write(`${secrets.redact(`[luma-api-mcp] ${message}`)}\n`);
    } catch {
      broken = true;
    }
  };
}
