// Dev-only panel on the demo page: become a visitor of each demo segment in one click. It clears what
// Facet stored on this device (facet.forget) and reloads with the dev simulation parameters, which the
// Worker reads from the Referer of the snippet's context request (see worker/visitor/simulate.ts).
import { DB_NAME, STORE_NAME, storageKey } from "../../contract/storage";

export function simulatorPanel(site: string): string {
  const visitors: [string, string][] = [
    ["New visitor (no segment)", ""],
    ["From Germany", "?facet_sim_country=DE&facet_sim_city=Berlin"],
    ["From Acme Corp's network", "?facet_sim_ip=203.0.113.7"],
    ["Returning visitor", "?returning"],
  ];
  const buttons = visitors.map(([label, query]) => `<button type="button" data-q="${query}">${label}</button>`).join("");
  return `<aside id="facet-simulator" aria-label="Facet dev simulator" style="position:fixed;right:16px;bottom:16px;z-index:50;background:#0f172a;color:#e2e8f0;padding:12px 14px;border-radius:12px;font:13px system-ui,sans-serif;box-shadow:0 8px 24px rgba(0,0,0,.3);max-width:240px">
<strong style="display:block;margin-bottom:8px">Facet dev: simulate a visitor</strong>
<div style="display:grid;gap:6px">${buttons}</div>
<p id="facet-sim-state" style="margin:8px 0 0;color:#94a3b8"></p>
<style>#facet-simulator button{all:unset;cursor:pointer;background:#1e293b;padding:6px 10px;border-radius:8px}#facet-simulator button:hover,#facet-simulator button:focus-visible{background:#334155;outline:2px solid #60a5fa}</style>
<script>
(function () {
  var f = (window.facet = window.facet || []);
  f.push(["ready", function (i) {
    document.getElementById("facet-sim-state").textContent = "Segments: " + (i.segments.join(", ") || "none") + " · content from " + i.source;
  }]);
  function ageVisit(done) {
    // The last page view 31 minutes ago: the next one starts a second visit.
    var open = indexedDB.open(${JSON.stringify(DB_NAME)});
    open.onsuccess = function () {
      var tx = open.result.transaction(${JSON.stringify(STORE_NAME)}, "readwrite"), kv = tx.objectStore(${JSON.stringify(STORE_NAME)}), key = ${JSON.stringify(storageKey(site, "profile"))}, get = kv.get(key);
      get.onsuccess = function () { var p = get.result; if (p) { p.lastSeen -= 31 * 60000; kv.put(p, key); } };
      tx.oncomplete = done;
    };
    open.onerror = done;
  }
  document.querySelectorAll("#facet-simulator button").forEach(function (b) {
    b.addEventListener("click", function () {
      var q = b.getAttribute("data-q");
      Promise.resolve(window.facet.forget && window.facet.forget()).then(function () {
        if (q !== "?returning") return location.assign("/" + q);
        location.assign("/?first-visit");
      });
    });
  });
  if (location.search === "?first-visit") f.push(["ready", function () { ageVisit(function () { location.assign("/"); }); }]);
})();
</script>
</aside>`;
}
