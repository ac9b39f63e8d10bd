// node scripts/swr-probe.mjs: does headless Chromium run an async script past its max-age at once when the response
// allows stale-while-revalidate, or wait for the revalidation? The question behind the upgraded script's
// Cache-Control (README "How fresh"). A local server serves a one-line script (ETag, the Cache-Control given
// below) and holds every revalidation 500 ms; the page is loaded, left until the copy is 2.5 s old, and loaded
// again: when did the script run, and was the revalidation made?
import http from "node:http";
import { chromium } from "playwright-core";
import { ensureChromium } from "./chromium.mjs";

const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: ["--no-sandbox", "--disable-gpu"] });
for (const cacheControl of ["public, max-age=1", "public, max-age=1, stale-while-revalidate=86400"]) {
  let asked = 0;
  const server = http.createServer((q, s) => {
    if (!q.url.startsWith("/s.js")) {
      s.setHeader("content-type", "text/html");
      return s.end('<!doctype html><script async src="/s.js"></script><h1>probe</h1>');
    }
    const revalidation = asked++ > 0;
    setTimeout(
      () => {
        s.setHeader("content-type", "application/javascript");
        s.setHeader("cache-control", cacheControl);
        s.setHeader("etag", '"1"');
        if (revalidation && q.headers["if-none-match"] == '"1"') s.statusCode = 304;
        s.end(s.statusCode == 304 ? undefined : "window.ranAt = performance.now()");
      },
      revalidation ? 500 : 0,
    );
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.ranAt);
  await page.waitForTimeout(2500); // the HTTP cache's copy ages past max-age=1
  await page.goto("about:blank");
  await page.goto(url);
  await page.waitForFunction(() => window.ranAt);
  const ranAt = await page.evaluate(() => window.ranAt);
  console.log(`${cacheControl.padEnd(50)} script ran ${Math.round(ranAt)} ms after navigation; ${asked} requests for it`);
  await page.context().close();
  server.close();
}
await browser.close();
