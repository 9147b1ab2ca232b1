//! Rows in bulk: a batch of search rows stored as one text buffer plus value offsets,
//! so a download costs a few allocations per thousand rows instead of one per value.
//! Streams hand batches from the parser to the consumer; `fill_row` reuses `String`s.

/// A batch of rows: every value of every row in one `String`, with end offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowBatch {
    text: String,
    /// End offset in `text` of each value.
    value_ends: Vec<usize>,
    /// End index in `value_ends` of each row.
    row_ends: Vec<usize>,
}

impl RowBatch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty batch with room for `text` bytes, `values` values and `rows` rows.
    pub fn with_capacity(text: usize, values: usize, rows: usize) -> Self {
        RowBatch {
            text: String::with_capacity(text),
            value_ends: Vec::with_capacity(values),
            row_ends: Vec::with_capacity(rows),
        }
    }

    /// An empty batch sized like this one (to fill the next batch without regrowing).
    pub fn same_capacity(&self) -> Self {
        Self::with_capacity(self.text.len(), self.value_ends.len(), self.row_ends.len())
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.row_ends.len()
    }

    /// True when the batch holds no rows.
    pub fn is_empty(&self) -> bool {
        self.row_ends.is_empty()
    }

    /// Bytes of value text held (a size hint for batching).
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Removes every row, keeping the allocations.
    pub fn clear(&mut self) {
        self.text.clear();
        self.value_ends.clear();
        self.row_ends.clear();
    }

    /// Row `i` (panics when out of range, like slice indexing).
    pub fn row(&self, i: usize) -> RowRef<'_> {
        let first = if i == 0 { 0 } else { self.row_ends[i - 1] };
        let last = self.row_ends[i];
        let start = if first == 0 {
            0
        } else {
            self.value_ends[first - 1]
        };
        RowRef {
            text: &self.text,
            start,
            ends: &self.value_ends[first..last],
        }
    }

    /// Iterates over the rows in order.
    pub fn rows(&self) -> impl Iterator<Item = RowRef<'_>> + '_ {
        (0..self.len()).map(|i| self.row(i))
    }

    /// Appends one value to the row being built (finish it with [`RowBatch::end_row`]).
    pub fn push_value(&mut self, value: &str) {
        self.text.push_str(value);
        self.value_ends.push(self.text.len());
    }

    /// Appends one value through `write`, which appends the value's text to the buffer.
    pub(crate) fn push_value_with(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.text);
        self.value_ends.push(self.text.len());
    }

    /// Ends the row whose values were pushed since the previous `end_row`.
    pub fn end_row(&mut self) {
        self.row_ends.push(self.value_ends.len());
    }

    /// Appends a whole row.
    pub fn push_row<'a>(&mut self, values: impl IntoIterator<Item = &'a str>) {
        for v in values {
            self.push_value(v);
        }
        self.end_row();
    }

    /// Rows `from..` as a new batch.
    pub fn tail(&self, from: usize) -> RowBatch {
        let mut out = RowBatch::new();
        for i in from..self.len() {
            out.push_row(self.row(i).iter());
        }
        out
    }

    /// Copies row `i` into `out`, reusing its `String` allocations (no allocation per
    /// value once `out` has grown to the row's shape).
    pub fn fill_row(&self, i: usize, out: &mut Vec<String>) {
        let row = self.row(i);
        out.truncate(row.len());
        for (j, v) in row.iter().enumerate() {
            match out.get_mut(j) {
                Some(s) => {
                    s.clear();
                    s.push_str(v);
                }
                None => out.push(v.to_owned()),
            }
        }
    }

    /// The rows as owned vectors (one allocation per value: for small results).
    pub fn to_vecs(&self) -> Vec<Vec<String>> {
        self.rows().map(|r| r.to_vec()).collect()
    }
}

/// One row of a [`RowBatch`].
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    text: &'a str,
    start: usize,
    ends: &'a [usize],
}

impl<'a> RowRef<'a> {
    /// Number of values.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True for a row without values (`<DATA/>`).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Value `j`, if the row has that many values.
    pub fn get(&self, j: usize) -> Option<&'a str> {
        let end = *self.ends.get(j)?;
        let start = if j == 0 { self.start } else { self.ends[j - 1] };
        Some(&self.text[start..end])
    }

    /// The values in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let text = self.text;
        let mut start = self.start;
        self.ends.iter().map(move |&end| {
            let v = &text[start..end];
            start = end;
            v
        })
    }

    /// The values as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::RowBatch;

    #[test]
    fn rows_round_trip_including_empty_rows_and_values() {
        let mut b = RowBatch::new();
        b.push_row(["a", "", "ccc"]);
        b.push_row([]);
        b.push_row(["", "é"]);
        assert_eq!(b.len(), 3);
        assert_eq!(b.row(0).to_vec(), ["a", "", "ccc"]);
        assert!(b.row(1).is_empty());
        assert_eq!(b.row(2).get(1), Some("é"));
        assert_eq!(b.row(2).get(2), None);
        assert_eq!(
            b.tail(1).to_vecs(),
            [vec![], vec!["".to_owned(), "é".into()]]
        );
        let mut out = vec!["old".to_owned(); 5];
        b.fill_row(0, &mut out);
        assert_eq!(out, ["a", "", "ccc"]);
        b.fill_row(2, &mut out);
        assert_eq!(out, ["", "é"]);
        b.clear();
        assert!(b.is_empty());
        assert_eq!(b.text_len(), 0);
    }
}
