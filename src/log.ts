// Logging for a stdio server: stdout carries JSON-RPC only, so every line goes to stderr, and the API key
// is masked wherever it might appear (a hostile upstream could echo it back).
const secrets: string[] = [];
const MASK = "[redacted]";

export function addSecret(secret: string | undefined): void {
  if (!secret || secret.length < 4) return;
  // Also as it reads inside JSON text, should it hold a quote, a backslash or a control character.
  for (const form of [secret, JSON.stringify(secret).slice(1, -1)]) {
    if (!secrets.includes(form)) secrets.push(form);
  }
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}

export function containsSecret(text: string): boolean {
  return secrets.some((secret) => text.includes(secret));
}

export function log(message: string): void {
  process.stderr.write(`${redact(`[luma-api-mcp] ${message}`)}\n`);
}
