// Fault injection: the real client and server against a loopback Luma stand-in that answers 429s, 5xx,
// error pages, cut-off and oversize bodies, stalls and dropped connections. Each case checks the requests
// the stand-in received (a write is never sent twice) and the text the model gets.
import { describe, it } from "vitest";
import { FAULTS, runFault } from "./faults.js";

describe("faults from Luma and the network", () => {
  it.each(FAULTS)("$name", async (fault) => {
    const { results, luma } = await runFault(fault);
    fault.check(results, luma);
  });
});
