//! The set of deals the rows of a CSV import have touched.

/// A set of deal ids as bits: an eighth of a byte per stored deal.
#[derive(Default)]
pub struct Bits(Vec<u64>);

impl Bits {
    pub fn get(&self, id: i64) -> bool {
        let Ok(id) = usize::try_from(id) else {
            return false;
        };
        self.0
            .get(id / 64)
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }

    pub fn set(&mut self, id: i64) {
        let Ok(id) = usize::try_from(id) else { return };
        if self.0.len() <= id / 64 {
            self.0.resize(id / 64 + 1, 0);
        }
        self.0[id / 64] |= 1 << (id % 64);
    }
}
