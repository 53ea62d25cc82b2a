-- What `deals seed` last wrote or found as the seed set has it: per seeded
-- record, the newest change id at that moment. A record with a change after its
-- mark was changed by someone since it was seeded, and seeding leaves it alone.
-- key is what the seed set names the record by: a deal's or article's slug, a
-- company's name.

CREATE TABLE seed_marks (
    table_name TEXT NOT NULL CHECK (table_name IN ('deals', 'companies', 'articles')),
    key        TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    change_id  INTEGER NOT NULL,
    PRIMARY KEY (table_name, key)
) WITHOUT ROWID;
