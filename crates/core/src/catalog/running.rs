//! The catalogue being sold from, swapped whole when staff publish a new
//! version (CAT-1): readers take an `Arc` of the current one and keep it
//! for their whole request, so an order is priced from one catalogue even
//! if a new one is published meanwhile.

use std::sync::{
    Arc, RwLock,
    atomic::{AtomicI64, Ordering},
};

use super::Catalogue;

/// The running catalogue and the version it came from (`None`: the
/// configured file or the demo, before any version was published).
#[derive(Debug)]
pub struct Running {
    current: RwLock<(Arc<Catalogue>, Option<i64>)>,
    /// The last published version found unreadable by this binary (0:
    /// none), so that it is logged once, not at every sweep.
    unreadable: AtomicI64,
}

impl Running {
    pub fn new(catalogue: Catalogue) -> Running {
        Running {
            current: RwLock::new((Arc::new(catalogue), None)),
            unreadable: AtomicI64::new(0),
        }
    }

    /// The catalogue to use now.
    pub fn current(&self) -> Arc<Catalogue> {
        self.read().0.clone()
    }

    /// The published version running, if any.
    pub fn version(&self) -> Option<i64> {
        self.read().1
    }

    /// Run `catalogue`, published as `version`.
    pub fn replace(&self, catalogue: Catalogue, version: Option<i64>) {
        let mut guard = self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *guard = (Arc::new(catalogue), version);
    }

    /// Note that `version` cannot be read by this binary; true the first
    /// time it is noted.
    pub fn note_unreadable(&self, version: i64) -> bool {
        self.unreadable.swap(version, Ordering::Relaxed) != version
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, (Arc<Catalogue>, Option<i64>)> {
        // A writer only swaps a pair of values; a poisoned lock still
        // holds a whole one.
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
