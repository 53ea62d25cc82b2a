//! The synthetic data set of the benchmarks: deals in the import CSV format and
//! articles in a deals/1 document, so that a benchmark measures the real import
//! path. Deterministic: the same seed gives the same bytes. Not part of the
//! shipped binary; `bench/run.sh` runs it as
//!
//! ```sh
//! cargo run --release --example generate -- --out DIR --deals 100000
//! ```

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use deals::error::{Error, Result, one_line_message};
use deals::model::document::ArticleDoc;
use deals::output::interchange::{DealRow, csv_record};

/// Write a deterministic synthetic data set for benchmarks (deals.csv, articles.json)
#[derive(Debug, Parser)]
#[command(name = "generate")]
struct Args {
    /// The folder to write deals.csv and articles.json into
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[arg(long, default_value_t = 1_000_000)]
    deals: u64,
    #[arg(long, default_value_t = 10_000)]
    companies: u64,
    #[arg(long, default_value_t = 100_000)]
    articles: u64,
    /// The seed of the generator: the same seed gives the same files
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match generate(&mut io::stdout().lock(), &args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate: {}", one_line_message(&e));
            ExitCode::FAILURE
        }
    }
}

/// splitmix64: small, fast, and good enough to spread test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const KINDS: &[&str] = &[
    "investment",
    "investment",
    "investment",
    "acquisition",
    "acquisition",
    "cloud-compute",
    "chip-supply",
    "datacenter",
    "partnership",
    "licensing",
    "joint-venture",
    "merger",
    "other",
];
const STATUSES: &[&str] = &[
    "reported",
    "announced",
    "announced",
    "signed",
    "signed",
    "active",
    "completed",
    "completed",
    "terminated",
    "cancelled",
];
const TAGS: &[&str] = &[
    "ai",
    "cloud",
    "gpu",
    "semiconductors",
    "energy",
    "saas",
    "fintech",
    "robotics",
];
const WORDS: &[&str] = &[
    "accordo",
    "deal",
    "capacity",
    "cloud",
    "compute",
    "chips",
    "investment",
    "funding",
    "round",
    "acquisition",
    "market",
    "shares",
    "billion",
    "data",
    "centre",
    "energy",
    "contract",
    "years",
    "provider",
    "customer",
    "strategy",
    "growth",
    "infrastructure",
    "model",
    "training",
    "inference",
    "regulators",
    "approval",
    "partnership",
    "expansion",
    "capacità",
    "investimento",
    "miliardi",
];

fn company_name(i: u64) -> String {
    const STEMS: &[&str] = &[
        "Nova", "Quantum", "Blue", "Iron", "Delta", "Vector", "Atlas", "Lumen",
    ];
    const ENDS: &[&str] = &[
        "Labs", "Systems", "Cloud", "Robotics", "Capital", "Networks", "AI", "Energy",
    ];
    format!(
        "{} {} {i}",
        STEMS[(i % 8) as usize],
        ENDS[((i / 8) % 8) as usize]
    )
}

fn article_url(i: u64) -> String {
    format!("https://news.example/article/{i}")
}

/// Writes `deals.csv` and `articles.json` into `args.out`.
fn generate(out: &mut dyn Write, args: &Args) -> Result<()> {
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Error::invalid(format!("--out {}: {e}", args.out.display())))?;
    let mut rng = Rng(args.seed);
    write_articles(&args.out.join("articles.json"), args.articles, &mut rng)?;
    write_deals(&args.out.join("deals.csv"), args, &mut rng)?;
    writeln!(
        out,
        "Wrote {} deals among {} companies and {} articles to {}.",
        args.deals,
        args.companies,
        args.articles,
        args.out.display()
    )?;
    Ok(())
}

fn create(path: &Path) -> Result<BufWriter<File>> {
    File::create(path)
        .map(|f| BufWriter::with_capacity(1 << 20, f))
        .map_err(|e| Error::invalid(format!("cannot write {}: {e}", path.display())))
}

fn write_articles(path: &Path, count: u64, rng: &mut Rng) -> Result<()> {
    let mut w = create(path)?;
    write!(w, "{{\"format\": \"deals/1\", \"articles\": [")?;
    for i in 0..count {
        let mut body = String::with_capacity(3200);
        while body.len() < 3000 {
            body.push_str(rng.pick(WORDS));
            body.push(if rng.below(12) == 0 { '.' } else { ' ' });
            if body.ends_with('.') {
                body.push(' ');
            }
        }
        let article = ArticleDoc {
            key: Some(format!("article-{i}")),
            url: Some(article_url(i)),
            title: format!("{} {} {}", rng.pick(WORDS), rng.pick(WORDS), i),
            language: Some("en".to_string()),
            published_on: Some(format!("{}-{:02}", 2000 + rng.below(26), 1 + rng.below(12))),
            body: Some(body),
            ..ArticleDoc::default()
        };
        if i > 0 {
            write!(w, ",")?;
        }
        serde_json::to_writer(&mut w, &article)?;
        writeln!(w)?;
    }
    writeln!(w, "]}}")?;
    w.flush()?;
    Ok(())
}

