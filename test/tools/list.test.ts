// What the model sees: the full tools/list answer, checked in, so any change to a name, title, hint,
// description or input schema shows in review. Update on purpose with `npx vitest run -u`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "./helpers.js";

describe("tools/list", () => {
  let server: Awaited<ReturnType<typeof connect>>;
  beforeAll(async () => {
    server = await connect();
  });
  afterAll(() => server.close());

  it("matches the checked-in snapshot", async () => {
    const { tools } = await server.mcpClient.listTools();
    await expect(`${JSON.stringify(tools, null, 2)}\n`).toMatchFileSnapshot(
      "./__snapshots__/tools-list.json",
    );
  });

  it("lists 38 tools named LumaApi_<Name>, each with a title and all four hints set", async () => {
    const { tools } = await server.mcpClient.listTools();
    expect(tools).toHaveLength(38);
    for (const tool of tools) {
      expect(tool.name).toMatch(/^LumaApi_[A-Za-z]+$/);
      expect(tool.title).toBeTruthy();
      expect(Object.keys(tool.annotations ?? {}).sort()).toEqual([
        "destructiveHint",
        "idempotentHint",
        "openWorldHint",
        "readOnlyHint",
      ]);
      expect(tool.inputSchema.type).toBe("object");
    }
  });
});
