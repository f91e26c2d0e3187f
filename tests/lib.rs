//! Cross-crate, contract and data tests of selfcheck live in `tests/*.rs`; this library is empty.
