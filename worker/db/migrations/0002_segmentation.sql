-- Segmentation: account lists and interest topics per site.

-- A site's target accounts (company.inAccountList). Replaced whole on each import.
CREATE TABLE account_lists (
  site_key  TEXT NOT NULL REFERENCES sites(key) ON DELETE CASCADE,
  domain    TEXT,
  name      TEXT,
  CHECK (domain IS NOT NULL OR name IS NOT NULL)
);
CREATE INDEX account_lists_site ON account_lists(site_key);

-- Psychographic topics: page patterns whose views raise interests.<topic> on the visitor's device.
CREATE TABLE topics (
  site_key  TEXT NOT NULL REFERENCES sites(key) ON DELETE CASCADE,
  topic     TEXT NOT NULL,
  pages     TEXT NOT NULL,            -- JSON array of URLPattern pathname patterns
  PRIMARY KEY (site_key, topic)
);
