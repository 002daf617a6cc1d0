//! Messaging (C6): the inbox and conversations.

pub mod api;
pub mod pages;
