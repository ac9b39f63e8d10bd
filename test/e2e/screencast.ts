// The DevTools screencast as a second witness of what Chromium painted (issue 9): the rAF sampling of
// browser.ts reads the DOM right before each paint; the screencast is the compositor's own output. A slot is
// made a solid colour block (slotColours): red while it holds its default content, green once personalized,
// the page's white background while hidden, so a frame is classified by its pixels alone.
// Screencast frames come only when the compositor produces a new frame, one at a time (each must be acked), and
// may skip frames: the check is one-sided. A red screencast frame means a default frame was painted, so the rAF
// sampling must have counted one; the rAF sampling counting none means no screencast frame may be red.
import { inflateSync } from "node:zlib";
import type { CDPSession, Page } from "playwright-core";

/** A class on an element inside the slot's default markup: any change of the slot's content removes it. */
export const DEFAULT_MARK = "facet-sc-default";

/**
 * CSS making `selector` a 480×240 solid block: red while it holds the DEFAULT_MARK element (the default),
 * green otherwise (text colour = background colour, so glyphs do not show). Hidden, it paints nothing.
 */
export const slotColours = (selector: string) =>
  `<style>${selector}{display:block;width:480px;height:240px;margin:0;overflow:hidden;background:#0f0;color:#0f0}` +
  `${selector}:has(.${DEFAULT_MARK}){background:#f00;color:#f00}` +
  // A pure blue bar painted with the body, whatever the slot does: a frame without it shows no page yet.
  `body::before{content:"";display:block;width:480px;height:60px;background:#00f}</style>`;

/** The default markup of a slot: its text inside the marked element (textContent is unchanged). */
export const markDefault = (text: string) => `<span class="${DEFAULT_MARK}">${text}</span>`;

/** "hidden": the page is painted (its blue bar shows) and the slot is not; "none": no page painted yet. */
export type Shown = "default" | "personalized" | "hidden" | "none";
export interface ScreencastFrame {
  /** metadata.timestamp: seconds since the epoch when the frame was produced. */
  t: number;
  shown: Shown;
}

const paeth = (a: number, b: number, c: number, filter: number) => {
  if (filter !== 4) throw new Error(`bad PNG filter ${filter}`);
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium's screencast sends) to RGB(A) rows. */
export function decodePng(png: Buffer): { width: number; height: number; channels: number; pixels: Buffer } {
  if (png.readUInt32BE(12) !== 0x49484452) throw new Error("not a PNG (no IHDR)");
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [depth, type, , , interlace] = png.subarray(24, 29);
  const channels = type === 2 ? 3 : type === 6 ? 4 : 0;
  if (depth !== 8 || !channels || interlace)
    throw new Error(`unsupported PNG: depth ${depth}, colour type ${type}, interlace ${interlace}`);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    if (png.toString("latin1", at + 4, at + 8) === "IDAT") idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[row + x - channels]! : 0;
      const b = y ? pixels[row - stride + x]! : 0;
      const c = y && x >= channels ? pixels[row - stride + x - channels]! : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c, filter);
      pixels[row + x] = (src[x]! + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** What a frame shows of the slot: a block of pure red or pure green pixels, at least `minShare` of the frame. */
export function classify(png: Buffer, minShare = 0.01): Shown {
  const { width, height, channels, pixels } = decodePng(png);
  let red = 0;
  let green = 0;
  let blue = 0;
  for (let i = 0; i < pixels.length; i += channels) {
    const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
    if (r > 240 && g < 16 && b < 16) red++;
    else if (g > 240 && r < 16 && b < 16) green++;
    else if (b > 240 && r < 16 && g < 16) blue++;
  }
  const min = minShare * width * height;
  return red >= min ? "default" : green >= min ? "personalized" : blue >= min ? "hidden" : "none";
}

export interface Recorder {
  /** Frames received so far, classified. */
  frames(): ScreencastFrame[];
  /** Forgets the frames received so far (e.g. those of a warm-up visit). */
  reset(): void;
  /** Waits until a frame showing `shown` arrives (a condition, not a sleep). */
  until(shown: Shown, timeoutMs?: number): Promise<void>;
  stop(): Promise<ScreencastFrame[]>;
}

/**
 * Starts the page's screencast (PNG, every frame, scaled down to 320×180: small frames cost the page little)
 * and acks each frame so the next one comes. Start it before navigating.
 */
export async function recordScreencast(page: Page, cdp?: CDPSession): Promise<Recorder> {
  const session = cdp ?? (await page.context().newCDPSession(page));
  let frames: ScreencastFrame[] = [];
  const waiters = new Set<() => void>();
  session.on("Page.screencastFrame", (e) => {
    session.send("Page.screencastFrameAck", { sessionId: e.sessionId }).catch(() => {});
    frames.push({ t: e.metadata.timestamp ?? 0, shown: classify(Buffer.from(e.data, "base64")) });
    for (const w of waiters) w();
  });
  await session.send("Page.startScreencast", { format: "png", everyNthFrame: 1, maxWidth: 320, maxHeight: 180 });
  return {
    frames: () => frames.slice(),
    reset: () => {
      frames = [];
    },
    until: (shown, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!frames.some((f) => f.shown === shown)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no screencast frame showed ${shown} within ${timeoutMs} ms (${frames.map((f) => f.shown).join(",")})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    stop: async () => {
      await session.send("Page.stopScreencast").catch(() => {});
      return frames.slice();
    },
  };
}
