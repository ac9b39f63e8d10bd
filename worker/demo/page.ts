// Demo landing page for the fictional "Northwind Cloud" product. Facet's snippet
// personalizes the slots listed in `demoSlots`; keep those ids stable.

export const demoSlots = {
  headline: "#hero-headline",
  subheadline: "#hero-subheadline",
  cta: "#hero-cta",
  logosCaption: "#logos-caption",
  pricingHeading: "#pricing-heading",
  announcement: "#announcement-bar",
} as const;

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const CSS = `*{box-sizing:border-box;margin:0}
body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#0f172a;background:#fff;-webkit-font-smoothing:antialiased}
a{color:inherit}
.wrap{max-width:1120px;margin:0 auto;padding:0 24px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
#announcement-bar{background:#0b1220;color:#e2e8f0;text-align:center;font-size:14px;padding:8px 16px}
#announcement-bar a{color:#fff;text-decoration:none;font-weight:600}
#announcement-bar a:hover{text-decoration:underline}
header{border-bottom:1px solid #e2e8f0;background:rgba(255,255,255,.92);position:sticky;top:0;z-index:5;backdrop-filter:blur(8px)}
.nav{display:flex;align-items:center;gap:32px;height:64px}
.brand{display:flex;align-items:center;gap:10px;font-weight:700;font-size:18px;text-decoration:none;white-space:nowrap}
.nav ul{display:flex;gap:24px;list-style:none;padding:0;font-size:15px;color:#334155}
.nav ul a{text-decoration:none}.nav ul a:hover{color:#4338ca}
.nav .right{margin-left:auto;display:flex;gap:16px;align-items:center;font-size:15px}.login{text-decoration:none;font-weight:500}
.btn{display:inline-flex;align-items:center;justify-content:center;border-radius:10px;padding:12px 20px;font-weight:600;font-size:15px;text-decoration:none;transition:.15s;white-space:nowrap}
.btn-primary{background:#4338ca;color:#fff;box-shadow:0 6px 20px -6px rgba(67,56,202,.6)}
.btn-primary:hover{background:#3730a3}
.btn-secondary{background:#fff;color:#1e293b;border:1px solid #cbd5e1}
.btn-secondary:hover{border-color:#4338ca;color:#4338ca}
.btn-sm{padding:8px 14px;font-size:14px}
a:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}
.hero{background:radial-gradient(60% 80% at 85% 10%,#e0e7ff 0,transparent 70%),radial-gradient(50% 60% at 0 100%,#cffafe 0,transparent 70%),#f8fafc;padding:88px 0 96px}
.hero .wrap{display:grid;grid-template-columns:minmax(0,1.1fr) minmax(0,1fr);gap:56px;align-items:center}
.eyebrow{display:inline-block;font-size:13px;font-weight:600;color:#4338ca;background:#eef2ff;border:1px solid #c7d2fe;border-radius:99px;padding:4px 12px;margin-bottom:20px}
#hero-headline{font-size:clamp(34px,5vw,56px);line-height:1.08;letter-spacing:-.03em;font-weight:800;overflow-wrap:break-word}
#hero-subheadline{font-size:clamp(17px,2vw,20px);color:#475569;margin:20px 0 32px;max-width:36em}
.ctas{display:flex;flex-wrap:wrap;gap:12px}
.note{font-size:14px;color:#64748b;margin-top:16px}
.panel{background:#0f172a;border-radius:16px;padding:20px;color:#cbd5e1;box-shadow:0 30px 60px -20px rgba(15,23,42,.45);font-size:14px}
.row{display:flex;justify-content:space-between;align-items:center;padding:10px 12px;border-radius:8px;background:#1e293b;margin-top:8px;gap:12px}
.row>:first-child{overflow:hidden;text-overflow:ellipsis}
.ok,.warn{white-space:nowrap;font-size:12px;font-weight:700;padding:2px 8px;border-radius:99px}
.ok{background:#064e3b;color:#6ee7b7}.warn{background:#78350f;color:#fcd34d}
.ph{display:flex;justify-content:space-between;color:#94a3b8;font-size:13px;margin-bottom:8px}.spark{display:block;width:100%;height:72px;margin-top:12px}
#customer-logos{padding:48px 0;border-bottom:1px solid #e2e8f0;text-align:center}
#logos-caption{font-size:14px;font-weight:600;letter-spacing:.06em;text-transform:uppercase;color:#64748b;margin-bottom:24px}
.logos{display:flex;flex-wrap:wrap;justify-content:center;gap:20px 32px;list-style:none;padding:0;color:#64748b}
.logos svg{width:22px;height:22px;fill:currentColor}.logos li{display:flex;align-items:center;justify-content:center;gap:8px;font-weight:700;font-size:17px;white-space:nowrap}
section h2{font-size:clamp(26px,3.4vw,38px);line-height:1.15;letter-spacing:-.02em}
.features{padding:96px 0}
.lead{color:#475569;font-size:18px;margin-top:12px;max-width:40em}
.grid{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:24px;margin-top:48px}
.card{border:1px solid #e2e8f0;border-radius:16px;padding:28px;background:#fff}
.card .ic{width:44px;height:44px;border-radius:12px;display:grid;place-items:center;background:linear-gradient(135deg,#6366f1,#06b6d4);color:#fff;margin-bottom:18px}
.ic svg{width:22px;height:22px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.card h3{font-size:19px;margin-bottom:8px}.card p{color:#475569}
.quote{background:#0f172a;color:#e2e8f0;padding:88px 0}
.quote blockquote{max-width:820px;margin:0 auto;text-align:center}
.quote p{font-size:clamp(20px,2.6vw,28px);line-height:1.4;color:#fff;font-weight:500}
.quote footer{margin-top:24px;display:flex;justify-content:center;align-items:center;gap:12px;font-size:15px;color:#94a3b8}
.avatar{width:44px;height:44px;border-radius:50%;background:linear-gradient(135deg,#f472b6,#6366f1);display:grid;place-items:center;color:#fff;font-weight:700}
.quote cite{font-style:normal;color:#fff;font-weight:600;display:block;text-align:left}
#pricing-teaser{padding:96px 0}
.price{display:flex;flex-wrap:wrap;gap:32px;align-items:center;justify-content:space-between;border-radius:20px;padding:48px;background:linear-gradient(135deg,#eef2ff,#ecfeff);border:1px solid #c7d2fe}
.price>div{flex:1 1 380px}
#pricing-copy{color:#334155;font-size:18px;margin-top:12px}
.site-footer{border-top:1px solid #e2e8f0;padding:40px 0;font-size:14px;color:#64748b}
.site-footer .wrap{display:flex;flex-wrap:wrap;gap:16px 32px;align-items:center;justify-content:space-between}
.site-footer nav{display:flex;flex-wrap:wrap;gap:20px}.site-footer a{text-decoration:none}.site-footer a:hover{color:#0f172a}
.by{width:100%;font-size:12px;color:#64748b}
@media (max-width:860px){.nav ul{display:none}.hero{padding:56px 0 64px}.hero .wrap,.grid{grid-template-columns:minmax(0,1fr)}.hero .wrap{gap:40px}.features,#pricing-teaser{padding:64px 0}.price{padding:32px 24px}.logos{display:grid;grid-template-columns:1fr 1fr;gap:20px 12px}.logos svg{width:22px;height:22px;fill:currentColor}.logos li{font-size:16px}}
@media (max-width:420px){.wrap{padding:0 20px}.nav{gap:12px}.brand{font-size:16px}.nav .login{display:none}.ctas .btn{flex:1 1 100%}}
@media (max-width:360px){.nav .btn{display:none}.panel{padding:14px}}`;

