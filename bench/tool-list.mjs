// What the tool list costs a model: the tools/list result and the instructions, exactly as the built server
// sends them, in o200k tokens (gpt-tokenizer) and bytes. Used by `npm run tokens` and `npm run bench`.
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { startServer } from "../scripts/lib/stdio-client.mjs";

export const TOKEN_BUDGET = 6000;

export const tokens = (text) => encode(text).length;

/**
 * Starts the built server with `args` (`launch`: startServer's options), asks initialize and tools/list, and
 * measures both answers.
 */
export async function measureToolList(args = [], launch = {}) {
  const server = startServer(args, { LUMA_API_KEY: "tool-list-measurement" }, launch);
  try {
    const init = await server.initialize();
    const list = await server.listTools();
    const text = JSON.stringify(list.message.result);
    const instructions = init.message.result.instructions ?? "";
    return {
      tools: list.message.result.tools,
      tokens: tokens(text),
      bytes: Buffer.byteLength(text),
      instructions,
      instructionTokens: tokens(instructions),
    };
  } finally {
    await server.close();
  }
}
