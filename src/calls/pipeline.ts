// The call pipeline in one piece: what src/server.ts loads with the first call, or right after tools/list is
// answered (the caller, the confirmations, the toolset files). One import, so the build makes one chunk of
// what only it needs, not one per part (each file costs the ESM loader its resolve, read and compile steps).

export { TOOLS } from "../tools/index.js";
export { createCaller } from "./call.js";
export { confirmationsFor } from "./confirm.js";
