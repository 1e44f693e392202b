//! Items quoted once per thread and cloned for each use. The emitters of the items generated
//! most often (structs' impls, enums) start from a quoted skeleton and put the parts built for
//! each field or value into it; parsing that skeleton again for every struct or enum cost more
//! than everything else those emitters did, and a clone costs a fraction of a parse.

use std::cell::RefCell;
use std::thread::LocalKey;

/// The skeletons `T` a thread parsed, with the names `K` they were quoted with (those
/// [`Imports`](super::imports::Imports) gave). Syntax trees are not `Send`, so each thread
/// keeps its own, in a `thread_local!`.
pub struct Templates<K, T>(RefCell<Option<(K, T)>>);

impl<K, T> Templates<K, T> {
    /// No skeletons yet: the first use parses them.
    pub const fn new() -> Self {
        Templates(RefCell::new(None))
    }
}

/// `read` of the skeletons in `cell` quoted with `key`, made by `make` if this thread has
/// none for `key` yet.
pub fn with<K: PartialEq, T, R>(
    cell: &'static LocalKey<Templates<K, T>>,
    key: K,
    make: impl FnOnce(&K) -> T,
    read: impl FnOnce(&T) -> R,
) -> R {
    cell.with(|templates| {
        let mut slot = templates.0.borrow_mut();
        let templates = match &mut *slot {
            Some((quoted_with, templates)) if *quoted_with == key => templates,
            other => {
                let made = make(&key);
                &other.insert((key, made)).1
            }
        };
        read(templates)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static NUMBERS: Templates<u8, String> = const { Templates::new() };
    }

    #[test]
    fn makes_once_per_key_and_again_when_the_key_changes() {
        let made = Cell::new(0);
        let make = |key: &u8| {
            made.set(made.get() + 1);
            format!("quoted with {key}")
        };
        assert_eq!(with(&NUMBERS, 1, make, String::clone), "quoted with 1");
        assert_eq!(with(&NUMBERS, 1, make, String::clone), "quoted with 1");
        assert_eq!(made.get(), 1);
        assert_eq!(with(&NUMBERS, 2, make, String::clone), "quoted with 2");
        assert_eq!(made.get(), 2);
    }
}
