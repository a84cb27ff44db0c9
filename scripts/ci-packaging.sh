#!/usr/bin/env bash
# Packaging checks, run by .ci/run after `npm test` (which built dist/): is the server installable and
# startable everywhere people use MCP? Each step prints what it checks; the run goes on after a failed step so
# that one report shows everything, and exits 1 at the end if any step failed.
#
#   1. npm pack: the tarball holds only what runs (dist/, package.json, README.md, LICENSE)
#   2. install the tarball into an empty prefix (as `npx` would): no dependencies, --version, --help
#   3. smoke the installed bin over stdio on Node 20: sandbox calls, read-only, real mode (list only)
#   4. every client snippet of README.md and docs/, started from the tarball with a fresh npm cache
#      (test/packaging)
#   5. MCP Inspector CLI (Node 22): tools/list and tools/call against the installed bin in sandbox mode
#   6. Node 22 and 24: the installed bin's smoke test and the e2e suite (test/e2e)
#   7. MCP bundle: mcpb validate, pack (scripts/build-mcpb.sh), unpack, start as Claude Desktop would
#
# No step carries a tool count: each expects what this repository's sources serve for the launch's arguments
# (scripts/sources.mjs), so a packed server listing other tools than the catalog fails.
#
# Tools fetched from the npm registry, pinned: node@22/node@24 (latest of each line), the Inspector and mcpb.
set -uo pipefail
cd "$(dirname "$0")/.."

export ROOT=$PWD
export INSPECTOR_VERSION=2.12.0
export MCPB_VERSION=2.1.2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/luma-packaging.XXXXXX")
export WORK
export PREFIX=$WORK/prefix
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
trap 'rm -rf "$WORK"' EXIT

pack() {
  echo "npm pack (builds through prepare), then checks the tarball's file list"
  npm pack --json --pack-destination "$WORK" >"$WORK/pack.json"
  node - "$WORK/pack.json" <<'EOF'
const [info] = JSON.parse(require("node:fs").readFileSync(process.argv[2], "utf8"));
console.log(`${info.filename}: ${info.size} bytes packed, ${info.unpackedSize} unpacked, ${info.entryCount} files`);
for (const file of info.files) console.log(`  ${String(file.size).padStart(9)}  ${file.path}`);
const allowed = /^(package\.json|README\.md|LICENSE|dist\/[\w./-]+\.js|dist\/THIRD_PARTY_LICENSES\.txt)$/;
const extra = info.files.map((f) => f.path).filter((path) => !allowed.test(path));
if (extra.length) throw new Error(`files that do not run: ${extra.join(", ")}`);
if (!info.files.some((f) => f.path === "dist/index.js")) throw new Error("dist/index.js is missing");
console.log("only what runs: no sources, tests or source maps");
require("node:fs").writeFileSync(`${process.env.WORK}/tgz`, `${process.env.WORK}/${info.filename}`);
EOF
  if grep -rlF "$ROOT" dist; then
    echo "dist/ names this checkout's path ($ROOT): the bundle would not run elsewhere" >&2
    return 1
  fi
  echo "dist/ names no path of this machine"
}

install() {
  local tgz started took
  tgz=$(cat "$WORK/tgz")
  echo "npm install -g --prefix <empty dir> $(basename "$tgz")"
  started=$(date +%s%N)
  npm install -g --prefix "$PREFIX" "$tgz"
  took=$((($(date +%s%N) - started) / 1000000))
  local dir=$PREFIX/lib/node_modules/luma-api-mcp
  echo "installed in ${took} ms: $(find "$PREFIX" -type f | wc -l) files, $(du -sh "$PREFIX" | cut -f1)"
  if [ -e "$dir/node_modules" ]; then
    echo "the package pulled in dependencies; dist/ should be self-contained:" >&2
    ls "$dir/node_modules" >&2
    return 1
  fi
  echo "no dependencies installed"
  local version expected
  version=$("$PREFIX/bin/luma-api-mcp" --version </dev/null)
  expected=$(node -p 'require("./package.json").version')
  echo "luma-api-mcp --version: $version"
  [ "$version" = "$expected" ]
  "$PREFIX/bin/luma-api-mcp" --help </dev/null | grep -q LUMA_API_KEY
  echo "luma-api-mcp --help lists the settings"
}

smoke_installed() {
  local bin=$PREFIX/bin/luma-api-mcp
  node scripts/ci-smoke.mjs --name "installed bin --sandbox" -- "$bin" --sandbox
  node scripts/ci-smoke.mjs --name "installed bin --sandbox --read-only" --calls read -- "$bin" --sandbox --read-only
  node scripts/ci-smoke.mjs --name "installed bin, real Luma, key set (list only)" --calls none \
    --env LUMA_API_KEY=sk-ci-not-a-real-key -- "$bin"
}

snippets() {
  echo "client snippets of README.md and docs/ (test/packaging/clients-launch.test.ts), npx resolved to the tarball"
  LUMA_PACKED_TARBALL=$(cat "$WORK/tgz") ./node_modules/.bin/vitest run test/packaging/clients-launch.test.ts
}

