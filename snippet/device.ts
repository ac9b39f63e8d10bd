// Technographic attributes (SPEC §2 `device.*`): User-Agent Client Hints where the browser has them
// (Chromium), else the User-Agent string. Pure: index.ts passes `navigator` and `window`.

export interface Device {
  type: "mobile" | "tablet" | "desktop";
  os: string;
  browser: string;
  touch: boolean;
  viewport: { width: number; height: number };
}

export interface DeviceNavigator {
  userAgent: string;
  maxTouchPoints?: number;
  userAgentData?: { mobile?: boolean; platform?: string; brands?: { brand: string; version: string }[] };
}

// Objects, not arrays of pairs: fewer bytes, and string keys keep their order.
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
// client-hint platforms: "iOS", "Android", "Chrome OS"/"ChromeOS", "Windows", "macOS", "Linux".
const OSES: Rules = {
  ios: /iP[aho]|iOS/, // iPad, iPhone, iPod
  android: /Android/,
  chromeos: /CrOS|Chrom\w* ?OS/,
  windows: /Win/,
  macos: /Mac/i,
  linux: /Linux/,
};

const pick = (rules: Rules, s: string) => Object.keys(rules).find((k) => rules[k]!.test(s)) || "other";

export function device(nav: DeviceNavigator, win: { innerWidth: number; innerHeight: number }): Device {
  const ua = nav.userAgent;
  const ch = nav.userAgentData;
  const touch = !!nav.maxTouchPoints;
  const width = win.innerWidth;
  // iPadOS 13+ Safari asks for desktop sites with a Mac UA; only the touch screen gives it away.
  const ipad = /Macintosh/.test(ua) && nav.maxTouchPoints! > 1;
  return {
    type: ch?.mobile
      ? "mobile"
      : // Android phones say "Mobile"; Android tablets don't. Old Kindle Fire Silk says "Mobile" but is a tablet.
        ipad || /iPad|Kindle|Silk|Android(?!.*Mobi)/.test(ua)
        ? "tablet"
        : // A touch screen under 768 px wide with an unknown UA is most likely a phone.
          /Mobi|iP[ho]/.test(ua) || (touch && width < 768)
          ? "mobile"
          : "desktop",
    os: ipad ? "ios" : pick(OSES, ch?.platform || ua),
    browser: pick(BROWSERS, ch?.brands?.map((b) => b.brand).join() || ua),
    touch,
    viewport: { width, height: win.innerHeight },
  };
}
