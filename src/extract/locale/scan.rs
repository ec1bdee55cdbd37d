//! Figures in one sentence of a language read with a [`Grammar`]: counts with the noun they
//! count, money, percentages, durations, dates and years, each with its hedge ("al menos",
//! "etwa"). The same kinds, units and values as the English scanner gives, so that figures
//! compare across languages.

use super::grammar::{Accumulator, Grammar, Morph};
use super::lexer::lex;
use crate::date::Date;
use crate::extract::figure::{FigureKind, Qualifier};
use crate::extract::scan::{Cursor, RawFigure, calendar_figure, year_figure};
use crate::extract::tokens::{Token, TokenKind};
use crate::text::Span;

pub(crate) struct LocaleScanner<'a> {
    g: &'a Grammar,
    toks: Cursor<'a>,
    /// Each token as the grammar's tables match it: a word lower-cased, a symbol as
    /// written, nothing for a number.
    lower: Vec<String>,
    published: Option<Date>,
}

/// A year a four-digit number can be.
const YEARS: std::ops::RangeInclusive<f64> = 1800.0..=2100.0;

impl<'a> LocaleScanner<'a> {
    pub(crate) fn new(
        g: &'a Grammar,
        text: &'a str,
        sentence: Span,
        published: Option<Date>,
    ) -> LocaleScanner<'a> {
        let lexed = lex(text, sentence, g.decimal, &g.groups);
        LocaleScanner {
            g,
            toks: Cursor::new(text, lexed.tokens),
            lower: lexed.lower,
            published,
        }
    }

    pub(crate) fn scan(&self) -> Vec<RawFigure> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if let Some(end) = self.time_at(i).or_else(|| self.identifier_at(i)) {
                i = end;
                continue;
            }
            match self.figure_at(i) {
                Some((fig, end)) => {
                    out.push(fig);
                    i = end.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }

    // ---- tokens ------------------------------------------------------------------------

    /// The word at `k`, lower-cased.
    fn word(&self, k: usize) -> Option<&str> {
        self.toks
            .tok(k)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|_| self.lower[k].as_str())
    }

    /// Whether the phrase's words stand at `k`; the index after them when they do.
    fn phrase_at(&self, k: usize, phrase: &[String]) -> Option<usize> {
        phrase
            .iter()
            .enumerate()
            .all(|(n, w)| self.lower.get(k + n).is_some_and(|t| t == w))
            .then_some(k + phrase.len())
    }

    /// Whether one of the phrases ends just before `k`.
    fn phrase_before(&self, k: usize, phrases: &[Vec<String>]) -> bool {
        phrases
            .iter()
            .any(|p| k >= p.len() && self.phrase_at(k - p.len(), p) == Some(k))
    }

    // ---- what is not a figure ---------------------------------------------------------

    /// "16:30", "16.30 Uhr", "16h30": a time of day, skipped whole.
    fn time_at(&self, i: usize) -> Option<usize> {
        let h = self.toks.number(i)?;
        if h.formatted || h.value > 24.0 {
            return None;
        }
        let sep_ok = self.toks.glued(i + 1)
            && (self.toks.punct(i + 1, &[':', '.']) || self.word(i + 1) == Some("h"));
        let minutes = self
            .toks
            .number(i + 2)
            .filter(|m| m.glued && m.int_digits == 2)?;
        // "03.11.2015" is a date, not a time.
        let date_follows = self.toks.punct(i + 3, &['.', '/'])
            && self.toks.glued(i + 3)
            && self.toks.number(i + 4).is_some_and(|t| t.glued);
        (sep_ok && minutes.value < 60.0 && !date_follows).then_some(i + 3)
    }

    /// "MH370", "COVID-19", "G7": digits glued to letters name a thing.
    fn identifier_at(&self, i: usize) -> Option<usize> {
        self.toks.number(i)?;
        if !self.toks.glued(i) || i == 0 {
            return None;
        }
        let glued_word = self.word(i - 1).is_some();
        let glued_dash = self.toks.punct(i - 1, &['-'])
            && i >= 2
            && self.toks.glued(i - 1)
            && self.word(i - 2).is_some();
        (glued_word || glued_dash).then_some(i + 1)
    }

    // ---- numbers ------------------------------------------------------------------------

    /// A number written in words from `k`: its value and the index after it. Scale words
    /// inside it are part of it ("dos millones trescientos mil").
    fn number_words(&self, k: usize) -> Option<(f64, usize)> {
        let g = self.g;
        let mut acc = Accumulator::default();
        let mut any = false;
        let mut j = k;
        while let Some(w) = self.word(j) {
            // An article counts one only before a hundred or scale word ("un millón").
            if g.is_article(w) {
                let next = self.word(j + 1);
                let before_scale = next.is_some_and(|n| g.scale(n).is_some() || g.is_hundred(n));
                if !any && before_scale || any && acc.joins(1.0) && j > k && self.joined(j - 1) {
                    acc.apply(Morph::Value(1.0));
                    any = true;
                    j += 1;
                    continue;
                }
                break;
            }
            if any && g.is_joiner(w) {
                let next = self
                    .word(j + 1)
                    .and_then(|n| g.word_value(n).or_else(|| g.is_article(n).then_some(1.0)));
                match next {
                    Some(v) if acc.joins(v) => {
                        j += 1;
                        continue;
                    }
                    _ => break,
                }
            }
            // A scale word alone is a number only once one is being read, except the
            // thousand ("mil personas").
            if let Some(s) = self.scale_at(j) {
                if any || s.0 <= 1000.0 {
                    acc.apply(Morph::Scale(s.0));
                    any = true;
                    j = s.1;
                    continue;
                }
                break;
            }
            let Some(parts) = g.parts_of(w) else {
                break;
            };
            if g.is_joiner(w) {
                break;
            }
            for m in parts {
                acc.apply(m);
            }
            any = true;
            j += 1;
        }
        any.then(|| (acc.value(), j))
    }

    /// Whether the word at `k` is a joiner (the word before an article read as one).
    fn joined(&self, k: usize) -> bool {
        self.word(k).is_some_and(|w| self.g.is_joiner(w))
    }

    /// A scale word at `k` ("millones", "Mio.", "Mrd"): its value and the index after it.
    fn scale_at(&self, k: usize) -> Option<(f64, usize)> {
        let w = self.word(k)?;
        if self.toks.punct(k + 1, &['.']) && self.toks.glued(k + 1) {
            if let Some(s) = self.g.scale(&format!("{w}.")) {
                return Some((s, k + 2));
            }
        }
        self.g.scale(w).map(|s| (s, k + 1))
    }

    /// Scale words after digits ("2,5 millones", "1,2 mil millones"): the factor and the
    /// index after them.
    fn scales_after(&self, mut k: usize) -> (f64, usize) {
        let mut acc = Accumulator::starting_at(1.0);
        let mut any = false;
        while let Some((s, next)) = self.scale_at(k) {
            acc.apply(Morph::Scale(s));
            any = true;
            k = next;
        }
        (if any { acc.value() } else { 1.0 }, k)
    }

    /// A currency at `k` ("€", "US$", "R$", "euros"): its code and the index after it.
    fn currency_at(&self, k: usize) -> Option<(String, usize)> {
        let t = self.toks.tok(k)?;
        let lower = &self.lower[k];
        if t.kind == TokenKind::Word && self.toks.punct(k + 1, &['$']) && self.toks.glued(k + 1) {
            if let Some(code) = self.g.currencies.get(&format!("{lower}$")) {
                return Some((code.clone(), k + 2));
            }
        }
        if t.kind == TokenKind::Number {
            return None;
        }
        self.g.currencies.get(lower).map(|c| (c.clone(), k + 1))
    }

    /// A currency after an amount, after a joining word when there is one ("millones de
    /// dólares", "millions d'euros").
    fn currency_after(&self, k: usize) -> Option<(String, usize)> {
        if let Some(found) = self.currency_at(k) {
            return Some(found);
        }
        let w = self.word(k)?;
        if self.g.noun_joiners.contains(w) {
            return self.currency_at(k + 1);
        }
        None
    }

    fn percent_at(&self, k: usize) -> Option<usize> {
        self.g.percent.iter().find_map(|p| self.phrase_at(k, p))
    }

    fn month_at(&self, k: usize) -> Option<u32> {
        self.word(k).and_then(|w| self.g.months.get(w).copied())
    }

    fn is_year(t: &Token) -> bool {
        !t.formatted && t.int_digits == 4 && YEARS.contains(&t.value)
    }

    // ---- figures ------------------------------------------------------------------------

    fn figure_at(&self, i: usize) -> Option<(RawFigure, usize)> {
        let t = &self.toks[i];
        match t.kind {
            TokenKind::Word if self.month_at(i).is_some() => self.month_year(i),
            TokenKind::Number => self.amount(i, i, None),
            _ => {
                if let Some((code, k)) = self.currency_at(i) {
                    if self.toks.number(k).is_some() || self.number_words(k).is_some() {
                        return self.amount(i, k, Some(code));
                    }
                    return None;
                }
                self.amount(i, i, None)
            }
        }
    }

    /// "marzo de 2008", "November 2015": a month of a year.
    fn month_year(&self, i: usize) -> Option<(RawFigure, usize)> {
        let month = self.month_at(i)?;
        let mut k = i + 1;
        if self
            .word(k)
            .is_some_and(|w| self.g.date_joiners.contains(w))
        {
            k += 1;
        }
        let year = self.toks.number(k).filter(|t| Self::is_year(t))?.value as i32;
        self.calendar(i, k + 1, Some(year), month, None)
    }

    /// "3/11/2015", "03.11.2015": day, month and year in digits, day first.
    fn numeric_date(&self, i: usize) -> Option<(RawFigure, usize)> {
        let d = self.toks.number(i)?;
        let sep = ['/', '.']
            .into_iter()
            .find(|&s| self.toks.punct(i + 1, &[s]) && self.toks.glued(i + 1))?;
        let m = self.toks.number(i + 2).filter(|t| t.glued)?;
        if !(self.toks.punct(i + 3, &[sep]) && self.toks.glued(i + 3)) {
            return None;
        }
        let y = self
            .toks
            .number(i + 4)
            .filter(|t| t.glued && Self::is_year(t))?;
        let (day, month) = (d.value as u32, m.value as u32);
        if d.formatted || m.formatted || !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            return None;
        }
        self.calendar(i, i + 5, Some(y.value as i32), month, Some(day))
    }

    /// "1 de marzo de 2008", "le 3 novembre", "3. November 2015", "1er mai", "1º de maio".
    fn day_month(&self, i: usize) -> Option<(RawFigure, usize)> {
        let d = self.toks.number(i)?;
        if d.formatted || d.value.fract() != 0.0 || !(1.0..=31.0).contains(&d.value) {
            return None;
        }
        let mut k = i + 1;
        // "3." (German), "1er", "1º", "1°".
        let ordinal_mark = self.toks.punct(k, &['.', 'º', '°']);
        let ordinal_ending = matches!(self.word(k), Some("er" | "re" | "o"));
        if self.toks.glued(k) && (ordinal_mark || ordinal_ending) {
            k += 1;
        }
        if self
            .word(k)
            .is_some_and(|w| self.g.date_joiners.contains(w))
        {
            k += 1;
        }
        let month = self.month_at(k)?;
        k += 1;
        let mut year = None;
        let joined = self
            .word(k)
            .is_some_and(|w| self.g.date_joiners.contains(w));
        let at = if joined || self.toks.punct(k, &[',']) {
            k + 1
        } else {
            k
        };
        if let Some(y) = self.toks.number(at).filter(|t| Self::is_year(t)) {
            year = Some(y.value as i32);
            k = at + 1;
        }
        self.calendar(i, k, year, month, Some(d.value as u32))
    }

    /// The date from token `from` to before `to`, and the index after it.
    fn calendar(
        &self,
        from: usize,
        to: usize,
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
    ) -> Option<(RawFigure, usize)> {
        let fig = calendar_figure(self.toks.span(from, to), self.published, year, month, day)?;
        Some((fig, to))
    }

    /// A number (in digits from `k`, or in words), with what follows it: a scale, a range,
    /// a currency, a percent sign, a duration unit or the noun it counts. `start` is where
    /// the figure's text begins (a currency before the amount).
    fn amount(
        &self,
        start: usize,
        k: usize,
        currency: Option<String>,
    ) -> Option<(RawFigure, usize)> {
        let g = self.g;
        let digits = self.toks.number(k).cloned();
        if digits.is_some() && currency.is_none() {
            if let Some(found) = self.numeric_date(k).or_else(|| self.day_month(k)) {
                return Some(found);
            }
        }
        let (mut value, in_words, mut j) = match &digits {
            Some(t) => (t.value, false, k + 1),
            None => {
                let (v, end) = self.number_words(k)?;
                (v, true, end)
            }
        };
        // A range: "3 bis 5", "de 3 a 5", "3-5".
        let mut range = None;
        let joins_range = self.word(j).is_some_and(|w| g.range_words.contains(w))
            || self.toks.punct(j, &['-', '–']);
        if joins_range && !in_words {
            if let Some(high) = self
                .toks
                .number(j + 1)
                .filter(|h| h.value >= value && !Self::is_year(h))
            {
                range = Some((value, high.value));
                j += 2;
            }
        }
        let (factor, after_scales) = if in_words {
            (1.0, j)
        } else {
            self.scales_after(j)
        };
        let scaled = after_scales > j;
        j = after_scales;
        value *= factor;
        let range = range.map(|(lo, hi)| (lo * factor, hi * factor));
        let mut fig = RawFigure::new(Span::new(0, 0), FigureKind::Number, Some(value));
        fig.in_words = in_words;
        if let Some((lo, hi)) = range {
            fig.low = Some(lo);
            fig.high = Some(hi);
            fig.value = Some((lo + hi) / 2.0);
        }
        let mut end = j;
        if let Some(code) = currency {
            fig.kind = FigureKind::Money;
            fig.unit = Some(code);
            // "US$ 5 millones de dólares" says the currency twice.
            if let Some((_, after)) = self.currency_after(j) {
                end = after;
            }
        } else if let Some(after) = self.percent_at(j) {
            fig.kind = FigureKind::Percent;
            fig.unit = Some("%".into());
            end = after;
        } else if let Some((code, after)) = self.currency_after(j) {
            fig.kind = FigureKind::Money;
            fig.unit = Some(code);
            end = after;
        } else if let Some(unit) = self.word(j).and_then(|w| g.durations.get(w)) {
            fig.kind = FigureKind::Duration;
            fig.unit = Some((*unit).to_string());
            end = j + 1;
        } else if let Some(t) = digits
            .as_ref()
            .filter(|t| Self::is_year(t) && !scaled && range.is_none())
        {
            let counts_next = self.word(j).is_some_and(|w| g.counted.contains(w));
            let after_lead = k > 0 && self.word(k - 1).is_some_and(|w| g.year_leads.contains(w));
            if !counts_next || after_lead {
                let year = year_figure(self.toks.span(start, j), t.value as i32);
                return Some((year, j));
            }
        }
        if fig.kind == FigureKind::Number || fig.kind == FigureKind::Money {
            if let Some(noun) = self.noun_after(end, scaled || fig.kind == FigureKind::Money) {
                if fig.kind == FigureKind::Number {
                    fig.kind = FigureKind::Count;
                }
                fig.noun = Some(noun);
            }
        }
        // "uno" alone is a pronoun more often than a figure.
        if in_words && value == 1.0 && fig.kind == FigureKind::Number {
            return None;
        }
        // "magnitud 6,8", "1,75 metros": a number with decimals and no scale word measures
        // something; it counts no one, so no headcount measure may take it.
        let plain = matches!(fig.kind, FigureKind::Number | FigureKind::Count);
        if plain && !scaled && range.is_none() && value.fract() != 0.0 {
            fig.kind = FigureKind::Number;
            fig.unit = Some("decimal".into());
        }
        fig.span = self.toks.span(start, end);
        fig.qualifier = self.qualifier_before(start);
        if self.is_age(start, k, end, &fig) {
            fig.kind = FigureKind::Age;
            fig.unit = None;
            fig.noun = None;
        }
        Some((fig, end))
    }

    /// The noun a number counts: the next word, past a joining word after a scale ("miles
    /// de personas", "millones de euros"), unless it is a function word of the grammar.
    fn noun_after(&self, k: usize, skip_joiner: bool) -> Option<String> {
        let g = self.g;
        let mut at = k;
        if skip_joiner && self.word(at).is_some_and(|w| g.noun_joiners.contains(w)) {
            at += 1;
        }
        let w = self.word(at)?;
        if g.capitalised_nouns && !self.toks.capitalised(at) {
            return None;
        }
        let verb = g.not_nouns.contains(w)
            || g.verb_endings
                .iter()
                .any(|e| w.len() > e.len() + 2 && w.ends_with(e.as_str()));
        let function = verb
            || g.noun_joiners.contains(w)
            || g.date_joiners.contains(w)
            || g.range_words.contains(w)
            || g.year_leads.contains(w)
            || g.is_joiner(w)
            || g.is_article(w)
            || g.months.contains_key(w)
            || g.weekdays.contains(w)
            || g.scale(w).is_some()
            || g.durations.contains_key(w)
            || w.chars().count() < 3;
        (!function).then(|| w.to_string())
    }

    fn qualifier_before(&self, start: usize) -> Qualifier {
        let g = self.g;
        if self.phrase_before(start, &g.at_least) {
            Qualifier::AtLeast
        } else if self.phrase_before(start, &g.at_most) {
            Qualifier::AtMost
        } else if self.phrase_before(start, &g.about) {
            Qualifier::About
        } else {
            Qualifier::Exact
        }
    }

    /// A person's age: "de 34 años", "âgé de 34 ans", "34 Jahre alt", "34-jährige", "34enne",
    /// or a number of years set off by commas or brackets after a name ("Ana Ruiz, 34 años,").
    fn is_age(&self, start: usize, k: usize, end: usize, fig: &RawFigure) -> bool {
        let g = self.g;
        let years = fig
            .value
            .is_some_and(|v| v.fract() == 0.0 && (0.0..=125.0).contains(&v));
        if !years {
            return false;
        }
        // Glued endings: "34-jährige", "34enne".
        let glued = |at: usize| {
            self.toks.glued(at)
                && self
                    .word(at)
                    .is_some_and(|w| g.age_suffixes.iter().any(|s| w == s))
        };
        let counted = fig.kind == FigureKind::Number || fig.kind == FigureKind::Count;
        if counted
            && (glued(k + 1)
                || (self.toks.punct(k + 1, &['-']) && self.toks.glued(k + 1) && glued(k + 2)))
        {
            return true;
        }
        if fig.kind != FigureKind::Duration || fig.unit.as_deref() != Some("year") {
            return false;
        }
        // "de 34 años", but not "más de 3 años" (a hedge ending in the same word).
        if self.phrase_before(start, &g.age_before) && fig.qualifier == Qualifier::Exact {
            return true;
        }
        if g.age_after.iter().any(|p| self.phrase_at(end, p).is_some()) {
            return true;
        }
        // "Ana Ruiz, 34 años," / "(34 años)".
        let set_off = start > 0 && self.toks.punct(start - 1, &[',', '(']);
        let closed = self.toks.punct(end, &[',', ')']);
        set_off && closed && start >= 2 && self.toks.capitalised(start - 2)
    }
}
