// Temporary probe: fingerprint cost alone.
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let data = std::fs::read_to_string(path).unwrap();
    let texts: Vec<String> = data
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["text"].as_str().unwrap_or("").to_string()
        })
        .collect();
    let mut acc = 0u64;
    for t in &texts {
        let f = credence::text::Fingerprint::of(t);
        acc ^= f.sketch.first().copied().unwrap_or(0) ^ f.words.len() as u64;
    }
    println!("{acc}");
}
