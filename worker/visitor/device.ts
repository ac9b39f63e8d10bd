// Technographic attributes (SPEC §2 `device.type/os/browser`), read from the request to /context: the
// User-Agent Client Hints Chromium-based browsers send by default on secure origins (Sec-CH-UA-Mobile,
// Sec-CH-UA-Platform, Sec-CH-UA), else the User-Agent string. Done here rather than in the snippet: the
// Worker sees the same headers, and the rules cost the snippet bytes. Touch and viewport are the browser's
// (snippet/device.ts), with the one rule only it can apply: an iPad asking for desktop sites sends a Mac UA.
import type { ServerDevice } from "../../contract/wire";

export interface Hints {
  mobile?: boolean;
  platform?: string;
  brands?: string[];
}

// Objects, not arrays of pairs: string keys keep their order.
type Rules = Record<string, RegExp>;

// First match wins. Edge, Opera, Samsung and Silk UAs all say "Chrome", and Chrome's says "Safari", so the
// specific ones come first. Client-hint brands ("Microsoft Edge", "Opera", "Samsung Internet", "Google
// Chrome", "Chromium") match the same rules; GREASE brands ("Not A;Brand", "Not/A)Brand") match none.
const BROWSERS: Rules = {
  edge: /Edg/, // Edg/, EdgA/, EdgiOS/ and the legacy Edge/
  opera: /OPR|Opera|OPiOS/,
  samsung: /Samsung/,
  other: /Silk/, // Amazon's own browser, though its UA says "like Chrome"
  firefox: /Firefox|FxiOS/,
  chrome: /Chrom|CriOS/,
  safari: /Safari/,
};

// iOS UAs say "like Mac OS X" and Android UAs say "Linux", so those come first. Also matches the
// client-hint platforms: "iOS", "Android", "Chrome OS"/"ChromeOS"/"Chromium OS", "Windows", "macOS", "Linux".
const OSES: Rules = {
  ios: /iP[aho]|iOS/, // iPad, iPhone, iPod
  android: /Android/,
  chromeos: /CrOS|Chrom\w* ?OS/,
  windows: /Win/,
  macos: /Mac/i,
  linux: /Linux/,
};

const pick = (rules: Rules, s: string) => Object.keys(rules).find((k) => rules[k]!.test(s)) || "other";

/** Type, OS and browser from a User-Agent string and the client hints, which win where present. Pure. */
export function classify(ua: string, hints: Hints = {}): ServerDevice {
  return {
    type: hints.mobile
      ? "mobile"
      : // Android phones say "Mobile"; Android tablets don't. Old Kindle Fire Silk says "Mobile" but is a tablet.
        /iPad|Kindle|Silk|Android(?!.*Mobi)/.test(ua)
        ? "tablet"
        : /Mobi|iP[ho]/.test(ua)
          ? "mobile"
          : "desktop",
    os: pick(OSES, hints.platform || ua),
    browser: pick(BROWSERS, hints.brands?.join() || ua),
  };
}

/** A structured-header string ("\"Windows\"") without its quotes and escapes. */
const unquote = (s: string) => s.replace(/^\s*"|"\s*$/g, "").replace(/\\(.)/g, "$1");

/**
 * The hints as headers carry them: Sec-CH-UA-Mobile "?1"/"?0", Sec-CH-UA-Platform a quoted string, Sec-CH-UA a
 * list of quoted brands with versions (`"Chromium";v="120", "Not_A Brand";v="8"`). A header left out reads as
 * no hint; anything malformed yields no brand rather than a wrong one.
 */
export function hintsFrom(headers: Headers): Hints {
  const brands = [...(headers.get("sec-ch-ua") ?? "").matchAll(/(?:^|,)\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => unquote(`"${m[1]}"`));
  const platform = headers.get("sec-ch-ua-platform");
  return { mobile: headers.get("sec-ch-ua-mobile")?.trim() === "?1", platform: platform ? unquote(platform) : undefined, brands };
}

export const deviceFrom = (headers: Headers): ServerDevice => classify(headers.get("user-agent") ?? "", hintsFrom(headers));
