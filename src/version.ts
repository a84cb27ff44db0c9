// The package version, from package.json (inlined by the bundler), so --version and the MCP handshake agree.
import pkg from "../package.json" with { type: "json" };

export const VERSION: string = pkg.version;
