-- The physical limit of the benchmark import: the hand-written set-wise load of
-- bench/import.sql, with the per-row insert triggers dropped inside the one
-- transaction and their work (the history, the totals, the search index) done
-- set-wise before the commit, then the triggers put back. The end state is the
-- one the triggers would have made. {CSV} is replaced by the file's path;
-- {TRIGGERS} by a scratch file that keeps the triggers' SQL.
PRAGMA cache_size = -65536;
PRAGMA foreign_keys = ON;
.mode list
.output {TRIGGERS}
SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger' AND name IN ('deals_changes_insert', 'deals_totals_insert', 'deals_ai', 'deal_parties_changes_insert', 'deal_parties_totals_insert', 'deal_tags_changes_insert', 'deal_events_changes_insert', 'deal_sources_changes_insert', 'companies_changes_insert', 'company_aliases_changes_insert');
.output stdout
.mode csv
.import {CSV} staging
BEGIN;
CREATE TEMP TABLE marks AS SELECT
    (SELECT coalesce(max(id), 0) FROM deals) AS deals,
    (SELECT coalesce(max(id), 0) FROM companies) AS companies,
    (SELECT coalesce(max(rowid), 0) FROM company_aliases) AS aliases,
    (SELECT coalesce(max(id), 0) FROM deal_sources) AS sources;
DROP TRIGGER deals_changes_insert;
DROP TRIGGER deals_totals_insert;
DROP TRIGGER deals_ai;
DROP TRIGGER deal_parties_changes_insert;
DROP TRIGGER deal_parties_totals_insert;
DROP TRIGGER deal_tags_changes_insert;
DROP TRIGGER deal_events_changes_insert;
DROP TRIGGER deal_sources_changes_insert;
DROP TRIGGER companies_changes_insert;
DROP TRIGGER company_aliases_changes_insert;
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
INSERT INTO changes (table_name, row_key, operation, company_id)
SELECT 'companies', id, 'insert', id FROM companies WHERE id > (SELECT companies FROM marks);
INSERT INTO changes (table_name, row_key, operation, company_id)
SELECT 'company_aliases', alias, 'insert', company_id FROM company_aliases
WHERE rowid > (SELECT aliases FROM marks);
INSERT INTO changes (table_name, row_key, operation, deal_id)
SELECT 'deals', id, 'insert', id FROM deals WHERE id > (SELECT deals FROM marks);
INSERT INTO changes (table_name, row_key, operation, deal_id, company_id)
SELECT 'deal_parties', deal_id || '/' || company_id || '/' || role, 'insert', deal_id, company_id
FROM deal_parties WHERE deal_id > (SELECT deals FROM marks);
INSERT INTO changes (table_name, row_key, operation, deal_id)
SELECT 'deal_tags', deal_id || '/' || tag, 'insert', deal_id FROM deal_tags
WHERE deal_id > (SELECT deals FROM marks);
INSERT INTO changes (table_name, row_key, operation, deal_id)
SELECT 'deal_sources', id, 'insert', deal_id FROM deal_sources WHERE id > (SELECT sources FROM marks);
INSERT INTO deals_fts (rowid, title, notes, search_folded)
SELECT id, title, notes, search_folded FROM deals WHERE id > (SELECT deals FROM marks);
INSERT INTO deals_cjk (rowid, search_cjk)
SELECT id, search_cjk FROM deals WHERE id > (SELECT deals FROM marks) AND search_cjk IS NOT NULL;
INSERT INTO deal_totals (month, precision, status, currency, deals, value, approx, at_least, up_to)
SELECT coalesce(substr(announced_on, 1, 7), ''), coalesce(announced_precision, ''), status,
       coalesce(value_currency, ''), count(*), coalesce(sum(value_amount), 0),
       sum(CASE WHEN value_qualifier = 'approx' THEN value_amount ELSE 0 END),
                sum(CASE WHEN value_qualifier = 'at-least' THEN value_amount ELSE 0 END),
                sum(CASE WHEN value_qualifier = 'up-to' THEN value_amount ELSE 0 END)
FROM deals WHERE id > (SELECT deals FROM marks) GROUP BY 1, 2, 3, 4
ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, value = value + excluded.value,
           approx = approx + excluded.approx, at_least = at_least + excluded.at_least,
           up_to = up_to + excluded.up_to;
INSERT INTO company_totals (company_id, status, currency, dated, deals, value, approx, at_least, up_to)
SELECT p.company_id, d.status, coalesce(d.value_currency, ''), d.announced_on IS NOT NULL,
       count(*), coalesce(sum(d.value_amount), 0),
       sum(CASE WHEN d.value_qualifier = 'approx' THEN d.value_amount ELSE 0 END),
                sum(CASE WHEN d.value_qualifier = 'at-least' THEN d.value_amount ELSE 0 END),
                sum(CASE WHEN d.value_qualifier = 'up-to' THEN d.value_amount ELSE 0 END)
FROM (SELECT DISTINCT deal_id, company_id FROM deal_parties
      WHERE deal_id > (SELECT deals FROM marks)) p
JOIN deals d ON d.id = p.deal_id
GROUP BY 1, 2, 3, 4
ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, value = value + excluded.value,
           approx = approx + excluded.approx, at_least = at_least + excluded.at_least,
           up_to = up_to + excluded.up_to;
.read {TRIGGERS}
COMMIT;
DROP TABLE staging;
