-- Company names and aliases are matched by a key, not by SQLite's ASCII-only
-- NOCASE: the name under Unicode compatibility caseless matching (NFKC and full
-- case folding), so that "Deutsche Börse", "DEUTSCHE BÖRSE" and a decomposed
-- "Deutsche Bo\u0308rse" are one name. Every name of a company is one of its
-- aliases, so the key lives on company_aliases.
--
-- SQLite cannot compute the key, so deals does: it fills every missing key
-- when it opens the database for writing, and after each of its own writes. A
-- company or alias inserted with plain SQL has no key until then, and is
-- matched meanwhile by its alias under NOCASE, as before.
ALTER TABLE company_aliases ADD COLUMN alias_key TEXT;

CREATE INDEX company_aliases_key ON company_aliases (alias_key);

-- Filling a key is no change to the alias: the history records changes of the
-- alias and its company only.
DROP TRIGGER company_aliases_changes_update;
CREATE TRIGGER company_aliases_changes_update AFTER UPDATE OF alias, company_id ON company_aliases BEGIN
    INSERT INTO changes (table_name, row_key, operation, company_id, old_values, new_values)
    VALUES ('company_aliases', new.alias, 'update', new.company_id,
        json_object('alias', old.alias, 'company_id', old.company_id),
        json_object('alias', new.alias, 'company_id', new.company_id));
END;
