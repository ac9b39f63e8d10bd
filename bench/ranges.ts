// 100,000 company IP ranges shaped like a commercial IP-to-company file: mostly IPv4 /24–/28 blocks of
// small companies, fewer /16–/23 of large ones, ISP and hosting allocations (/16–/18) with customer
// blocks nested inside them, some IPv6 /32–/64, and a few exact repeats of an earlier block (a
// re-import that renames its company). Nested and repeated blocks are the overlaps the flattener resolves.
import { int, mulberry32, pick, type Random } from "../test/unit/prng";

export type CompanyType = "business" | "isp" | "hosting" | "education" | "government";

export interface Company {
  name: string;
  domain: string;
  industry: string;
  employees: number;
  employeesRange: string;
  revenueRange: string;
  type: CompanyType;
}

/** A block as numbers, so addresses inside it can be drawn without parsing. */
export type Block = { v4: true; base: number; prefix: number } | { v4: false; groups: number[]; prefix: number };

export interface GeneratedRange {
  network: string;
  block: Block;
  company: Company;
}

const INDUSTRIES = [
  "Software",
  "Financial Services",
  "Manufacturing",
  "Healthcare",
  "Retail",
  "Energy",
  "Telecommunications",
  "Education",
  "Government",
  "Media",
  "Logistics",
  "Insurance",
  "Pharmaceuticals",
  "Automotive",
  "Hospitality",
  "Consulting",
];
const SYLLABLES = [
  "ac",
  "al",
  "an",
  "ar",
  "bel",
  "bri",
  "cor",
  "da",
  "del",
  "ex",
  "fal",
  "gen",
  "hal",
  "in",
  "jet",
  "kes",
  "lum",
  "mar",
  "nor",
  "nova",
  "or",
  "pax",
  "quan",
  "ra",
  "sol",
  "ter",
  "tri",
  "ul",
  "ver",
  "vis",
  "wen",
  "xen",
  "yor",
  "zen",
];
const WORDS = [
  "Analytics",
  "Systems",
  "Labs",
  "Logistics",
  "Health",
  "Capital",
  "Energy",
  "Foods",
  "Robotics",
  "Networks",
  "Media",
  "Motors",
  "Bank",
  "Insurance",
  "Pharma",
  "Retail",
  "Cloud",
  "Security",
  "Partners",
  "Works",
];
const SUFFIXES = ["Inc", "GmbH", "Ltd", "LLC", "AG", "SA", "BV", "Group", "Corp", "plc", "AB", "Oy"];
const TLDS = ["com", "com", "com", "io", "de", "co.uk", "net", "fr", "nl", "se", "ch", "com.au", "co"];
const EMPLOYEE_BUCKETS: [number, string][] = [
  [10, "1-10"],
  [50, "11-50"],
  [200, "51-200"],
  [500, "201-500"],
  [1000, "501-1000"],
  [5000, "1001-5000"],
  [10000, "5001-10000"],
  [Infinity, "10001+"],
];
const REVENUE_BUCKETS: [number, string][] = [
  [50, "$0-$1M"],
  [200, "$1M-$10M"],
  [1000, "$10M-$100M"],
  [10000, "$100M-$1B"],
  [50000, "$1B-$10B"],
  [Infinity, "$10B+"],
];

const bucket = (table: [number, string][], n: number) => table.find(([max]) => n <= max)![1];

function companyMaker(random: Random): (type: CompanyType) => Company {
  const domains = new Set<string>();
  return (type) => {
    const stem = pick(random, SYLLABLES) + pick(random, SYLLABLES) + (random() < 0.5 ? pick(random, SYLLABLES) : "");
    const word = pick(random, WORDS);
    const name = `${stem[0]!.toUpperCase()}${stem.slice(1)} ${type === "isp" ? "Telecom" : type === "hosting" ? "Hosting" : word} ${pick(random, SUFFIXES)}`;
    let domain = `${stem}-${word.toLowerCase()}.${pick(random, TLDS)}`;
    for (let i = 2; domains.has(domain); i++) domain = domain.replace(/(\d*)\./, `${i}.`);
    domains.add(domain);
    // Log-uniform between 3 and 200,000 employees: many small companies, a few giants.
    const employees = Math.round(3 * Math.exp(random() * Math.log(200_000 / 3)));
    return {
      name,
      domain,
      industry:
        type === "education"
          ? "Education"
          : type === "government"
            ? "Government"
            : type === "business"
              ? pick(random, INDUSTRIES)
              : "Telecommunications",
      employees,
      employeesRange: bucket(EMPLOYEE_BUCKETS, employees),
      revenueRange: bucket(REVENUE_BUCKETS, employees),
      type,
    };
  };
}

// Public unicast IPv4: first octets 1–223, skipping whole /8s that hold private, shared (100.64/10), loopback
// or documentation space, so that 192.0.2.0/24 is guaranteed to be in no range.
const v4FirstOctet = (random: Random) => {
  for (;;) {
    const o = int(random, 1, 223);
    if (o !== 10 && o !== 127 && o !== 192 && o !== 100 && o !== 172) return o;
  }
};
const maskV4 = (n: number, prefix: number) => (prefix === 0 ? 0 : (n & (~0 << (32 - prefix))) >>> 0);
export const v4String = (n: number) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

