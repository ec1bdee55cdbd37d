//! Figures in the languages the rules' `[lang.xx]` tables describe. One grammar reads them
//! all: the tables say how numbers, dates, hedges and currencies are written in each.

mod grammar;
mod lexer;
mod scan;
#[cfg(test)]
mod tests;

pub use grammar::Grammar;
pub(crate) use scan::LocaleScanner;
