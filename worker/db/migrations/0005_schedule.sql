-- An experience's optional schedule: ISO 8601 date-times with their timezone as the API took them (NULL: unbounded).
-- Published as epoch ms (`from`/`until`) that the snippet and edge mode compare with the current time.
ALTER TABLE experiences ADD COLUMN starts_at TEXT;
ALTER TABLE experiences ADD COLUMN ends_at TEXT;
