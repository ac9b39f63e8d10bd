import { it } from "vitest";
import { parseRangesCsv } from "../../worker/enrich/ranges-csv";
import { csvRecords } from "../../worker/enrich/csv";
import { companyRangeInput } from "../../worker/schemas/company";
import { ipToHex, cidrToRange } from "../../worker/visitor/ip";
it("bench", () => {
  const lines = ["network,name"];
  for (let i = 0; i < 200000; i++) lines.push(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},C${i}`);
  const text = lines.join("\n");
  let t = performance.now(); let c = 0; for (const r of csvRecords(text)) c++; console.log("records", performance.now() - t);
  t = performance.now(); for (let i = 1; i < 200000; i++) ipToHex(lines[i]!.split(",")[0]!); console.log("ipToHex", performance.now() - t);
  t = performance.now(); for (let i = 1; i < 200000; i++) cidrToRange(lines[i]!.split(",")[0]! + "/32"); console.log("cidr", performance.now() - t);
  t = performance.now(); for (let i = 1; i < 200000; i++) companyRangeInput.safeParse({ start: "10.0.0.1", end: "10.0.0.1", name: "x" }); console.log("zod", performance.now() - t);
  t = performance.now(); parseRangesCsv(text); console.log("all", performance.now() - t);
}, 60000);
