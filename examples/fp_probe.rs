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
    let reps: usize = std::env::args().nth(2).map_or(1, |r| r.parse().unwrap());
    let started = std::time::Instant::now();
    for t in texts.iter().cycle().take(texts.len() * reps) {
        let f = credence::text::Fingerprint::of(t);
        acc ^= f.sketch.first().copied().unwrap_or(0) ^ f.words.len() as u64;
    }
    let took = started.elapsed();
    println!("{acc} {:?} per article", took / (texts.len() * reps) as u32);
}
