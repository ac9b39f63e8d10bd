// The pre-hide snippet: a few hundred bytes a site pastes inline before the facet.js tag (README "Pre-hide").
// It runs synchronously in the <head>, before the first paint, reads the slots facet.js recorded for this site
// (localStorage, slotsKey: the site's live slots by page pattern, nothing about the visitor) and hides those of
// this page. CSS does the hiding: a keyframes animation holds `visibility: hidden` for the site's timeout and
// then ends by itself, so nothing stays hidden if facet.js never loads, errs or is blocked. facet.js removes the
// <style id="facet-prehide"> as soon as it has decided, in the same task as it hides the slots it will change
// itself: non-winner slots are released at once, the winners' never paint their default.
// Hand-written ES5 (it runs before anything else on the page and must never throw): a bad entry, a bad
// pattern or no localStorage (private modes, blocked storage) hides nothing.
import { REGEX_INPUT_MAX } from "./compare";
import { DB_NAME, EARLY_DB, PREHIDE_ID, STORE_NAME, slotsKey } from "./storage";

// A repeat visit (the slots entry exists: facet.js wrote its IndexedDB cache) opens IndexedDB now, while
// facet.js is still loading, and leaves a promise of the connection (of undefined if the open fails) on
// window[EARLY_DB] for facet.js to read its cache through: the open no longer delays the decision. A first
// visit, or a device where Facet stores nothing, opens nothing. The store is created as idb-keyval creates it,
// should the database have been deleted since.
const EARLY =
  `try{if(localStorage.getItem(k)){var r=indexedDB.open("${DB_NAME}");r.onupgradeneeded=function(){r.result.createObjectStore("${STORE_NAME}")};` +
  `window.${EARLY_DB}=new Promise(function(y){r.onsuccess=r.onerror=function(){y(r.result)}})}}catch(_){}`;

const CODE =
  `(function(k){try{var d=JSON.parse(localStorage.getItem(k)),p=location.pathname,l=d.e,e=document.createElement("style"),s;` +
  `e.id="${PREHIDE_ID}";e.nonce=(document.currentScript||{}).nonce;document.head.appendChild(e);s=e.sheet;` +
  `s.insertRule("@keyframes ${PREHIDE_ID}{0%,to{visibility:hidden}}");` +
  `l.forEach(function(x){if(!x[0].length||p.length<=${REGEX_INPUT_MAX}&&x[0].some(function(r){try{return RegExp(r).test(p)}catch(_){}}))` +
  `x[1].forEach(function(c){try{s.insertRule(c+"{animation:${PREHIDE_ID} "+(+d.t||1000)+"ms}")}catch(_){}})})}catch(_){}${EARLY}})`;

/** The pre-hide snippet for `site`, to paste inside a <script> element (the Worker serves it at /v1/sites/:site/prehide.js). */
export const prehide = (site: string): string => `${CODE}(${JSON.stringify(slotsKey(site))})`;
