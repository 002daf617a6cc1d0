//! The catalogue: places, groups, companies, users and offers.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Regions::Table)
                    .col(string_len(Regions::Code, 3).primary_key())
                    .col(string(Regions::Name))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Departments::Table)
                    .col(string_len(Departments::Code, 3).primary_key())
                    .col(string(Departments::Name))
                    .col(string_len(Departments::RegionCode, 3))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Departments::Table, Departments::RegionCode)
                            .to(Regions::Table, Regions::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Places::Table)
                    .col(string_len(Places::Insee, 5).primary_key())
                    .col(string(Places::Name))
                    .col(string(Places::Slug))
                    .col(string(Places::PostalCodes))
                    .col(string_len(Places::DepartmentCode, 3))
                    .col(string_len(Places::RegionCode, 3))
                    .col(double(Places::Latitude))
                    .col(double(Places::Longitude))
                    .col(integer(Places::Population))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Places::Table, Places::DepartmentCode)
                            .to(Departments::Table, Departments::Code),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            Places::Table,
            "idx_places_department",
            &[Places::DepartmentCode],
        )
        .await?;
        index(manager, Places::Table, "idx_places_slug", &[Places::Slug]).await?;

        manager
            .create_table(
                Table::create()
                    .table(Groups::Table)
                    .col(big_pk_auto(Groups::Id))
                    .col(string_len_uniq(Groups::Slug, 120))
                    .col(string_len(Groups::Name, 160))
                    .col(text(Groups::Description))
                    .col(string_len_null(Groups::Website, 500))
                    .col(timestamp_with_time_zone(Groups::CreatedAt))
                    .col(timestamp_with_time_zone(Groups::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    .col(string_len_uniq(Users::Email, 254))
                    .col(string_len_null(Users::PasswordHash, 255))
                    .col(string_len(Users::FirstName, 100))
                    .col(string_len(Users::LastName, 100))
                    .col(string_len(Users::Role, 24))
                    .col(timestamp_with_time_zone_null(Users::EmailVerifiedAt))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::LastActiveAt))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            Users::Table,
            "idx_users_last_active",
            &[Users::LastActiveAt],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Companies::Table)
                    .col(big_pk_auto(Companies::Id))
                    .col(string_len(Companies::Slug, 120))
                    .col(string_len(Companies::Name, 160))
                    .col(string_len_null(Companies::Siret, 14).unique_key())
                    .col(string_len(Companies::Activity, 24))
                    .col(text(Companies::Description))
                    .col(string_len_null(Companies::Address, 250))
                    .col(string_len_null(Companies::PlaceInsee, 5))
                    .col(string_len_null(Companies::Website, 500))
                    .col(string_len_null(Companies::ContactEmail, 254))
                    .col(string_len_null(Companies::ContactPhone, 30))
                    .col(big_integer_null(Companies::GroupId))
                    .col(string_len_null(Companies::LogoKey, 100))
                    .col(timestamp_with_time_zone(Companies::CreatedAt))
                    .col(timestamp_with_time_zone(Companies::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Companies::Table, Companies::PlaceInsee)
                            .to(Places::Table, Places::Insee),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Companies::Table, Companies::GroupId)
                            .to(Groups::Table, Groups::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            Companies::Table,
            "idx_companies_group",
            &[Companies::GroupId],
        )
        .await?;
        index(
            manager,
            Companies::Table,
            "idx_companies_place",
            &[Companies::PlaceInsee],
        )
        .await?;
        index(
            manager,
            Companies::Table,
            "idx_companies_name",
            &[Companies::Name],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CompanyMembers::Table)
                    .col(big_integer(CompanyMembers::UserId).primary_key())
                    .col(big_integer(CompanyMembers::CompanyId))
                    .col(boolean(CompanyMembers::IsOwner))
                    .col(timestamp_with_time_zone(CompanyMembers::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CompanyMembers::Table, CompanyMembers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CompanyMembers::Table, CompanyMembers::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            CompanyMembers::Table,
            "idx_company_members_company",
            &[CompanyMembers::CompanyId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Offers::Table)
                    .col(big_pk_auto(Offers::Id))
                    .col(string_len(Offers::Slug, 120))
                    .col(string_len(Offers::Title, 160))
                    .col(big_integer(Offers::CompanyId))
                    .col(big_integer_null(Offers::RecruiterId))
                    .col(string_len(Offers::JobFamily, 5))
                    .col(text(Offers::DescriptionHtml))
                    .col(string_len(Offers::ContractType, 24))
                    .col(integer_null(Offers::ContractMonths))
                    .col(string_len(Offers::WorkingTime, 24))
                    .col(integer_null(Offers::SalaryMinCents))
                    .col(integer_null(Offers::SalaryMaxCents))
                    .col(string_len_null(Offers::SalaryPeriod, 24))
                    .col(string_len(Offers::PlaceInsee, 5))
                    .col(string_len(Offers::DepartmentCode, 3))
                    .col(string_len(Offers::RegionCode, 3))
                    .col(date_null(Offers::StartDate))
                    .col(string_len(Offers::Experience, 24))
                    .col(string_len(Offers::Education, 24))
                    .col(integer(Offers::Positions))
                    .col(boolean(Offers::ShowContact))
                    .col(string_len_null(Offers::ContactName, 200))
                    .col(string_len_null(Offers::ContactEmail, 254))
                    .col(string_len_null(Offers::ContactPhone, 30))
                    .col(string_len(Offers::ApplyMethod, 24))
                    .col(string_len_null(Offers::ApplyEmail, 254))
                    .col(string_len_null(Offers::ApplyUrl, 500))
                    .col(string_len_null(Offers::Reference, 60))
                    .col(string_len(Offers::Status, 24))
                    .col(string_len(Offers::Source, 24))
                    .col(string_len_null(Offers::SourceId, 60))
                    .col(big_integer(Offers::Views).default(0))
                    .col(timestamp_with_time_zone_null(Offers::PublishedAt))
                    .col(timestamp_with_time_zone_null(Offers::ExpiresAt))
                    .col(timestamp_with_time_zone(Offers::CreatedAt))
                    .col(timestamp_with_time_zone(Offers::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Offers::Table, Offers::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Offers::Table, Offers::RecruiterId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Offers::Table, Offers::PlaceInsee)
                            .to(Places::Table, Places::Insee),
                    )
                    .to_owned(),
            )
            .await?;
        // The home page and the sitemap read published offers newest first.
        index(
            manager,
            Offers::Table,
            "idx_offers_status_published",
            &[Offers::Status, Offers::PublishedAt],
        )
        .await?;
        index(
            manager,
            Offers::Table,
            "idx_offers_company_status",
            &[Offers::CompanyId, Offers::Status],
        )
        .await?;
        index(
            manager,
            Offers::Table,
            "idx_offers_recruiter",
            &[Offers::RecruiterId],
        )
        .await?;
        index(
            manager,
            Offers::Table,
            "idx_offers_place",
            &[Offers::PlaceInsee],
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_offers_source")
                    .table(Offers::Table)
                    .col(Offers::Source)
                    .col(Offers::SourceId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Offers::Table.into_iden(),
            CompanyMembers::Table.into_iden(),
            Companies::Table.into_iden(),
            Users::Table.into_iden(),
            Groups::Table.into_iden(),
            Places::Table.into_iden(),
            Departments::Table.into_iden(),
            Regions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn index<T: Iden + Copy + 'static, C: Iden + Copy + 'static>(
    manager: &SchemaManager<'_>,
    table: T,
    name: &str,
    columns: &[C],
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(*column);
    }
    manager.create_index(index.to_owned()).await
}

#[derive(DeriveIden, Clone, Copy)]
enum Regions {
    Table,
    Code,
    Name,
}

#[derive(DeriveIden, Clone, Copy)]
enum Departments {
    Table,
    Code,
    Name,
    RegionCode,
}

#[derive(DeriveIden, Clone, Copy)]
enum Places {
    Table,
    Insee,
    Name,
    Slug,
    PostalCodes,
    DepartmentCode,
    RegionCode,
    Latitude,
    Longitude,
    Population,
}

#[derive(DeriveIden, Clone, Copy)]
enum Groups {
    Table,
    Id,
    Slug,
    Name,
    Description,
    Website,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
    Email,
    PasswordHash,
    FirstName,
    LastName,
    Role,
    EmailVerifiedAt,
    CreatedAt,
    LastActiveAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Companies {
    Table,
    Id,
    Slug,
    Name,
    Siret,
    Activity,
    Description,
    Address,
    PlaceInsee,
    Website,
    ContactEmail,
    ContactPhone,
    GroupId,
    LogoKey,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CompanyMembers {
    Table,
    UserId,
    CompanyId,
    IsOwner,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Offers {
    Table,
    Id,
    Slug,
    Title,
    CompanyId,
    RecruiterId,
    JobFamily,
    DescriptionHtml,
    ContractType,
    ContractMonths,
    WorkingTime,
    SalaryMinCents,
    SalaryMaxCents,
    SalaryPeriod,
    PlaceInsee,
    DepartmentCode,
    RegionCode,
    StartDate,
    Experience,
    Education,
    Positions,
    ShowContact,
    ContactName,
    ContactEmail,
    ContactPhone,
    ApplyMethod,
    ApplyEmail,
    ApplyUrl,
    Reference,
    Status,
    Source,
    SourceId,
    Views,
    PublishedAt,
    ExpiresAt,
    CreatedAt,
    UpdatedAt,
}
