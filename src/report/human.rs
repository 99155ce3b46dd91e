//! human renderer.