const ICON_PATHS = [
  "M3 12h4l3-8 4 16 3-8h4",
  "M9 12l2 2 4-4M12 3l8 4v5c0 5-3.5 8-8 9-4.5-1-8-4-8-9V7z",
  "M4 6h6v6H4zM14 12h6v6h-6zM10 9h4v6",
];

function icon(d: string): string {
  return `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${d}"/></svg>`;
}

const LOGOS: Array<[string, string]> = [
  ["Acme Freight", '<path d="M2 20 12 4l10 16z"/>'],
  ["Lumen Bank", '<circle cx="12" cy="12" r="9"/>'],
  ["Pinecrest", '<path d="M12 2 4 14h16zM12 10l-6 10h12z"/>'],
  ["Helio Health", '<path d="M9 3h6v6h6v6h-6v6H9v-6H3V9h6z"/>'],
  ["Quanta Retail", '<rect x="3" y="3" width="18" height="18" rx="5"/>'],
  ["Vertex Labs", '<path d="M3 4h18L12 21z"/>'],
];

const FEATURES: Array<[string, string]> = [
  ["Pipeline monitoring", "Track freshness, volume and schema on every table, with Slack alerts before anyone sees a broken dashboard."],
  ["Automated data tests", "Generate tests from your dbt models and warehouse history. Catch nulls, duplicates and drift on every run."],
  ["Lineage &amp; root cause", "Trace any incident from dashboard to upstream job in one click, down to the column that changed."],
];

