-- The deals schema. Released migrations are never edited; later changes are new files.
-- Dates are stored as ISO text holding the FIRST day of their period, next to a
-- precision column, so strftime() and GROUP BY work in plain SQL.
-- Money is an INTEGER of whole currency units next to an ISO 4217 code.

-- Lookup tables: small, seeded here, referenced by foreign keys. SQL users may add rows.
CREATE TABLE deal_kinds (
    kind        TEXT PRIMARY KEY CHECK (kind GLOB '[a-z]*' AND kind NOT GLOB '*[^a-z-]*'),
    description TEXT NOT NULL
);

INSERT INTO deal_kinds (kind, description) VALUES
    ('investment',    'Equity or convertible investment in a company'),
    ('acquisition',   'One company buys another or a controlling stake'),
    ('merger',        'Two companies combine into one'),
    ('cloud-compute', 'Purchase of cloud computing capacity'),
    ('chip-supply',   'Supply of chips or accelerators'),
    ('datacenter',    'Building, leasing or operating data centres'),
    ('partnership',   'Commercial or strategic partnership'),
    ('licensing',     'Licence of technology, models or content'),
    ('joint-venture', 'A new venture owned jointly by the parties'),
    ('other',         'Anything else');

CREATE TABLE deal_statuses (
    status      TEXT PRIMARY KEY CHECK (status GLOB '[a-z]*' AND status NOT GLOB '*[^a-z-]*'),
    position    INTEGER NOT NULL UNIQUE,
    description TEXT NOT NULL
);

INSERT INTO deal_statuses (status, position, description) VALUES
    ('reported',         1, 'Reported by the press, not confirmed by the parties'),
    ('announced',        2, 'Announced by at least one party'),
    ('letter-of-intent', 3, 'Letter of intent or memorandum of understanding signed'),
    ('signed',           4, 'Definitive agreement signed'),
    ('active',           5, 'In effect, being delivered'),
    ('completed',        6, 'Closed or fully delivered'),
    ('terminated',       7, 'Ended early after taking effect'),
    ('cancelled',        8, 'Called off before taking effect');

CREATE TABLE party_roles (
    role        TEXT PRIMARY KEY CHECK (role GLOB '[a-z]*' AND role NOT GLOB '*[^a-z-]*'),
    description TEXT NOT NULL
);

INSERT INTO party_roles (role, description) VALUES
    ('customer', 'Buys the goods or services'),
    ('provider', 'Supplies the goods or services'),
    ('investor', 'Puts money in'),
    ('investee', 'Receives the investment'),
    ('acquirer', 'Buys'),
    ('target',   'Is bought'),
    ('partner',  'Takes part on an equal footing');

CREATE TABLE company_kinds (
    kind        TEXT PRIMARY KEY CHECK (kind GLOB '[a-z]*' AND kind NOT GLOB '*[^a-z-]*'),
    description TEXT NOT NULL
);

INSERT INTO company_kinds (kind, description) VALUES
    ('company',    'A business'),
    ('government', 'A state, ministry or public agency'),
    ('fund',       'An investment fund, sovereign fund or asset manager'),
    ('consortium', 'A group of companies acting together');

CREATE TABLE event_kinds (
    kind        TEXT PRIMARY KEY CHECK (kind GLOB '[a-z]*' AND kind NOT GLOB '*[^a-z-]*'),
    description TEXT NOT NULL
);

INSERT INTO event_kinds (kind, description) VALUES
    ('announced',       'The deal was made public'),
    ('signed',          'The agreement was signed'),
    ('started',         'Delivery or operation began'),
    ('milestone',       'A stage reached or promised'),
    ('amended',         'The terms changed'),
    ('completed',       'The deal closed or was fully delivered'),
    ('terminated',      'The deal ended early'),
    ('market-reaction', 'How the market took the news');

