-- The company_totals trigger of deal_parties, with the same result, reading
-- the table through its primary key instead of comparing the statement's rows
-- with each other: a (deal, company) pair is new when every row the table holds
-- for it is a row of this statement. The first form planned a nested loop over
-- the transition table, so a bulk insert of 24,000 parties took 12 s; this one
-- takes an index lookup a pair.
CREATE OR REPLACE FUNCTION deal_parties_totals() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    gone_deals bigint[];
    gone_companies bigint[];
    new_deals bigint[];
    new_companies bigint[];
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        -- Pairs of the old rows that no row holds any more, of deals that stay.
        SELECT array_agg(g.deal_id), array_agg(g.company_id) INTO gone_deals, gone_companies
        FROM (SELECT DISTINCT o.deal_id, o.company_id FROM old_rows o
              WHERE NOT EXISTS (SELECT 1 FROM deal_parties x
                                WHERE x.deal_id = o.deal_id AND x.company_id = o.company_id)
                AND EXISTS (SELECT 1 FROM deals d WHERE d.id = o.deal_id)) g;
        IF gone_deals IS NOT NULL THEN
            PERFORM deals_company_totals_count(gone_deals, gone_companies, -1);
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        -- Pairs of the new rows that no row held before the statement: the
        -- table holds no other row for them than the statement's new ones (the
        -- rows of a pair differ by role, so counting them compares the sets).
        SELECT array_agg(g.deal_id), array_agg(g.company_id) INTO new_deals, new_companies
        FROM (SELECT n.deal_id, n.company_id, count(*) AS roles FROM new_rows n GROUP BY 1, 2) g
        WHERE (SELECT count(*) FROM deal_parties x
               WHERE x.deal_id = g.deal_id AND x.company_id = g.company_id) = g.roles;
        IF TG_OP = 'UPDATE' AND new_deals IS NOT NULL THEN
            SELECT array_agg(g.deal_id), array_agg(g.company_id) INTO new_deals, new_companies
            FROM unnest(new_deals, new_companies) AS g(deal_id, company_id)
            WHERE NOT EXISTS (SELECT 1 FROM old_rows o
                              WHERE o.deal_id = g.deal_id AND o.company_id = g.company_id);
        END IF;
        IF new_deals IS NOT NULL THEN
            PERFORM deals_company_totals_count(new_deals, new_companies, 1);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
