// device.*: type, OS and browser classified by the Worker from the User-Agent string or User-Agent Client Hints
// (worker/visitor/device.ts), completed in the browser with touch and viewport (snippet/device.ts). Both pure, so
// tested together with tables of real browsers' values: the classification each visitor gets end to end.
import { describe, expect, it } from "vitest";
import { device as browserDevice, type Device } from "../../snippet/device";
import { classify } from "../../worker/visitor/device";

/** navigator as a browser shows it: what the headers to /context carry, and what only the page sees. */
interface DeviceNavigator {
  userAgent: string;
  maxTouchPoints?: number;
  userAgentData?: { mobile?: boolean; platform?: string; brands?: { brand: string; version: string }[] };
}

/** The Worker's answer for the headers the browser sends, then the browser's part. */
function device(nav: DeviceNavigator, win: { innerWidth: number; innerHeight: number }): Device {
  const ch = nav.userAgentData;
  return browserDevice(
    classify(nav.userAgent, { mobile: ch?.mobile, platform: ch?.platform, brands: ch?.brands?.map((b) => b.brand) }),
    nav,
    win,
  );
}

type Row = [
  name: string,
  ua: string,
  maxTouchPoints: number | undefined,
  viewport: [number, number],
  type: Device["type"],
  os: string,
  browser: string,
];

const PHONE: [number, number] = [390, 844];
const TABLET: [number, number] = [820, 1180];
const DESKTOP: [number, number] = [1440, 900];

