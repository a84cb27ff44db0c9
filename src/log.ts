// Logging for a stdio server: stdout carries JSON-RPC only, so every line goes to stderr, and the API key
// is masked wherever it might appear (a hostile upstream could echo it back). The secrets to mask are an
// object made at start and handed to whoever prints or returns text, not a module global.
const MASK = "[redacted]";

/**
 * The values never to print or return: each API key, as given and as it reads inside JSON text. The server's
 * own secrets live in one object made at start; an HTTP caller's key lives in a child made for that caller
 * (`withOwn`), which masks the server's secrets plus that one key, in that caller's answers only: what one
 * caller sends never changes what another caller reads.
 */
export class Secrets {
  private readonly forms: string[] = [];

  constructor(private readonly parent?: Secrets) {}

  add(secret: string | undefined): void {
    if (!secret || secret.length < 4) return;
    // Also as it reads inside JSON text, should it hold a quote, a backslash or a control character.
    for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) {
      if (!this.forms.includes(form)) this.forms.push(form);
    }
  }

  /** A child for one caller: these secrets plus `key`; nothing added to it reaches this object. */
  withOwn(key: string): Secrets {
    const child = new Secrets(this);
    child.add(key);
    return child;
  }

  redact(text: string): string {
    let out = this.parent ? this.parent.redact(text) : text;
    for (const secret of this.forms) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  }

  contains(text: string): boolean {
    return this.forms.some((secret) => text.includes(secret)) || (this.parent?.contains(text) ?? false);
  }
}

export type Log = (message: string) => void;

/**
 * One message, one line: a line break or any other control character a caller slipped into a tool name, a
 * path or an upstream error is written as an escape (\n, \u001b), so no caller can forge a log line.
 */
export function escapeControls(message: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this replaces.
  return message.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (char) => {
    if (char === "\n") return "\\n";
    if (char === "\r") return "\\r";
    if (char === "\t") return "\\t";
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

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
      process.stderr.write(`${secrets.redact(`[luma-api-mcp] ${escapeControls(message)}`)}\n`);
    } catch {
      broken = true;
    }
  };
}
