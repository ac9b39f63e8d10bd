// Splits segment conditions into what the browser may see and what stays on the server (SPEC §3).
// Every field condition over a server attribute (geo.*, company.*) is replaced by a reference
// `{ "server.<ref>": true }`; the Worker evaluates the referenced part and signs the result.
// Logical operators are walked so references keep their place in $and/$or/$nor/$not.
import type { Condition } from "../../contract/conditions";
import { isLogicalList, NOT } from "../../contract/operators";
import { isServerAttribute, refKey } from "../../contract/server-refs";

const isObject = (v: unknown): v is Condition => typeof v === "object" && v !== null && !Array.isArray(v);

export interface ServerParts {
  /** Reference id → the server-evaluated condition part. */
  parts: Record<string, Condition>;
  /** Adds a part (deduplicated by content) and returns its reference id. */
  ref(part: Condition): string;
}

export function serverParts(): ServerParts {
  const byJson = new Map<string, string>();
  const parts: Record<string, Condition> = {};
  return {
    parts,
    ref(part) {
      const json = JSON.stringify(part);
      let id = byJson.get(json);
      if (!id) {
        id = `f${byJson.size + 1}`;
        byJson.set(json, id);
        parts[id] = part;
      }
      return id;
    },
  };
}

export function splitCondition(condition: Condition, server: ServerParts): Condition {
  // No prototype: a "__proto__" key (refused when saved anyway) stays a plain key instead of vanishing.
  const out: Condition = Object.create(null);
  for (const [key, value] of Object.entries(condition)) {
    const wellFormed = isLogicalList(key) ? Array.isArray(value) && value.every(isObject) : key === NOT ? isObject(value) : true;
    if (!wellFormed) {
      // A malformed logical operand can't be walked safely: evaluate it on the server, so whatever it
      // holds (maybe a secret list) stays there. Saving a segment refuses these anyway.
      out[refKey(server.ref({ [key]: value }))] = true;
    } else if (isLogicalList(key)) {
      out[key] = (value as Condition[]).map((c) => splitCondition(c, server));
    } else if (key === NOT) {
      out[key] = splitCondition(value as Condition, server);
    } else if (isServerAttribute(key)) {
      out[refKey(server.ref({ [key]: value }))] = true;
    } else {
      out[key] = value;
    }
  }
  return out;
}
