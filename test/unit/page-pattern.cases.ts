// Page patterns and what they mean, shared by the compiler's unit test and the Chromium check against URLPattern.
// [pattern, paths it matches, paths it does not]: the meaning URLPattern gives them (checked against Chromium's
// own URLPattern in test/e2e/page-patterns.test.ts).
export const PAGE_PATTERN_CASES: [string, string[], string[]][] = [
  ["/pricing", ["/pricing"], ["/pricing/", "/pricing-old", "/Pricing", "/en/pricing"]],
  ["/", ["/"], ["/x"]],
  ["*", ["/", "/a/b"], []],
  ["/blog/*", ["/blog/", "/blog/a", "/blog/a/b"], ["/blog", "/blogs/a"]],
  ["/*/edit", ["/posts/edit", "//edit", "/a/b/edit"], ["/edit", "/posts/view"]],
  ["/blog/:slug", ["/blog/hello", "/blog/a.b"], ["/blog/", "/blog", "/blog/a/b"]],
  ["/blog/:slug?", ["/blog", "/blog/x"], ["/blog/", "/blog/x/y"]],
  ["/:id.json", ["/a.json", "/a.b.json"], ["/.json", "/a/b.json", "/ajson"]],
  ["/file-:v", ["/file-1", "/file-a-b"], ["/file-", "/file-1/2"]],
  ["/(en|de)/pricing", ["/en/pricing", "/de/pricing"], ["/fr/pricing", "/pricing", "/ende/pricing"]],
  ["/(en|de)?/pricing", ["/pricing", "/de/pricing"], ["//pricing", "/fr/pricing"]],
  ["/:lang(en|de)/x", ["/en/x"], ["/fr/x"]],
  ["/pricing{/}?", ["/pricing", "/pricing/"], ["/pricing//", "/pricingx"]],
  ["{/:lang}?/about", ["/about", "/fr/about"], ["/a/b/about"]],
  ["/shop{/:cat}?/sale", ["/shop/sale", "/shop/men/sale"], ["/shop//sale"]],
  ["/a\\:b\\(c\\)\\*\\+", ["/a:b(c)*+"], ["/ab"]],
  ["/caf%C3%A9", ["/caf%C3%A9"], ["/caf"]],
  ["/.well-known/x", ["/.well-known/x"], ["/well-known/x"]],
  ["/a.html", ["/a.html"], ["/aXhtml"]],
  ["/search;q=1&x=$!@~'", ["/search;q=1&x=$!@~'"], ["/search"]],
  ["/*?", ["/", "/a"], []],
  ["/x/*.pdf", ["/x/a.pdf", "/x/a/b.pdf"], ["/x/a.pdfx"]],
];
