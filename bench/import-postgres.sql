-- What a user would write by hand to load the benchmark CSV into PostgreSQL with
-- psql: COPY into a staging table, then INSERT ... SELECT into the base tables,
-- in one transaction, the schema's triggers (history, totals) on as for deals.
-- {CSV} is replaced by the file's path.
BEGIN;
CREATE TEMP TABLE staging (slug text, title text, kind text, status text, announced_on text,
    value_amount text, value_currency text, value_qualifier text, term_months text,
    starts_on text, parties text, tags text, notes text, source_url text);
\copy staging FROM '{CSV}' WITH (FORMAT csv, HEADER true)
INSERT INTO deals (slug, title, kind, status, announced_on, announced_precision,
                   value_amount, value_currency, value_qualifier, term_months)
SELECT slug, title, kind, status,
       CASE
         WHEN length(announced_on) = 4 THEN announced_on || '-01-01'
         WHEN announced_on LIKE '____-Q_' THEN substr(announced_on, 1, 4) || '-' ||
              lpad((substr(announced_on, 7, 1)::int * 3 - 2)::text, 2, '0') || '-01'
         WHEN length(announced_on) = 7 THEN announced_on || '-01'
         ELSE announced_on END,
       CASE
         WHEN length(announced_on) = 4 THEN 'year'
         WHEN announced_on LIKE '____-Q_' THEN 'quarter'
         WHEN length(announced_on) = 7 THEN 'month'
         ELSE 'day' END,
       nullif(value_amount, '')::bigint, nullif(value_currency, ''),
       nullif(value_qualifier, ''), nullif(term_months, '')::bigint
FROM staging;
CREATE TEMP TABLE parts AS
SELECT s.slug, split_part(p, ':', 1) AS name, split_part(p, ':', 2) AS role
FROM staging s, unnest(string_to_array(s.parties, '; ')) AS p;
INSERT INTO companies (slug, name)
SELECT DISTINCT lower(replace(name, ' ', '-')), name FROM parts
ON CONFLICT DO NOTHING;
INSERT INTO deal_parties (deal_id, company_id, role)
SELECT d.id, c.id, p.role FROM parts p JOIN deals d ON d.slug = p.slug JOIN companies c ON c.name = p.name
ON CONFLICT DO NOTHING;
INSERT INTO deal_tags (deal_id, tag)
SELECT d.id, s.tags FROM staging s JOIN deals d ON d.slug = s.slug WHERE s.tags <> '';
INSERT INTO deal_sources (deal_id, article_id)
SELECT d.id, a.id FROM staging s JOIN deals d ON d.slug = s.slug JOIN articles a ON a.url = s.source_url
WHERE s.source_url <> '';
COMMIT;
