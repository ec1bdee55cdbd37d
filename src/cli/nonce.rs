//! The HTML page's nonce.

/// A fresh value no article author can predict, for the page's content security policy:
/// only a script carrying it runs.
pub fn nonce() -> String {
    use std::hash::BuildHasher;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let a = std::collections::hash_map::RandomState::new().hash_one(seed);
    let b = std::collections::hash_map::RandomState::new().hash_one(std::process::id());
    format!("{a:016x}{b:016x}")
}
