//! The library's layers name only the layers below them: lower-level code never reaches up
//! into the rules, the scoring engine or the report. The order, lowest first:
//!
//! `lower` → `date`, `figure_kind` → `text` → `cues` → `config` → `ingest` → `extract`, `genre` →
//! `analysis` → `stories` → `rules` → `score` → `outlets`, `eval` → `pipeline`, `tune` → `stream`,
//! `plant` → `report`; `lib.rs` re-exports, and `main.rs` with `cli/` is the command line above
//! them all.

use std::path::Path;

const LAYERS: &[(&str, usize)] = &[
    ("lower", 0),
    ("date", 1),
    ("figure_kind", 1),
    ("language", 1),
    ("text", 2),
    ("cues", 3),
    ("config", 4),
    ("ingest", 5),
    ("extract", 6),
    ("genre", 6),
    ("analysis", 7),
    ("stories", 8),
    ("rules", 9),
    ("score", 10),
    ("outlets", 11),
    ("eval", 11),
    ("pipeline", 12),
    ("tune", 12),
    ("stream", 13),
    ("history", 11),
    ("plant", 13),
    ("report", 14),
    ("service", 15),
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The top-level modules a source file names through `crate::`, with their lines.
fn named_modules(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a::X, b}`: each item's first segment.
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.push((n + 1, name));
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push((n + 1, name));
            }
        }
    }
    out
}

/// Every place under `src` where a layer names a layer above it.
fn violations(src: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).expect("under src");
            let first = relative
                .components()
                .next()
                .and_then(|c| c.as_os_str().to_str())
                .unwrap_or("")
                .trim_end_matches(".rs")
                .to_string();
            // The facade and the command line stand above every layer.
            if first == "lib" || first == "main" || first == "cli" {
                continue;
            }
            let own = layer(&first)
                .unwrap_or_else(|| panic!("{first}: a module with no layer; add it to LAYERS"));
            let source = std::fs::read_to_string(&path).expect("a readable source file");
            for (line, name) in named_modules(&source) {
                match layer(&name) {
                    Some(l) if l > own => found.push(format!(
                        "{}:{line}: `{first}` names `{name}`, a higher layer",
                        path.display()
                    )),
                    _ => {}
                }
            }
        }
    }
    found.sort();
    found
}

#[test]
fn no_layer_names_a_higher_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_lower_layer_naming_a_higher_one_is_caught() {
    let dir = std::env::temp_dir().join(format!("credence-layers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("extract")).unwrap();
    std::fs::write(
        dir.join("extract/mod.rs"),
        "use crate::text::Span;\nuse crate::{config::Config, rules::Ruleset};\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("text.rs"),
        "// crate::report in a comment is no dependency\nfn f() -> crate::score::Report { todo!() }\n",
    )
    .unwrap();
    let found = violations(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("`extract` names `rules`"), "{found:?}");
    assert!(
        found[1].contains("text.rs:2: `text` names `score`"),
        "{found:?}"
    );
}