fn write_deals(path: &Path, args: &Args, rng: &mut Rng) -> Result<()> {
    // The columns of an exported deals.csv, and the source_url an import reads.
    let mut csv = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(create(path)?);
    let (mut header, _) = csv_record(&DealRow::default())?;
    header.push_field("source_url");
    csv.write_record(&header)?;
    for i in 0..args.deals {
        let kind = rng.pick(KINDS);
        let year = 2000 + rng.below(26);
        let month = 1 + rng.below(12);
        let announced = match rng.below(10) {
            0 => format!("{year}"),
            1 => format!("{year}-Q{}", 1 + (month - 1) / 3),
            2..=4 => format!("{year}-{month:02}"),
            _ => format!("{year}-{month:02}-{:02}", 1 + rng.below(28)),
        };
        let (amount, currency) = match rng.below(20) {
            0..=3 => (None, ""),
            4..=15 => (Some((rng.below(5_000) + 1) * 1_000_000), "USD"),
            16 | 17 => (Some((rng.below(2_000) + 1) * 1_000_000), "EUR"),
            18 => (Some((rng.below(1_000) + 1) * 1_000_000), "GBP"),
            _ => (Some((rng.below(100_000) + 1) * 1_000_000), "JPY"),
        };
        let roles: (&str, &str) = match kind {
            "investment" => ("investor", "investee"),
            "acquisition" | "merger" => ("acquirer", "target"),
            "cloud-compute" | "chip-supply" | "datacenter" | "licensing" => {
                ("customer", "provider")
            }
            _ => ("partner", "partner"),
        };
        let first = rng.below(args.companies);
        let mut second = rng.below(args.companies);
        if second == first {
            second = (first + 1) % args.companies.max(2);
        }
        let mut parties = format!(
            "{}:{}; {}:{}",
            company_name(first),
            roles.0,
            company_name(second),
            roles.1
        );
        if rng.below(3) == 0 {
            let third = (second + 1 + rng.below(args.companies.max(3) - 2)) % args.companies.max(1);
            if third != first && third != second {
                parties.push_str(&format!("; {}:{}", company_name(third), roles.0));
            }
        }
        let term = if matches!(kind, "cloud-compute" | "chip-supply" | "datacenter") {
            Some(12 * (1 + rng.below(10)))
        } else {
            None
        };
        let qualifier = if currency.is_empty() {
            ""
        } else {
            ["exact", "exact", "exact", "approx", "at-least", "up-to"][rng.below(6) as usize]
        };
        let source = if args.articles > 0 {
            article_url(rng.below(args.articles))
        } else {
            String::new()
        };
        let status = rng.pick(STATUSES);
        let tags = rng.pick(TAGS);
        let slug = format!("deal-{i}");
        let title = format!("{} {} deal {i}", company_name(first), kind);
        let row = DealRow {
            slug: Some(&slug),
            title: &title,
            kind,
            status: Some(status),
            announced_on: Some(&announced),
            value_amount: amount.map(|a| i64::try_from(a).unwrap_or(i64::MAX)),
            value_currency: Some(currency).filter(|c| !c.is_empty()),
            value_qualifier: Some(qualifier).filter(|q| !q.is_empty()),
            term_months: term.map(|t| i64::try_from(t).unwrap_or(i64::MAX)),
            starts_on: None,
            parties,
            tags: tags.to_string(),
            notes: None,
        };
        csv.serialize((row, source))?;
    }
    csv.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_files() {
        let dir = tempfile::tempdir().unwrap();
        let run = |sub: &str| {
            let args = Args {
                out: dir.path().join(sub),
                deals: 50,
                companies: 10,
                articles: 5,
                seed: 3,
            };
            generate(&mut Vec::new(), &args).unwrap();
            (
                std::fs::read(args.out.join("deals.csv")).unwrap(),
                std::fs::read(args.out.join("articles.json")).unwrap(),
            )
        };
        let (a, b) = (run("a"), run("b"));
        assert_eq!(a, b);
        let text = String::from_utf8(a.0).unwrap();
        assert_eq!(text.lines().count(), 51);
        let doc: serde_json::Value = serde_json::from_slice(&a.1).unwrap();
        assert_eq!(doc["articles"].as_array().unwrap().len(), 5);
        assert!(doc["articles"][0]["body"].as_str().unwrap().len() >= 3000);
    }
}