export function demoPage(opts: { siteKey: string; snippetSrc: string; title?: string }): string {
  const title = escapeHtml(opts.title ?? "Northwind Cloud — Reliable data pipelines");
  const logos = LOGOS.map(([name, shape]) => `<li><svg viewBox="0 0 24 24" aria-hidden="true">${shape}</svg>${name}</li>`).join("");
  const features = FEATURES.map(
    ([h, p], i) => `<article class="card"><div class="ic">${icon(ICON_PATHS[i] ?? "")}</div><h3>${h}</h3><p>${p}</p></article>`,
  ).join("");

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<script async src="${escapeHtml(opts.snippetSrc)}" data-site="${escapeHtml(opts.siteKey)}"></script>
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<div id="announcement-bar" role="note"><a href="/changelog">New: column-level lineage is here →</a></div>
<header>
<nav class="wrap nav" aria-label="Main">
<a class="brand" href="/" aria-label="Northwind Cloud home"><svg width="30" height="30" viewBox="0 0 32 32" aria-hidden="true"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#6366f1"/><stop offset="1" stop-color="#06b6d4"/></linearGradient></defs><rect width="32" height="32" rx="8" fill="url(#g)"/><path d="M9 22V10l14 12V10" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>Northwind Cloud</a>
<ul><li><a href="/product">Product</a></li><li><a href="/customers">Customers</a></li><li><a href="/pricing">Pricing</a></li><li><a href="/docs">Docs</a></li></ul>
<div class="right"><a class="login" href="/login">Log in</a><a class="btn btn-primary btn-sm" href="/signup">Get started</a></div>
</nav>
</header>
<main id="main">
<section class="hero" aria-labelledby="hero-headline">
<div class="wrap">
<div>
<span class="eyebrow">Data observability platform</span>
<h1 id="hero-headline">Ship reliable data pipelines in minutes</h1>
<p id="hero-subheadline">Northwind Cloud monitors, tests and repairs your pipelines so your team can stop firefighting.</p>
<div class="ctas"><a id="hero-cta" class="btn btn-primary" href="/signup">Start free trial</a><a id="hero-secondary-cta" class="btn btn-secondary" href="/demo">Book a demo</a></div>
<p class="note">14-day free trial · No credit card required · SOC 2 Type II</p>
</div>
<div class="panel" role="img" aria-label="Dashboard preview showing pipeline health">
<div class="ph"><span>Pipeline health</span><span>Last 24h</span></div>
<div class="row"><span>orders_daily</span><span class="ok">Healthy</span></div>
<div class="row"><span>customers_dim</span><span class="ok">Healthy</span></div>
<div class="row"><span>revenue_by_region</span><span class="warn">Schema drift</span></div>
<div class="row"><span>events_raw</span><span class="ok">Healthy</span></div>
<svg class="spark" viewBox="0 0 300 72" preserveAspectRatio="none" aria-hidden="true"><path d="M0 60 30 52 60 56 90 40 120 44 150 30 180 34 210 18 240 24 270 10 300 14V72H0z" fill="#6366f1" fill-opacity=".25"/><path d="M0 60 30 52 60 56 90 40 120 44 150 30 180 34 210 18 240 24 270 10 300 14" fill="none" stroke="#818cf8" stroke-width="2"/></svg>
</div>
</div>
</section>
<section id="customer-logos" aria-labelledby="logos-caption">
<div class="wrap">
<p id="logos-caption">Trusted by 2,000+ data teams</p>
<ul class="logos">${logos}</ul>
</div>
</section>
<section class="features" aria-labelledby="features-h">
<div class="wrap">
<h2 id="features-h">Everything you need to trust your data</h2>
<p class="lead">From ingestion to dashboard, Northwind Cloud watches every hop so bad data never reaches your business.</p>
<div class="grid">${features}</div>
</div>
</section>
<section class="quote" aria-label="Customer testimonial">
<div class="wrap">
<blockquote>
<p>“We cut data incidents by 80% in our first quarter. Northwind Cloud tells us what broke, why, and who is affected — before our CFO opens the dashboard.”</p>
<footer><span class="avatar" aria-hidden="true">MR</span><span><cite>Maya Rodriguez</cite>Head of Data, Lumen Bank</span></footer>
</blockquote>
</div>
</section>
<section id="pricing-teaser" aria-labelledby="pricing-heading">
<div class="wrap">
<div class="price">
<div>
<h2 id="pricing-heading">Simple pricing that scales with you</h2>
<p id="pricing-copy">Start free for up to 10 pipelines. Team plans from $499/month, with unlimited users and usage-based pricing as you grow.</p>
</div>
<a class="btn btn-primary" href="/pricing">See pricing</a>
</div>
</div>
</section>
</main>
<footer class="site-footer">
<div class="wrap">
<span>© 2025 Northwind Cloud, Inc.</span>
<nav aria-label="Footer"><a href="/security">Security</a><a href="/privacy">Privacy</a><a href="/terms">Terms</a><a href="/status">Status</a></nav>
<p class="by">Personalized by Facet</p>
</div>
</footer>
<noscript></noscript>
</body>
</html>`;
}
