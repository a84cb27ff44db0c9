// vitest's global setup: every temporary file or folder a test makes (audit logs, browser profiles, npm
// caches) goes under one fresh folder, removed when the run ends, so a run leaves nothing in the temp dir.
// os.tmpdir() reads TMPDIR, which the test workers inherit from this process.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "luma-api-mcp-tests-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
