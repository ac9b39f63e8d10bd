// IP addresses as 128-bit values written as 32 hex digits, so that both families sort and compare as
// plain strings (IPv4 maps into ::ffff:0:0/96, as the OS does for dual-stack sockets). Kept apart from
// enrich/ and visitor/, which both read it, so neither has to import the other.

function v4Words(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^(0|[1-9]\d{0,2})$/.test(p) ? Number(p) : 256));
  if (bytes.some((b) => b > 255)) return null;
  return [(bytes[0]! << 8) | bytes[1]!, (bytes[2]! << 8) | bytes[3]!];
}

function v6Words(s: string): number[] | null {
  const halves = s.split("::");
  if (halves.length > 2) return null;
  // An embedded IPv4 may only end the whole address, so only the last side may hold one.
  const side = (h: string, last: boolean): number[] | null => {
    if (h === "") return [];
    const out: number[] = [];
    const groups = h.split(":");
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (last && i === groups.length - 1 && g.includes(".")) {
        const w = v4Words(g);
        if (!w) return null;
        out.push(...w);
      } else if (/^[0-9a-f]{1,4}$/i.test(g)) out.push(parseInt(g, 16));
      else return null;
    }
    return out;
  };
  const head = side(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? side(halves[1]!, true) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const gap = 8 - head.length - tail.length;
  return gap >= 1 ? [...head, ...Array<number>(gap).fill(0), ...tail] : null;
}

/** 32 hex digits for an IPv4 or IPv6 address, or null if it is not one. */
export function ipToHex(ip: string): string | null {
  const s = ip.trim();
  const words = s.includes(":") ? v6Words(s.replace(/%[^%]+$/, "")) : ((w) => (w ? [0, 0, 0, 0, 0, 0xffff, ...w] : null))(v4Words(s));
  return words ? words.map((w) => w.toString(16).padStart(4, "0")).join("") : null;
}

/** First and last address of a CIDR block, as hex; null if malformed. */
export function cidrToRange(cidr: string): { start: string; end: string } | null {
  const [addr, bitsText, extra] = cidr.trim().split("/");
  if (addr === undefined || bitsText === undefined || extra !== undefined || !/^\d{1,3}$/.test(bitsText)) return null;
  const hex = ipToHex(addr);
  if (!hex) return null;
  const isV4 = !addr.includes(":");
  const bits = Number(bitsText) + (isV4 ? 96 : 0);
  if (bits > 128 || (isV4 && Number(bitsText) > 32)) return null;
  let value = BigInt(`0x${hex}`);
  const hostMask = (1n << BigInt(128 - bits)) - 1n;
  value &= ~hostMask;
  const toHex = (n: bigint) => n.toString(16).padStart(32, "0");
  return { start: toHex(value), end: toHex(value | hostMask) };
}

/**
 * The network an address stands for, as hex: an IPv4 address is itself, an IPv6 address is its /64.
 * A /64 is the smallest block an IPv6 host is given (SLAAC), so one machine can rotate through 2^64
 * addresses: anything counted or cached per visitor must be counted per /64, or it is not counted at all.
 */
export function networkOf(ip: string): string | null {
  const hex = ipToHex(ip);
  if (!hex) return null;
  return hex.startsWith("00000000000000000000ffff") ? hex : `${hex.slice(0, 16)}/64`;
}
