#!/usr/bin/env bash
# The official MCP conformance suite (@modelcontextprotocol/conformance, server scenarios) against the built
# server in HTTP mode with its sandbox (`node dist/index.js --http --sandbox`), once per requirement set:
# 2025-11-25 (initialize handshake) and 2026-07-28 (stateless, _meta envelope). The scenarios that only fail
# for want of the suite's fixture tools, resources and prompts are listed, each with its reason, in
# .ci/conformance-expected-failures.yml; any other failure, or a listed scenario that passes, fails the run.
# The suite needs Node 22 or later: node@22 and the suite come from the npm registry through npx, pinned.
set -euo pipefail
cd "$(dirname "$0")/.."

CONFORMANCE_VERSION=0.2.0-alpha.12
BASELINE=.ci/conformance-expected-failures.yml
WORK=$(mktemp -d "${TMPDIR:-/tmp}/luma-conformance.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -f dist/index.js ] || { echo "dist/index.js is missing: run npm run build (npm test does)" >&2; exit 1; }
node dist/index.js --http --sandbox --port 0 2>"$WORK/server.log" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'listening on http://[^ ;]*/mcp' "$WORK/server.log" | head -1 | sed 's/^listening on //' || true)
  [ -n "$url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "the server did not start:" >&2
  cat "$WORK/server.log" >&2
  exit 1
fi
echo "luma-api-mcp --http --sandbox at $url"

status=0
for requirements in 2025-11-25 2026-07-28; do
  echo
  echo "--- conformance $CONFORMANCE_VERSION server --requirements $requirements (Node 22)"
  if npx -y -p node@22 -p "@modelcontextprotocol/conformance@$CONFORMANCE_VERSION" -c \
    "node --version && conformance server --url $url --requirements $requirements --expected-failures $BASELINE -o $WORK/$requirements" \
    >"$WORK/$requirements.log" 2>&1; then
    result=passed
  else
    result=FAILED
    status=1
  fi
  # The per-scenario lines, the totals and the baseline verdict (the full report is long).
  grep -E '^(v[0-9]|[✓✗] |Total:|.*Baseline check|.*Unexpected|.*Stale|  ✗ )' "$WORK/$requirements.log" || cat "$WORK/$requirements.log"
  echo "--- requirements $requirements: $result"
done

if grep -q 'fatal' "$WORK/server.log"; then
  echo "the server logged a fatal error:" >&2
  cat "$WORK/server.log" >&2
  status=1
fi
exit "$status"
