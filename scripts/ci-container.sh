#!/usr/bin/env bash
# Builds the Dockerfile and starts the image in OAuth mode against its sandbox, then checks /healthz and the
# Protected Resource Metadata from outside and runs the image's own health-check command inside. Uses podman
# (Debian's `podman`, `--format docker` so that HEALTHCHECK is kept). Says "skipped" and exits 0 when no
# builder is installed or the base image cannot be pulled (no registry reachable), and says "not started"
# when the runtime refuses to run containers; a build that starts and then fails is an error.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v podman >/dev/null; then
  echo "skipped: podman is not installed (apt-get install -y podman)"
  exit 0
fi
if ! podman image exists docker.io/library/node:20-slim && ! podman pull -q docker.io/library/node:20-slim >/dev/null 2>&1; then
  echo "skipped: the base image node:20-slim cannot be pulled (no container registry reachable)"
  exit 0
fi
# chroot isolation: the build's RUN steps need no container runtime (some CI machines refuse cgroups).
podman build --isolation chroot --format docker -t luma-api-mcp:ci .
name="luma-api-mcp-ci-$$"
port=18$((RANDOM % 900 + 100))
cleanup() { podman rm -f "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
if ! podman run -d --name "$name" -p "127.0.0.1:$port:8080" \
  -e LUMA_SANDBOX=1 -e LUMA_HTTP_AUTH=oauth -e "LUMA_PUBLIC_URL=http://127.0.0.1:$port" \
  -e LUMA_STATE_SECRET=ci-container-state-secret-0123456789abcdef luma-api-mcp:ci; then
  echo "built, but not started: this machine's container runtime refuses to run containers (see above)"
  exit 0
fi
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/healthz"
echo
curl -fsS "http://127.0.0.1:$port/.well-known/oauth-protected-resource/mcp"
echo
podman exec "$name" node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
[ "$(podman exec "$name" node -e 'process.stdout.write(String(process.getuid()))')" != "0" ]
echo "container: built, healthy, not root"