// Real User-Agent strings, as each browser sends them.
const UAS: Row[] = [
  // iOS: every browser is WebKit and says "Safari"; the app's own token comes first.
  [
    "iPhone Safari",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1",
    5,
    PHONE,
    "mobile",
    "ios",
    "safari",
  ],
  [
    "iPhone Chrome",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
    5,
    PHONE,
    "mobile",
    "ios",
    "chrome",
  ],
  [
    "iPhone Firefox",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15",
    5,
    PHONE,
    "mobile",
    "ios",
    "firefox",
  ],
  [
    "iPhone Edge",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/120.0.2210.126 Mobile/15E148 Safari/605.1.15",
    5,
    PHONE,
    "mobile",
    "ios",
    "edge",
  ],
  [
    "iPod touch Safari",
    "Mozilla/5.0 (iPod touch; CPU iPhone OS 15_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Mobile/15E148 Safari/604.1",
    5,
    [320, 568],
    "mobile",
    "ios",
    "safari",
  ],
  [
    "iPad Safari (iOS 12, says iPad)",
    "Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1",
    5,
    [768, 1024],
    "tablet",
    "ios",
    "safari",
  ],
  [
    "iPad Chrome (says iPad)",
    "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
    5,
    TABLET,
    "tablet",
    "ios",
    "chrome",
  ],
  [
    "iPadOS 13+ Safari (desktop-class Mac UA, touch screen)",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
    5,
    TABLET,
    "tablet",
    "ios",
    "safari",
  ],
  [
    "iPadOS Safari in a narrow Split View",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
    5,
    [320, 1180],
    "tablet",
    "ios",
    "safari",
  ],
  // The same UA without a touch screen is a real Mac.
  [
    "macOS Safari",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
    0,
    DESKTOP,
    "desktop",
    "macos",
    "safari",
  ],
  // Android: phones say "Mobile", tablets don't.
  [
    "Android phone Chrome (reduced UA)",
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
    5,
    [412, 915],
    "mobile",
    "android",
    "chrome",
  ],
  [
    "Android phone Chrome (Pixel 7)",
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36",
    5,
    [412, 915],
    "mobile",
    "android",
    "chrome",
  ],
  [
    "Android tablet Chrome",
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    10,
    [800, 1280],
    "tablet",
    "android",
    "chrome",
  ],
  [
    "Android phone Samsung Internet",
    "Mozilla/5.0 (Linux; Android 13; SM-S901B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
    5,
    [360, 780],
    "mobile",
    "android",
    "samsung",
  ],
  [
    "Android tablet Samsung Internet (Galaxy Tab S9)",
    "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/22.0 Chrome/111.0.5563.116 Safari/537.36",
    10,
    [800, 1280],
    "tablet",
    "android",
    "samsung",
  ],
  [
    "Android phone Firefox",
    "Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0",
    5,
    [412, 915],
    "mobile",
    "android",
    "firefox",
  ],
  [
    "Android tablet Firefox",
    "Mozilla/5.0 (Android 14; Tablet; rv:121.0) Gecko/121.0 Firefox/121.0",
    10,
    [800, 1280],
    "tablet",
    "android",
    "firefox",
  ],
  [
    "Android phone Edge",
    "Mozilla/5.0 (Linux; Android 10; HD1913) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.43 Mobile Safari/537.36 EdgA/120.0.2210.64",
    5,
    [412, 915],
    "mobile",
    "android",
    "edge",
  ],
  [
    "Android phone Opera",
    "Mozilla/5.0 (Linux; Android 10; VOG-L29) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 OPR/79.0.4195.76468",
    5,
    [412, 915],
    "mobile",
    "android",
    "opera",
  ],
  // Kindle Fire: Android underneath, Amazon's Silk browser; the old one says "Mobile" but is a tablet.
  [
    "Kindle Fire Silk",
    "Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/120.2.1 like Chrome/120.0.6099.230 Safari/537.36",
    5,
    [800, 1280],
    "tablet",
    "android",
    "other",
  ],
  [
    "Kindle Fire Silk (2012)",
    "Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; KFTT Build/IML74K) AppleWebKit/535.19 (KHTML, like Gecko) Silk/3.68 Mobile Safari/535.19 Silk-Accelerated=true",
    5,
    [600, 1024],
    "tablet",
    "android",
    "other",
  ],
  // Desktops.
  [
    "Windows Chrome",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    0,
    DESKTOP,
    "desktop",
    "windows",
    "chrome",
  ],
  [
    "Windows Firefox",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    0,
    DESKTOP,
    "desktop",
    "windows",
    "firefox",
  ],
  [
    "Windows Edge",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
    0,
    DESKTOP,
    "desktop",
    "windows",
    "edge",
  ],
  [
    "Windows legacy Edge (EdgeHTML)",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19582",
    0,
    DESKTOP,
    "desktop",
    "windows",
    "edge",
  ],
  [
    "Windows Opera",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
    0,
    DESKTOP,
    "desktop",
    "windows",
    "opera",
  ],
  [
    "Windows touch laptop Chrome (wide)",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    10,
    [1280, 800],
    "desktop",
    "windows",
    "chrome",
  ],
  [
    "macOS Chrome",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    0,
    DESKTOP,
    "desktop",
    "macos",
    "chrome",
  ],
  [
    "macOS Firefox",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:121.0) Gecko/20100101 Firefox/121.0",
    0,
    DESKTOP,
    "desktop",
    "macos",
    "firefox",
  ],
  [
    "macOS Opera",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
    0,
    DESKTOP,
    "desktop",
    "macos",
    "opera",
  ],
  [
    "macOS Chrome in a narrow window (no touch)",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    0,
    [500, 900],
    "desktop",
    "macos",
    "chrome",
  ],
  ["Linux Firefox", "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", 0, DESKTOP, "desktop", "linux", "firefox"],
  [
    "Ubuntu Firefox",
    "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
    0,
    DESKTOP,
    "desktop",
    "linux",
    "firefox",
  ],
  [
    "Linux Chrome",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    undefined,
    DESKTOP,
    "desktop",
    "linux",
    "chrome",
  ],
  [
    "ChromeOS Chrome",
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    0,
    [1366, 768],
    "desktop",
    "chromeos",
    "chrome",
  ],
  // Android Chrome's "Desktop site" sends a Linux desktop UA; a narrow touch screen still reads as a phone.
  [
    "Android Chrome 'Desktop site' (Linux UA, narrow touch screen)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    5,
    [412, 915],
    "mobile",
    "linux",
    "chrome",
  ],
  ["unknown client", "curl/8.4.0", undefined, [1024, 768], "desktop", "other", "other"],
];

