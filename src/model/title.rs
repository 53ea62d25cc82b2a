//! Titles and slugs for imported deals that come without them: "Media Saturn
//! acquires 003.RU", and a slug that the same row always gives again.

use super::PartialDate;
use super::slug::slugify;

/// A title made from the parties and the kind, or None without parties.
///
/// Acquisitions read "A acquires B", investments "A invests in B", mergers "A and
/// B merge"; anything else "A – B partnership" with the kind in words. Parties
/// keep the order they were given in.
pub fn generate(kind: &str, parties: &[(String, String)]) -> Option<String> {
    if parties.is_empty() {
        return None;
    }
    let named = |role: &str| -> Vec<&str> {
        parties
            .iter()
            .filter(|(_, r)| r == role)
            .map(|(name, _)| name.as_str())
            .collect()
    };
    let verb = |subjects: &[&str], singular: &str, plural: &str, objects: &[&str]| {
        let verb = if subjects.len() == 1 {
            singular
        } else {
            plural
        };
        format!("{} {verb} {}", and_list(subjects), and_list(objects))
    };
    let (buyers, targets) = (named("acquirer"), named("target"));
    if kind == "acquisition" && !buyers.is_empty() && !targets.is_empty() {
        return Some(verb(&buyers, "acquires", "acquire", &targets));
    }
    let (investors, investees) = (named("investor"), named("investee"));
    if kind == "investment" && !investors.is_empty() && !investees.is_empty() {
        return Some(verb(&investors, "invests in", "invest in", &investees));
    }
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in parties {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    if kind == "merger" && names.len() > 1 {
        return Some(format!("{} merge", and_list(&names)));
    }
    let words = match kind {
        "cloud-compute" => "cloud compute deal",
        "chip-supply" => "chip supply deal",
        "datacenter" => "data centre deal",
        "licensing" => "licensing deal",
        "joint-venture" => "joint venture",
        "other" => "deal",
        other => other,
    };
    Some(format!("{} {}", names.join(" – "), words.replace('-', " ")))
}

/// "A", "A and B", "A, B and C".
fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The slug of a deal imported without one: its title and its announced date, so
/// that importing the same row again finds the same deal and two deals of the
/// same parties on different dates stay apart. A title too long for a slug is
/// shortened and given the first 8 hex digits of the SHA-256 of its whole slug,
/// so that two titles alike in their first words still get two keys.
pub fn generated_slug(title: &str, announced: Option<PartialDate>) -> String {
    let whole = crate::model::slug::slug_words(title);
    let mut base = slugify(title);
    if base.len() < whole.len() {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(whole.as_bytes());
        let tag: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
        base = format!("{base}-{tag}");
    }
    match announced {
        Some(date) if base.is_empty() => format!("deal-{}", slugify(&date.to_string())),
        Some(date) => format!("{base}-{}", slugify(&date.to_string())),
        // An empty slug or one without a letter gets the "deal" fallback.
        None => super::slug::unique(&base, "deal", |_| false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parties(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(n, r)| (n.to_string(), r.to_string()))
            .collect()
    }

    #[test]
    fn long_titles_keep_apart_once_shortened() {
        let day = Some("2012-02-02".parse().unwrap());
        let a = generated_slug(
            "ATLAS Intellectual Property Management Co. acquires Jiffy Apps",
            day,
        );
        let b = generated_slug(
            "ATLAS Intellectual Property Management Co. acquires Jiffy Telecommunications Inc.",
            day,
        );
        assert_ne!(a, b);
        assert!(
            a.len() <= 80 && crate::model::slug::validate(&a).is_ok(),
            "{a}"
        );
        assert_eq!(
            a,
            generated_slug(
                "ATLAS Intellectual Property Management Co. acquires Jiffy Apps",
                day
            )
        );
        assert_eq!(generated_slug("Short title", day), "short-title-2012-02-02");
    }

    #[test]
    fn titles_say_who_did_what() {
        let p = parties(&[("003.RU", "target"), ("Media Saturn", "acquirer")]);
        assert_eq!(
            generate("acquisition", &p).as_deref(),
            Some("Media Saturn acquires 003.RU")
        );
        let p = parties(&[("A", "investor"), ("B", "investor"), ("C", "investee")]);
        assert_eq!(
            generate("investment", &p).as_deref(),
            Some("A and B invest in C")
        );
        let p = parties(&[("OpenAI", "customer"), ("AWS", "provider")]);
        assert_eq!(
            generate("cloud-compute", &p).as_deref(),
            Some("OpenAI – AWS cloud compute deal")
        );
        let p = parties(&[("X", "partner"), ("Y", "partner")]);
        assert_eq!(generate("merger", &p).as_deref(), Some("X and Y merge"));
        assert_eq!(
            generate("joint-venture", &p).as_deref(),
            Some("X – Y joint venture")
        );
        assert_eq!(generate("acquisition", &[]), None);
    }

    #[test]
    fn slugs_carry_the_date_and_are_stable() {
        let date = "2012-07-23".parse().ok();
        assert_eq!(
            generated_slug("Media Saturn acquires 003.RU", date),
            "media-saturn-acquires-003-ru-2012-07-23"
        );
        assert_eq!(
            generated_slug("Media Saturn acquires 003.RU", "2015-Q3".parse().ok()),
            "media-saturn-acquires-003-ru-2015-q3"
        );
        assert_eq!(generated_slug("東京", None), "deal");
        assert_eq!(generated_slug("2000 acquires 3", None), "2000-acquires-3");
        assert_eq!(generated_slug("1 – 2 deal", None), "1-2-deal");
        assert_eq!(generated_slug("42", None), "deal-42");
    }
}
