//! The layers of `src/`: model <- db <- ops <- commands <- app/main, with output
//! and cli beside them. A module may name only the layers below it, so that the
//! import structure has no circle and no upward arrow.

use std::collections::BTreeSet;
use std::path::Path;

/// The top-level modules each layer may name, besides itself.
const ALLOWED: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("error", &["model"]),
    ("db", &["model", "error"]),
    ("ops", &["db", "model", "error"]),
    ("output", &["model", "error"]),
    ("cli", &["model", "output"]),
    (
        "commands",
        &["cli", "ops", "db", "model", "output", "error"],
    ),
];

/// The top-level modules a source file names through `crate::`.
fn named_layers(source: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in source.match_indices("crate::") {
        let rest = &source[i + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group
                .split('}')
                .next()
                .unwrap_or_default()
                .split(',')
                .collect(),
            None => vec![rest],
        };
        for name in names {
            let name: String = name
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

fn visit(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            visit(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn no_module_names_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    visit(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("a file under src");
        let layer = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or_default()
            .trim_end_matches(".rs");
        let Some((_, allowed)) = ALLOWED.iter().find(|(name, _)| *name == layer) else {
            continue;
        };
        let source = std::fs::read_to_string(file).expect("read a source file");
        for named in named_layers(&source) {
            if named != layer && !allowed.contains(&named.as_str()) {
                wrong.push(format!("{} names crate::{named}", relative.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "upward or sideways arrows:\n{}",
        wrong.join("\n")
    );
    assert!(files.len() > 50, "the walk found the sources");
}

#[test]
fn the_layer_reader_sees_grouped_and_plain_paths() {
    let names =
        named_layers("use crate::{db::Db, model::{Money}};\nlet x = crate::ops::seed::load;");
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["db", "model", "ops"]
    );
}
