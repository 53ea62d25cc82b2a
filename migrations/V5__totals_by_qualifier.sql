-- The totals cells keep the value's qualifier in their key, so that a report
-- answered from them can say how much of a total is exact, approximate, a floor
-- ("at least") or a ceiling ("up to"). '' stands for "no value" as currency does.
-- Same rules as V3 and V4 otherwise: derived data kept exact by triggers.

DROP TRIGGER deals_totals_insert;
DROP TRIGGER deals_totals_delete;
DROP TRIGGER deals_totals_update;
DROP TABLE deal_totals;

CREATE TABLE deal_totals (
    month     TEXT NOT NULL,  -- 'YYYY-MM' of announced_on, '' when undated
    precision TEXT NOT NULL,  -- announced_precision, '' when undated
    status    TEXT NOT NULL,
    currency  TEXT NOT NULL,  -- value_currency, '' when undisclosed
    qualifier TEXT NOT NULL,  -- value_qualifier, '' when undisclosed
    deals     INTEGER NOT NULL,
    value     INTEGER NOT NULL,
    PRIMARY KEY (month, precision, status, currency, qualifier)
) WITHOUT ROWID;

INSERT INTO deal_totals (month, precision, status, currency, qualifier, deals, value)
SELECT coalesce(substr(announced_on, 1, 7), ''), coalesce(announced_precision, ''), status,
       coalesce(value_currency, ''), coalesce(value_qualifier, ''), count(*),
       coalesce(sum(value_amount), 0)
FROM deals
GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER deals_totals_insert AFTER INSERT ON deals BEGIN
    INSERT INTO deal_totals (month, precision, status, currency, qualifier, deals, value)
    VALUES (coalesce(substr(new.announced_on, 1, 7), ''), coalesce(new.announced_precision, ''),
            new.status, coalesce(new.value_currency, ''), coalesce(new.value_qualifier, ''), 1,
            coalesce(new.value_amount, 0))
    ON CONFLICT DO UPDATE SET deals = deals + 1, value = value + excluded.value;
END;

CREATE TRIGGER deals_totals_delete AFTER DELETE ON deals BEGIN
    UPDATE deal_totals SET deals = deals - 1, value = value - coalesce(old.value_amount, 0)
    WHERE month = coalesce(substr(old.announced_on, 1, 7), '')
      AND precision = coalesce(old.announced_precision, '')
      AND status = old.status AND currency = coalesce(old.value_currency, '')
      AND qualifier = coalesce(old.value_qualifier, '');
    DELETE FROM deal_totals
    WHERE month = coalesce(substr(old.announced_on, 1, 7), '')
      AND precision = coalesce(old.announced_precision, '')
      AND status = old.status AND currency = coalesce(old.value_currency, '')
      AND qualifier = coalesce(old.value_qualifier, '')
      AND deals = 0;
END;

CREATE TRIGGER deals_totals_update
AFTER UPDATE OF announced_on, announced_precision, status, value_currency, value_amount,
                value_qualifier ON deals
BEGIN
    UPDATE deal_totals SET deals = deals - 1, value = value - coalesce(old.value_amount, 0)
    WHERE month = coalesce(substr(old.announced_on, 1, 7), '')
      AND precision = coalesce(old.announced_precision, '')
      AND status = old.status AND currency = coalesce(old.value_currency, '')
      AND qualifier = coalesce(old.value_qualifier, '');
    INSERT INTO deal_totals (month, precision, status, currency, qualifier, deals, value)
    VALUES (coalesce(substr(new.announced_on, 1, 7), ''), coalesce(new.announced_precision, ''),
            new.status, coalesce(new.value_currency, ''), coalesce(new.value_qualifier, ''), 1,
            coalesce(new.value_amount, 0))
    ON CONFLICT DO UPDATE SET deals = deals + 1, value = value + excluded.value;
    DELETE FROM deal_totals
    WHERE month = coalesce(substr(old.announced_on, 1, 7), '')
      AND precision = coalesce(old.announced_precision, '')
      AND status = old.status AND currency = coalesce(old.value_currency, '')
      AND qualifier = coalesce(old.value_qualifier, '')
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
    qualifier  TEXT NOT NULL,  -- value_qualifier, '' when undisclosed
    dated      INTEGER NOT NULL,  -- 1 when the deal has an announced date
    deals      INTEGER NOT NULL,
    value      INTEGER NOT NULL,
    PRIMARY KEY (company_id, status, currency, qualifier, dated)
) WITHOUT ROWID;

INSERT INTO company_totals (company_id, status, currency, qualifier, dated, deals, value)
SELECT p.company_id, d.status, coalesce(d.value_currency, ''), coalesce(d.value_qualifier, ''),
       d.announced_on IS NOT NULL, count(*), coalesce(sum(d.value_amount), 0)
FROM (SELECT DISTINCT deal_id, company_id FROM deal_parties) p
JOIN deals d ON d.id = p.deal_id
GROUP BY 1, 2, 3, 4, 5;

