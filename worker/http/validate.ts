// Input parsing for every request the Worker receives: zod is the one definition of each shape,
// and a client's mistake becomes a 400 that names each offending field.
import type { Context } from "hono";
import type * as z from "../schemas/zod";
import { ApiError } from "./errors";
import { jsonProblems } from "./json-safety";

const MAX_BODY_BYTES = 256 * 1024;

function fieldsOf(error: z.core.$ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "(body)";
    fields[path] ??= issue.message;
  }
  return fields;
}

export function parse<S extends z.ZodMiniType>(schema: S, value: unknown, what = "input"): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = fieldsOf(result.error);
    const first = Object.entries(fields)[0];
    throw new ApiError(400, "invalid_input", `Invalid ${what}: ${first ? `${first[0]}: ${first[1]}` : "bad value"}`, fields);
  }
  return result.data;
}

export const isCsv = (c: Context) => /^text\/csv\b/i.test(c.req.header("content-type") ?? "");

async function boundedText(c: Context, maxBytes: number): Promise<string> {
  const declared = Number(c.req.header("content-length"));
  if (declared > maxBytes) throw new ApiError(413, "too_large", `Body is larger than ${maxBytes} bytes`);
  const text = await c.req.text();
  if (text.length > maxBytes) throw new ApiError(413, "too_large", `Body is larger than ${maxBytes} bytes`);
  return text;
}

/** A CSV upload (Content-Type: text/csv), for imports. */
export async function csvBody(c: Context, maxBytes = 32 * 1024 * 1024): Promise<string> {
  if (!isCsv(c)) throw new ApiError(415, "unsupported_media_type", "Send the file as CSV with Content-Type: text/csv");
  return boundedText(c, maxBytes);
}

export async function jsonBody<S extends z.ZodMiniType>(c: Context, schema: S, maxBytes = MAX_BODY_BYTES): Promise<z.infer<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
  const text = await boundedText(c, maxBytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "Body is not valid JSON");
  }
  const problems = jsonProblems(data);
  const first = Object.entries(problems)[0];
  if (first) throw new ApiError(400, "invalid_input", `Invalid body: ${first[0]}: ${first[1]}`, problems);
  return parse(schema, data, "body");
}
