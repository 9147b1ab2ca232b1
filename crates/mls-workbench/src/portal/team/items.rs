//! The team's templates and saved queries, usable offline. Changes made here
//! are kept until a sync pushes them; a change the server refuses because the
//! item moved on another machine becomes a conflict that keeps both copies
//! until the user picks one. Nothing is overwritten silently.

use mls_store::{ItemState, TeamItem};
use serde::{Deserialize, Serialize};
use team_api::{ItemInput, ItemKind, SharedItem};
use team_client::{TeamClient, TeamClientError};
use ts_rs::TS;

use super::pull::TeamSyncReport;
use crate::{CommandError, CommandResult, ErrorCode, Portal};

/// Both kinds, in sync order.
pub const KINDS: [ItemKind; 2] = [ItemKind::Template, ItemKind::SavedQuery];

/// What is shared: a template (connection settings without secrets) or a saved query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum TeamItemKind {
    Template,
    SavedQuery,
}

impl From<TeamItemKind> for ItemKind {
    fn from(k: TeamItemKind) -> Self {
        match k {
            TeamItemKind::Template => ItemKind::Template,
            TeamItemKind::SavedQuery => ItemKind::SavedQuery,
        }
    }
}

/// Where an item stands against the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum TeamItemState {
    Synced,
    /// Made here; reaches the server at the next sync.
    Created,
    /// Changed here; reaches the server at the next sync.
    Changed,
    /// Deleted here; leaves the server at the next sync.
    Deleted,
    /// Changed here and on another machine: pick one copy.
    Conflict,
}

/// A team item as the Team screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TeamItemView {
    #[ts(type = "number")]
    pub local_id: i64,
    pub kind: TeamItemKind,
    pub name: String,
    #[ts(type = "Record<string, unknown>")]
    pub body: serde_json::Value,
    pub state: TeamItemState,
    /// The other machine's copy, for a conflict.
    pub theirs_name: Option<String>,
    #[ts(type = "Record<string, unknown> | null")]
    pub theirs_body: Option<serde_json::Value>,
}

/// Which copy of a conflicted item to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub enum KeepCopy {
    /// Mine: it goes to the server over theirs.
    Mine,
    /// Theirs: mine is dropped.
    Theirs,
}

fn view(item: &TeamItem) -> TeamItemView {
    let theirs = item.theirs.as_ref();
    TeamItemView {
        local_id: item.local_id,
        kind: if item.kind == ItemKind::Template.as_str() {
            TeamItemKind::Template
        } else {
            TeamItemKind::SavedQuery
        },
        name: item.name.clone(),
        body: item.body.clone(),
        state: match item.state {
            ItemState::Synced => TeamItemState::Synced,
            ItemState::Created => TeamItemState::Created,
            ItemState::Changed => TeamItemState::Changed,
            ItemState::Deleted => TeamItemState::Deleted,
            ItemState::Conflict => TeamItemState::Conflict,
        },
        theirs_name: theirs.and_then(|t| t["name"].as_str().map(str::to_owned)),
        theirs_body: theirs.map(|t| t["body"].clone()),
    }
}

fn theirs_of(s: &SharedItem) -> serde_json::Value {
    serde_json::json!({"name": s.name, "body": s.body, "version": s.version})
}

impl Portal {
    /// The team's items of `kind` kept here (deleted ones left out).
    pub async fn team_items(&self, kind: TeamItemKind) -> CommandResult<Vec<TeamItemView>> {
        self.signed_in_account().await?;
        Ok(self
            .store
            .team_items(ItemKind::from(kind).as_str())
            .await?
            .iter()
            .filter(|i| i.state != ItemState::Deleted)
            .map(view)
            .collect())
    }

    /// Creates (`local_id` none) or changes an item here; the next sync sends it.
    pub async fn team_item_save(
        &self,
        kind: TeamItemKind,
        local_id: Option<i64>,
        name: String,
        body: serde_json::Value,
    ) -> CommandResult<TeamItemView> {
        self.signed_in_account().await?;
        let name = name.trim().to_owned();
        if name.is_empty() || !body.is_object() {
            return Err(CommandError::new(
                ErrorCode::InvalidArgument,
                "An item needs a name and a body (a JSON object).",
            ));
        }
        let kind = ItemKind::from(kind).as_str().to_owned();
        let item = match local_id {
            Some(id) => {
                let mut item = self.store.team_item(id).await?;
                item.name = name;
                item.body = body;
                if item.state == ItemState::Synced {
                    item.state = ItemState::Changed;
                }
                self.store.update_team_item(&item).await?;
                item
            }
            None => {
                let mut item = TeamItem {
                    local_id: 0,
                    kind,
                    remote_id: None,
                    name,
                    body,
                    base_version: None,
                    state: ItemState::Created,
                    theirs: None,
                    updated_at: String::new(),
                };
                item.local_id = self.store.insert_team_item(&item).await?;
                item
            }
        };
        Ok(view(&item))
    }