CREATE TABLE companies (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE
                CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'
                       AND slug NOT GLOB '*--*' AND slug NOT GLOB '*-' AND slug GLOB '*[a-z]*'),
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0 AND name = trim(name)),
    kind        TEXT NOT NULL DEFAULT 'company' REFERENCES company_kinds (kind) ON UPDATE CASCADE,
    country     TEXT CHECK (country IS NULL OR (length(country) = 2 AND country GLOB '[A-Z][A-Z]')),
    parent_id   INTEGER REFERENCES companies (id) ON DELETE SET NULL,
    website     TEXT,
    description TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (parent_id IS NULL OR parent_id <> id)
);

CREATE INDEX companies_parent ON companies (parent_id);

-- Every name a company is known by, its own name included, so that one lookup
-- resolves "AWS", "aws" and "Amazon Web Services" alike.
CREATE TABLE company_aliases (
    alias      TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(trim(alias)) > 0 AND alias = trim(alias)),
    company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE
);

CREATE INDEX company_aliases_company ON company_aliases (company_id);

-- A company's own name is always one of its aliases; a renamed company keeps its old
-- name as an alias, so earlier references still resolve.
CREATE TRIGGER companies_name_alias_insert AFTER INSERT ON companies BEGIN
    INSERT INTO company_aliases (alias, company_id) VALUES (new.name, new.id);
END;

CREATE TRIGGER companies_name_alias_update AFTER UPDATE OF name ON companies
WHEN new.name IS NOT old.name BEGIN
    DELETE FROM company_aliases WHERE alias = new.name AND company_id = new.id;
    INSERT INTO company_aliases (alias, company_id) VALUES (new.name, new.id);
END;

CREATE TABLE deals (
    id                  INTEGER PRIMARY KEY,
    slug                TEXT NOT NULL UNIQUE
                        CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'
                               AND slug NOT GLOB '*--*' AND slug NOT GLOB '*-' AND slug GLOB '*[a-z]*'),
    title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind                TEXT NOT NULL REFERENCES deal_kinds (kind) ON UPDATE CASCADE,
    status              TEXT NOT NULL DEFAULT 'announced' REFERENCES deal_statuses (status) ON UPDATE CASCADE,
    announced_on        TEXT,
    announced_precision TEXT CHECK (announced_precision IN ('day', 'month', 'quarter', 'half', 'year')),
    value_amount        INTEGER CHECK (value_amount IS NULL OR (typeof(value_amount) = 'integer' AND value_amount >= 0)),
    value_currency      TEXT CHECK (value_currency IS NULL OR (length(value_currency) = 3 AND value_currency GLOB '[A-Z][A-Z][A-Z]')),
    value_qualifier     TEXT CHECK (value_qualifier IN ('exact', 'approx', 'at-least', 'up-to')),
    term_months         INTEGER CHECK (term_months IS NULL OR (typeof(term_months) = 'integer' AND term_months > 0)),
    starts_on           TEXT,
    starts_precision    TEXT CHECK (starts_precision IN ('day', 'month', 'quarter', 'half', 'year')),
    notes               TEXT,
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    -- A value is an amount, a currency and a qualifier together, or none of them.
    CHECK ((value_amount IS NULL) = (value_currency IS NULL)),
    CHECK ((value_amount IS NULL) = (value_qualifier IS NULL)),
    CHECK ((announced_on IS NULL) = (announced_precision IS NULL)),
    CHECK ((starts_on IS NULL) = (starts_precision IS NULL)),
    -- A date is a real calendar day and the first day of its period.
    CHECK (announced_on IS NULL OR (date(announced_on) IS announced_on AND CASE announced_precision
        WHEN 'day' THEN 1
        WHEN 'month' THEN substr(announced_on, 9, 2) = '01'
        WHEN 'quarter' THEN substr(announced_on, 6, 5) IN ('01-01', '04-01', '07-01', '10-01')
        WHEN 'half' THEN substr(announced_on, 6, 5) IN ('01-01', '07-01')
        WHEN 'year' THEN substr(announced_on, 6, 5) = '01-01'
        ELSE 0 END)),
    CHECK (starts_on IS NULL OR (date(starts_on) IS starts_on AND CASE starts_precision
        WHEN 'day' THEN 1
        WHEN 'month' THEN substr(starts_on, 9, 2) = '01'
        WHEN 'quarter' THEN substr(starts_on, 6, 5) IN ('01-01', '04-01', '07-01', '10-01')
        WHEN 'half' THEN substr(starts_on, 6, 5) IN ('01-01', '07-01')
        WHEN 'year' THEN substr(starts_on, 6, 5) = '01-01'
        ELSE 0 END))
);

