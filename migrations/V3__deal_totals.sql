-- Deal count and value per month of announcement, date precision, status and
-- currency, kept exact by triggers, so that reports over time need not read every
-- deal. '' stands for "none" (undated, undisclosed) so that the key is unique.
-- It is derived data: `deals` is the record, and a test compares the two.

CREATE TABLE deal_totals (
    month     TEXT NOT NULL,  -- 'YYYY-MM' of announced_on, '' when undated
    precision TEXT NOT NULL,  -- announced_precision, '' when undated
    status    TEXT NOT NULL,
    currency  TEXT NOT NULL,  -- value_currency, '' when undisclosed
    deals     INTEGER NOT NULL,
    value     INTEGER NOT NULL,
    PRIMARY KEY (month, precision, status, currency)
) WITHOUT ROWID;

INSERT INTO deal_totals (month, precision, status, currency, deals, value)
SELECT coalesce(substr(announced_on, 1, 7), ''), coalesce(announced_precision, ''), status,
       coalesce(value_currency, ''), count(*), coalesce(sum(value_amount), 0)
FROM deals
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER deals_totals_insert AFTER INSERT ON deals BEGIN
    INSERT INTO deal_totals (month, precision, status, currency, deals, value)
    VALUES (coalesce(substr(new.announced_on, 1, 7), ''), coalesce(new.announced_precision, ''),
            new.status, coalesce(new.value_currency, ''), 1, coalesce(new.value_amount, 0))
    ON CONFLICT DO UPDATE SET deals = deals + 1, value = value + excluded.value;
END;

CREATE TRIGGER deals_totals_delete AFTER DELETE ON deals BEGIN
    UPDATE deal_totals SET deals = deals - 1, value = value - coalesce(old.value_amount, 0)
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
AFTER UPDATE OF announced_on, announced_precision, status, value_currency, value_amount ON deals
BEGIN
    UPDATE deal_totals SET deals = deals - 1, value = value - coalesce(old.value_amount, 0)
    WHERE month = coalesce(substr(old.announced_on, 1, 7), '')
      AND precision = coalesce(old.announced_precision, '')
      AND status = old.status AND currency = coalesce(old.value_currency, '');
    INSERT INTO deal_totals (month, precision, status, currency, deals, value)
    VALUES (coalesce(substr(new.announced_on, 1, 7), ''), coalesce(new.announced_precision, ''),
            new.status, coalesce(new.value_currency, ''), 1, coalesce(new.value_amount, 0))
    ON CONFLICT DO UPDATE SET deals = deals + 1, value = value + excluded.value;
    DELETE FROM deal_totals
    WHERE month = coalesce(substr(old.announced_on, 1, 7), '')
      AND precision = coalesce(old.announced_precision, '')
      AND status = old.status AND currency = coalesce(old.value_currency, '')
      AND deals = 0;
END;
