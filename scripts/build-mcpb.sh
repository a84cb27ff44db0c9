#!/usr/bin/env bash
# Builds the MCP bundle (luma-api-mcp-<version>.mcpb, for Claude Desktop): exactly the files of the npm package
# (what `npm pack` ships: dist/, package.json, README.md, LICENSE) plus manifest.json, validated and zipped by
# Anthropic's mcpb CLI. dist/ is one self-contained esbuild bundle, so the bundle needs no node_modules.
#
#   bash scripts/build-mcpb.sh [OUT_DIR]
#
# Environment: MCPB, an mcpb command (default: npx -y @anthropic-ai/mcpb@2.1.2); LUMA_TGZ, an already packed
# tarball to use instead of running npm pack (which builds through `prepare`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mkdir -p "${1:-.}" && cd "${1:-.}" && pwd)
mcpb=${MCPB:-npx -y @anthropic-ai/mcpb@2.1.2}
stage=$(mktemp -d "${TMPDIR:-/tmp}/luma-mcpb.XXXXXX")
trap 'rm -rf "$stage"' EXIT

tgz=${LUMA_TGZ:-}
if [ -z "$tgz" ]; then
  name=$(npm pack --json --pack-destination "$stage" | node -e 'let s="";process.stdin.on("data",(d)=>{s+=d}).on("end",()=>console.log(JSON.parse(s)[0].filename))')
  tgz="$stage/$name"
fi
mkdir "$stage/bundle"
tar xzf "$tgz" -C "$stage/bundle" --strip-components=1
cp manifest.json "$stage/bundle/manifest.json"
version=$(node -p 'require("./package.json").version')
# shellcheck disable=SC2086 # $mcpb is a command line
$mcpb pack "$stage/bundle" "$out/luma-api-mcp-$version.mcpb"
