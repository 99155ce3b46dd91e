//! github renderer.
