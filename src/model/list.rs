//! Lists written in one CSV cell, as `deals.csv` keeps parties
//! (`OpenAI:customer; Amazon Web Services:provider`) and tags (`gpu; ai`). A
//! separator or a backslash inside an item is written with a backslash before
//! it (`Alpha\; Beta Holdings:partner`), so that any name comes back whole.

/// What separates the parties of a `parties` cell.
pub const PARTY_SEPARATORS: &[char] = &[';'];
/// What separates the tags of a `tags` cell (`a; b` or `a|b`).
pub const TAG_SEPARATORS: &[char] = &[';', '|'];

/// Joins `items` with the first of `separators` and a space, escaping a
/// backslash and every separator inside an item with a backslash.
pub fn join<I: AsRef<str>>(items: impl IntoIterator<Item = I>, separators: &[char]) -> String {
    let first = separators.first().copied().unwrap_or(';');
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(first);
            out.push(' ');
        }
        for c in item.as_ref().chars() {
            if c == '\\' || separators.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Splits `text` at the separators no backslash escapes, undoing the escapes;
/// items are trimmed, and empty ones dropped. A backslash before any other
/// character is kept as it is.
pub fn split(text: &str, separators: &[char]) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some(&next) if next == '\\' || separators.contains(&next) => {
                    item.push(next);
                    chars.next();
                }
                _ => item.push('\\'),
            },
            c if separators.contains(&c) => items.push(std::mem::take(&mut item)),
            c => item.push(c),
        }
    }
    items.push(item);
    items
        .into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_item_comes_back_whole() {
        let names = [
            "Alpha; Beta Holdings:partner",
            "Re:Think Labs:partner",
            r"C:\ \; D",
        ];
        let cell = join(names, &[';']);
        assert_eq!(
            cell,
            r"Alpha\; Beta Holdings:partner; Re:Think Labs:partner; C:\\ \\\; D"
        );
        assert_eq!(split(&cell, &[';']), names);
        let tags = ["a|b", "c;d", "plain"];
        assert_eq!(split(&join(tags, &[';', '|']), &[';', '|']), tags);
    }

    #[test]
    fn plain_cells_read_as_before() {
        assert_eq!(
            split("OpenAI:customer; AWS:provider", &[';']),
            ["OpenAI:customer", "AWS:provider"]
        );
        assert_eq!(split("a|b; ;c", &[';', '|']), ["a", "b", "c"]);
        assert_eq!(split(r"x\y", &[';']), [r"x\y"]);
    }
}
