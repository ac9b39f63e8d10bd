// worker/net/ip.ts: addresses as 32 hex digits (IPv4 mapped into ::ffff:0:0/96) so ranges compare as strings.
import { describe, expect, it } from "vitest";
import { cidrToRange, ipToHex } from "../../worker/net/ip";
import { mulberry32 } from "./prng";

/** The hex form of an IPv4-mapped address, from the IPv4 address's 8 hex digits. */
const mapped = (hex8: string) => `00000000000000000000ffff${hex8}`;

describe("ipToHex: valid addresses", () => {
  it.each([
    ["IPv4", "1.2.3.4", mapped("01020304")],
    ["IPv4 zero", "0.0.0.0", mapped("00000000")],
    ["IPv4 broadcast", "255.255.255.255", mapped("ffffffff")],
    ["IPv4 with a single 0 byte", "10.0.0.1", mapped("0a000001")],
    ["surrounding whitespace", " 192.168.1.7 ", mapped("c0a80107")],
    ["IPv6 full", "2001:0db8:0000:0000:0000:0000:0000:0001", "20010db8000000000000000000000001"],
    ["IPv6 full, short groups", "2001:db8:0:0:0:0:0:1", "20010db8000000000000000000000001"],
    ["IPv6 compressed", "2001:db8::1", "20010db8000000000000000000000001"],
    ["IPv6 upper case", "2001:DB8::ABCD", "20010db800000000000000000000abcd"],
    ["::", "::", "0".repeat(32)],
    ["::1", "::1", `${"0".repeat(31)}1`],
    ["trailing ::", "fe80::", `fe80${"0".repeat(28)}`],
    [":: standing for one group", "1:2:3:4:5:6:7::", "00010002000300040005000600070000"],
    [":: at the start standing for one group", "::1:2:3:4:5:6:7", "00000001000200030004000500060007"],
    ["IPv4-mapped equals the IPv4 form", "::ffff:1.2.3.4", mapped("01020304")],
    ["IPv4-mapped in upper case", "::FFFF:1.2.3.4", mapped("01020304")],
    ["IPv4-mapped written in full", "0:0:0:0:0:ffff:1.2.3.4", mapped("01020304")],
    ["IPv4-mapped in hex", "::ffff:102:304", mapped("01020304")],
    ["embedded IPv4 after six groups", "1:2:3:4:5:6:1.2.3.4", "00010002000300040005000601020304"],
    ["NAT64 prefix", "64:ff9b::192.0.2.33", "0064ff9b0000000000000000c0000221"],
    ["zone id stripped", "fe80::1%eth0", `fe80${"0".repeat(27)}1`],
    ["numeric zone id stripped", "fe80::1%25", `fe80${"0".repeat(27)}1`],
  ])("%s: %s", (_name, ip, hex) => {
    expect(ipToHex(ip)).toBe(hex);
  });
});

describe("ipToHex: not an address", () => {
  it.each([
    ["embedded IPv4 before ::", "1.2.3.4::"],
    ["embedded IPv4 before :: with a tail", "1.2.3.4::5"],
    ["empty zone id", "fe80::1%"],
    ["empty", ""],
    ["blank", "   "],
    ["leading zero", "01.2.3.4"],
    ["leading zero in the last byte", "1.2.3.04"],
    ["byte 256", "256.1.1.1"],
    ["byte 1000", "1.1.1.1000"],
    ["three bytes", "1.2.3"],
    ["five bytes", "1.2.3.4.5"],
    ["trailing dot", "1.2.3.4."],
    ["negative byte", "1.2.3.-1"],
    ["hex byte", "0x1.2.3.4"],
    ["letters", "a.b.c.d"],
    ["IPv4 with a zone id", "1.2.3.4%eth0"],
    ["nine groups", "1:2:3:4:5:6:7:8:9"],
    ["seven groups", "1:2:3:4:5:6:7"],
    [":: with eight groups", "1::2:3:4:5:6:7:8"],
    [":: after eight groups", "1:2:3:4:5:6:7:8::"],
    ["two ::", "1::2::3"],
    [":::", ":::"],
    ["a single colon", ":"],
    ["leading single colon", ":1:2:3:4:5:6:7"],
    ["five hex digits", "12345::"],
    ["not hex", "g::1"],
    ["brackets", "[::1]"],
    ["embedded IPv4 not last", "::1.2.3.4:5"],
    ["embedded IPv4 with a bad byte", "::ffff:256.1.1.1"],
    ["embedded IPv4 with a leading zero", "::ffff:01.2.3.4"],
    ["nine groups with embedded IPv4", "1:2:3:4:5:6:7:1.2.3.4"],
  ])("%s: %j", (_name, ip) => {
    expect(ipToHex(ip)).toBeNull();
  });
});

