//! What a CSV import keeps of the deals table in memory: the deals its rows
//! have touched, and the slugs it may hold.

/// A set of deal ids as bits: an eighth of a byte per stored deal.
#[derive(Default)]
pub struct Bits(fixedbitset::FixedBitSet);

impl Bits {
    pub fn get(&self, id: i64) -> bool {
        usize::try_from(id).is_ok_and(|id| self.0.contains(id))
    }

    pub fn set(&mut self, id: i64) {
        if let Ok(id) = usize::try_from(id) {
            self.0.grow_and_insert(id);
        }
    }
}

/// The slugs of the deals table, as a Bloom filter of 2^23 bits (1 MiB) and
/// two hashes: a slug whose bits are not both set is certainly not stored, so
/// its row needs no lookup. After 1M slugs about 4% of new ones still take one.
/// On a server that is a round trip a row saved.
pub struct Written(fixedbitset::FixedBitSet);

/// Up to how many stored deals an import reads their slugs into a [`Written`]:
/// beyond, reading them all costs more than looking up the rows of a small file.
const SMALL_TABLE: i64 = 1 << 16;

impl Default for Written {
    fn default() -> Self {
        Written(fixedbitset::FixedBitSet::with_capacity(1 << 23))
    }
}

impl Written {
    /// The slugs of the deals table when its newest id is at most
    /// [`SMALL_TABLE`]; `None` for a larger one.
    pub fn of_small_table(
        conn: &crate::db::Conn,
        newest_id: i64,
    ) -> crate::error::Result<Option<Self>> {
        if newest_id > SMALL_TABLE {
            return Ok(None);
        }
        let mut written = Written::default();
        let mut statement = conn.prepare_cached("SELECT slug FROM deals")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let slug: String = row.get(0)?;
            written.insert(&slug);
        }
        Ok(Some(written))
    }

    fn bits(slug: &str) -> [usize; 2] {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        slug.hash(&mut hasher);
        let hash = hasher.finish();
        let mask = (1 << 23) - 1;
        [(hash & mask) as usize, ((hash >> 23) & mask) as usize]
    }

    pub fn insert(&mut self, slug: &str) {
        for bit in Written::bits(slug) {
            self.0.insert(bit);
        }
    }

    /// False when `slug` was certainly never inserted.
    pub fn may_hold(&self, slug: &str) -> bool {
        Written::bits(slug).iter().all(|&bit| self.0.contains(bit))
    }
}

#[cfg(test)]
mod tests {
    use super::Written;

    #[test]
    fn a_written_slug_is_held_and_most_others_are_not() {
        let mut written = Written::default();
        for i in 0..10_000 {
            written.insert(&format!("deal-{i}"));
        }
        assert!((0..10_000).all(|i| written.may_hold(&format!("deal-{i}"))));
        let false_hits = (0..10_000)
            .filter(|i| written.may_hold(&format!("other-{i}")))
            .count();
        assert!(false_hits < 10, "{false_hits}");
    }
}
