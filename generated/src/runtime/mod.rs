//! Hand-written support code for the generated modules. Nothing here is generated.

mod clearable;
mod currency;
pub(crate) mod enums;
mod expandable;
pub(crate) mod form;
mod list;
mod nullable;
mod range;
mod raw_object;
mod timestamp;

pub use clearable::Clearable;
pub use currency::Currency;
pub use expandable::{Expandable, Object};
pub use list::List;
pub use nullable::Nullable;
pub use range::{RangeBounds, RangeQuery};
pub use raw_object::RawObject;
pub use timestamp::Timestamp;