-- A company takes its first role in a deal.
CREATE TRIGGER deal_parties_totals_insert AFTER INSERT ON deal_parties
WHEN NOT EXISTS (SELECT 1 FROM deal_parties
                 WHERE deal_id = new.deal_id AND company_id = new.company_id AND role <> new.role)
BEGIN
    INSERT INTO company_totals (company_id, status, currency, qualifier, dated, deals, value)
    SELECT new.company_id, d.status, coalesce(d.value_currency, ''), coalesce(d.value_qualifier, ''),
           d.announced_on IS NOT NULL, 1, coalesce(d.value_amount, 0)
    FROM deals d WHERE d.id = new.deal_id
    ON CONFLICT DO UPDATE SET deals = deals + 1, value = value + excluded.value;
END;

-- A company gives up its last role in a deal that stays. (When the deal itself is
-- deleted, the trigger on deals has already counted it out.)
CREATE TRIGGER deal_parties_totals_delete AFTER DELETE ON deal_parties
WHEN NOT EXISTS (SELECT 1 FROM deal_parties WHERE deal_id = old.deal_id AND company_id = old.company_id)
 AND EXISTS (SELECT 1 FROM deals WHERE id = old.deal_id)
BEGIN
    UPDATE company_totals
    SET deals = deals - 1,
        value = value - (SELECT coalesce(value_amount, 0) FROM deals WHERE id = old.deal_id)
    WHERE company_id = old.company_id
      AND (status, currency, qualifier, dated) =
          (SELECT status, coalesce(value_currency, ''), coalesce(value_qualifier, ''),
                  announced_on IS NOT NULL
           FROM deals WHERE id = old.deal_id);
    DELETE FROM company_totals WHERE company_id = old.company_id AND deals = 0;
END;

-- A party moved to another deal or company: count it out of the old place and in
-- at the new one.
CREATE TRIGGER deal_parties_totals_update AFTER UPDATE OF deal_id, company_id ON deal_parties
BEGIN
    UPDATE company_totals
    SET deals = deals - 1,
        value = value - (SELECT coalesce(value_amount, 0) FROM deals WHERE id = old.deal_id)
    WHERE company_id = old.company_id
      AND (status, currency, qualifier, dated) =
          (SELECT status, coalesce(value_currency, ''), coalesce(value_qualifier, ''),
                  announced_on IS NOT NULL
           FROM deals WHERE id = old.deal_id)
      AND NOT EXISTS (SELECT 1 FROM deal_parties WHERE deal_id = old.deal_id AND company_id = old.company_id);
    INSERT INTO company_totals (company_id, status, currency, qualifier, dated, deals, value)
    SELECT new.company_id, d.status, coalesce(d.value_currency, ''), coalesce(d.value_qualifier, ''),
           d.announced_on IS NOT NULL, 1, coalesce(d.value_amount, 0)
    FROM deals d
    WHERE d.id = new.deal_id
      AND NOT EXISTS (SELECT 1 FROM deal_parties p
                      WHERE p.deal_id = new.deal_id AND p.company_id = new.company_id AND p.role <> new.role)
    ON CONFLICT DO UPDATE SET deals = deals + 1, value = value + excluded.value;
    DELETE FROM company_totals WHERE company_id = old.company_id AND deals = 0;
END;

-- A deal goes: each of its companies loses it, before the cascade removes the parties.
CREATE TRIGGER deals_company_totals_delete BEFORE DELETE ON deals BEGIN
    UPDATE company_totals SET deals = deals - 1, value = value - coalesce(old.value_amount, 0)
    WHERE status = old.status AND currency = coalesce(old.value_currency, '')
      AND qualifier = coalesce(old.value_qualifier, '')
      AND dated = (old.announced_on IS NOT NULL)
      AND company_id IN (SELECT company_id FROM deal_parties WHERE deal_id = old.id);
    DELETE FROM company_totals
    WHERE deals = 0 AND company_id IN (SELECT company_id FROM deal_parties WHERE deal_id = old.id);
END;

-- A deal changes status or value: move it for each of its companies.
CREATE TRIGGER deals_company_totals_update
AFTER UPDATE OF status, value_currency, value_amount, value_qualifier, announced_on ON deals BEGIN
    UPDATE company_totals SET deals = deals - 1, value = value - coalesce(old.value_amount, 0)
    WHERE status = old.status AND currency = coalesce(old.value_currency, '')
      AND qualifier = coalesce(old.value_qualifier, '')
      AND dated = (old.announced_on IS NOT NULL)
      AND company_id IN (SELECT company_id FROM deal_parties WHERE deal_id = new.id);
    INSERT INTO company_totals (company_id, status, currency, qualifier, dated, deals, value)
    SELECT DISTINCT company_id, new.status, coalesce(new.value_currency, ''),
           coalesce(new.value_qualifier, ''), new.announced_on IS NOT NULL, 1,
           coalesce(new.value_amount, 0)
    FROM deal_parties WHERE deal_id = new.id
    ON CONFLICT DO UPDATE SET deals = deals + 1, value = value + excluded.value;
    DELETE FROM company_totals
    WHERE deals = 0 AND company_id IN (SELECT company_id FROM deal_parties WHERE deal_id = new.id);
END;
