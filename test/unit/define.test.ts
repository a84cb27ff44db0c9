// A tool's zod input is made when it is first needed (its first call), once: loading the toolset files (the
// call pipeline's warm-up) builds no schema, so the first call does not wait for every tool's (issue 23).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineBodyTool, defineParamTool, HINTS, type Param } from "../../src/tools/define.js";

/** A parameter whose type counts how often it is made. */
function counted(field: string, description: string, required = false): Param & { made: () => number } {
  let made = 0;
  return {
    field,
    description,
    required,
    type: () => {
      made += 1;
      return z.string();
    },
    made: () => made,
  };
}

describe("a tool's input schema", () => {
  it("is made on first use, once, and says what its parameters say", () => {
    const id = counted("id", "Widget ID.", true);
    const note = counted("note", "A note[[ (see ListWidgets)]].");
    const tool = defineParamTool("events", {
      name: "GetWidget",
      title: "Get widget",
      description: "Get a widget.",
      hints: HINTS.read,
      method: "GET",
      path: "/synthetic/widget",
      params: { id, note },
    });
    // Defining it (and reading what tools/list and the instructions read) makes no zod type.
    expect(tool.mentions).toEqual(["ListWidgets"]);
    expect([id.made(), note.made()]).toEqual([0, 0]);

    const input = tool.input;
    expect(tool.input).toBe(input);
    expect([id.made(), note.made()]).toEqual([1, 1]);
    expect(input.safeParse({ id: "w-1" }).success).toBe(true);
    expect(input.safeParse({ note: "no id" }).success).toBe(false);
    expect(input.safeParse({ id: "w-1", extra: 1 }).success).toBe(false);
    const schema = z.toJSONSchema(input) as { properties: Record<string, { description?: string }> };
    expect(schema.properties.note?.description).toBe("A note[[ (see ListWidgets)]].");
  });

  it("of a body tool is made on first use too, with the confirmation token when it asks", () => {
    const tool = defineBodyTool("events", {
      name: "ScrapWidget",
      title: "Scrap widget",
      description: "Scrap a widget.",
      hints: HINTS.update,
      path: "/synthetic/widget/scrap",
      required: ["id"],
      confirm: { consequences: ["deletes"], question: () => "Scrap it?" },
    });
    const input = tool.input;
    expect(tool.input).toBe(input);
    expect(Object.keys(input.shape).sort()).toEqual(["confirmation_token", "mode", "request_body"]);
  });
});
