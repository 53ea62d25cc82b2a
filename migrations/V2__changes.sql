-- Audit history: every insert, update and delete of deals, their parties, sources,
-- events and tags, companies, aliases and articles, recorded by triggers so that
-- writes through `deals sql --write` (or any SQL tool) are recorded too.
-- old_values / new_values are JSON objects of the row's columns. An insert records
-- no values: the row holds them, and the next update or delete records them as its
-- old values, so nothing is lost and bulk loads stay small. An article's body is
-- kept in old_values (a deleted or rewritten text is never lost) but not repeated
-- in new_values, where the table itself holds it.

CREATE TABLE changes (
    id         INTEGER PRIMARY KEY,
    changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    table_name TEXT NOT NULL,
    row_key    TEXT NOT NULL,
    operation  TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
    deal_id    INTEGER,
    company_id INTEGER,
    old_values TEXT CHECK (old_values IS NULL OR json_valid(old_values)),
    new_values TEXT CHECK (new_values IS NULL OR json_valid(new_values))
);

CREATE INDEX changes_deal ON changes (deal_id, id) WHERE deal_id IS NOT NULL;
CREATE INDEX changes_company ON changes (company_id, id) WHERE company_id IS NOT NULL;

-- deals
CREATE TRIGGER deals_changes_insert AFTER INSERT ON deals BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id)
    VALUES ('deals', new.id, 'insert', new.id);
END;

CREATE TRIGGER deals_changes_update AFTER UPDATE ON deals BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id, old_values, new_values)
    VALUES ('deals', new.id, 'update', new.id, json_object(
        'id', old.id, 'slug', old.slug, 'title', old.title, 'kind', old.kind, 'status', old.status,
        'announced_on', old.announced_on, 'announced_precision', old.announced_precision,
        'value_amount', old.value_amount, 'value_currency', old.value_currency,
        'value_qualifier', old.value_qualifier, 'term_months', old.term_months,
        'starts_on', old.starts_on, 'starts_precision', old.starts_precision, 'notes', old.notes,
        'created_at', old.created_at, 'updated_at', old.updated_at), json_object(
        'id', new.id, 'slug', new.slug, 'title', new.title, 'kind', new.kind, 'status', new.status,
        'announced_on', new.announced_on, 'announced_precision', new.announced_precision,
        'value_amount', new.value_amount, 'value_currency', new.value_currency,
        'value_qualifier', new.value_qualifier, 'term_months', new.term_months,
        'starts_on', new.starts_on, 'starts_precision', new.starts_precision, 'notes', new.notes,
        'created_at', new.created_at, 'updated_at', new.updated_at));
END;

CREATE TRIGGER deals_changes_delete AFTER DELETE ON deals BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id, old_values)
    VALUES ('deals', old.id, 'delete', old.id, json_object(
        'id', old.id, 'slug', old.slug, 'title', old.title, 'kind', old.kind, 'status', old.status,
        'announced_on', old.announced_on, 'announced_precision', old.announced_precision,
        'value_amount', old.value_amount, 'value_currency', old.value_currency,
        'value_qualifier', old.value_qualifier, 'term_months', old.term_months,
        'starts_on', old.starts_on, 'starts_precision', old.starts_precision, 'notes', old.notes,
        'created_at', old.created_at, 'updated_at', old.updated_at));
END;

-- deal_parties
CREATE TRIGGER deal_parties_changes_insert AFTER INSERT ON deal_parties BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id, company_id)
    VALUES ('deal_parties', new.deal_id || '/' || new.company_id || '/' || new.role, 'insert',
        new.deal_id, new.company_id);
END;

CREATE TRIGGER deal_parties_changes_update AFTER UPDATE ON deal_parties BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id, company_id, old_values, new_values)
    VALUES ('deal_parties', new.deal_id || '/' || new.company_id || '/' || new.role, 'update',
        new.deal_id, new.company_id,
        json_object('deal_id', old.deal_id, 'company_id', old.company_id, 'role', old.role),
        json_object('deal_id', new.deal_id, 'company_id', new.company_id, 'role', new.role));
END;

