#!/usr/bin/env node
// `npm run demo`: an organiser's session against the embedded sandbox. Starts the built server with
// --sandbox as a child process, drives it over stdio (scripts/lib/stdio-client.mjs), and prints each call and
// a readable summary of its result. No key needed; nothing leaves the machine.
import { requireBuild, startServer, textOf } from "./lib/stdio-client.mjs";

requireBuild();
const server = startServer(["--sandbox"], {}, { clientName: "luma-api-mcp-demo" });
const { serverInfo } = (await server.initialize()).message.result;
const { tools } = (await server.listTools()).message.result;
console.log(`Connected to ${serverInfo.name} ${serverInfo.version}: ${tools.length} tools.\n`);

let step = 0;
/** Calls a tool, prints the call and a one-line summary, and returns the parsed JSON answer. */
async function call(name, args, summarize) {
  step++;
  const shown = JSON.stringify(args);
  console.log(`${step}. LumaApi_${name} ${shown.length > 160 ? `${shown.slice(0, 157)}...` : shown}`);
  const answer = await server.callTool(`LumaApi_${name}`, args);
  if (answer.message.error) throw new Error(`${name} failed: ${answer.message.error.message}`);
  const result = answer.message.result;
  const text = textOf(result);
  if (result.isError) throw new Error(`${name} failed: ${text}`);
  const data =
    result.structuredContent ?? (text.startsWith("{") ? JSON.parse(result.content[0].text) : undefined);
  console.log(`   -> ${data && summarize ? summarize(data) : text}\n`);
  return data;
}

const when = (iso) => new Date(iso).toUTCString().replace(":00 GMT", " UTC");
const names = (entries, pick) => entries.map(pick).join("; ");

const calendar = await call("GetCalendar", {}, (c) => `"${c.name}" (${c.id}), ${c.url}`);
const upcoming = await call(
  "ListLumaCalendarEvents",
  { start_date_after: new Date().toISOString(), sort_by_column: "start_at", event_sort_direction: "asc" },
  (page) =>
    `${page.entries.length} upcoming: ${names(page.entries, (e) => `${e.name} (${when(e.start_at)})`)}`,
);

const start = new Date(Date.now() + 14 * 86_400_000);
start.setUTCHours(18, 0, 0, 0);
const created = await call(
  "CreateEvent",
  {
    mode: "execute",
    request_body: {
      name: "Agents & Events: an MCP workshop",
      start_at: start.toISOString(),
      end_at: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      timezone: "America/Los_Angeles",
      description_md: "Hands-on: build an agent that runs your meetup.",
    },
  },
  (e) => `created event ${e.id}`,
);
const eventId = created.id;

await call(
  "CreateEventTicketType",
  {
    mode: "execute",
    request_body: { event_id: eventId, name: "Supporter", type: "paid", cents: 1500, currency: "usd" },
  },
  (t) => `ticket type ${t.id}: ${t.name}, ${t.cents / 100} ${t.currency}`,
);
await call(
  "ListEventTicketTypes",
  { event_id: eventId },
  (page) =>
    `ticket types: ${names(page.entries, (t) => `${t.name} (${t.type}${t.cents ? `, ${t.cents / 100} ${t.currency}` : ""})`)}`,
);
await call(
  "CreateEventCoupon",
  {
    mode: "execute",
    request_body: {
      event_id: eventId,
      code: "EARLYBIRD",
      discount: { discount_type: "percent", percent_off: 20 },
    },
  },
  (c) => `coupon ${c.code}: ${c.percent_off}% off`,
);
await call("SendGuestEventInvite", {
  mode: "execute",
  request_body: { event_id: eventId, guests: [{ email: "grace@example.com", name: "Grace Hopper" }] },
});
await call("AddEventGuests", {
  mode: "execute",
  request_body: {
    event_id: eventId,
    guests: [
      { email: "ada@example.com", name: "Ada Lovelace" },
      { email: "alan@example.com", name: "Alan Turing" },
    ],
  },
});

// Approve the first waitlisted guest of an upcoming event.
let waitlisted;
for (const event of upcoming.entries) {
  const page = await call(
    "GetEventGuests",
    { event_id: event.id, guest_approval_status: "waitlist" },
    (p) => `${p.entries.length} on the waitlist of ${event.name}`,
  );
  if (page.entries.length > 0) {
    waitlisted = { eventId: event.id, guest: page.entries[0] };
    break;
  }
}
if (waitlisted) {
  await call("UpdateGuestStatus", {
    mode: "execute",
    request_body: { event_id: waitlisted.eventId, guest_id: waitlisted.guest.id, status: "approved" },
  });
  await call(
    "GetEventGuest",
    { event_api_id: waitlisted.eventId, guest_api_id: waitlisted.guest.id },
    (g) => `${g.user_name ?? g.user_email} moved from waitlist to ${g.approval_status}`,
  );
}

await call(
  "GetEventGuests",
  { event_id: eventId, sort_order: "asc", guest_sort_column: "name" },
  (page) =>
    `${page.entries.length} guests: ${names(page.entries, (g) => `${g.user_name ?? g.user_email} [${g.approval_status}]`)}`,
);

console.log(
  `Done: ${step} calls against the sandbox calendar "${calendar.name}". Nothing left this machine.`,
);
await server.close();
