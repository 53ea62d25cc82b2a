-- Search that folds what slugs fold, and finds Chinese, Japanese and Korean.
--
-- unicode61 with remove_diacritics folds accents (à -> a) but not the letters
-- that do not decompose: ø ł ı ß æ œ đ ð þ. Each searchable table gains a
-- generated column, search_folded, holding its text with those letters
-- folded as slugs fold them (ø -> o, ß -> ss, þ -> th), or NULL when folding
-- changes nothing; the FTS table indexes it beside the text, so "orsted"
-- finds "Ørsted". It is plain SQL (replace), so rows written with sqlite3
-- are indexed the same way by the same triggers.
--
-- unicode61 reads a run of CJK characters as one word. A second FTS table per
-- searchable table, <table>_cjk, indexes with the trigram tokenizer the text
-- of the rows that hold CJK characters (the generated column search_cjk), so
-- that any three or more characters of it are found, Latin words written
-- against CJK characters included. The <table>_fts tables stay the ones
-- Datasette detects.

-- articles: the text with the letters folded, when folding changes it.
ALTER TABLE articles ADD COLUMN search_folded TEXT GENERATED ALWAYS AS (
    nullif(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace((coalesce(title, '') || char(10) || coalesce(body, '')), 'ß', 'ss'), 'ẞ', 'SS'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE'), 'ø', 'o'), 'Ø', 'O'), 'ł', 'l'), 'Ł', 'L'), 'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D'), 'þ', 'th'), 'Þ', 'TH'), 'ı', 'i'), coalesce(title, '') || char(10) || coalesce(body, ''))
) VIRTUAL;
-- articles: the text, when it holds Chinese, Japanese or Korean characters.
ALTER TABLE articles ADD COLUMN search_cjk TEXT GENERATED ALWAYS AS (
    CASE WHEN (coalesce(title, '') || char(10) || coalesce(body, '')) GLOB '*[⺀-鿿가-힯ぁ-ヿ豈-﫿]*' THEN coalesce(title, '') || char(10) || coalesce(body, '') END
) VIRTUAL;

-- deals: the text with the letters folded, when folding changes it.
ALTER TABLE deals ADD COLUMN search_folded TEXT GENERATED ALWAYS AS (
    nullif(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace((coalesce(title, '') || char(10) || coalesce(notes, '')), 'ß', 'ss'), 'ẞ', 'SS'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE'), 'ø', 'o'), 'Ø', 'O'), 'ł', 'l'), 'Ł', 'L'), 'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D'), 'þ', 'th'), 'Þ', 'TH'), 'ı', 'i'), coalesce(title, '') || char(10) || coalesce(notes, ''))
) VIRTUAL;
-- deals: the text, when it holds Chinese, Japanese or Korean characters.
ALTER TABLE deals ADD COLUMN search_cjk TEXT GENERATED ALWAYS AS (
    CASE WHEN (coalesce(title, '') || char(10) || coalesce(notes, '')) GLOB '*[⺀-鿿가-힯ぁ-ヿ豈-﫿]*' THEN coalesce(title, '') || char(10) || coalesce(notes, '') END
) VIRTUAL;

DROP TRIGGER articles_ai;
DROP TRIGGER articles_ad;
DROP TRIGGER articles_au;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body, search_folded,
    content=[articles], content_rowid=[id],
    tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE articles_cjk USING fts5 (
    search_cjk,
    content=[articles], content_rowid=[id],
    tokenize='trigram'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
INSERT INTO articles_cjk (rowid, search_cjk) SELECT id, search_cjk FROM articles WHERE search_cjk IS NOT NULL;

CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body, search_folded) VALUES (new.id, new.title, new.body, new.search_folded);
    INSERT INTO articles_cjk (rowid, search_cjk) SELECT new.id, new.search_cjk WHERE new.search_cjk IS NOT NULL;
END;

CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body, search_folded) VALUES ('delete', old.id, old.title, old.body, old.search_folded);
    INSERT INTO articles_cjk (articles_cjk, rowid, search_cjk) SELECT 'delete', old.id, old.search_cjk WHERE old.search_cjk IS NOT NULL;
END;

CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body, search_folded) VALUES ('delete', old.id, old.title, old.body, old.search_folded);
    INSERT INTO articles_cjk (articles_cjk, rowid, search_cjk) SELECT 'delete', old.id, old.search_cjk WHERE old.search_cjk IS NOT NULL;
    INSERT INTO articles_fts (rowid, title, body, search_folded) VALUES (new.id, new.title, new.body, new.search_folded);
    INSERT INTO articles_cjk (rowid, search_cjk) SELECT new.id, new.search_cjk WHERE new.search_cjk IS NOT NULL;
END;

DROP TRIGGER deals_ai;
DROP TRIGGER deals_ad;
DROP TRIGGER deals_au;
DROP TABLE deals_fts;
CREATE VIRTUAL TABLE deals_fts USING fts5 (
    title, notes, search_folded,
    content=[deals], content_rowid=[id],
    tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE deals_cjk USING fts5 (
    search_cjk,
    content=[deals], content_rowid=[id],
    tokenize='trigram'
);
INSERT INTO deals_fts (deals_fts) VALUES ('rebuild');
INSERT INTO deals_cjk (rowid, search_cjk) SELECT id, search_cjk FROM deals WHERE search_cjk IS NOT NULL;

CREATE TRIGGER deals_ai AFTER INSERT ON deals BEGIN
    INSERT INTO deals_fts (rowid, title, notes, search_folded) VALUES (new.id, new.title, new.notes, new.search_folded);
    INSERT INTO deals_cjk (rowid, search_cjk) SELECT new.id, new.search_cjk WHERE new.search_cjk IS NOT NULL;
END;

CREATE TRIGGER deals_ad AFTER DELETE ON deals BEGIN
    INSERT INTO deals_fts (deals_fts, rowid, title, notes, search_folded) VALUES ('delete', old.id, old.title, old.notes, old.search_folded);
    INSERT INTO deals_cjk (deals_cjk, rowid, search_cjk) SELECT 'delete', old.id, old.search_cjk WHERE old.search_cjk IS NOT NULL;
END;

CREATE TRIGGER deals_au AFTER UPDATE ON deals BEGIN
    INSERT INTO deals_fts (deals_fts, rowid, title, notes, search_folded) VALUES ('delete', old.id, old.title, old.notes, old.search_folded);
    INSERT INTO deals_cjk (deals_cjk, rowid, search_cjk) SELECT 'delete', old.id, old.search_cjk WHERE old.search_cjk IS NOT NULL;
    INSERT INTO deals_fts (rowid, title, notes, search_folded) VALUES (new.id, new.title, new.notes, new.search_folded);
    INSERT INTO deals_cjk (rowid, search_cjk) SELECT new.id, new.search_cjk WHERE new.search_cjk IS NOT NULL;
END;
