// worker/visitor/device.ts: the client-hint headers as browsers send them to /context, parsed and classified.
import { describe, expect, it } from "vitest";
import { device as browserDevice } from "../../snippet/device";
import { classify, deviceFrom, hintsFrom } from "../../worker/visitor/device";

const CHROME_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const IPADOS = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15";

const headers = (h: Record<string, string>) => new Headers(h);

describe("hintsFrom", () => {
  it.each([
    [
      "Chrome's three default hints",
      {
        "sec-ch-ua": '"Not_A Brand";v="8", "Chromium";v="120", "Google Chrome";v="120"',
        "sec-ch-ua-mobile": "?0",
        "sec-ch-ua-platform": '"Windows"',
      },
      { mobile: false, platform: "Windows", brands: ["Not_A Brand", "Chromium", "Google Chrome"] },
    ],
    [
      "a phone",
      { "sec-ch-ua": '"Chromium";v="120"', "sec-ch-ua-mobile": "?1", "sec-ch-ua-platform": '"Android"' },
      { mobile: true, platform: "Android", brands: ["Chromium"] },
    ],
    [
      "GREASE brands with escaped quotes and backslashes",
      { "sec-ch-ua": '"Not\\"A\\\\Brand";v="99", "Microsoft Edge";v="120"' },
      { mobile: false, platform: undefined, brands: ['Not"A\\Brand', "Microsoft Edge"] },
    ],
    [
      "GREASE brands with separators inside the quotes",
      { "sec-ch-ua": '" Not;A Brand";v="99", "Opera";v="106",  "Chromium";v="120"' },
      { mobile: false, platform: undefined, brands: [" Not;A Brand", "Opera", "Chromium"] },
    ],
    ["no hints (Firefox, Safari, insecure origins)", {}, { mobile: false, platform: undefined, brands: [] }],
    [
      "malformed hints: no brand rather than a wrong one",
      { "sec-ch-ua": "Chromium;v=120", "sec-ch-ua-mobile": "1", "sec-ch-ua-platform": "" },
      { mobile: false, platform: undefined, brands: [] },
    ],
  ])("%s", (_, h, hints) => {
    expect(hintsFrom(headers(h))).toEqual(hints);
  });
});

describe("deviceFrom: the answer /context gives", () => {
  it.each([
    [
      "Chrome on Windows",
      {
        "user-agent": CHROME_WIN,
        "sec-ch-ua": '"Chromium";v="120", "Google Chrome";v="120"',
        "sec-ch-ua-mobile": "?0",
        "sec-ch-ua-platform": '"Windows"',
      },
      { type: "desktop", os: "windows", browser: "chrome" },
    ],
    [
      "Edge: its brand beats Chromium's",
      {
        "user-agent": CHROME_WIN,
        "sec-ch-ua": '"Chromium";v="120", "Microsoft Edge";v="120", "Not_A Brand";v="8"',
        "sec-ch-ua-platform": '"Windows"',
      },
      { type: "desktop", os: "windows", browser: "edge" },
    ],
    [
      "the mobile hint over a desktop UA (Android's 'Desktop site')",
      { "user-agent": CHROME_LINUX, "sec-ch-ua-mobile": "?1", "sec-ch-ua-platform": '"Android"' },
      { type: "mobile", os: "android", browser: "chrome" },
    ],
    [
      "the platform hint over the UA",
      { "user-agent": CHROME_LINUX, "sec-ch-ua-platform": '"Chrome OS"' },
      { type: "desktop", os: "chromeos", browser: "chrome" },
    ],
    ["no user agent at all", {}, { type: "desktop", os: "other", browser: "other" }],
    [
      "iPadOS Safari: a Mac to the Worker (the browser makes it a tablet)",
      { "user-agent": IPADOS },
      { type: "desktop", os: "macos", browser: "safari" },
    ],
  ])("%s", (_, h, d) => {
    expect(deviceFrom(headers(h))).toEqual(d);
  });

  it("classify without hints reads the UA alone", () => {
    expect(classify(CHROME_WIN)).toEqual({ type: "desktop", os: "windows", browser: "chrome" });
  });
});

describe("the browser's part (snippet/device.ts)", () => {
  it.each([
    [
      "a Mac with a touch screen is an iPad",
      { type: "desktop", os: "macos", browser: "safari" },
      5,
      [820, 1180],
      { type: "tablet", os: "ios" },
    ],
    [
      "a narrow iPad in Split View stays a tablet",
      { type: "desktop", os: "macos", browser: "safari" },
      5,
      [320, 1180],
      { type: "tablet", os: "ios" },
    ],
    [
      "one touch point on a Mac is not an iPad",
      { type: "desktop", os: "macos", browser: "chrome" },
      1,
      [1440, 900],
      { type: "desktop", os: "macos" },
    ],
    [
      "a narrow touch screen with a desktop UA is a phone",
      { type: "desktop", os: "linux", browser: "chrome" },
      5,
      [412, 915],
      { type: "mobile", os: "linux" },
    ],
    [
      "a tablet stays a tablet, however narrow",
      { type: "tablet", os: "android", browser: "chrome" },
      10,
      [600, 1024],
      { type: "tablet", os: "android" },
    ],
    [
      "the Worker's type and OS otherwise",
      { type: "mobile", os: "android", browser: "chrome" },
      0,
      [412, 915],
      { type: "mobile", os: "android" },
    ],
  ] as const)("%s", (_, d, maxTouchPoints, [innerWidth, innerHeight], out) => {
    expect(browserDevice(d, { maxTouchPoints }, { innerWidth, innerHeight })).toEqual({
      ...d,
      ...out,
      touch: !!maxTouchPoints,
      viewport: { width: innerWidth, height: innerHeight },
    });
  });
});
