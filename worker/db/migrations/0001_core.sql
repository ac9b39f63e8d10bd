-- Facet core schema: sites, their segments and experiences, published versions, company IP ranges.
-- JSON columns hold values already validated by the zod schemas in worker/schemas/.

CREATE TABLE sites (
  key         TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  origins     TEXT NOT NULL DEFAULT '[]',  -- JSON array of allowed origins for CORS
  live_version INTEGER,                    -- last published snapshot, NULL until the first publish
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE segments (
  id          TEXT NOT NULL,               -- unique within its site
  site_key    TEXT NOT NULL REFERENCES sites(key) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,               -- behavioral, geographic, firmographic, ... (for people; not evaluated)
  condition   TEXT NOT NULL,               -- JSON condition (SPEC §3)
  priority    INTEGER NOT NULL DEFAULT 0,  -- higher wins within an experience
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (site_key, id)
);

CREATE TABLE experiences (
  id          TEXT NOT NULL,               -- unique within its site
  site_key    TEXT NOT NULL REFERENCES sites(key) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'live', -- live | paused
  pages       TEXT NOT NULL DEFAULT '[]',   -- JSON array of URLPattern pathname patterns; empty = every page
  variants    TEXT NOT NULL DEFAULT '[]',   -- JSON array of { segment, changes[] }
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (site_key, id)
);

CREATE TABLE versions (
  site_key     TEXT NOT NULL REFERENCES sites(key) ON DELETE CASCADE,
  version      INTEGER NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (site_key, version)
);

-- Company IP ranges (firmographic enrichment). Addresses are stored as 32 hex digits of the 128-bit
-- IPv6 value (IPv4 as ::ffff:a.b.c.d), so string order is numeric order for both families.
CREATE TABLE company_ranges (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  start_ip        TEXT NOT NULL,
  end_ip          TEXT NOT NULL,
  name            TEXT NOT NULL,
  domain          TEXT,
  industry        TEXT,
  employees       INTEGER,
  employees_range TEXT,
  revenue_range   TEXT,
  type            TEXT NOT NULL DEFAULT 'business'
);
CREATE INDEX company_ranges_start ON company_ranges(start_ip);