const CHROME_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const CHROME_ANDROID_PHONE =
  "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
const CHROME_ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const brands = (...names: string[]) => names.map((brand) => ({ brand, version: "120" }));

type ChRow = [name: string, nav: DeviceNavigator, viewport: [number, number], type: Device["type"], os: string, browser: string];

// navigator.userAgentData as Chromium-based browsers report it, GREASE brand included.
const HINTS: ChRow[] = [
  [
    "Chrome on Windows",
    {
      userAgent: CHROME_WIN,
      maxTouchPoints: 0,
      userAgentData: { mobile: false, platform: "Windows", brands: brands("Not_A Brand", "Chromium", "Google Chrome") },
    },
    DESKTOP,
    "desktop",
    "windows",
    "chrome",
  ],
  [
    "Edge on Windows: Edge beats Chromium",
    {
      userAgent: `${CHROME_WIN} Edg/120.0.0.0`,
      maxTouchPoints: 0,
      userAgentData: { mobile: false, platform: "Windows", brands: brands("Not_A Brand", "Chromium", "Microsoft Edge") },
    },
    DESKTOP,
    "desktop",
    "windows",
    "edge",
  ],
  [
    "Opera on macOS: Opera beats Chromium",
    {
      userAgent: `${CHROME_MAC} OPR/106.0.0.0`,
      maxTouchPoints: 0,
      userAgentData: { mobile: false, platform: "macOS", brands: brands("Opera", "Chromium", "Not=A?Brand") },
    },
    DESKTOP,
    "desktop",
    "macos",
    "opera",
  ],
  [
    "Chrome on ChromeOS ('Chrome OS')",
    {
      userAgent: "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
      maxTouchPoints: 0,
      userAgentData: { mobile: false, platform: "Chrome OS", brands: brands("Not_A Brand", "Google Chrome", "Chromium") },
    },
    [1366, 768],
    "desktop",
    "chromeos",
    "chrome",
  ],
  [
    "Chromium on ChromeOS ('Chromium OS')",
    { userAgent: CHROME_LINUX, userAgentData: { mobile: false, platform: "Chromium OS", brands: brands("Chromium", "Not)A;Brand") } },
    [1366, 768],
    "desktop",
    "chromeos",
    "chrome",
  ],
  [
    "Chrome on Linux",
    {
      userAgent: CHROME_LINUX,
      maxTouchPoints: 0,
      userAgentData: { mobile: false, platform: "Linux", brands: brands("Not A(Brand", "Chromium", "Google Chrome") },
    },
    DESKTOP,
    "desktop",
    "linux",
    "chrome",
  ],
  [
    "Chrome on an Android phone: mobile",
    {
      userAgent: CHROME_ANDROID_PHONE,
      maxTouchPoints: 5,
      userAgentData: { mobile: true, platform: "Android", brands: brands("Not_A Brand", "Chromium", "Google Chrome") },
    },
    [412, 915],
    "mobile",
    "android",
    "chrome",
  ],
  [
    "UA-CH mobile wins over a wide viewport and a desktop UA",
    { userAgent: CHROME_LINUX, maxTouchPoints: 5, userAgentData: { mobile: true, platform: "Android", brands: brands("Chromium") } },
    [980, 1800],
    "mobile",
    "android",
    "chrome",
  ],
  [
    "Chrome on an Android tablet: not mobile, UA without Mobile",
    {
      userAgent: CHROME_ANDROID_TABLET,
      maxTouchPoints: 10,
      userAgentData: { mobile: false, platform: "Android", brands: brands("Not_A Brand", "Chromium", "Google Chrome") },
    },
    [800, 1280],
    "tablet",
    "android",
    "chrome",
  ],
  [
    "Samsung Internet on a phone",
    {
      userAgent:
        "Mozilla/5.0 (Linux; Android 13; SM-S901B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
      maxTouchPoints: 5,
      userAgentData: { mobile: true, platform: "Android", brands: brands("Samsung Internet", "Chromium", "Not:A-Brand") },
    },
    [360, 780],
    "mobile",
    "android",
    "samsung",
  ],
  [
    "Edge on Android",
    {
      userAgent: `${CHROME_ANDROID_PHONE} EdgA/120.0.2210.64`,
      maxTouchPoints: 5,
      userAgentData: { mobile: true, platform: "Android", brands: brands("Microsoft Edge", "Chromium", "Not_A Brand") },
    },
    [412, 915],
    "mobile",
    "android",
    "edge",
  ],
  [
    "the hints win over a UA that says otherwise",
    { userAgent: CHROME_WIN, userAgentData: { mobile: false, platform: "macOS", brands: brands("Opera") } },
    DESKTOP,
    "desktop",
    "macos",
    "opera",
  ],
  [
    "only GREASE and an unknown brand: other",
    { userAgent: CHROME_WIN, userAgentData: { mobile: false, platform: "Windows", brands: brands("Not A;Brand", "Some Browser") } },
    DESKTOP,
    "desktop",
    "windows",
    "other",
  ],
  [
    "empty brands and platform: the UA decides",
    {
      userAgent: `${CHROME_ANDROID_TABLET} EdgA/120.0.2210.64`,
      maxTouchPoints: 10,
      userAgentData: { mobile: false, platform: "", brands: [] },
    },
    [800, 1280],
    "tablet",
    "android",
    "edge",
  ],
  [
    "userAgentData without fields: the UA decides",
    { userAgent: CHROME_MAC, maxTouchPoints: 0, userAgentData: {} },
    DESKTOP,
    "desktop",
    "macos",
    "chrome",
  ],
];

