//! The summary an import prints: records inserted, updated, unchanged and
//! rejected, then the detail per kind of record.

use std::io::Write;

use serde::Serialize;

use crate::error::Result;
use crate::model::document::{Counts, Summary};

use super::Format;
use super::Output;

/// The JSON summary: the four counts of the file's records at the top level
/// (a stable contract), the detail per kind beside them.
#[derive(Serialize)]
struct SummaryJson {
    inserted: u64,
    updated: u64,
    unchanged: u64,
    rejected: u64,
    merged: u64,
    deals: Counts,
    companies: Counts,
    articles: Counts,
}

/// Writes the summary of importing `file`; `records` are the file's own records
/// (CSV rows, or all the records of a document).
pub fn summary(
    o: &mut Output<'_>,
    file: &str,
    records: Counts,
    detail: &Summary,
    dry_run: bool,
) -> Result<()> {
    if o.format == Format::Json {
        let json = SummaryJson {
            inserted: records.inserted,
            updated: records.updated,
            unchanged: records.unchanged,
            rejected: records.rejected,
            merged: records.merged,
            deals: detail.deals,
            companies: detail.companies,
            articles: detail.articles,
        };
        return super::json::write(o.out, &json);
    }
    let counts = |c: Counts| {
        let merged = (c.merged > 0).then(|| format!(", {} merged into an earlier row", c.merged));
        let merged = merged.unwrap_or_default();
        format!(
            "{} inserted, {} updated, {} unchanged, {} rejected{merged}",
            c.inserted, c.updated, c.unchanged, c.rejected
        )
    };
    let all = counts(records);
    if dry_run {
        writeln!(
            o,
            "Dry run of {file}; nothing was written. It would give: {all}."
        )?;
    } else if detail.unchanged() {
        writeln!(o, "Imported {file}: {all}; nothing changed.")?;
    } else {
        writeln!(o, "Imported {file}: {all}.")?;
    }
    for (noun, c) in [
        ("deals", detail.deals),
        ("companies", detail.companies),
        ("articles", detail.articles),
    ] {
        writeln!(o, "  {noun:<10} {}", counts(c))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Style;

    #[test]
    fn json_has_the_four_counts_at_the_top() {
        let records = Counts {
            inserted: 2,
            updated: 1,
            unchanged: 3,
            rejected: 4,
            ..Counts::default()
        };
        let detail = Summary {
            deals: records,
            ..Default::default()
        };
        let mut out = Vec::new();
        summary(
            &mut Output::new(&mut out, Format::Json, Style::default()),
            "x.csv",
            records,
            &detail,
            false,
        )
        .unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["inserted"], 2);
        assert_eq!(value["rejected"], 4);
        assert_eq!(value["deals"]["updated"], 1);
        let mut out = Vec::new();
        summary(
            &mut Output::new(&mut out, Format::Table, Style::default()),
            "x.csv",
            records,
            &detail,
            true,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("Dry run of x.csv; nothing was written. It would give: 2 inserted, 1 updated, 3 unchanged, 4 rejected.\n"), "{text}");
    }
}
