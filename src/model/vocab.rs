//! The words of the lookup tables as the migrations seed them, with what each
//! means: for `--help` (a flag's possible values) and for did-you-mean hints.
//! The database stays the authority on what is accepted (SQL users may add
//! words); these lists only explain and suggest.

/// A word of a vocabulary and what it means.
pub type Word = (&'static str, &'static str);

/// Deal kinds, as in `deal_kinds`.
pub const DEAL_KINDS: &[Word] = &[
    (
        "investment",
        "Equity or convertible investment in a company",
    ),
    (
        "acquisition",
        "One company buys another or a controlling stake",
    ),
    ("merger", "Two companies combine into one"),
    ("cloud-compute", "Purchase of cloud computing capacity"),
    ("chip-supply", "Supply of chips or accelerators"),
    ("datacenter", "Building, leasing or operating data centres"),
    ("partnership", "Commercial or strategic partnership"),
    ("licensing", "Licence of technology, models or content"),
    (
        "joint-venture",
        "A new venture owned jointly by the parties",
    ),
    ("other", "Anything else"),
];

/// Deal statuses, in their order of progress, as in `deal_statuses`.
pub const STATUSES: &[Word] = &[
    (
        "reported",
        "Reported by the press, not confirmed by the parties",
    ),
    ("announced", "Announced by at least one party"),
    (
        "letter-of-intent",
        "Letter of intent or memorandum of understanding signed",
    ),
    ("signed", "Definitive agreement signed"),
    ("active", "In effect, being delivered"),
    ("completed", "Closed or fully delivered"),
    ("terminated", "Ended early after taking effect"),
    ("cancelled", "Called off before taking effect"),
];

/// Event kinds, as in `event_kinds`.
pub const EVENT_KINDS: &[Word] = &[
    ("announced", "The deal was made public"),
    ("signed", "The agreement was signed"),
    ("started", "Delivery or operation began"),
    ("milestone", "A stage reached or promised"),
    ("amended", "The terms changed"),
    ("completed", "The deal closed or was fully delivered"),
    ("terminated", "The deal ended early"),
    ("market-reaction", "How the market took the news"),
];

/// Words people use for a status, and the status they mean: offered as
/// "did you mean ...?", never accepted in its place. No short words: a name
/// contained in what was typed counts as close, so "done" would answer "abandoned".
pub const STATUS_SYNONYMS: &[(&str, &str)] = &[
    ("rumour", "reported"),
    ("rumor", "reported"),
    ("rumoured", "reported"),
    ("rumored", "reported"),
    ("unconfirmed", "reported"),
    ("agreed", "signed"),
    ("contracted", "signed"),
    ("ongoing", "active"),
    ("effective", "active"),
    ("closed", "completed"),
    ("finished", "completed"),
    ("ended", "terminated"),
    ("abandoned", "cancelled"),
    ("withdrawn", "cancelled"),
    ("dropped", "cancelled"),
    ("canceled", "cancelled"),
];
