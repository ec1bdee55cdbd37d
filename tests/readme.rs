//! The README's sample output is what the sample command prints: a user who runs the first
//! of its two commands sees the table the README shows.

use std::process::Command;

/// The ```text block after the README's "The first prints" line.
fn readme_sample() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md is readable");
    let after = readme
        .split_once("The first prints")
        .expect("the README introduces the sample output")
        .1;
    let block = after
        .split_once("```text\n")
        .expect("the sample output is a text block")
        .1;
    block
        .split_once("```")
        .expect("the text block is closed")
        .0
        .to_string()
}

/// The run's time ("0.02 s") differs from run to run.
fn without_time(s: &str) -> String {
    s.lines()
        .map(|line| match line.find(" errors, ") {
            Some(at) => {
                let rest = &line[at + " errors, ".len()..];
                let after_time = rest.split_once(" s").map_or("", |(_, r)| r);
                format!("{} errors, <time> s{after_time}", &line[..at])
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_readme_sample_output_is_what_the_sample_command_prints() {
    let out = Command::new(env!("CARGO_BIN_EXE_credence"))
        .args(["score", "fixtures/istanbul-talks"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COLUMNS")
        .output()
        .expect("credence runs");
    assert!(out.status.success(), "exit {:?}", out.status);
    let printed =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        without_time(printed.trim_end()),
        without_time(readme_sample().trim_end()),
        "the README's sample output is stale: paste the output of \
         `credence score fixtures/istanbul-talks` into it"
    );
}
