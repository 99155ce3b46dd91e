//! json renderer.
