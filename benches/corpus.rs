//! A synthetic news corpus for benchmarks: stories of several articles each, ~600 words,
//! with figures, dates, quotes, named and anonymous attributions, and some padding — all
//! generated from templates written here, deterministic from a seed.

/// SplitMix64: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SYLLABLES: &[&str] = &[
    "kar", "vel", "dor", "ana", "sel", "mir", "tov", "ber", "lin", "gra", "hol", "esk", "rum",
    "pal", "ost",
];
/// An event, another word for it, and what the toll counts.
const EVENTS: &[(&str, &str, &str)] = &[
    ("fire", "blaze", "people were killed"),
    ("flood", "flooding", "people were killed"),
    ("strike", "walkout", "workers were dismissed"),
    ("earthquake", "quake", "people were killed"),
    ("protest", "rally", "people were arrested"),
    ("storm", "gale", "people were killed"),
];
const OUTLETS: &[&str] = &[
    "Northern Wire",
    "Capital Ledger",
    "Evening Shout",
    "Valley Voice",
    "Public Broadcaster",
    "Harbour Times",
    "FeedBlaze",
    "Metro Digest",
    "Coastal Courier",
    "The Patriot Post",
    "Daily Record",
    "NewsHub",
];
const FIRST: &[&str] = &[
    "Marta", "Tomas", "Ines", "Jonas", "Clara", "Anton", "Sara", "Erik", "Lena", "Piet", "Nadia",
    "Omar",
];
const LAST: &[&str] = &[
    "Jensen", "Berg", "Moreau", "Vik", "Holm", "Sund", "Lind", "Dahl", "Kovac", "Larsen", "Haddad",
    "Novak",
];
const ROLES: &[&str] = &[
    "the regional governor",
    "the interior minister",
    "a police spokesman",
    "the fire chief",
    "the mayor",
    "a hospital director",
    "the union leader",
];
const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "said in a statement",
    "told the broadcaster",
    "added",
];
const FILLER: &[&str] = &[
    "Residents gathered outside the town hall as officials briefed the press on the latest developments.",
    "The authorities promised to publish a full account once the investigation is complete.",
    "Neighbouring districts sent equipment and volunteers to help with the response.",
    "Traffic on the main road was diverted for most of the day while crews worked at the scene.",
    "Local businesses said the disruption had already cost them customers during a busy week.",
    "Opposition politicians called for a debate in parliament on how the response was handled.",
    "Aid groups set up tents and distributed food, water and blankets to families.",
    "Schools in the area stayed closed, and parents were told to keep children at home.",
    "Engineers were expected to inspect bridges and buildings before they could reopen.",
    "The regional council said it would review its emergency plans in the coming months.",
];
const HYPE: &[&str] = &[
    "shocking",
    "massive",
    "unprecedented",
    "stunning",
    "historic",
];

fn name(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..2 + rng.below(2) {
        s.push_str(rng.pick(SYLLABLES));
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// One story's facts, shared by its articles.
struct Story {
    key: String,
    place: String,
    event: (&'static str, &'static str, &'static str),
    toll: u64,
    injured: u64,
    responders: u64,
    cost_millions: u64,
    month: usize,
    day: usize,
}

/// Writes `articles` JSONL lines of synthetic articles, `per_story` to a story, numbering
/// articles from `start` (so that chunks written one after another do not collide).
pub fn generate(articles: usize, per_story: usize, seed: u64, start: usize) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(articles * 4200);
    let mut story = None;
    for i in start..start + articles {
        if i % per_story.max(1) == 0 || story.is_none() {
            let place = name(&mut rng);
            story = Some(Story {
                key: format!("story-{}", i / per_story.max(1)),
                event: EVENTS[rng.below(EVENTS.len())],
                toll: 2 + rng.below(300) as u64,
                injured: 10 + rng.below(900) as u64,
                responders: 20 + rng.below(400) as u64,
                cost_millions: 5 + rng.below(900) as u64,
                month: rng.below(12),
                day: 1 + rng.below(28),
                place,
            });
        }
        let s = story.as_ref().expect("a story");
        out.push_str(&article(&mut rng, s, i));
        out.push('\n');
    }
    out
}

fn article(rng: &mut Rng, s: &Story, index: usize) -> String {
    let careless = rng.chance(30);
    let outlet = rng.pick(OUTLETS);
    let (event, alt, verb) = s.event;
    let toll = if careless && rng.chance(30) {
        s.toll * 10
    } else {
        s.toll
    };
    let mut paras: Vec<String> = Vec::new();
    let speaker = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let role = rng.pick(ROLES);
    paras.push(format!(
        "At least {} {verb} and {} injured in the {event} in {} on {} {}, {} {}.",
        thousands(toll),
        thousands(s.injured),
        s.place,
        credence::date::month_name(s.month as u32 + 1).unwrap_or_default(),
        s.day,
        role,
        rng.pick(VERBS)
    ));
    paras.push(format!(
        "\"We are doing everything we can to help the families,\" {speaker}, {role}, {}. About {} responders were sent to the area overnight.",
        rng.pick(VERBS),
        thousands(s.responders)
    ));
    if careless {
        paras.push(format!(
            "Sources said the {alt} caused ${} million in damage and destroyed {} homes, a {} blow to the region.",
            s.cost_millions,
            thousands(100 + rng.below(5000) as u64),
            rng.pick(HYPE)
        ));
        paras.push(format!(
            "Insiders suggest {} officials knew of the risk for {} months, and {} families have already left.",
            s.place,
            2 + rng.below(30),
            thousands(50 + rng.below(2000) as u64)
        ));
    } else {
        paras.push(format!(
            "The regional government said repairs would cost about {} million euros, according to a preliminary estimate published on {}.",
            s.cost_millions,
            rng.pick(&["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
        ));
    }
    // Background to reach a realistic length.
    while paras
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum::<usize>()
        < 560
    {
        let mut p = String::new();
        for _ in 0..3 {
            p.push_str(rng.pick(FILLER));
            p.push(' ');
        }
        if rng.chance(25) {
            p.push_str(&format!(
                "{} {} that {} teams would stay in {} until {} {}.",
                rng.pick(FIRST),
                rng.pick(&["said", "confirmed", "told the press"]),
                thousands(3 + rng.below(40) as u64),
                s.place,
                credence::date::month_name(((s.month + 1) % 12) as u32 + 1).unwrap_or_default(),
                1 + rng.below(28)
            ));
        }
        paras.push(p.trim_end().to_string());
    }
    let title = format!("{} hits {}", capitalise(event), s.place);
    let text = format!("{title}\n\n{}", paras.join("\n\n"));
    serde_json::json!({
        "id": format!("a{index:07}"),
        "story": s.key,
        "source": outlet,
        "published": format!("2025-{:02}-{:02}", s.month + 1, (s.day + 1).min(28)),
        "text": text,
    })
    .to_string()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