CREATE TRIGGER deal_parties_changes_delete AFTER DELETE ON deal_parties BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id, company_id, old_values)
    VALUES ('deal_parties', old.deal_id || '/' || old.company_id || '/' || old.role, 'delete',
        old.deal_id, old.company_id,
        json_object('deal_id', old.deal_id, 'company_id', old.company_id, 'role', old.role));
END;

-- deal_tags
CREATE TRIGGER deal_tags_changes_insert AFTER INSERT ON deal_tags BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id)
    VALUES ('deal_tags', new.deal_id || '/' || new.tag, 'insert', new.deal_id);
END;

CREATE TRIGGER deal_tags_changes_update AFTER UPDATE ON deal_tags BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id, old_values, new_values)
    VALUES ('deal_tags', new.deal_id || '/' || new.tag, 'update', new.deal_id,
        json_object('deal_id', old.deal_id, 'tag', old.tag),
        json_object('deal_id', new.deal_id, 'tag', new.tag));
END;

CREATE TRIGGER deal_tags_changes_delete AFTER DELETE ON deal_tags BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id, old_values)
    VALUES ('deal_tags', old.deal_id || '/' || old.tag, 'delete', old.deal_id,
        json_object('deal_id', old.deal_id, 'tag', old.tag));
END;

-- deal_events
CREATE TRIGGER deal_events_changes_insert AFTER INSERT ON deal_events BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id)
    VALUES ('deal_events', new.id, 'insert', new.deal_id);
END;

CREATE TRIGGER deal_events_changes_update AFTER UPDATE ON deal_events BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id, old_values, new_values)
    VALUES ('deal_events', new.id, 'update', new.deal_id, json_object(
        'id', old.id, 'deal_id', old.deal_id, 'occurs_on', old.occurs_on,
        'occurs_precision', old.occurs_precision, 'kind', old.kind, 'note', old.note), json_object(
        'id', new.id, 'deal_id', new.deal_id, 'occurs_on', new.occurs_on,
        'occurs_precision', new.occurs_precision, 'kind', new.kind, 'note', new.note));
END;

CREATE TRIGGER deal_events_changes_delete AFTER DELETE ON deal_events BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id, old_values)
    VALUES ('deal_events', old.id, 'delete', old.deal_id, json_object(
        'id', old.id, 'deal_id', old.deal_id, 'occurs_on', old.occurs_on,
        'occurs_precision', old.occurs_precision, 'kind', old.kind, 'note', old.note));
END;

-- deal_sources
CREATE TRIGGER deal_sources_changes_insert AFTER INSERT ON deal_sources BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id)
    VALUES ('deal_sources', new.id, 'insert', new.deal_id);
END;

CREATE TRIGGER deal_sources_changes_update AFTER UPDATE ON deal_sources BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id, old_values, new_values)
    VALUES ('deal_sources', new.id, 'update', new.deal_id, json_object(
        'id', old.id, 'deal_id', old.deal_id, 'article_id', old.article_id, 'quote', old.quote,
        'stated_amount', old.stated_amount, 'stated_currency', old.stated_currency,
        'stated_qualifier', old.stated_qualifier), json_object(
        'id', new.id, 'deal_id', new.deal_id, 'article_id', new.article_id, 'quote', new.quote,
        'stated_amount', new.stated_amount, 'stated_currency', new.stated_currency,
        'stated_qualifier', new.stated_qualifier));
END;

CREATE TRIGGER deal_sources_changes_delete AFTER DELETE ON deal_sources BEGIN
    INSERT INTO changes (table_name, row_key, operation, deal_id, old_values)
    VALUES ('deal_sources', old.id, 'delete', old.deal_id, json_object(
        'id', old.id, 'deal_id', old.deal_id, 'article_id', old.article_id, 'quote', old.quote,
        'stated_amount', old.stated_amount, 'stated_currency', old.stated_currency,
        'stated_qualifier', old.stated_qualifier));
END;

-- companies
CREATE TRIGGER companies_changes_insert AFTER INSERT ON companies BEGIN
    INSERT INTO changes (table_name, row_key, operation, company_id)
    VALUES ('companies', new.id, 'insert', new.id);