    /// Deletes an item here; the next sync deletes it on the server.
    pub async fn team_item_delete(&self, local_id: i64) -> CommandResult<()> {
        let mut item = self.store.team_item(local_id).await?;
        if item.remote_id.is_none() {
            self.store.delete_team_item(local_id).await?;
        } else {
            item.state = ItemState::Deleted;
            self.store.update_team_item(&item).await?;
        }
        Ok(())
    }

    /// Settles a conflict: keep my copy (sent over theirs at the next sync)
    /// or theirs (mine is dropped).
    pub async fn team_item_resolve(
        &self,
        local_id: i64,
        keep: KeepCopy,
    ) -> CommandResult<TeamItemView> {
        let mut item = self.store.team_item(local_id).await?;
        let theirs = item.theirs.take().ok_or_else(|| {
            CommandError::new(ErrorCode::InvalidArgument, "This item has no conflict.")
        })?;
        item.base_version = theirs["version"].as_i64();
        match keep {
            KeepCopy::Mine => item.state = ItemState::Changed,
            KeepCopy::Theirs => {
                item.name = theirs["name"].as_str().unwrap_or_default().to_owned();
                item.body = theirs["body"].clone();
                item.state = ItemState::Synced;
            }
        }
        self.store.update_team_item(&item).await?;
        Ok(view(&item))
    }

    /// Pushes local changes, then pulls the server's items.
    pub(crate) async fn sync_items(
        &self,
        client: &TeamClient,
        report: &mut TeamSyncReport,
    ) -> CommandResult<()> {
        for kind in KINDS {
            let server = client.items(kind).await?;
            for mut item in self.store.team_items(kind.as_str()).await? {
                let input = ItemInput {
                    name: item.name.clone(),
                    body: item.body.clone(),
                    version: item.base_version,
                };
                let pushed = match (item.state, item.remote_id) {
                    (ItemState::Created, _) | (ItemState::Changed, None) => {
                        client.share_item(kind, &input).await
                    }
                    (ItemState::Changed, Some(id)) => client.change_item(kind, id, &input).await,
                    (ItemState::Deleted, Some(id)) => match client.delete_item(kind, id).await {
                        Ok(()) | Err(TeamClientError::Refused { status: 404, .. }) => {
                            self.store.delete_team_item(item.local_id).await?;
                            report.pushed += 1;
                            continue;
                        }
                        Err(e) => Err(e),
                    },
                    _ => continue,
                };
                match pushed {
                    Ok(saved) => {
                        item.remote_id = Some(saved.id);
                        item.base_version = Some(saved.version);
                        item.state = ItemState::Synced;
                        self.store.update_team_item(&item).await?;
                        report.pushed += 1;
                    }
                    Err(TeamClientError::Refused { status: 409, .. }) => {
                        // Changed elsewhere (or the name is taken): keep both.
                        let theirs = server
                            .iter()
                            .find(|s| Some(s.id) == item.remote_id || s.name == item.name);
                        item.theirs = Some(theirs.map(theirs_of).unwrap_or_else(|| {
                            serde_json::json!({"name": item.name, "body": {}, "version": item.base_version})
                        }));
                        item.state = ItemState::Conflict;
                        self.store.update_team_item(&item).await?;
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            self.pull_items(kind, &client.items(kind).await?, report)
                .await?;
        }
        Ok(())
    }

    async fn pull_items(
        &self,
        kind: ItemKind,
        server: &[SharedItem],
        report: &mut TeamSyncReport,
    ) -> CommandResult<()> {
        let local = self.store.team_items(kind.as_str()).await?;
        for s in server {
            match local.iter().find(|l| l.remote_id == Some(s.id)) {
                Some(l) if l.state == ItemState::Synced => {
                    if l.base_version != Some(s.version) {
                        self.store
                            .update_team_item(&TeamItem {
                                name: s.name.clone(),
                                body: s.body.clone(),
                                base_version: Some(s.version),
                                ..l.clone()
                            })
                            .await?;
                    }
                }
                // Changed, deleted or conflicted here: the push settles it.
                Some(_) => {}
                None => {
                    self.store
                        .insert_team_item(&TeamItem {
                            local_id: 0,
                            kind: kind.as_str().to_owned(),
                            remote_id: Some(s.id),
                            name: s.name.clone(),
                            body: s.body.clone(),
                            base_version: Some(s.version),
                            state: ItemState::Synced,
                            theirs: None,
                            updated_at: String::new(),
                        })
                        .await?;
                }
            }
        }
        for l in &local {
            let gone = l
                .remote_id
                .is_some_and(|id| !server.iter().any(|s| s.id == id));
            if gone && l.state == ItemState::Synced {
                self.store.delete_team_item(l.local_id).await?;
            } else if gone && l.state == ItemState::Changed {
                // Deleted elsewhere, changed here: mine comes back as new.
                self.store
                    .update_team_item(&TeamItem {
                        remote_id: None,
                        base_version: None,
                        state: ItemState::Created,
                        ..l.clone()
                    })
                    .await?;
            }
        }
        let kept = self.store.team_items(kind.as_str()).await?;
        report.items += kept
            .iter()
            .filter(|i| i.state != ItemState::Deleted)
            .count() as u32;
        report.conflicts += kept
            .iter()
            .filter(|i| i.state == ItemState::Conflict)
            .count() as u32;
        Ok(())
    }
}