inspector() {
  local bin=$PREFIX/bin/luma-api-mcp
  local run="npx -y -p node@22 -p @modelcontextprotocol/inspector@$INSPECTOR_VERSION -c"
  echo "$run 'mcp-inspector --cli $bin --sandbox --method tools/list'"
  $run "node --version && mcp-inspector --cli $bin --sandbox --method tools/list --format json" >"$WORK/list.json"
  echo "$run 'mcp-inspector --cli $bin --sandbox --method tools/call --tool-name LumaApi_GetEventGuests ...'"
  $run "mcp-inspector --cli $bin --sandbox --method tools/call --tool-name LumaApi_GetEventGuests \
    --tool-arg event_id=evt-sbx0001 items_to_return=2 --format json" >"$WORK/call.json"
  EXPECTED_TOOLS=$(node scripts/sources.mjs tool-count --sandbox) node - "$WORK/list.json" "$WORK/call.json" <<'EOF'
const fs = require("node:fs");
const expected = Number(process.env.EXPECTED_TOOLS);
if (!Number.isInteger(expected) || expected < 1) throw new Error(`no expected tool count: ${process.env.EXPECTED_TOOLS}`);
// The first line of list.json is `node --version`.
const [version, ...rest] = fs.readFileSync(process.argv[2], "utf8").split("\n");
const list = JSON.parse(rest.join("\n")).result;
const call = JSON.parse(fs.readFileSync(process.argv[3], "utf8")).result;
console.log(`Inspector ${process.env.INSPECTOR_VERSION} on Node ${version}`);
if (list?.tools?.length !== expected) throw new Error(`tools/list gave ${list?.tools?.length} tools, expected ${expected}`);
console.log(`tools/list: ${expected} tools, as the sources serve with --sandbox`);
const text = call?.content?.[0]?.text ?? "";
if (call?.isError || !text.includes("gst-")) throw new Error(`tools/call failed: ${JSON.stringify(call).slice(0, 400)}`);
console.log(`tools/call LumaApi_GetEventGuests: ${text.slice(0, 80)}...`);
EOF
}

node_versions() {
  local bin=$PREFIX/bin/luma-api-mcp v
  for v in 22 24; do
    echo "--- Node $v: npx -y -p node@$v -c 'node scripts/ci-smoke.mjs ... && vitest run test/e2e'"
    npx -y -p "node@$v" -c "node --version && node scripts/ci-smoke.mjs --name 'installed bin on Node $v' \
      -- $bin --sandbox && ./node_modules/.bin/vitest run test/e2e"
  done
}

bundle() {
  local tools=$WORK/mcpb-cli mcpb version file
  echo "npm install @anthropic-ai/mcpb@$MCPB_VERSION"
  npm install --prefix "$tools" --no-save --no-package-lock "@anthropic-ai/mcpb@$MCPB_VERSION" >/dev/null
  mcpb=$tools/node_modules/.bin/mcpb
  echo "mcpb validate manifest.json"
  "$mcpb" validate manifest.json
  echo "scripts/build-mcpb.sh (mcpb pack of the npm package's files + manifest.json)"
  MCPB=$mcpb LUMA_TGZ=$(cat "$WORK/tgz") bash scripts/build-mcpb.sh "$WORK/bundle"
  version=$(node -p 'require("./package.json").version')
  file=$WORK/bundle/luma-api-mcp-$version.mcpb
  echo "$(basename "$file"): $(wc -c <"$file") bytes"
  "$mcpb" unpack "$file" "$WORK/bundle/unpacked"
  diff <(cd "$WORK/bundle/unpacked" && find . -type f | sed 's|^\./||' | sort) \
    <( (tar tzf "$(cat "$WORK/tgz")" | sed 's|^package/||'; echo manifest.json) | sort)
  echo "the bundle holds the npm package's files and manifest.json, nothing else"
  node scripts/ci-mcpb.mjs "$tools/node_modules/@anthropic-ai/mcpb" "$WORK/bundle/unpacked"
}

export -f pack install smoke_installed snippets inspector node_versions bundle

passed=0
failed=0
failures=()
step() {
  local name=$1 started took
  echo
  echo "=== $name ($2)"
  started=$(date +%s)
  if bash -euo pipefail -c "$name"; then
    took=$(($(date +%s) - started))
    echo "=== PASS $name (${took}s)"
    passed=$((passed + 1))
  else
    took=$(($(date +%s) - started))
    echo "=== FAIL $name (${took}s)"
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

step pack "npm pack: only what runs"
step install "the tarball installs alone into an empty prefix"
step smoke_installed "the installed bin over stdio, Node $(node --version)"
step snippets "client snippets of README.md and docs/ started as a new user would"
step inspector "MCP Inspector $INSPECTOR_VERSION CLI: tools/list and tools/call"
step node_versions "Node 22 and 24: smoke and e2e"
step bundle "MCP bundle: mcpb $MCPB_VERSION validate, pack, start"

echo
if [ "$failed" -gt 0 ]; then echo "packaging: failed steps: ${failures[*]}"; fi
echo "packaging: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
