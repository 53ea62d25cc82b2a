//! The one harness for refusals: a command line that must fail with exit code 1 or
//! 2, exactly one line on stderr that starts with "error: ", names what was wrong
//! and carries no terminal escape, and leave the database as it was.

use crate::util::{AWS_DEAL, Sandbox};

/// A command line that must be refused.
pub struct Case {
    args: Vec<String>,
    /// Texts the one-line message must contain.
    names: Vec<String>,
    env: Vec<(&'static str, String)>,
}

/// `deals ARGS`, whose message must contain each of `names`.
pub fn case(args: &[&str], names: &[&str]) -> Case {
    Case {
        args: args.iter().map(|a| a.to_string()).collect(),
        names: names.iter().map(|n| n.to_string()).collect(),
        env: Vec::new(),
    }
}

impl Case {
    /// The same command line with one more environment variable.
    pub fn env(mut self, name: &'static str, value: &str) -> Case {
        self.env.push((name, value.to_string()));
        self
    }

    /// The command line for messages, long arguments cut.
    fn shown(&self) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| {
                if a.chars().count() > 40 {
                    format!(
                        "{}…({} bytes)",
                        a.chars().take(20).collect::<String>(),
                        a.len()
                    )
                } else {
                    a.clone()
                }
            })
            .collect();
        format!("`deals {}`", args.join(" "))
            .escape_debug()
            .to_string()
    }
}

/// The longest message a refusal may print: a huge value is quoted cut, never whole.
const MAX_MESSAGE: usize = 1000;

/// What is wrong with a refusal that exited with `code` and printed `stderr`.
pub fn refusal_problems(code: Option<i32>, stderr: &str, names: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    match code {
        Some(1 | 2) => {}
        other => problems.push(format!("exit code {other:?}")),
    }
    let lines = stderr.lines().count();
    if lines != 1 {
        problems.push(format!("{lines} lines on stderr"));
    }
    if !stderr.starts_with("error: ") {
        problems.push("stderr does not start with \"error: \"".into());
    }
    if stderr.contains("panicked") {
        problems.push("a panic".into());
    }
    if stderr.contains('\u{1b}') {
        problems.push("an escape sequence on stderr".into());
    }
    if stderr.len() > MAX_MESSAGE {
        problems.push(format!("a message of {} bytes", stderr.len()));
    }
    for name in names {
        if !stderr.contains(name.as_str()) {
            problems.push(format!("message does not name {name:?}"));
        }
    }
    problems
}

/// Runs every case against the sandbox's database, which must stay as it was, and
/// reports all the cases that broke at once.
pub fn check_refused(s: &Sandbox, cases: &[Case]) {
    let before = s.dump();
    let mut broken = Vec::new();
    for case in cases {
        let mut cmd = s.cmd();
        cmd.args(&case.args);
        for (name, value) in &case.env {
            cmd.env(name, value);
        }
        let out = cmd.output().expect("spawn deals");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut problems = refusal_problems(out.status.code(), &stderr, &case.names);
        if s.dump() != before {
            problems.push("the database changed".into());
        }
        if !problems.is_empty() {
            broken.push(format!(
                "{}: {}\n    stderr: {:?}",
                case.shown(),
                problems.join(", "),
                stderr.chars().take(300).collect::<String>()
            ));
        }
    }
    assert!(
        broken.is_empty(),
        "{} of {} case(s) broke:\n{}",
        broken.len(),
        cases.len(),
        broken.join("\n")
    );
}

/// `deals add` with a title and a kind unless the case gives them.
pub fn add(args: &[&str], names: &[&str]) -> Case {
    let mut all = vec!["add"];
    if !args.contains(&"--title") {
        all.extend(["--title", "Refused deal"]);
    }
    if !args.contains(&"--kind") {
        all.extend(["--kind", "other"]);
    }
    all.extend(args);
    case(&all, names)
}

/// `deals edit` of the AWS seed deal.
pub fn edit(args: &[&str], names: &[&str]) -> Case {
    let mut all = vec!["edit", AWS_DEAL];
    all.extend(args);
    case(&all, names)
}

/// SQL meta-characters that must stay text.
pub const DROP: &str = "'; DROP TABLE deals; --";
pub const OR_TRUE: &str = "\" OR 1=1";