const win = ([innerWidth, innerHeight]: [number, number]) => ({ innerWidth, innerHeight });

describe("device from the User-Agent string", () => {
  it.each(UAS)("%s", (_, userAgent, maxTouchPoints, viewport, type, os, browser) => {
    expect(device({ userAgent, maxTouchPoints }, win(viewport))).toEqual({
      type,
      os,
      browser,
      touch: !!maxTouchPoints,
      viewport: { width: viewport[0], height: viewport[1] },
    });
  });
});

describe("device from User-Agent Client Hints", () => {
  it.each(HINTS)("%s", (_, nav, viewport, type, os, browser) => {
    expect(device(nav, win(viewport))).toEqual({
      type,
      os,
      browser,
      touch: !!nav.maxTouchPoints,
      viewport: { width: viewport[0], height: viewport[1] },
    });
  });
});

describe("device: touch and viewport", () => {
  it.each([
    [undefined, false],
    [0, false],
    [1, true],
    [10, true],
  ])("maxTouchPoints %s → touch %s", (maxTouchPoints, touch) => {
    expect(device({ userAgent: CHROME_WIN, maxTouchPoints }, win(DESKTOP)).touch).toBe(touch);
  });

  it("a touch screen is a phone below 768 px wide, not at 768", () => {
    expect(device({ userAgent: CHROME_LINUX, maxTouchPoints: 5 }, win([767, 1000])).type).toBe("mobile");
    expect(device({ userAgent: CHROME_LINUX, maxTouchPoints: 5 }, win([768, 1000])).type).toBe("desktop");
  });

  it("one touch point on a Mac UA is not an iPad", () => {
    expect(device({ userAgent: CHROME_MAC, maxTouchPoints: 1 }, win(DESKTOP))).toMatchObject({ type: "desktop", os: "macos", touch: true });
  });

  it("reports the window's inner size", () => {
    expect(device({ userAgent: CHROME_WIN }, { innerWidth: 1234, innerHeight: 567 }).viewport).toEqual({ width: 1234, height: 567 });
  });
});
