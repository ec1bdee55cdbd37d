//! What a figure is: a count, an amount of money, a percentage, a date, a duration, an
//! ordinal, a bare number or a person's age. The extractor assigns it; the rules' TOML names kinds (a
//! measure's `kinds`, a rule's `kinds`), so it sits below both.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FigureKind {
    /// A number of things ("40,000 deaths").
    Count,
    Money,
    Percent,
    /// A calendar date, year, decade, or time of day.
    Date,
    /// A length of time ("13 months", "two-year", "since October 2023").
    Duration,
    Ordinal,
    /// A bare number or a measurement with a unit ("4,000 km").
    Number,
    /// A person's age ("Ana Lind, 42,", "a 34-year-old", "aged 34"): it counts nothing, so
    /// it takes no measure and corroborates nothing.
    Age,
}

impl FigureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Count => "count",
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Date => "date",
            FigureKind::Duration => "duration",
            FigureKind::Ordinal => "ordinal",
            FigureKind::Number => "number",
            FigureKind::Age => "age",
        }
    }

    pub fn parse(s: &str) -> Option<FigureKind> {
        Some(match s {
            "count" => FigureKind::Count,
            "money" => FigureKind::Money,
            "percent" => FigureKind::Percent,
            "date" => FigureKind::Date,
            "duration" => FigureKind::Duration,
            "ordinal" => FigureKind::Ordinal,
            "number" => FigureKind::Number,
            "age" => FigureKind::Age,
            _ => return None,
        })
    }
}