CREATE INDEX deals_announced ON deals (announced_on);
CREATE INDEX deals_kind ON deals (kind);
CREATE INDEX deals_status ON deals (status);

CREATE TABLE deal_parties (
    deal_id    INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE RESTRICT,
    role       TEXT NOT NULL REFERENCES party_roles (role) ON UPDATE CASCADE,
    PRIMARY KEY (deal_id, company_id, role)
) WITHOUT ROWID;

CREATE INDEX deal_parties_company ON deal_parties (company_id, role, deal_id);

CREATE TABLE deal_tags (
    deal_id INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    tag     TEXT NOT NULL CHECK (length(tag) > 0 AND tag = lower(trim(tag))),
    PRIMARY KEY (deal_id, tag)
) WITHOUT ROWID;

CREATE INDEX deal_tags_tag ON deal_tags (tag, deal_id);

CREATE TABLE deal_events (
    id               INTEGER PRIMARY KEY,
    deal_id          INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    occurs_on        TEXT NOT NULL,
    occurs_precision TEXT NOT NULL CHECK (occurs_precision IN ('day', 'month', 'quarter', 'half', 'year')),
    kind             TEXT NOT NULL REFERENCES event_kinds (kind) ON UPDATE CASCADE,
    note             TEXT,
    CHECK (date(occurs_on) IS occurs_on AND CASE occurs_precision
        WHEN 'day' THEN 1
        WHEN 'month' THEN substr(occurs_on, 9, 2) = '01'
        WHEN 'quarter' THEN substr(occurs_on, 6, 5) IN ('01-01', '04-01', '07-01', '10-01')
        WHEN 'half' THEN substr(occurs_on, 6, 5) IN ('01-01', '07-01')
        WHEN 'year' THEN substr(occurs_on, 6, 5) = '01-01'
        ELSE 0 END)
);

CREATE INDEX deal_events_deal ON deal_events (deal_id, occurs_on);

CREATE TABLE articles (
    id                  INTEGER PRIMARY KEY,
    slug                TEXT NOT NULL UNIQUE
                        CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'
                               AND slug NOT GLOB '*--*' AND slug NOT GLOB '*-' AND slug GLOB '*[a-z]*'),
    url                 TEXT UNIQUE CHECK (url IS NULL OR length(trim(url)) > 0),
    title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
    publisher           TEXT,
    author              TEXT,
    language            TEXT CHECK (language IS NULL OR (length(language) BETWEEN 2 AND 35 AND language GLOB '[a-z][a-z]*')),
    published_on        TEXT,
    published_precision TEXT CHECK (published_precision IN ('day', 'month', 'quarter', 'half', 'year')),
    summary             TEXT,
    body                TEXT NOT NULL DEFAULT '',
    -- SHA-256 of the body; an article known only by its URL has no body and no hash.
    content_hash        TEXT UNIQUE CHECK (content_hash IS NULL OR length(content_hash) = 64),
    added_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((published_on IS NULL) = (published_precision IS NULL)),
    CHECK ((body = '') = (content_hash IS NULL)),
    CHECK (published_on IS NULL OR (date(published_on) IS published_on AND CASE published_precision
        WHEN 'day' THEN 1
        WHEN 'month' THEN substr(published_on, 9, 2) = '01'
        WHEN 'quarter' THEN substr(published_on, 6, 5) IN ('01-01', '04-01', '07-01', '10-01')
        WHEN 'half' THEN substr(published_on, 6, 5) IN ('01-01', '07-01')
        WHEN 'year' THEN substr(published_on, 6, 5) = '01-01'
        ELSE 0 END))
);

