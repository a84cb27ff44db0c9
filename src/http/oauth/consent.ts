// The consent page: server-rendered HTML, no script, readable on a phone, under a CSP that allows nothing
// but its own style (by hash), posts only to itself and the client's redirect, and is never framed.
import { createHash } from "node:crypto";

const STYLE = `body{font:17px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f6f8;color:#1d1d1f}
main{max-width:32rem;margin:0 auto;padding:1.25rem}
h1{font-size:1.35rem;line-height:1.3;margin:.5rem 0 1rem}
.card{background:#fff;border:1px solid #ddd;border-radius:12px;padding:1rem 1.1rem;margin:0 0 1rem}
.who{font-weight:600}.tag{display:inline-block;font-size:.75rem;font-weight:600;background:#fff4d6;color:#7a5300;border:1px solid #e8c66d;border-radius:6px;padding:0 .4rem;margin-left:.3rem;vertical-align:middle}
.muted{color:#555;font-size:.92rem}code{font-size:.9em;word-break:break-all}
label{display:block;font-weight:600;margin:.2rem 0 .35rem}
input[type=password]{box-sizing:border-box;width:100%;font-size:1rem;padding:.7rem;border:1px solid #999;border-radius:8px}
fieldset{border:0;padding:0;margin:1rem 0}legend{font-weight:600;margin-bottom:.35rem}
.choice{display:flex;gap:.6rem;align-items:flex-start;border:1px solid #ccc;border-radius:8px;padding:.6rem .7rem;margin:.4rem 0;font-weight:400}
.choice input{margin-top:.35rem}
.error{background:#fde8e8;border:1px solid #e5a0a0;color:#8a1c1c;border-radius:8px;padding:.7rem .8rem;margin:0 0 1rem}
.ok{background:#e6f4ea;border:1px solid #9bcfaa;border-radius:8px;padding:.7rem .8rem;margin:0 0 1rem}
.buttons{display:flex;gap:.6rem;flex-wrap:wrap;margin-top:1rem}
button{font-size:1rem;padding:.7rem 1.2rem;border-radius:8px;border:1px solid #888;background:#fff;min-height:44px}
button.primary{background:#1d4ed8;border-color:#1d4ed8;color:#fff;font-weight:600}`;

const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Where the form may post: this server, and the client's redirect (browsers hold a form's redirect chain to form-action). */
function formAction(redirectUri: string | undefined): string {
  let target = "";
  try {
    const url = redirectUri ? new URL(redirectUri) : undefined;
    if (url) target = url.protocol === "http:" || url.protocol === "https:" ? url.origin : url.protocol;
  } catch {
    target = "";
  }
  return `'self'${target ? ` ${target}` : ""}`;
}

export function pageHeaders(redirectUri?: string): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": `default-src 'none'; style-src ${STYLE_HASH}; img-src 'self'; form-action ${formAction(redirectUri)}; frame-ancestors 'none'; base-uri 'none'`,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  };
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

export interface ClientView {
  name: string;
  /** Where the client asks to be sent back: its host (or scheme, for an app). */
  redirectHost: string;
  /** For a Client ID Metadata Document client, the host that vouches for it. */
  metadataHost?: string;
}

export interface KeyStep {
  client: ClientView;
  serverHost: string;
  csrf: string;
  action: string;
  /** The client asked for write access too (otherwise only read-only is offered). */
  writeAsked: boolean;
  error?: string;
}

function whoAsks(client: ClientView, serverHost: string): string {
  const vouched = client.metadataHost
    ? ` Its details come from <code>${escapeHtml(client.metadataHost)}</code>.`
    : "";
  return `<div class="card"><p><span class="who">${escapeHtml(client.name)}</span><span class="tag">name not verified</span></p>
<p class="muted">wants to use your Luma calendar through <code>${escapeHtml(serverHost)}</code>. When you are done you will be sent to <code>${escapeHtml(client.redirectHost)}</code>.${vouched} Only continue if you started this from that app.</p></div>`;
}

/** Step 1: the Luma key and the access asked for. */
export function keyPage(step: KeyStep): string {
  const error = step.error ? `<p class="error" role="alert">${escapeHtml(step.error)}</p>` : "";
  const write = step.writeAsked
    ? `<label class="choice"><input type="radio" name="access" value="write"><span><b>Read and write</b><br><span class="muted">Also create and change events, guests, tickets, coupons and tags. Writes that email or charge people still ask first.</span></span></label>`
    : "";
  return page(
    "Connect to your Luma calendar",
    `<h1>Connect ${escapeHtml(step.client.name)} to your Luma calendar</h1>
${whoAsks(step.client, step.serverHost)}
${error}
<form method="post" action="${escapeHtml(step.action)}">
<input type="hidden" name="csrf" value="${escapeHtml(step.csrf)}">
<input type="hidden" name="step" value="key">
<label for="key">Your Luma API key</label>
<input type="password" id="key" name="key" autocomplete="off" autocapitalize="off" spellcheck="false" required maxlength="512">
<p class="muted">In Luma: open your calendar, then <b>Settings</b> &rarr; <b>Developer</b> &rarr; <b>API Keys</b> (needs Luma Plus). The key is checked with Luma, stored encrypted on this server, and never given to the app.</p>
<fieldset><legend>Access</legend>
<label class="choice"><input type="radio" name="access" value="read" checked><span><b>Read only</b><br><span class="muted">List and look up events, guests, tickets and people. Nothing can be changed.</span></span></label>
${write}
</fieldset>
<div class="buttons"><button class="primary" type="submit" name="action" value="check">Check key</button>
<button type="submit" name="action" value="deny" formnovalidate>Cancel</button></div>
</form>`,
  );
}

export interface ConfirmStep {
  client: ClientView;
  serverHost: string;
  csrf: string;
  action: string;
  calendar: string;
  write: boolean;
}

/** Step 2: Luma accepted the key; the person sees which calendar, and agrees. */
export function confirmPage(step: ConfirmStep): string {
  return page(
    "Allow access to your Luma calendar",
    `<h1>Allow ${escapeHtml(step.client.name)} to use ${escapeHtml(step.calendar)}?</h1>
<p class="ok">Luma accepted the key: it manages the calendar <b>${escapeHtml(step.calendar)}</b>.</p>
${whoAsks(step.client, step.serverHost)}
<p>Access: <b>${step.write ? "read and write" : "read only"}</b>. You can take it back at any time by deleting the key in Luma.</p>
<form method="post" action="${escapeHtml(step.action)}">
<input type="hidden" name="csrf" value="${escapeHtml(step.csrf)}">
<input type="hidden" name="step" value="confirm">
<div class="buttons"><button class="primary" type="submit" name="action" value="allow">Allow</button>
<button type="submit" name="action" value="deny">Cancel</button></div>
</form>`,
  );
}

export function messagePage(title: string, text: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}
