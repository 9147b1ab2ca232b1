//! Templates and saved queries shared in clear, versioned so an edit made elsewhere is never overwritten.

use serde::{Deserialize, Serialize};

/// What is shared.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Connection settings without secrets (login URL, RETS version, user agent, quirks).
    Template,
    /// A DMQL2 query with its resource, class and selected fields.
    SavedQuery,
}

impl ItemKind {
    /// The name stored and sent (`template`, `saved_query`).
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Template => "template",
            ItemKind::SavedQuery => "saved_query",
        }
    }
}

/// A shared template or saved query.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedItem {
    pub id: i64,
    pub kind: ItemKind,
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub body: serde_json::Value,
    pub owner_id: i64,
    /// Moves with every change; send it back to change the item.
    pub version: i64,
    pub updated_at: i64,
}

/// A new item, or a change to one (`version`: the one the change was made on).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemInput {
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub body: serde_json::Value,
    pub version: Option<i64>,
}