describe("cidrToRange", () => {
  const range = (start: string, end: string) => ({ start: ipToHex(start), end: ipToHex(end) });

  it("an IPv4 block as literal hex", () => {
    expect(cidrToRange("10.0.0.0/8")).toEqual({ start: mapped("0a000000"), end: mapped("0affffff") });
  });

  it.each([
    ["IPv4 /0: every IPv4 address", "0.0.0.0/0", range("0.0.0.0", "255.255.255.255")],
    ["IPv4 /8", "10.0.0.0/8", range("10.0.0.0", "10.255.255.255")],
    ["IPv4 /8 with host bits", "10.1.2.3/8", range("10.0.0.0", "10.255.255.255")],
    ["IPv4 /20 with host bits", "172.16.37.9/20", range("172.16.32.0", "172.16.47.255")],
    ["IPv4 /24", "192.168.1.0/24", range("192.168.1.0", "192.168.1.255")],
    ["IPv4 /24 with host bits", "192.168.1.77/24", range("192.168.1.0", "192.168.1.255")],
    ["IPv4 /31", "192.168.1.77/31", range("192.168.1.76", "192.168.1.77")],
    ["IPv4 /32: one address", "1.2.3.4/32", range("1.2.3.4", "1.2.3.4")],
    ["IPv6 /0: everything", "::/0", { start: "0".repeat(32), end: "f".repeat(32) }],
    ["IPv6 /48 with host bits", "2001:db8:abcd:12::1/48", range("2001:db8:abcd::", "2001:db8:abcd:ffff:ffff:ffff:ffff:ffff")],
    ["IPv6 /64", "2001:db8:1:2::/64", range("2001:db8:1:2::", "2001:db8:1:2:ffff:ffff:ffff:ffff")],
    ["IPv6 /64 with host bits", "2001:db8:1:2:3:4:5:6/64", range("2001:db8:1:2::", "2001:db8:1:2:ffff:ffff:ffff:ffff")],
    ["IPv6 /127", "2001:db8::3/127", range("2001:db8::2", "2001:db8::3")],
    ["IPv6 /128: one address", "2001:db8::1/128", range("2001:db8::1", "2001:db8::1")],
    ["IPv4-mapped IPv6 /96 is all of IPv4", "::ffff:0.0.0.0/96", range("0.0.0.0", "255.255.255.255")],
    ["surrounding whitespace", " 10.0.0.0/8 ", range("10.0.0.0", "10.255.255.255")],
  ])("%s: %s", (_name, cidr, expected) => {
    expect(cidrToRange(cidr)).toEqual(expected);
  });

  it.each([
    ["IPv4 /33", "10.0.0.0/33"],
    ["IPv6 /129", "::/129"],
    ["no prefix length", "10.0.0.0"],
    ["empty prefix length", "10.0.0.0/"],
    ["negative prefix length", "10.0.0.0/-1"],
    ["fractional prefix length", "10.0.0.0/8.5"],
    ["four-digit prefix length", "::/1000"],
    ["spaced prefix length", "10.0.0.0/ 8"],
    ["two prefix lengths", "10.0.0.0/8/8"],
    ["bad address", "300.0.0.0/8"],
    ["no address", "/8"],
    ["empty", ""],
  ])("%s: %j is null", (_name, cidr) => {
    expect(cidrToRange(cidr)).toBeNull();
  });

  it("every generated address lies in its own block, and the block's ends are its first and last address", () => {
    const r = mulberry32(0xc1d4);
    for (let i = 0; i < 300; i++) {
      const bytes = Array.from({ length: 4 }, () => Math.floor(r() * 256));
      const bits = Math.floor(r() * 33);
      const ip = bytes.join(".");
      const block = cidrToRange(`${ip}/${bits}`)!;
      const value = BigInt(`0x${ipToHex(ip)}`);
      const size = 1n << BigInt(32 - bits);
      expect(BigInt(`0x${block.start}`)).toBe(value - (value % size));
      expect(BigInt(`0x${block.end}`)).toBe(value - (value % size) + size - 1n);
    }
  });
});

describe("ipToHex: string order is numeric order", () => {
  // Ascending by numeric value, written as people write them: both families mixed.
  const ascending = [
    "::",
    "::1",
    "::ff",
    "::100",
    "::1:0",
    "0.0.0.0",
    "0.0.0.1",
    "0.0.1.0",
    "9.255.255.255",
    "10.0.0.0",
    "100.0.0.0",
    "192.168.0.1",
    "255.255.255.255",
    "::1:0:0:0",
    "1::",
    "2001:db8::",
    "2001:db8::ffff",
    "2001:db8:0:1::",
    "fe80::1",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  ];

  it("sorting the hex strings sorts the addresses", () => {
    const r = mulberry32(0x5047);
    const shuffled = ascending
      .map((ip) => [r(), ip] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, ip]) => ip);
    expect(shuffled).not.toEqual(ascending);
    const byHex = shuffled.sort((a, b) => (ipToHex(a)! < ipToHex(b)! ? -1 : 1));
    expect(byHex).toEqual(ascending);
  });

  it("agrees with numeric order on 2,000 generated pairs (IPv4 and IPv6)", () => {
    const r = mulberry32(0x0bde7);
    const v4 = () => {
      const bytes = Array.from({ length: 4 }, () => Math.floor(r() * 256));
      return { ip: bytes.join("."), n: (0xffffn << 32n) | BigInt(bytes.reduce((n, b) => n * 256 + b, 0)) };
    };
    const v6 = () => {
      const groups = Array.from({ length: 8 }, () => (r() < 0.3 ? 0 : Math.floor(r() * 0x10000)));
      return { ip: groups.map((g) => g.toString(16)).join(":"), n: groups.reduce((n, g) => (n << 16n) | BigInt(g), 0n) };
    };
    for (let i = 0; i < 2000; i++) {
      const a = r() < 0.5 ? v4() : v6();
      const b = r() < 0.5 ? v4() : v6();
      const [ha, hb] = [ipToHex(a.ip)!, ipToHex(b.ip)!];
      expect(ha).toHaveLength(32);
      expect(ha < hb, `${a.ip} vs ${b.ip}`).toBe(a.n < b.n);
      expect(ha === hb).toBe(a.n === b.n);
    }
  });
});
