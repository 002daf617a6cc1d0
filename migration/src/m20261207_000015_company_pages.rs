//! Two indexes for what a company's page (P4) and the directory read on a
//! large catalogue; without them, on 1,000,000 offers and 50,000
//! companies, a company's page took 1 to 3 seconds:
//!
//! - its open offers newest first. With only `(company_id, status)` and
//!   `(status, published_at)` to choose from, SQLite took the second to
//!   skip the sort and walked every published offer, newest first, until it
//!   had found ten of that company. `(company_id, status, published_at)`
//!   holds that company's published offers already in order; it replaces
//!   `(company_id, status)`, its prefix.
//! - the suspended companies, whose offers leave the catalogue (A4): every
//!   query of open offers reads them, and found them by reading every
//!   company. The partial index holds only those.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const BY_COMPANY: &str = "idx_offers_company_status_published";
const BY_COMPANY_BEFORE: &str = "idx_offers_company_status";
const SUSPENDED: &str = "idx_companies_suspended";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(BY_COMPANY)
                    .table(Offers::Table)
                    .col(Offers::CompanyId)
                    .col(Offers::Status)
                    .col(Offers::PublishedAt)
                    .if_not_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(BY_COMPANY_BEFORE)
                    .table(Offers::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(SUSPENDED)
                    .table(Companies::Table)
                    .col(Companies::Id)
                    .and_where(Expr::col(Companies::SuspendedAt).is_not_null())
                    .if_not_exists()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(SUSPENDED)
                    .table(Companies::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(BY_COMPANY_BEFORE)
                    .table(Offers::Table)
                    .col(Offers::CompanyId)
                    .col(Offers::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(BY_COMPANY)
                    .table(Offers::Table)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    CompanyId,
    Status,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
    SuspendedAt,
}
