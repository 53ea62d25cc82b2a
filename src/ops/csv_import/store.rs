//! The set of deals the rows of a CSV import have touched.

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