function v6String(groups: number[], prefix: number): string {
  const kept = Math.ceil(prefix / 16);
  const head = groups
    .slice(0, kept)
    .map((g) => g.toString(16))
    .join(":");
  return kept === 8 ? head : `${head}::`;
}

/** A random address inside the block, as the string a request would carry. */
export function addressIn(random: Random, block: Block): string {
  if (block.v4) {
    const host = block.prefix === 32 ? 0 : Math.floor(random() * 2 ** (32 - block.prefix));
    return v4String((block.base + host) >>> 0);
  }
  const out = block.groups.map((g, i) => {
    const fixed = Math.max(0, Math.min(16, block.prefix - i * 16));
    const free = 16 - fixed;
    return free === 0 ? g : (g | Math.floor(random() * 2 ** free)) & 0xffff;
  });
  return out.map((g) => g.toString(16)).join(":");
}

/** A random global unicast address outside any generated block's guarantee (it may still fall in one). */
export function randomPublicAddress(random: Random): string {
  if (random() < 0.85) return v4String(((v4FirstOctet(random) << 24) | Math.floor(random() * 2 ** 24)) >>> 0);
  const groups = [0x2000 | int(random, 0, 0x1fff), ...Array.from({ length: 7 }, () => int(random, 0, 0xffff))];
  return groups.map((g) => g.toString(16)).join(":");
}

export function generateRanges(count: number, seed = 1): GeneratedRange[] {
  const random = mulberry32(seed);
  const company = companyMaker(random);
  const out: GeneratedRange[] = [];
  const parents: { base: number; prefix: number }[] = [];
  const companies: Company[] = [];
  const businessType = (): CompanyType => (random() < 0.94 ? "business" : random() < 0.6 ? "education" : "government");
  // 30% of ranges belong to a company that already has one: large companies hold several blocks.
  const companyFor = (type: CompanyType) => {
    if (type === "business" && companies.length > 0 && random() < 0.3) return pick(random, companies);
    const c = company(type);
    if (type !== "isp" && type !== "hosting") companies.push(c);
    return c;
  };
  const push = (block: Block, c: Company) =>
    out.push({
      network: block.v4 ? `${v4String(block.base)}/${block.prefix}` : `${v6String(block.groups, block.prefix)}/${block.prefix}`,
      block,
      company: c,
    });

  while (out.length < count) {
    const roll = random();
    if (roll < 0.02) {
      // An ISP or hosting allocation, later filled with customer blocks.
      const prefix = int(random, 16, 18);
      const base = maskV4(((v4FirstOctet(random) << 24) | Math.floor(random() * 2 ** 24)) >>> 0, prefix);
      parents.push({ base, prefix });
      push({ v4: true, base, prefix }, company(random() < 0.6 ? "isp" : "hosting"));
    } else if (roll < 0.22 && parents.length > 0) {
      // A customer's block inside a provider's allocation.
      const parent = pick(random, parents);
      const prefix = int(random, Math.max(parent.prefix + 2, 22), 28);
      const base = maskV4((parent.base + Math.floor(random() * 2 ** (32 - parent.prefix))) >>> 0, prefix);
      push({ v4: true, base, prefix }, companyFor(businessType()));
    } else if (roll < 0.23 && out.length > 0) {
      // The same block again, for another company: the later one wins.
      push(pick(random, out).block, companyFor(businessType()));
    } else if (roll < 0.33) {
      const prefix = pick(random, [32, 36, 40, 44, 48, 48, 48, 48, 56, 56, 64]);
      const groups = [0x2000 | int(random, 0, 0x1fff), ...Array.from({ length: 7 }, () => int(random, 0, 0xffff))].map((g, i) => {
        const fixed = Math.max(0, Math.min(16, prefix - i * 16));
        return fixed === 0 ? 0 : g & (0xffff << (16 - fixed)) & 0xffff;
      });
      push({ v4: false, groups, prefix }, companyFor(businessType()));
    } else {
      const r = random();
      const prefix = r < 0.03 ? int(random, 16, 20) : r < 0.2 ? int(random, 21, 23) : r < 0.55 ? 24 : int(random, 25, 28);
      const base = maskV4(((v4FirstOctet(random) << 24) | Math.floor(random() * 2 ** 24)) >>> 0, prefix);
      push({ v4: true, base, prefix }, companyFor(businessType()));
    }
  }
  return out;
}

export const RANGES_CSV_HEADER = "network,name,domain,industry,employees,employees_range,revenue_range,type";

/** The CSV the admin would upload (the header the import documents). Generated names hold no commas or quotes. */
export function rangesCsv(ranges: readonly GeneratedRange[]): string {
  const lines = [RANGES_CSV_HEADER];
  for (const { network, company: c } of ranges) {
    lines.push(`${network},${c.name},${c.domain},${c.industry},${c.employees},${c.employeesRange},${c.revenueRange},${c.type}`);
  }
  return `${lines.join("\n")}\n`;
}
