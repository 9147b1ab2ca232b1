//! Two desktops (two data folders of the application layer, as the app and
//! the CLI open them) signed in to the real server, sharing a connection to a
//! simulated MLS end to end: A shares it with B; B's copy runs queries and is
//! held to the Basic role's limits; A removes B, the key rotates, and B's old
//! wrap opens nothing new. Team items edited on both desktops offline end in a
//! conflict that keeps both copies until B chooses. The MLS password is never
//! in the server's database or log.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::{databases, start};
use mls_store::secrets::{MemoryStore, SecretKey, SecretStore};
use mls_workbench::portal::connections::ConnectionInput;
use mls_workbench::portal::team::items::{KeepCopy, TeamItemKind, TeamItemState};
use mls_workbench::{ClassTarget, ErrorCode, Portal, Workbench};
use rets_sim::{SimConfig, Simulator};
use serde_json::json;

const MLS_PASSWORD: &str = "mls-pass-5f1e9c7d";

async fn desktop(dir: &Path) -> (Portal, Arc<MemoryStore>) {
    let keychain = Arc::new(MemoryStore::default());
    let portal = Portal::open(dir, keychain.clone(), Workbench::default())
        .await
        .unwrap();
    (portal, keychain)
}

fn target(connection_id: &str) -> ClassTarget {
    ClassTarget {
        connection_id: connection_id.to_owned(),
        resource: "Property".into(),
        class: "Residential".into(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_connection_shared_end_to_end_between_two_desktops() {
    let sim = Simulator::start(SimConfig {
        listings: 120,
        max_rows: 100,
        password: MLS_PASSWORD.into(),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    for kind in databases() {
        let server = start(kind, &[]);
        let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (a, _) = desktop(dir_a.path()).await;
        let (b, b_keychain) = desktop(dir_b.path()).await;

        // A founds the team, saves a connection to the MLS and adds B as Basic.
        let status = a
            .team_sign_up(
                server.url.clone(),
                "ana@example.com".into(),
                "ana-password-1".into(),
                "Ana Realty".into(),
            )
            .await
            .unwrap();
        assert_eq!(status.role.as_deref(), Some("admin"), "{kind}");
        let conn = a
            .connection_save(ConnectionInput {
                id: None,
                name: "Sim MLS".into(),
                login_url: sim.login_url(),
                username: "demo".into(),
                password: Some(MLS_PASSWORD.into()),
                user_agent: String::new(),
                ua_password: None,
                rets_version: String::new(),
                use_post: false,
                vendor_template: None,
                allow_insecure: false,
            })
            .await
            .unwrap();
        let bo = a
            .team_member_add(
                "bo@example.com".into(),
                "bo-password-12".into(),
                "basic".into(),
            )
            .await
            .unwrap();

        // B signs in (publishing a key); nothing is shared with B yet.
        let status_b = b
            .team_sign_in(
                server.url.clone(),
                "bo@example.com".into(),
                "bo-password-12".into(),
            )
            .await
            .unwrap();
        assert_eq!(status_b.role.as_deref(), Some("basic"));
        let b_fingerprint = status_b.fingerprint.clone().unwrap();
        assert!(
            b.connections_list()
                .await
                .unwrap()
                .iter()
                .all(|c| c.shared.is_none())
        );

        // A sees B's key with the fingerprint B's window shows, and shares.
        let access = a.team_connection_access(conn.id.clone()).await.unwrap();
        let b_row = access.members.iter().find(|m| m.user_id == bo.id).unwrap();
        assert_eq!(b_row.fingerprint, b_fingerprint);
        assert!(!b_row.has_access && access.shared_id.is_none());
        let access = a.team_share(conn.id.clone(), vec![bo.id]).await.unwrap();
        assert_eq!(access.key_version, Some(1));
        assert!(access.members.iter().all(|m| m.has_access));

        // B pulls it: a local connection marked shared by A, found by name (as
        // the CLI's --connection finds it), whose queries run on the MLS.
        let report = b.team_sync().await.unwrap();
        assert_eq!((report.connections, report.removed), (1, 0), "{report:?}");
        let copy = b
            .connections_list()
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.name == "Sim MLS")
            .expect("the shared connection is listed on B");
        let mark = copy.shared.clone().unwrap();
        assert!(!mark.mine);
        assert_eq!(mark.shared_by.as_deref(), Some("ana@example.com"));
        assert_eq!(b.profile_named("sim mls").await.unwrap().id, copy.id);
        let count = b
            .query_count(target(&copy.id), "(LIST_PRICE=0+)".into())
            .await
            .unwrap();
        assert!(count > 0.0, "{count}");
        // B cannot edit A's connection here (the next sync would undo it).
        let mut edit = ConnectionInput {
            id: Some(copy.id.clone()),
            name: "Mine now".into(),
            login_url: sim.login_url(),
            username: "demo".into(),
            password: None,
            user_agent: String::new(),
            ua_password: None,
            rets_version: String::new(),
            use_post: false,
            vendor_template: None,
            allow_insecure: false,
        };
        let err = b.connection_save(edit.clone()).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::TeamForbidden);

        // Basic limits, set by A, hold on B's desktop before the query runs.
        a.team_role_limits_set(mls_workbench::portal::team::TeamLimits {
            role: "basic".into(),
            rows_per_query: Some(5),
            queries_per_day: Some(50),
            classes: vec!["Property:Residential".into()],
        })
        .await
        .unwrap();
        b.team_sync().await.unwrap();
        let err = b
            .query_preview(target(&copy.id), "(LIST_PRICE=0+)".into(), vec![], 10)
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::TeamLimitExceeded, "{err:?}");
        assert!(err.message.contains("at most 5 rows"), "{}", err.message);
        let preview = b
            .query_preview(target(&copy.id), "(LIST_PRICE=0+)".into(), vec![], 5)
            .await
            .unwrap();
        assert_eq!(preview.rows.len(), 5);
        let mut other = target(&copy.id);
        other.class = "Land".into();
        let err = b
            .query_count(other, "(LIST_PRICE=0+)".into())
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::TeamLimitExceeded);
        // My own connections are not limited: A previews 10 rows.
        a.query_preview(target(&conn.id), "(LIST_PRICE=0+)".into(), vec![], 10)
            .await
            .unwrap();

        // B's wrap of key version 1, kept to try after the rotation.
        let b_client = team_client::TeamClient::new(&server.url).unwrap();
        b_client
            .login("bo@example.com", "bo-password-12")
            .await
            .unwrap();
        let old_wrap = b_client.connections().await.unwrap()[0]
            .my_wrapped_key
            .clone()
            .unwrap();

        // A removes B: a new key version, and B's copy leaves B's desktop.
        let access = a.team_share(conn.id.clone(), vec![]).await.unwrap();
        assert_eq!(access.key_version, Some(2));
        assert!(
            !access
                .members
                .iter()
                .find(|m| m.user_id == bo.id)
                .unwrap()
                .has_access
        );
        let report = b.team_sync().await.unwrap();
        assert_eq!((report.connections, report.removed), (0, 1), "{report:?}");
        assert!(b.profile_named("Sim MLS").await.is_err());
        edit.id = Some(copy.id.clone());
        let secret = b_keychain
            .get(&SecretKey::password(copy.id.parse().unwrap()))
            .unwrap();
        assert_eq!(secret, None, "B's copy of the MLS password is gone");
        // The old wrap still opens the old key, which opens nothing new.
        let b_key = team_keys::MemberKey::from_secret(
            &b_keychain
                .get(&SecretKey::team_member_key())
                .unwrap()
                .unwrap(),
        )
        .unwrap();
        let a_client = team_client::TeamClient::new(&server.url).unwrap();
        a_client
            .login("ana@example.com", "ana-password-1")
            .await
            .unwrap();
        let rotated = a_client.connections().await.unwrap().remove(0);
        assert_eq!(rotated.key_version, 2);
        let old_key = team_keys::ConnectionKey::unwrap(&old_wrap, &b_key).unwrap();
        assert!(old_key.open(&rotated.sealed_secrets).is_err());

        assert!(
            !server.stored_anywhere(MLS_PASSWORD),
            "{kind}: MLS password stored"
        );
        assert!(!server.log().contains(MLS_PASSWORD));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn items_edited_offline_on_two_desktops_conflict_and_keep_both_copies() {
    for kind in databases() {
        let server = start(kind, &[]);
        let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (a, _) = desktop(dir_a.path()).await;
        let (b, _) = desktop(dir_b.path()).await;
        a.team_sign_up(
            server.url.clone(),
            "ana@example.com".into(),
            "ana-password-1".into(),
            "Ana Realty".into(),
        )
        .await
        .unwrap();
        a.team_member_add(
            "cy@example.com".into(),
            "cy-password-12".into(),
            "power".into(),
        )
        .await
        .unwrap();
        b.team_sign_in(
            server.url.clone(),
            "cy@example.com".into(),
            "cy-password-12".into(),
        )
        .await
        .unwrap();

        // A saves a query (offline first: it waits for the sync).
        let q = a
            .team_item_save(
                TeamItemKind::SavedQuery,
                None,
                "Active in Austin".into(),
                json!({"resource": "Property", "class": "Residential", "query": "(City=Austin)"}),
            )
            .await
            .unwrap();
        assert_eq!(q.state, TeamItemState::Created);
        assert_eq!(a.team_sync().await.unwrap().pushed, 1);
        b.team_sync().await.unwrap();
        let on_b = b.team_items(TeamItemKind::SavedQuery).await.unwrap();
        assert_eq!(on_b.len(), 1);
        assert_eq!(on_b[0].state, TeamItemState::Synced);

        // Both change it before syncing; A's change reaches the server first.
        a.team_item_save(
            TeamItemKind::SavedQuery,
            Some(q.local_id),
            "Active in Austin".into(),
            json!({"resource": "Property", "class": "Residential", "query": "(City=Austin),(Status=A)"}),
        )
        .await
        .unwrap();
        let mine = json!({"resource": "Property", "class": "Residential", "query": "(City=Austin),(ListPrice=300000+)"});
        b.team_item_save(
            TeamItemKind::SavedQuery,
            Some(on_b[0].local_id),
            "Active in Austin".into(),
            mine.clone(),
        )
        .await
        .unwrap();
        a.team_sync().await.unwrap();
        let report = b.team_sync().await.unwrap();
        assert_eq!(report.conflicts, 1, "{report:?}");
        let conflicted = &b.team_items(TeamItemKind::SavedQuery).await.unwrap()[0];
        assert_eq!(conflicted.state, TeamItemState::Conflict);
        assert_eq!(conflicted.body, mine, "mine is kept");
        assert_eq!(
            conflicted.theirs_body.as_ref().unwrap()["query"],
            "(City=Austin),(Status=A)",
            "theirs is kept beside it"
        );
        assert_eq!(b.team_status().await.unwrap().conflicts, 1);

        // B keeps theirs-then-mine: mine goes over theirs at the next sync.
        b.team_item_resolve(conflicted.local_id, KeepCopy::Mine)
            .await
            .unwrap();
        assert_eq!(b.team_sync().await.unwrap().pushed, 1);
        a.team_sync().await.unwrap();
        let on_a = a.team_items(TeamItemKind::SavedQuery).await.unwrap();
        assert_eq!(on_a[0].body, mine);
        assert_eq!(on_a[0].state, TeamItemState::Synced);

        // Signing out forgets the team's items; signing in again keeps my key.
        let fingerprint = b.team_status().await.unwrap().fingerprint;
        let out = b.team_sign_out().await.unwrap();
        assert!(!out.signed_in);
        let err = b.team_items(TeamItemKind::SavedQuery).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::TeamSignedOut);
        let back = b
            .team_sign_in(
                server.url.clone(),
                "cy@example.com".into(),
                "cy-password-12".into(),
            )
            .await
            .unwrap();
        assert_eq!(back.fingerprint, fingerprint);
        assert_eq!(
            b.team_items(TeamItemKind::SavedQuery).await.unwrap().len(),
            1
        );
    }
}
