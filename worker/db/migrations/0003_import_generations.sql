-- Imports (company ranges, account lists) are staged under a new generation and made live by moving one
-- pointer, so an import of any size is all or nothing although it takes many statements (D1 allows 100
-- bound parameters and 100 KB of SQL per statement). Rows from before this migration are generation 0,
-- which is what a scope without a pointer row reads.
CREATE TABLE import_generations (
  scope TEXT PRIMARY KEY,              -- 'ranges', or 'accounts:<site key>'
  live  INTEGER NOT NULL               -- the generation readers see
);
ALTER TABLE company_ranges ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account_lists ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
CREATE INDEX company_ranges_generation ON company_ranges(generation, id);
CREATE INDEX account_lists_generation ON account_lists(site_key, generation);