END;

CREATE TRIGGER companies_changes_update AFTER UPDATE ON companies BEGIN
    INSERT INTO changes (table_name, row_key, operation, company_id, old_values, new_values)
    VALUES ('companies', new.id, 'update', new.id, json_object(
        'id', old.id, 'slug', old.slug, 'name', old.name, 'kind', old.kind, 'country', old.country,
        'parent_id', old.parent_id, 'website', old.website, 'description', old.description,
        'created_at', old.created_at), json_object(
        'id', new.id, 'slug', new.slug, 'name', new.name, 'kind', new.kind, 'country', new.country,
        'parent_id', new.parent_id, 'website', new.website, 'description', new.description,
        'created_at', new.created_at));
END;

CREATE TRIGGER companies_changes_delete AFTER DELETE ON companies BEGIN
    INSERT INTO changes (table_name, row_key, operation, company_id, old_values)
    VALUES ('companies', old.id, 'delete', old.id, json_object(
        'id', old.id, 'slug', old.slug, 'name', old.name, 'kind', old.kind, 'country', old.country,
        'parent_id', old.parent_id, 'website', old.website, 'description', old.description,
        'created_at', old.created_at));
END;

-- company_aliases
CREATE TRIGGER company_aliases_changes_insert AFTER INSERT ON company_aliases BEGIN
    INSERT INTO changes (table_name, row_key, operation, company_id)
    VALUES ('company_aliases', new.alias, 'insert', new.company_id);
END;

CREATE TRIGGER company_aliases_changes_update AFTER UPDATE ON company_aliases BEGIN
    INSERT INTO changes (table_name, row_key, operation, company_id, old_values, new_values)
    VALUES ('company_aliases', new.alias, 'update', new.company_id,
        json_object('alias', old.alias, 'company_id', old.company_id),
        json_object('alias', new.alias, 'company_id', new.company_id));
END;

CREATE TRIGGER company_aliases_changes_delete AFTER DELETE ON company_aliases BEGIN
    INSERT INTO changes (table_name, row_key, operation, company_id, old_values)
    VALUES ('company_aliases', old.alias, 'delete', old.company_id,
        json_object('alias', old.alias, 'company_id', old.company_id));
END;

-- articles (the body is kept when it is replaced or deleted, not repeated on insert)
CREATE TRIGGER articles_changes_insert AFTER INSERT ON articles BEGIN
    INSERT INTO changes (table_name, row_key, operation)
    VALUES ('articles', new.id, 'insert');
END;

CREATE TRIGGER articles_changes_update AFTER UPDATE ON articles BEGIN
    INSERT INTO changes (table_name, row_key, operation, old_values, new_values)
    VALUES ('articles', new.id, 'update', json_object(
        'id', old.id, 'slug', old.slug, 'url', old.url, 'title', old.title,
        'publisher', old.publisher, 'author', old.author, 'language', old.language,
        'published_on', old.published_on, 'published_precision', old.published_precision,
        'summary', old.summary, 'content_hash', old.content_hash, 'added_at', old.added_at,
        'body', CASE WHEN old.body IS NOT new.body THEN old.body END), json_object(
        'id', new.id, 'slug', new.slug, 'url', new.url, 'title', new.title,
        'publisher', new.publisher, 'author', new.author, 'language', new.language,
        'published_on', new.published_on, 'published_precision', new.published_precision,
        'summary', new.summary, 'content_hash', new.content_hash, 'added_at', new.added_at));
END;

CREATE TRIGGER articles_changes_delete AFTER DELETE ON articles BEGIN
    INSERT INTO changes (table_name, row_key, operation, old_values)
    VALUES ('articles', old.id, 'delete', json_object(
        'id', old.id, 'slug', old.slug, 'url', old.url, 'title', old.title,
        'publisher', old.publisher, 'author', old.author, 'language', old.language,
        'published_on', old.published_on, 'published_precision', old.published_precision,
        'summary', old.summary, 'content_hash', old.content_hash, 'added_at', old.added_at,
        'body', old.body));
END;
