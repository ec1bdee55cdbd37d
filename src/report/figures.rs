//! `credence extract`: the figures of each article as plain records.

use crate::analysis::Analysis;
use crate::extract::{Attribution, Figure, FigureKind, Qualifier};
use crate::ingest::Article;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct FigureRecord {
    pub text: String,
    pub value: Option<f64>,
    pub kind: FigureKind,
    pub unit: Option<String>,
    pub measure: Option<String>,
    pub line: usize,
    pub column: usize,
    /// Attributed to a named source.
    pub attributed: bool,
    pub attribution: Attribution,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noun: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub relative: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_words: bool,
    /// The sentence the figure is in.
    pub sentence: String,
}

pub fn figure_records(article: &Article, analysis: &Analysis) -> Vec<FigureRecord> {
    let text = article.text.as_str();
    analysis
        .extraction
        .figures
        .iter()
        .map(|f: &Figure| {
            let (line, column) = analysis.doc.lines.line_col(text, f.span.start);
            let sentence = analysis
                .doc
                .sentences
                .get(f.sentence)
                .map(|s| {
                    s.span
                        .text(text)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            FigureRecord {
                text: f.text.clone(),
                value: f.value,
                kind: f.kind,
                unit: f.unit.clone(),
                measure: f.measure.clone(),
                line,
                column,
                attributed: f.attribution == Attribution::Named,
                attribution: f.attribution,
                date: f.date.and_then(|d| d.display()),
                low: f.low,
                high: f.high,
                qualifier: f.qualifier,
                noun: f.noun.clone(),
                relative: f.relative,
                in_words: f.in_words,
                sentence,
            }
        })
        .collect()
}
