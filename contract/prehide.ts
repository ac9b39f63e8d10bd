// The pre-hide snippet: a few hundred bytes a site pastes inline before the facet.js tag (README "Pre-hide").
// It runs synchronously in the <head>, before the first paint, reads the slots facet.js recorded for this site
// (localStorage, slotsKey: the site's live slots by page pattern, nothing about the visitor) and hides those of
// this page. CSS does the hiding: a keyframes animation holds `visibility: hidden` for the site's timeout and
// then ends by itself, so nothing stays hidden if facet.js never loads, errs or is blocked. facet.js removes the
// <style id="facet-prehide"> as soon as it has decided, in the same task as it hides the slots it will change
// itself: non-winner slots are released at once, the winners' never paint their default.
// The copy the admin's install endpoint generates also carries the published slot list (`b`, baked in), for
// first visits: it is used unless the device recorded a list at least as new. The baked version goes on the
// style element (data-v, with the warning's text in data-m, bytes facet.js need not carry), for facet.js to
// say when the pasted copy is older than the config it decides with (README "Stale copy"). When it hides a slot
// it also records on the style element when its CSS runs out (data-t, epoch ms): until then facet.js swaps
// nothing in after that moment, so never into a slot the CSS has shown already (README, the pre-hide's Timeout).
// Hand-written ES5 (it runs before anything else on the page and must never throw): a bad entry, a bad
// pattern or no localStorage (private modes, blocked storage) hides nothing, or only what is baked in.
import { REGEX_INPUT_MAX } from "./compare";
import { DB_NAME, EARLY_DB, PREHIDE_ID, STORE_NAME, slotsKey, type SlotList } from "./storage";

// A repeat visit (the slots entry exists: facet.js wrote its IndexedDB cache) opens IndexedDB now, while
// facet.js is still loading, and leaves a promise of the connection (of undefined if the open fails) on
// window[EARLY_DB] for facet.js to read its cache through: the open no longer delays the decision. A first
// visit, or a device where Facet stores nothing, opens nothing. The store is created as idb-keyval creates it,
// should the database have been deleted since.
const EARLY =
  `try{if(localStorage.getItem(k)){var r=indexedDB.open("${DB_NAME}");r.onupgradeneeded=function(){r.result.createObjectStore("${STORE_NAME}")};` +
  `window.${EARLY_DB}=new Promise(function(y){r.onsuccess=r.onerror=function(){y(r.result)}})}}catch(_){}`;

// `stale`: only a copy with a baked list carries the stale copy's note (the bytes of its message).
const code = (stale: string) =>
  `(function(k,b){try{var d,p=location.pathname,e=document.createElement("style"),s,l;` +
  `try{d=JSON.parse(localStorage.getItem(k))}catch(_){}if(b&&!(d&&d.v>=b.v))d=b;l=d.e;` +
  `e.id="${PREHIDE_ID}";${stale}` +
  `e.nonce=(document.currentScript||{}).nonce;document.head.appendChild(e);s=e.sheet;` +
  `s.insertRule("@keyframes ${PREHIDE_ID}{0%,to{visibility:hidden}}");` +
  `l.forEach(function(x){if(!x[0].length||p.length<=${REGEX_INPUT_MAX}&&x[0].some(function(r){try{return RegExp(r).test(p)}catch(_){}}))` +
  `x[1].forEach(function(c){try{s.insertRule(c+"{animation:${PREHIDE_ID} "+(+d.t||1000)+"ms}");e.dataset.t=Date.now()+(+d.t||1000)}catch(_){}})})}catch(_){}${EARLY}})`;

const STALE = `e.setAttribute("data-v",b.v);e.setAttribute("data-m","facet: the pasted pre-hide snippet is from version "+b.v+", copy it again from the admin (Install). Live version:");`;

/** JSON that is safe inside an inline <script>: no `</script>` or `<!--` can end it, no line separators. */
const inlineJson = (x: unknown) =>
  JSON.stringify(x).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * The pre-hide snippet for `site`, to paste inside a <script> element (the Worker serves the one without a
 * baked list at /v1/sites/:site/prehide.js; the admin's install endpoint bakes in the published one).
 */
export const prehide = (site: string, baked?: SlotList): string =>
  `${code(baked ? STALE : "")}(${JSON.stringify(slotsKey(site))}${baked ? "," + inlineJson(baked) : ""})`;

/** The upgraded tag (README "Zero flicker"): the site's own script, with its published config inlined. */
export const upgradedTag = (origin: string, site: string) =>
  `<script async src="${origin}/v1/sites/${encodeURIComponent(site)}/facet.js"></script>`;

/** The flicker-free install to paste first in the <head>: the pre-hide snippet inline, then the upgraded tag. */
export const fastInstall = (origin: string, site: string, baked?: SlotList) =>
  `<script>${prehide(site, baked)}</script>\n${upgradedTag(origin, site)}`;
