-- Admin accounts, sessions, invites, login throttling, per-site API tokens, the audit log; versions for
-- optimistic concurrency; who published each version and what its source was (for diff and rollback).
-- Every secret (session id, invite token, API token) is stored as a SHA-256 hex digest, never as issued.
-- Times here are epoch milliseconds (INTEGER) so expiry checks are plain comparisons.

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,        -- lowercased
  password_hash TEXT NOT NULL,               -- hex PBKDF2-SHA256 (worker/auth/password.ts)
  salt          TEXT NOT NULL,               -- hex, random per user
  role          TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY,             -- SHA-256 of the cookie value
  user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,                -- echoed by the client in X-CSRF-Token
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,             -- idle expiry counts from here
  expires_at   INTEGER NOT NULL              -- absolute expiry
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE invites (
  token_hash TEXT PRIMARY KEY,
  email      TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);

-- Failed logins by key: 'email:<sha256 of the lowercased email>' or 'client:<sha256 of salt + IP>'.
CREATE TABLE login_attempts (
  key             TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL,
  blocked_until   INTEGER NOT NULL
);

CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  site_key     TEXT NOT NULL REFERENCES sites(key) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER
);
CREATE INDEX api_tokens_site ON api_tokens(site_key);

-- Not tied to sites by a foreign key: the log outlives a deleted site.
CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       TEXT NOT NULL,
  actor    TEXT NOT NULL,                    -- 'user:<id> <email>', 'owner-token', 'site-token:<id>', or an email for logins
  action   TEXT NOT NULL,                    -- e.g. segment.update, publish, login.failed
  site_key TEXT,
  target   TEXT,
  summary  TEXT                              -- JSON {before?, after?}, bounded
);
CREATE INDEX audit_log_site ON audit_log(site_key, id);

ALTER TABLE sites ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE segments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE experiences ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE versions ADD COLUMN published_by TEXT;
ALTER TABLE versions ADD COLUMN source TEXT;  -- JSON {segments, experiences, topics} as published
