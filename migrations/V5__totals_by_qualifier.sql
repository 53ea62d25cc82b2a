-- The totals cells keep how much of their value is approximate, a floor ("at
-- least") or a ceiling ("up to"), so that a report answered from them can split a
-- total by qualifier; the exact part is value minus the three. The keys do not
-- change, so there are no more cells than before. Same rules as V3 and V4
-- otherwise: derived data kept exact by triggers.

DROP TRIGGER deals_totals_insert;
DROP TRIGGER deals_totals_delete;
DROP TRIGGER deals_totals_update;
DROP TABLE deal_totals;

CREATE TABLE deal_totals (
    month     TEXT NOT NULL,  -- 'YYYY-MM' of announced_on, '' when undated
    precision TEXT NOT NULL,  -- announced_precision, '' when undated
    status    TEXT NOT NULL,
    currency  TEXT NOT NULL,  -- value_currency, '' when undisclosed
    deals     INTEGER NOT NULL,
    value     INTEGER NOT NULL,
    approx    INTEGER NOT NULL,  -- the part of value that is approximate
    at_least  INTEGER NOT NULL,  -- ... that is a floor
    up_to     INTEGER NOT NULL,  -- ... that is a ceiling
    PRIMARY KEY (month, precision, status, currency)
) WITHOUT ROWID;

INSERT INTO deal_totals (month, precision, status, currency, deals, value, approx, at_least, up_to)
SELECT coalesce(substr(d.announced_on, 1, 7), ''), coalesce(d.announced_precision, ''), d.status,
       coalesce(d.value_currency, ''), count(*), coalesce(sum(d.value_amount), 0),
       sum(CASE WHEN d.value_qualifier = 'approx' THEN d.value_amount ELSE 0 END), sum(CASE WHEN d.value_qualifier = 'at-least' THEN d.value_amount ELSE 0 END), sum(CASE WHEN d.value_qualifier = 'up-to' THEN d.value_amount ELSE 0 END)
FROM deals d
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER deals_totals_insert AFTER INSERT ON deals BEGIN
    INSERT INTO deal_totals (month, precision, status, currency, deals, value, approx, at_least, up_to)
    VALUES (coalesce(substr(new.announced_on, 1, 7), ''), coalesce(new.announced_precision, ''),
            new.status, coalesce(new.value_currency, ''), 1, coalesce(new.value_amount, 0), CASE WHEN new.value_qualifier = 'approx' THEN new.value_amount ELSE 0 END, CASE WHEN new.value_qualifier = 'at-least' THEN new.value_amount ELSE 0 END, CASE WHEN new.value_qualifier = 'up-to' THEN new.value_amount ELSE 0 END)
    ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, value = value + excluded.value,
        approx = approx + excluded.approx, at_least = at_least + excluded.at_least,
        up_to = up_to + excluded.up_to;
END;

CREATE TRIGGER deals_totals_delete AFTER DELETE ON deals BEGIN
    UPDATE deal_totals SET deals = deals - 1, value = value - coalesce(old.value_amount, 0),
        approx = approx - CASE WHEN old.value_qualifier = 'approx' THEN old.value_amount ELSE 0 END,
        at_least = at_least - CASE WHEN old.value_qualifier = 'at-least' THEN old.value_amount ELSE 0 END,
        up_to = up_to - CASE WHEN old.value_qualifier = 'up-to' THEN old.value_amount ELSE 0 END
    WHERE month = coalesce(substr(old.announced_on, 1, 7), '')
      AND precision = coalesce(old.announced_precision, '')
      AND status = old.status AND currency = coalesce(old.value_currency, '');
    DELETE FROM deal_totals
    WHERE month = coalesce(substr(old.announced_on, 1, 7), '')
      AND precision = coalesce(old.announced_precision, '')
      AND status = old.status AND currency = coalesce(old.value_currency, '')
      AND deals = 0;
END;

CREATE TRIGGER deals_totals_update
AFTER UPDATE OF announced_on, announced_precision, status, value_currency, value_amount,
                value_qualifier ON deals
BEGIN
    UPDATE deal_totals SET deals = deals - 1, value = value - coalesce(old.value_amount, 0),
        approx = approx - CASE WHEN old.value_qualifier = 'approx' THEN old.value_amount ELSE 0 END,
        at_least = at_least - CASE WHEN old.value_qualifier = 'at-least' THEN old.value_amount ELSE 0 END,
        up_to = up_to - CASE WHEN old.value_qualifier = 'up-to' THEN old.value_amount ELSE 0 END
    WHERE month = coalesce(substr(old.announced_on, 1, 7), '')
      AND precision = coalesce(old.announced_precision, '')
      AND status = old.status AND currency = coalesce(old.value_currency, '');
    INSERT INTO deal_totals (month, precision, status, currency, deals, value, approx, at_least, up_to)
    VALUES (coalesce(substr(new.announced_on, 1, 7), ''), coalesce(new.announced_precision, ''),
            new.status, coalesce(new.value_currency, ''), 1, coalesce(new.value_amount, 0), CASE WHEN new.value_qualifier = 'approx' THEN new.value_amount ELSE 0 END, CASE WHEN new.value_qualifier = 'at-least' THEN new.value_amount ELSE 0 END, CASE WHEN new.value_qualifier = 'up-to' THEN new.value_amount ELSE 0 END)
    ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, value = value + excluded.value,
        approx = approx + excluded.approx, at_least = at_least + excluded.at_least,
        up_to = up_to + excluded.up_to;
    DELETE FROM deal_totals
    WHERE month = coalesce(substr(old.announced_on, 1, 7), '')
      AND precision = coalesce(old.announced_precision, '')
      AND status = old.status AND currency = coalesce(old.value_currency, '')
      AND deals = 0;
END;

DROP TRIGGER deal_parties_totals_insert;
DROP TRIGGER deal_parties_totals_delete;
DROP TRIGGER deal_parties_totals_update;
DROP TRIGGER deals_company_totals_delete;
DROP TRIGGER deals_company_totals_update;
DROP TABLE company_totals;

CREATE TABLE company_totals (
    company_id INTEGER NOT NULL,
    status     TEXT NOT NULL,
    currency   TEXT NOT NULL,
    dated      INTEGER NOT NULL,  -- 1 when the deal has an announced date
    deals      INTEGER NOT NULL,
    value      INTEGER NOT NULL,
    approx     INTEGER NOT NULL,  -- the part of value that is approximate
    at_least   INTEGER NOT NULL,  -- ... that is a floor
    up_to      INTEGER NOT NULL,  -- ... that is a ceiling
    PRIMARY KEY (company_id, status, currency, dated)
) WITHOUT ROWID;

INSERT INTO company_totals (company_id, status, currency, dated, deals, value, approx, at_least, up_to)
SELECT p.company_id, d.status, coalesce(d.value_currency, ''), d.announced_on IS NOT NULL,
       count(*), coalesce(sum(d.value_amount), 0),
       sum(CASE WHEN d.value_qualifier = 'approx' THEN d.value_amount ELSE 0 END), sum(CASE WHEN d.value_qualifier = 'at-least' THEN d.value_amount ELSE 0 END), sum(CASE WHEN d.value_qualifier = 'up-to' THEN d.value_amount ELSE 0 END)
FROM (SELECT DISTINCT deal_id, company_id FROM deal_parties) p
JOIN deals d ON d.id = p.deal_id
GROUP BY 1, 2, 3, 4;

-- A company takes its first role in a deal.
CREATE TRIGGER deal_parties_totals_insert AFTER INSERT ON deal_parties
WHEN NOT EXISTS (SELECT 1 FROM deal_parties
                 WHERE deal_id = new.deal_id AND company_id = new.company_id AND role <> new.role)
BEGIN
    INSERT INTO company_totals (company_id, status, currency, dated, deals, value, approx, at_least, up_to)
    SELECT new.company_id, d.status, coalesce(d.value_currency, ''), d.announced_on IS NOT NULL, 1,
           coalesce(d.value_amount, 0), CASE WHEN d.value_qualifier = 'approx' THEN d.value_amount ELSE 0 END, CASE WHEN d.value_qualifier = 'at-least' THEN d.value_amount ELSE 0 END, CASE WHEN d.value_qualifier = 'up-to' THEN d.value_amount ELSE 0 END
    FROM deals d WHERE d.id = new.deal_id
    ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, value = value + excluded.value,
        approx = approx + excluded.approx, at_least = at_least + excluded.at_least,
        up_to = up_to + excluded.up_to;
END;

-- A company gives up its last role in a deal that stays. (When the deal itself is
-- deleted, the trigger on deals has already counted it out.)
CREATE TRIGGER deal_parties_totals_delete AFTER DELETE ON deal_parties
WHEN NOT EXISTS (SELECT 1 FROM deal_parties WHERE deal_id = old.deal_id AND company_id = old.company_id)
 AND EXISTS (SELECT 1 FROM deals WHERE id = old.deal_id)
BEGIN
    UPDATE company_totals
    SET (deals, value, approx, at_least, up_to) =
        (SELECT deals - 1, value - coalesce(d.value_amount, 0),
                approx - CASE WHEN d.value_qualifier = 'approx' THEN d.value_amount ELSE 0 END, at_least - CASE WHEN d.value_qualifier = 'at-least' THEN d.value_amount ELSE 0 END,
                up_to - CASE WHEN d.value_qualifier = 'up-to' THEN d.value_amount ELSE 0 END
         FROM deals d WHERE d.id = old.deal_id)
    WHERE company_id = old.company_id
      AND (status, currency, dated) = (SELECT status, coalesce(value_currency, ''), announced_on IS NOT NULL
                                       FROM deals WHERE id = old.deal_id);
    DELETE FROM company_totals WHERE company_id = old.company_id AND deals = 0;
END;

-- A party moved to another deal or company: count it out of the old place and in
-- at the new one.
CREATE TRIGGER deal_parties_totals_update AFTER UPDATE OF deal_id, company_id ON deal_parties
BEGIN
    UPDATE company_totals
    SET (deals, value, approx, at_least, up_to) =
        (SELECT deals - 1, value - coalesce(d.value_amount, 0),
                approx - CASE WHEN d.value_qualifier = 'approx' THEN d.value_amount ELSE 0 END, at_least - CASE WHEN d.value_qualifier = 'at-least' THEN d.value_amount ELSE 0 END,
                up_to - CASE WHEN d.value_qualifier = 'up-to' THEN d.value_amount ELSE 0 END
         FROM deals d WHERE d.id = old.deal_id)
    WHERE company_id = old.company_id
      AND (status, currency, dated) = (SELECT status, coalesce(value_currency, ''), announced_on IS NOT NULL
                                       FROM deals WHERE id = old.deal_id)
      AND NOT EXISTS (SELECT 1 FROM deal_parties WHERE deal_id = old.deal_id AND company_id = old.company_id);
    INSERT INTO company_totals (company_id, status, currency, dated, deals, value, approx, at_least, up_to)
    SELECT new.company_id, d.status, coalesce(d.value_currency, ''), d.announced_on IS NOT NULL, 1,
           coalesce(d.value_amount, 0), CASE WHEN d.value_qualifier = 'approx' THEN d.value_amount ELSE 0 END, CASE WHEN d.value_qualifier = 'at-least' THEN d.value_amount ELSE 0 END, CASE WHEN d.value_qualifier = 'up-to' THEN d.value_amount ELSE 0 END
    FROM deals d
    WHERE d.id = new.deal_id
      AND NOT EXISTS (SELECT 1 FROM deal_parties p
                      WHERE p.deal_id = new.deal_id AND p.company_id = new.company_id AND p.role <> new.role)
    ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, value = value + excluded.value,
        approx = approx + excluded.approx, at_least = at_least + excluded.at_least,
        up_to = up_to + excluded.up_to;
    DELETE FROM company_totals WHERE company_id = old.company_id AND deals = 0;
END;

-- A deal goes: each of its companies loses it, before the cascade removes the parties.
CREATE TRIGGER deals_company_totals_delete BEFORE DELETE ON deals BEGIN
    UPDATE company_totals SET deals = deals - 1, value = value - coalesce(old.value_amount, 0),
        approx = approx - CASE WHEN old.value_qualifier = 'approx' THEN old.value_amount ELSE 0 END,
        at_least = at_least - CASE WHEN old.value_qualifier = 'at-least' THEN old.value_amount ELSE 0 END,
        up_to = up_to - CASE WHEN old.value_qualifier = 'up-to' THEN old.value_amount ELSE 0 END
    WHERE status = old.status AND currency = coalesce(old.value_currency, '')
      AND dated = (old.announced_on IS NOT NULL)
      AND company_id IN (SELECT company_id FROM deal_parties WHERE deal_id = old.id);
    DELETE FROM company_totals
    WHERE deals = 0 AND company_id IN (SELECT company_id FROM deal_parties WHERE deal_id = old.id);
END;

-- A deal changes status or value: move it for each of its companies.
CREATE TRIGGER deals_company_totals_update
AFTER UPDATE OF status, value_currency, value_amount, value_qualifier, announced_on ON deals BEGIN
    UPDATE company_totals SET deals = deals - 1, value = value - coalesce(old.value_amount, 0),
        approx = approx - CASE WHEN old.value_qualifier = 'approx' THEN old.value_amount ELSE 0 END,
        at_least = at_least - CASE WHEN old.value_qualifier = 'at-least' THEN old.value_amount ELSE 0 END,
        up_to = up_to - CASE WHEN old.value_qualifier = 'up-to' THEN old.value_amount ELSE 0 END
    WHERE status = old.status AND currency = coalesce(old.value_currency, '')
      AND dated = (old.announced_on IS NOT NULL)
      AND company_id IN (SELECT company_id FROM deal_parties WHERE deal_id = new.id);
    INSERT INTO company_totals (company_id, status, currency, dated, deals, value, approx, at_least, up_to)
    SELECT DISTINCT company_id, new.status, coalesce(new.value_currency, ''),
           new.announced_on IS NOT NULL, 1, coalesce(new.value_amount, 0), CASE WHEN new.value_qualifier = 'approx' THEN new.value_amount ELSE 0 END, CASE WHEN new.value_qualifier = 'at-least' THEN new.value_amount ELSE 0 END, CASE WHEN new.value_qualifier = 'up-to' THEN new.value_amount ELSE 0 END
    FROM deal_parties WHERE deal_id = new.id
    ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, value = value + excluded.value,
        approx = approx + excluded.approx, at_least = at_least + excluded.at_least,
        up_to = up_to + excluded.up_to;
    DELETE FROM company_totals
    WHERE deals = 0 AND company_id IN (SELECT company_id FROM deal_parties WHERE deal_id = new.id);
END;
