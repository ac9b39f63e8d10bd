// node scripts/render-block-probe.mjs [runs]: can a page hold its first paint until IndexedDB answers? The one
// thing that would let a repeat visit paint a profile-dependent winner in its first frame without keeping
// anything about the visitor in synchronous storage (issue 9, acceptance 1; SPEC §6). A local page's inline
// head script opens IndexedDB and reads one key (what the pre-hide snippet and facet.js do on a repeat visit),
// with the slot hidden meanwhile; every frame is sampled with requestAnimationFrame. Two ways, each on a small
// page (2 KB) and a long one (100 KB):
//   plain   nothing holds rendering
//   expect  <link rel=expect blocking=render href="#never"> inserted by the script, removed when the read
//           answers: rendering stays blocked until then, or until the parser is done (the spec's bound)
// A run is "blank" when a frame painted before the read answered (the slot hidden, neither default nor content).
import http from "node:http";
import { chromium } from "playwright-core";
import { ensureChromium } from "./chromium.mjs";

const runs = Number(process.argv[2] ?? 10);
const page = (mode, kb) => `<!doctype html><html><head><title>probe</title><script>
window.F=[];(function f(){requestAnimationFrame(function(){var s=document.getElementById('slot');
F.push([performance.now(),s?s.textContent:'-',s?getComputedStyle(s).visibility:'-']);if(F.length<20)f()})})();
${mode === "expect" ? "var L=document.createElement('link');L.rel='expect';L.href='#never';L.blocking='render';document.head.appendChild(L);" : ""}
var st=document.createElement('style');st.textContent='#slot{visibility:hidden}';document.head.appendChild(st);
var r=indexedDB.open('probe');r.onupgradeneeded=function(){r.result.createObjectStore('s')};
r.onsuccess=function(){var o=r.result.transaction('s','readwrite').objectStore('s'),g=o.get('k');g.onsuccess=function(){
window.readAt=performance.now();o.put('v','k');var go=function(){if(g.result)document.getElementById('slot').textContent='Personal';
st.remove();${mode === "expect" ? "L.remove();" : ""}};document.getElementById('slot')?go():document.addEventListener('DOMContentLoaded',go)}};
</script></head><body><h1 id="slot">Default</h1><p>${"lorem ipsum ".repeat(kb * 85)}</p></body></html>`;

const server = http.createServer((q, s) => {
  const [, mode, kb] = q.url.split("/");
  s.setHeader("content-type", "text/html");
  s.end(page(mode, Number(kb)));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: ensureChromium(),
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const kb of [2, 100])
  for (const mode of ["plain", "expect"]) {
    const p = await (await browser.newContext()).newPage();
    const url = `${origin}/${mode}/${kb}`;
    await p.goto(url); // the first visit writes the key: every run below is a repeat visit
    const read = [],
      first = [];
    let blank = 0;
    for (let i = 0; i < runs; i++) {
      await p.goto("about:blank");
      await p.goto(url);
      await p.waitForFunction(() => window.F.length >= 20);
      const r = await p.evaluate(() => ({ readAt: window.readAt, f: window.F }));
      read.push(r.readAt), first.push(r.f[0][0]);
      if (r.f[0][0] < r.readAt) blank++;
    }
    console.log(
      `${String(kb).padStart(3)} KB ${mode.padEnd(6)}  read answers ${median(read).toFixed(0)} ms, first frame ${median(first).toFixed(0)} ms (medians from navigation start); ${blank}/${runs} runs paint before the read`,
    );
    await p.context().close();
  }
await browser.close();
server.close();
