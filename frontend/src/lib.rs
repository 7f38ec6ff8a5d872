//! TGPL web application (placeholder until the Leptos SPA of issue #5).
