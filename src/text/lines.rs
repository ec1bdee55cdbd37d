//! Byte offsets to 1-based line and column, where a column counts characters.

/// Start offsets of every line, built once per text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and character column of `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "first\nTürkiye 40,000\n";
        let index = LineIndex::new(text);
        let at = text.find("40,000").unwrap();
        assert_eq!(index.line_col(text, at), (2, 9));
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, text.len()), (3, 1));
    }
}
