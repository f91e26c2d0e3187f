//! What the widget's callbacks share: the storage keys of this instance, this tab's id and
//! the stored revision the draft was last read or written at.

use std::cell::Cell;
use std::rc::Rc;

use crate::storage::Keys;

/// The host facts of one mounted widget.
#[derive(Debug)]
pub struct Host {
    /// Storage keys, or `None` when the host turned storage off.
    pub keys: Option<Keys>,
    /// This tab's random id, written with each save.
    pub tab: String,
    /// The stored revision this tab last read or wrote.
    pub base_revision: Cell<u64>,
}

impl PartialEq for Host {
    fn eq(&self, other: &Host) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Shared by context.
pub type HostRef = Rc<Host>;
