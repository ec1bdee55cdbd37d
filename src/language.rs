//! The language an article is written in: given in its metadata, else detected. The rules
//! read English with a built-in grammar and other languages through their `[lang.xx]`
//! tables; an article in a language they do not read is not judged, so that it is not
//! scored as if it were bad English.

/// An article's language and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-1 where there is one ("en", "de"), as given otherwise; "und" when unknown.
    pub code: String,
    /// Whether it was detected from the text rather than given.
    pub detected: bool,
    /// Whether the rules read it: English (or too little text to tell), or a language the
    /// rules have a `[lang.xx]` table for (set by the analysis, which knows the rules).
    pub read: bool,
}

impl Language {
    /// Whether the rules read this language.
    pub fn is_supported(&self) -> bool {
        self.read
    }

    /// English, or too little text to tell: read with the built-in English grammar.
    pub fn is_english(&self) -> bool {
        is_english(&self.code) || self.code == UNDETERMINED
    }
}

/// The code of a language that could not be told (too little text): read as English.
pub const UNDETERMINED: &str = "und";

/// The primary subtag of a language code, lower-cased: "es" of "es-MX".
pub fn primary_subtag(code: &str) -> String {
    code.split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_lowercase()
}

/// "en", "EN", "en-GB", "eng", "English".
pub fn is_english(code: &str) -> bool {
    let primary = code
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(primary.as_str(), "en" | "eng" | "english")
}

/// The language of `text`, or the one `given`; `read` says whether English grammar reads it
/// (the analysis widens it to the languages the rules have tables for).
pub fn language_of(given: Option<&str>, text: &str) -> Language {
    if let Some(code) = given.map(str::trim).filter(|c| !c.is_empty()) {
        return Language {
            code: code.to_string(),
            detected: false,
            read: is_english(code),
        };
    }
    let code = detect(text);
    Language {
        code: code.to_string(),
        detected: true,
        read: is_english(code) || code == UNDETERMINED,
    }
}

/// Bytes of text read to tell the language: enough for a reliable answer, little enough
/// that telling it costs a fraction of reading the article.
const SAMPLE: usize = 2_000;

/// Whether a word (a run of letters) is an English function word: prose in English has
/// several in any sentence, prose in other languages almost none.
fn is_english_function_word(word: &[u8]) -> bool {
    let mut lower = [0u8; 4];
    if word.len() > lower.len() {
        return false;
    }
    for (l, b) in lower.iter_mut().zip(word) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &lower[..word.len()],
        b"the" | b"and" | b"of" | b"to" | b"in" | b"is" | b"that" | b"was" | b"for" | b"with"
    )
}

/// Words and English function words in `sample`, one pass over its bytes; it stops early
/// once the text is plainly English.
fn english_counts(sample: &[u8]) -> (usize, usize) {
    let is_letter = |b: u8| b.is_ascii_alphabetic() || b >= 0x80;
    let (mut words, mut english, mut i) = (0, 0, 0);
    while i < sample.len() {
        while i < sample.len() && !is_letter(sample[i]) {
            i += 1;
        }
        let start = i;
        while i < sample.len() && is_letter(sample[i]) {
            i += 1;
        }
        if i > start {
            words += 1;
            if is_english_function_word(&sample[start..i]) {
                english += 1;
                if english >= 12 && english * 6 >= words {
                    break;
                }
            }
        }
    }
    (words, english)
}

fn detect(text: &str) -> &'static str {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let (words, english) = english_counts(sample.as_bytes());
    // Most articles are English: counting function words settles them without a model.
    if english * 8 >= words && english >= 3 {
        return "en";
    }
    if words < 20 {
        return UNDETERMINED;
    }
    match whatlang::detect(sample) {
        Some(info) if info.is_reliable() => iso_639_1(info.lang()),
        _ => UNDETERMINED,
    }
}

fn iso_639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Spa => "es",
        Fra => "fr",
        Deu => "de",
        Ita => "it",
        Nld => "nl",
        Por => "pt",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Tur => "tr",
        Ara => "ar",
        Urd => "ur",
        Hin => "hi",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Swe => "sv",
        Dan => "da",
        Fin => "fi",
        Ell => "el",
        Heb => "he",
        Ind => "id",
        Ron => "ro",
        Ces => "cs",
        Hun => "hu",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_told_from_the_text_or_taken_as_given() {
        let english = "The council said on Monday that 40 people were hurt in the fire, and that the cause was not yet known to the investigators working at the site.";
        let german = "Der Stadtrat teilte am Montag mit, dass bei dem Brand 40 Menschen verletzt wurden und die Ursache noch nicht bekannt sei. Die Ermittler arbeiten weiter an der Brandstelle.";
        let spanish = "El ayuntamiento informó el lunes de que 40 personas resultaron heridas en el incendio y de que la causa aún no se conoce. Los investigadores siguen trabajando en el lugar.";
        assert_eq!(language_of(None, english).code, "en");
        assert_eq!(language_of(None, german).code, "de");
        assert_eq!(language_of(None, spanish).code, "es");
        assert!(language_of(None, english).is_supported());
        assert!(!language_of(None, german).is_supported());
        // Too little text to tell: read as English, as before.
        assert_eq!(language_of(None, "40 hurt.").code, UNDETERMINED);
        assert!(language_of(None, "40 hurt.").is_supported());
        // Given: taken as it is, whatever the text.
        let given = language_of(Some("en-GB"), german);
        assert_eq!((given.code.as_str(), given.detected), ("en-GB", false));
        assert!(given.is_supported());
        assert!(!language_of(Some("fr"), english).is_supported());
    }
}
