// The last step of the company waterfall: what kind of network the visitor is on, from request.cf's
// ASN and AS organization. A table hit is trusted; otherwise keywords in the organization's name give a
// weaker guess; a name with none of them is most likely a company running its own network.
import { EDUCATION_ASNS, HOSTING_ASNS, ISP_ASNS } from "./asn-data";

export type AsnType = "isp" | "hosting" | "education" | "government" | "business";

const TABLE_CONFIDENCE = 0.9;
const KEYWORD_CONFIDENCE = 0.6;
const FALLBACK_CONFIDENCE = 0.5;

const KNOWN = new Map<number, AsnType>([
  ...ISP_ASNS.map((asn) => [asn, "isp"] as const),
  ...HOSTING_ASNS.map((asn) => [asn, "hosting"] as const),
  ...EDUCATION_ASNS.map((asn) => [asn, "education"] as const),
]);

// Checked in this order: "Federal University" is education, "China Telecom Cloud" is hosting.
// Word boundaries where a short keyword hides inside ordinary words: "colo" in Colombia, "isp" in display.
const KEYWORDS: [AsnType, RegExp][] = [
  ["education", /universi|college|school|educat|academ/i],
  ["government", /government|ministry|\.gov\b|federal|municipal|state of/i],
  ["hosting", /hosting|cloud|data[ -]?cent(?:er|re)|server|\bvps\b|\bcolo(?:cation)?\b/i],
  ["isp", /telecom|telekom|broadband|cable|mobile|wireless|communications|\bisp\b|internet service/i],
];

export function classifyAsn(asn: number | undefined, asOrg: string | undefined): { type: AsnType; confidence: number } | null {
  const org = asOrg?.trim();
  if (asn === undefined && !org) return null;
  const known = asn === undefined ? undefined : KNOWN.get(asn);
  if (known) return { type: known, confidence: TABLE_CONFIDENCE };
  const keyword = org ? KEYWORDS.find(([, pattern]) => pattern.test(org)) : undefined;
  if (keyword) return { type: keyword[0], confidence: KEYWORD_CONFIDENCE };
  // An unlisted ASN with no organization name says nothing about the visitor: no answer beats a guess.
  return org ? { type: "business", confidence: FALLBACK_CONFIDENCE } : null;
}
