//! "Did you mean ...?": the known names closest to one that matched nothing, for
//! companies, deals and vocabularies alike.

/// How alike (Jaro-Winkler, 0 to 1) a known name must be to be offered.
const THRESHOLD: f64 = 0.8;

/// The score of a name that contains what was typed, or is contained in it, when
/// the shorter of the two has at least `CONTAINED_LEN` characters.
const CONTAINED: f64 = 0.9;
const CONTAINED_LEN: usize = 3;

/// Up to `limit` of the candidates closest to `wanted`, best first (ties by text),
/// each once. A candidate is `(name, shown)`: `name` is compared, ignoring case;
/// `shown` is what the user is offered ("AWS (Amazon Web Services)").
pub fn closest<I, N, S>(wanted: &str, candidates: I, limit: usize) -> Vec<String>
where
    I: IntoIterator<Item = (N, S)>,
    N: AsRef<str>,
    S: Into<String>,
{
    let wanted = wanted.trim().to_lowercase();
    let mut scored: Vec<(f64, String)> = candidates
        .into_iter()
        .filter_map(|(name, shown)| {
            let score = score(&name.as_ref().to_lowercase(), &wanted);
            (score >= THRESHOLD).then(|| (score, shown.into()))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut names: Vec<String> = Vec::new();
    for (_, shown) in scored {
        if !names.contains(&shown) {
            names.push(shown);
        }
    }
    names.truncate(limit);
    names
}

/// " (did you mean a, b?)", or nothing when there is nothing to offer.
pub fn hint(names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", names.join(", "))
    }
}

fn score(name: &str, wanted: &str) -> f64 {
    let similar = strsim::jaro_winkler(name, wanted);
    let shorter = name.chars().count().min(wanted.chars().count());
    if shorter >= CONTAINED_LEN && (name.contains(wanted) || wanted.contains(name)) {
        similar.max(CONTAINED)
    } else {
        similar
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(wanted: &str, known: &[&str]) -> Vec<String> {
        closest(wanted, known.iter().map(|k| (*k, *k)), 3)
    }

    #[test]
    fn typos_and_parts_find_their_names() {
        assert_eq!(names("Amazn", &["Amazon", "Microsoft"]), ["Amazon"]);
        assert_eq!(
            names("cloud", &["cloud-compute", "other"]),
            ["cloud-compute"]
        );
        assert_eq!(
            names("openai-aws", &["openai-aws-compute-2025", "stargate"]),
            ["openai-aws-compute-2025"]
        );
        assert!(names("zzz", &["Amazon", "Microsoft"]).is_empty());
    }

    #[test]
    fn the_best_come_first_each_once_up_to_the_limit() {
        let shown = "AWS (Amazon Web Services)";
        let known = [("aws", shown), ("Amazon", "Amazon"), ("AWS", shown)];
        let found = closest("AWS", known, 3);
        assert_eq!(found[0], shown);
        assert_eq!(found.iter().filter(|f| *f == shown).count(), 1);
        let many = ["ab1", "ab2", "ab3", "ab4"].map(|n| (n, n));
        assert_eq!(closest("ab", many, 2), ["ab1", "ab2"]);
    }

    #[test]
    fn a_hint_reads_as_a_question() {
        assert_eq!(hint(&[]), "");
        assert_eq!(hint(&["Amazon".into()]), " (did you mean Amazon?)");
    }
}
