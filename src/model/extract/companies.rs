//! Finding the known companies a sentence names, through their aliases.

/// Every alias of every known company, ready for matching.
#[derive(Debug, Clone, Default)]
pub struct CompanyNames {
    /// (alias in lower case, canonical name), longest alias first.
    aliases: Vec<(Vec<char>, String)>,
}

/// One character in lower case, keeping one character for one (so positions
/// in the lowered text are positions in the original).
fn lower(c: char) -> char {
    let mut lowered = c.to_lowercase();
    match (lowered.next(), lowered.next()) {
        (Some(one), None) => one,
        _ => c,
    }
}

impl CompanyNames {
    /// Builds the matcher from (alias, canonical name) pairs; a company's own
    /// name is one of its aliases. Empty aliases are ignored.
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> CompanyNames {
        let mut aliases: Vec<(Vec<char>, String)> = pairs
            .into_iter()
            .map(|(alias, name)| (alias.trim().chars().map(lower).collect(), name))
            .filter(|(alias, _): &(Vec<char>, String)| !alias.is_empty())
            .collect();
        aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        CompanyNames { aliases }
    }

    /// The canonical names of the companies `sentence` names, in order of
    /// first appearance, each once. Matching ignores case and needs a word
    /// boundary on both sides ("Meta" is not found in "metaverse"); the
    /// longest alias wins, so "Amazon Web Services" is one match, not also
    /// "Amazon".
    pub fn find(&self, sentence: &str) -> Vec<String> {
        let text: Vec<char> = sentence.chars().map(lower).collect();
        let mut taken = vec![false; text.len()];
        let mut found: Vec<(usize, &str)> = Vec::new();
        for (alias, name) in &self.aliases {
            let len = alias.len();
            let mut at = 0;
            while at + len <= text.len() {
                let end = at + len;
                let bounded = (at == 0 || !text[at - 1].is_alphanumeric())
                    && (end == text.len() || !text[end].is_alphanumeric());
                if bounded && text[at..end] == alias[..] && !taken[at..end].contains(&true) {
                    taken[at..end].iter_mut().for_each(|t| *t = true);
                    found.push((at, name));
                    at = end;
                } else {
                    at += 1;
                }
            }
        }
        found.sort_by_key(|&(at, _)| at);
        let mut names: Vec<String> = Vec::new();
        for (_, name) in found {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        names
    }
}