-- The sentence of an article that supports a deal, and the figure that article
-- states, which may differ from the deal's value: that is how conflicts show up.
CREATE TABLE deal_sources (
    id               INTEGER PRIMARY KEY,
    deal_id          INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    article_id       INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    quote            TEXT NOT NULL DEFAULT '',
    stated_amount    INTEGER CHECK (stated_amount IS NULL OR (typeof(stated_amount) = 'integer' AND stated_amount >= 0)),
    stated_currency  TEXT CHECK (stated_currency IS NULL OR (length(stated_currency) = 3 AND stated_currency GLOB '[A-Z][A-Z][A-Z]')),
    stated_qualifier TEXT CHECK (stated_qualifier IN ('exact', 'approx', 'at-least', 'up-to')),
    CHECK (stated_currency IS NULL OR stated_amount IS NOT NULL),
    CHECK ((stated_amount IS NULL) = (stated_qualifier IS NULL)),
    UNIQUE (deal_id, article_id, quote)
);

CREATE INDEX deal_sources_article ON deal_sources (article_id);

-- Units of `currency` per one US dollar from `effective_on`; the nearest earlier rate applies.
CREATE TABLE fx_rates (
    currency     TEXT NOT NULL CHECK (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]'),
    effective_on TEXT NOT NULL CHECK (date(effective_on) IS effective_on),
    per_usd      REAL NOT NULL CHECK (per_usd > 0),
    PRIMARY KEY (currency, effective_on)
) WITHOUT ROWID;

-- Full-text search, in the convention of sqlite-utils and Datasette: an external-content
-- FTS5 table named <table>_fts with content=[<table>], kept current by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body,
    content=[articles], content_rowid=[id],
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;

CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE VIRTUAL TABLE deals_fts USING fts5 (
    title, notes,
    content=[deals], content_rowid=[id],
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER deals_ai AFTER INSERT ON deals BEGIN
    INSERT INTO deals_fts (rowid, title, notes) VALUES (new.id, new.title, new.notes);
END;

CREATE TRIGGER deals_ad AFTER DELETE ON deals BEGIN
    INSERT INTO deals_fts (deals_fts, rowid, title, notes) VALUES ('delete', old.id, old.title, old.notes);
END;

CREATE TRIGGER deals_au AFTER UPDATE ON deals BEGIN
    INSERT INTO deals_fts (deals_fts, rowid, title, notes) VALUES ('delete', old.id, old.title, old.notes);
    INSERT INTO deals_fts (rowid, title, notes) VALUES (new.id, new.title, new.notes);
END;

-- One row a deal, for people who query with SQL.
CREATE VIEW deal_overview AS
SELECT
    d.id,
    d.slug,
    d.title,
    d.kind,
    d.status,
    d.announced_on,
    d.announced_precision,
    d.value_amount,
    d.value_currency,
    d.value_qualifier,
    d.term_months,
    d.starts_on,
    (SELECT group_concat(party, '; ')
       FROM (SELECT c.name || ' (' || p.role || ')' AS party
               FROM deal_parties p JOIN companies c ON c.id = p.company_id
              WHERE p.deal_id = d.id
              ORDER BY c.name, p.role)) AS parties,
    (SELECT group_concat(t.tag, ', ') FROM (SELECT tag FROM deal_tags WHERE deal_id = d.id ORDER BY tag) t) AS tags,
    (SELECT count(*) FROM deal_sources s WHERE s.deal_id = d.id) AS source_count
FROM deals d;

-- One row per company per deal and role, with the other parties of that deal.
CREATE VIEW company_deals AS
SELECT
    c.id AS company_id,
    c.name AS company,
    p.role,
    d.id AS deal_id,
    d.slug AS deal_slug,
    d.title,
    d.kind,
    d.status,
    d.announced_on,
    d.announced_precision,
    d.value_amount,
    d.value_currency,
    d.value_qualifier,
    (SELECT group_concat(party, '; ')
       FROM (SELECT oc.name || ' (' || op.role || ')' AS party
               FROM deal_parties op JOIN companies oc ON oc.id = op.company_id
              WHERE op.deal_id = d.id AND op.company_id <> c.id
              ORDER BY oc.name, op.role)) AS counterparties
FROM deal_parties p
JOIN companies c ON c.id = p.company_id
JOIN deals d ON d.id = p.deal_id;
