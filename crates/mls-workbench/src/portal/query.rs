//! Queries: checking DMQL2 against metadata, counting, previewing the first rows.

use crate::{Preview, QueryCheck};
use rets_client::SearchRequest;

use mls_store::QueryKind;

use crate::Portal;
use crate::portal::history::{RunInfo, recorded};
use crate::{ClassTarget, ErrorCode};
use crate::{CommandError, CommandResult};

/// Largest preview the UI may ask for (the grid over the replica shows more).
const MAX_PREVIEW_ROWS: u32 = 1000;

impl Portal {
    /// Checks a query against the class's metadata; issues carry UTF-16 positions.
    pub async fn query_check(
        &self,
        target: ClassTarget,
        query: String,
    ) -> CommandResult<QueryCheck> {
        let profile = self.profile(&target.connection_id).await?;
        let credentials = self.credentials(&profile).await?;
        Ok(self
            .workbench
            .check_query(
                &profile,
                &credentials,
                &target.resource,
                &target.class,
                &query,
            )
            .await?)
    }

    /// Number of matching records (no records are downloaded). Recorded in the
    /// connection's query history, failures included.
    pub async fn query_count(&self, target: ClassTarget, query: String) -> CommandResult<f64> {
        let ClassTarget {
            connection_id,
            resource,
            class,
        } = target;
        let profile = self.profile(&connection_id).await?;
        let run = RunInfo {
            kind: QueryKind::Count,
            resource: &resource,
            class: &class,
            query: &query,
            select: &[],
            rows: None,
        };
        let (workbench, target) = (&self.workbench, &profile);
        let (r, c, q) = (&resource, &class, &query);
        let count = recorded(
            self,
            &profile,
            run,
            |n: &u64| i64::try_from(*n).unwrap_or(i64::MAX),
            |credentials| async move { Ok(workbench.count(target, &credentials, r, c, q).await?) },
        )
        .await?;
        // JSON numbers: exact up to 2^53, far beyond any MLS.
        Ok(count as f64)
    }

    /// The first `limit` matching records, with the selected fields (all when empty).
    /// Recorded in the connection's query history, failures included.
    pub async fn query_preview(
        &self,
        target: ClassTarget,
        query: String,
        select: Vec<String>,
        limit: u32,
    ) -> CommandResult<Preview> {
        let ClassTarget {
            connection_id,
            resource,
            class,
        } = target;
        if limit == 0 || limit > MAX_PREVIEW_ROWS {
            return Err(CommandError::new(
                ErrorCode::InvalidArgument,
                format!("A preview shows 1 to {MAX_PREVIEW_ROWS} rows, not {limit}."),
            ));
        }
        let profile = self.profile(&connection_id).await?;
        let run = RunInfo {
            kind: QueryKind::Preview,
            resource: &resource,
            class: &class,
            query: &query,
            select: &select,
            rows: Some(i64::from(limit)),
        };
        let mut request = SearchRequest::new(resource.clone(), class.clone(), query.clone());
        request.limit = Some(u64::from(limit));
        if !select.is_empty() {
            request.select = Some(select.clone());
        }
        let (workbench, target) = (&self.workbench, &profile);
        recorded(
            self,
            &profile,
            run,
            |p: &Preview| i64::try_from(p.rows.len()).unwrap_or(i64::MAX),
            |credentials| async move { Ok(workbench.preview(target, &credentials, request).await?) },
        )
        .await
    }
}
