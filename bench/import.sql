-- What a user would write by hand to load the benchmark CSV with plain sqlite3:
-- .import into a staging table, then INSERT ... SELECT into the base tables, in
-- one transaction. {CSV} is replaced by the file's path.
PRAGMA cache_size = -65536;
PRAGMA foreign_keys = ON;
.mode csv
.import {CSV} staging
BEGIN;
INSERT INTO deals (slug, title, kind, status, announced_on, announced_precision,
                   value_amount, value_currency, value_qualifier, term_months)
SELECT slug, title, kind, status,
       CASE
         WHEN length(announced_on) = 4 THEN announced_on || '-01-01'
         WHEN announced_on LIKE '____-Q_' THEN substr(announced_on, 1, 4) || '-' ||
              printf('%02d', substr(announced_on, 7, 1) * 3 - 2) || '-01'
         WHEN length(announced_on) = 7 THEN announced_on || '-01'
         ELSE announced_on END,
       CASE
         WHEN length(announced_on) = 4 THEN 'year'
         WHEN announced_on LIKE '____-Q_' THEN 'quarter'
         WHEN length(announced_on) = 7 THEN 'month'
         ELSE 'day' END,
       CAST(nullif(value_amount, '') AS INTEGER), nullif(value_currency, ''),
       nullif(value_qualifier, ''), CAST(nullif(term_months, '') AS INTEGER)
FROM staging;
CREATE TEMP TABLE parts AS
WITH RECURSIVE split(slug, rest, part) AS (
    SELECT slug, parties || '; ', NULL FROM staging
    UNION ALL
    SELECT slug, substr(rest, instr(rest, '; ') + 2), substr(rest, 1, instr(rest, '; ') - 1)
    FROM split WHERE rest <> ''
)
SELECT slug, substr(part, 1, instr(part, ':') - 1) AS name, substr(part, instr(part, ':') + 1) AS role
FROM split WHERE part IS NOT NULL;
INSERT OR IGNORE INTO companies (slug, name)
SELECT DISTINCT lower(replace(name, ' ', '-')), name FROM parts;
INSERT OR IGNORE INTO deal_parties (deal_id, company_id, role)
SELECT d.id, c.id, p.role FROM parts p JOIN deals d ON d.slug = p.slug JOIN companies c ON c.name = p.name;
INSERT INTO deal_tags (deal_id, tag)
SELECT d.id, s.tags FROM staging s JOIN deals d ON d.slug = s.slug WHERE s.tags <> '';
INSERT INTO deal_sources (deal_id, article_id)
SELECT d.id, a.id FROM staging s JOIN deals d ON d.slug = s.slug JOIN articles a ON a.url = s.source_url
WHERE s.source_url <> '';
COMMIT;
DROP TABLE staging;
