//! Number words ("thirteen", "twenty-one", "a dozen", "one hundred and two") and scale
//! words ("million", "bn").

use crate::lower::Lower;

/// The value of a word for 0–19 or a multiple of ten up to ninety.
pub fn small_number(word: &str) -> Option<f64> {
    let v = match &*Lower::new(word) {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    Some(f64::from(v))
}

pub fn is_tens(value: f64) -> bool {
    (20.0..100.0).contains(&value) && value % 10.0 == 0.0
}

/// Multipliers written as words or as suffixes of digits ("20bn", "€10M").
/// `money` allows the one-letter forms that are only scales after a currency.
pub fn scale_word(word: &str, money: bool) -> Option<f64> {
    let lower = Lower::new(word);
    let v = match &*lower {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "lakh" | "lakhs" => 1e5,
        "million" | "millions" | "mn" | "mln" => 1e6,
        "crore" | "crores" => 1e7,
        "billion" | "billions" | "bn" | "bln" => 1e9,
        "trillion" | "trillions" | "tn" => 1e12,
        _ => return one_letter_scale(word, money),
    };
    Some(v)
}

fn one_letter_scale(word: &str, money: bool) -> Option<f64> {
    match word {
        "k" | "K" => Some(1e3),
        "m" | "M" if money => Some(1e6),
        "b" | "B" if money => Some(1e9),
        "T" if money => Some(1e12),
        _ => None,
    }
}

/// Word ordinals up to the twentieth, plus the round tens.
pub fn ordinal_word(word: &str) -> Option<f64> {
    let v = match &*Lower::new(word) {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "hundredth" => 100,
        _ => return None,
    };
    Some(f64::from(v))
}

/// Vague plural quantities: a lower bound for "dozens", "hundreds" and so on.
pub fn vague_plural(word: &str) -> Option<f64> {
    match &*Lower::new(word) {
        "dozens" => Some(24.0),
        "scores" => Some(40.0),
        "hundreds" => Some(200.0),
        "thousands" => Some(2_000.0),
        "millions" => Some(2e6),
        "billions" => Some(2e9),
        _ => None,
    }
}

pub fn is_ordinal_suffix(suffix: &str) -> bool {
    matches!(
        suffix.to_ascii_lowercase().as_str(),
        "st" | "nd" | "rd" | "th"
    )
}
