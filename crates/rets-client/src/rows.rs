//! Rows in bulk: a batch of search rows stored as one text buffer plus value offsets,
//! so a download costs a few allocations per thousand rows instead of one per value.
//! Streams hand batches from the parser to the consumer; `fill_row` reuses `String`s,
//! and a search's batches go back to a small pool when dropped, to be filled again.

use std::sync::{Arc, Mutex};

/// A batch of rows: every value of every row in one `String`, with end offsets.
#[derive(Debug, Clone, Default)]
pub struct RowBatch {
    text: String,
    /// Start and end offset in `text` of each value (a row's text may keep its
    /// delimiters, so a plain line is copied in one go).
    value_ends: Vec<(u32, u32)>,
    /// End index in `value_ends` of each row.
    row_ends: Vec<usize>,
    /// Where the buffers go when the batch is dropped (searches recycle them).
    pool: Option<Arc<BatchPool>>,
}

impl PartialEq for RowBatch {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
            && self.value_ends == other.value_ends
            && self.row_ends == other.row_ends
    }
}

impl Eq for RowBatch {}

impl Drop for RowBatch {
    fn drop(&mut self) {
        if let Some(pool) = self.pool.take() {
            pool.put(RowBatch {
                text: std::mem::take(&mut self.text),
                value_ends: std::mem::take(&mut self.value_ends),
                row_ends: std::mem::take(&mut self.row_ends),
                pool: None,
            });
        }
    }
}

/// Emptied batches kept for reuse, so a long download does not allocate (and fault in)
/// fresh buffers for every batch.
#[derive(Debug, Default)]
pub(crate) struct BatchPool {
    free: Mutex<Vec<RowBatch>>,
}

/// Batches a pool keeps at most (the rest are freed).
const POOL_SIZE: usize = 16;

impl BatchPool {
    /// An empty batch that returns to this pool when dropped.
    pub(crate) fn take(self: &Arc<Self>) -> RowBatch {
        let reused = self.free.lock().ok().and_then(|mut f| f.pop());
        let mut batch = reused.unwrap_or_default();
        batch.pool = Some(Arc::clone(self));
        batch
    }

    fn put(&self, mut batch: RowBatch) {
        batch.clear();
        if let Ok(mut free) = self.free.lock()
            && free.len() < POOL_SIZE
        {
            free.push(batch);
        }
    }
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
            pool: None,
        }
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
        RowRef {
            text: &self.text,
            spans: &self.value_ends[first..last],
        }
    }

    /// Iterates over the rows in order.
    pub fn rows(&self) -> impl Iterator<Item = RowRef<'_>> + '_ {
        (0..self.len()).map(|i| self.row(i))
    }

    /// Appends one value to the row being built (finish it with [`RowBatch::end_row`]).
    pub fn push_value(&mut self, value: &str) {
        self.push_value_with(|text| text.push_str(value));
    }

    /// Appends one value through `write`, which appends the value's text to the buffer.
    pub(crate) fn push_value_with(&mut self, write: impl FnOnce(&mut String)) {
        let start = offset(self.text.len());
        write(&mut self.text);
        self.value_ends.push((start, offset(self.text.len())));
    }

    /// Appends `line` verbatim and values at the given `(start, end)` byte ranges of it
    /// (which must lie on character boundaries): one copy for a whole row.
    pub(crate) fn push_line_values(&mut self, line: &str, spans: &[(usize, usize)]) {
        let base = self.text.len();
        self.text.push_str(line);
        offset(self.text.len()); // panics before any offset could wrap
        self.value_ends.extend(
            spans
                .iter()
                .map(|&(a, b)| ((base + a) as u32, (base + b) as u32)),
        );
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

/// A text offset as stored (batches are bounded far below 4 GiB).
#[allow(clippy::expect_used)] // MAX_BATCH_BYTES keeps a batch far below 4 GiB
fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("a row batch holds less than 4 GiB of text")
}

/// One row of a [`RowBatch`].
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    text: &'a str,
    spans: &'a [(u32, u32)],
}

impl<'a> RowRef<'a> {
    /// Number of values.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True for a row without values (`<DATA/>`).
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Value `j`, if the row has that many values.
    pub fn get(&self, j: usize) -> Option<&'a str> {
        let &(a, b) = self.spans.get(j)?;
        Some(&self.text[a as usize..b as usize])
    }

    /// The values in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let text = self.text;
        self.spans
            .iter()
            .map(move |&(a, b)| &text[a as usize..b as usize])
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

    #[test]
    fn dropped_batches_return_to_their_pool_empty_with_their_buffers() {
        let pool = std::sync::Arc::new(super::BatchPool::default());
        let mut b = pool.take();
        b.push_row(["a long enough value", "x"]);
        let copy = b.clone();
        assert_eq!(copy, b);
        drop(b);
        let again = pool.take();
        assert!(again.is_empty());
        assert!(again.text.capacity() >= "a long enough value".len());
        assert_eq!(copy.row(0).to_vec(), ["a long enough value", "x"]);
    }
}
