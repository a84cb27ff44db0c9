// bench/stand-in.mjs as a child process: resolves to its URL and a close().
import { spawn } from "node:child_process";

export function startStandIn() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL("./stand-in.mjs", import.meta.url).pathname], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    child.on("error", reject);
    child.stdout.setEncoding("utf8");
    child.stdout.once("data", (line) =>
      resolve({ url: JSON.parse(line).url, close: () => child.stdin.end() }),
    );
  });
}
