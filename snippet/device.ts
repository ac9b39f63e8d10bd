// Technographic attributes (SPEC §2 `device.*`): type, OS and browser come classified with the context
// (the Worker reads the user agent and client hints: worker/visitor/device.ts); touch and viewport only the
// browser knows, and with them the rules only it can apply. Pure: render.ts passes `navigator` and `window`.
import type { ServerDevice } from "../contract/wire";

export interface Device extends ServerDevice {
  touch: boolean;
  viewport: { width: number; height: number };
}

export function device(d: ServerDevice, nav: { maxTouchPoints?: number }, win: { innerWidth: number; innerHeight: number }): Device {
  const points = nav.maxTouchPoints!;
  const touch = !!points;
  const width = win.innerWidth;
  // iPadOS 13+ Safari asks for desktop sites with a Mac UA; only the touch screen gives it away.
  const ipad = d.os == "macos" && points > 1;
  return {
    // A touch screen under 768 px wide with a desktop UA (Android's "Desktop site", an unknown UA) is most likely a phone.
    type: ipad ? "tablet" : d.type == "desktop" && touch && width < 768 ? "mobile" : d.type,
    os: ipad ? "ios" : d.os,
    browser: d.browser,
    touch,
    viewport: { width, height: win.innerHeight },
  };
}
