//! The candidate space (P7, C2, C3, C4, C5, C8, B3): stored files, the
//! candidate's profile, dossiers, applications with their history, and saved
//! offers.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StoredFiles::Table)
                    .col(big_pk_auto(StoredFiles::Id))
                    .col(string_len_uniq(StoredFiles::StorageKey, 64))
                    .col(string_len(StoredFiles::Name, 255))
                    .col(string_len(StoredFiles::Kind, 24))
                    .col(big_integer(StoredFiles::SizeBytes))
                    .col(timestamp_with_time_zone(StoredFiles::CreatedAt))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            StoredFiles::Table,
            "idx_stored_files_created",
            StoredFiles::CreatedAt,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(CandidateProfiles::Table)
                    .col(big_integer(CandidateProfiles::UserId).primary_key())
                    .col(string_len_null(CandidateProfiles::Status, 24))
                    .col(string_len_null(CandidateProfiles::Availability, 24))
                    .col(date_null(CandidateProfiles::AvailableFrom))
                    .col(string_len(CandidateProfiles::Diplomas, 255).default(""))
                    .col(string_len(CandidateProfiles::JobFamilies, 500).default(""))
                    .col(string_len(CandidateProfiles::Places, 200).default(""))
                    .col(integer_null(CandidateProfiles::MobilityKm))
                    .col(string_len(CandidateProfiles::Licences, 100).default(""))
                    .col(integer_null(CandidateProfiles::ExperienceYears))
                    .col(string_len_null(CandidateProfiles::Phone, 32))
                    .col(timestamp_with_time_zone(CandidateProfiles::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CandidateProfiles::Table, CandidateProfiles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Dossiers::Table)
                    .col(big_pk_auto(Dossiers::Id))
                    .col(big_integer(Dossiers::UserId))
                    .col(string_len(Dossiers::Title, 120))
                    .col(big_integer_null(Dossiers::CvFileId))
                    .col(big_integer_null(Dossiers::LetterFileId))
                    .col(text_null(Dossiers::LetterText))
                    .col(text_null(Dossiers::OtherInfo))
                    .col(big_integer_null(Dossiers::VideoFileId))
                    .col(string_len_null(Dossiers::VideoUrl, 255))
                    .col(boolean(Dossiers::Visible).default(false))
                    .col(timestamp_with_time_zone(Dossiers::CreatedAt))
                    .col(timestamp_with_time_zone(Dossiers::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Dossiers::Table, Dossiers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            Dossiers::Table,
            "idx_dossiers_user",
            Dossiers::UserId,
        )
        .await?;
        index(
            manager,
            Dossiers::Table,
            "idx_dossiers_visible",
            Dossiers::Visible,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Applications::Table)
                    .col(big_pk_auto(Applications::Id))
                    .col(big_integer_null(Applications::OfferId))
                    .col(string_len(Applications::OfferTitle, 200))
                    .col(string_len(Applications::CompanyName, 200))
                    .col(big_integer_null(Applications::UserId))
                    .col(big_integer_null(Applications::DossierId))
                    .col(string_len(Applications::Email, 254))
                    .col(string_len(Applications::FirstName, 100).default(""))
                    .col(string_len(Applications::LastName, 100).default(""))
                    .col(string_len_null(Applications::Phone, 32))
                    .col(text_null(Applications::Message))
                    .col(big_integer_null(Applications::CvFileId))
                    .col(big_integer_null(Applications::LetterFileId))
                    .col(text_null(Applications::LetterText))
                    .col(big_integer_null(Applications::VideoFileId))
                    .col(string_len_null(Applications::VideoUrl, 255))
                    .col(string_len(Applications::Status, 24))
                    .col(timestamp_with_time_zone(Applications::CreatedAt))
                    .col(timestamp_with_time_zone(Applications::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Applications::Table, Applications::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Applications::Table, Applications::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Applications::Table, Applications::DossierId)
                            .to(Dossiers::Table, Dossiers::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_applications_offer_email")
                    .table(Applications::Table)
                    .col(Applications::OfferId)
                    .col(Applications::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            Applications::Table,
            "idx_applications_user",
            Applications::UserId,
        )
        .await?;
        index(
            manager,
            Applications::Table,
            "idx_applications_email",
            Applications::Email,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApplicationEvents::Table)
                    .col(big_pk_auto(ApplicationEvents::Id))
                    .col(big_integer(ApplicationEvents::ApplicationId))
                    .col(string_len(ApplicationEvents::Status, 24))
                    .col(timestamp_with_time_zone(ApplicationEvents::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApplicationEvents::Table, ApplicationEvents::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            ApplicationEvents::Table,
            "idx_application_events_application",
            ApplicationEvents::ApplicationId,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(SavedOffers::Table)
                    .col(big_integer(SavedOffers::UserId))
                    .col(big_integer(SavedOffers::OfferId))
                    .col(timestamp_with_time_zone(SavedOffers::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(SavedOffers::UserId)
                            .col(SavedOffers::OfferId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SavedOffers::Table, SavedOffers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SavedOffers::Table, SavedOffers::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SavedOffers::Table.into_iden(),
            ApplicationEvents::Table.into_iden(),
            Applications::Table.into_iden(),
            Dossiers::Table.into_iden(),
            CandidateProfiles::Table.into_iden(),
            StoredFiles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn index<T: IntoIden + 'static, C: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    table: T,
    name: &str,
    column: C,
) -> Result<(), DbErr> {
    manager
        .create_index(
            Index::create()
                .name(name)
                .table(table)
                .col(column)
                .to_owned(),
        )
        .await
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StoredFiles {
    Table,
    Id,
    StorageKey,
    Name,
    Kind,
    SizeBytes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CandidateProfiles {
    Table,
    UserId,
    Status,
    Availability,
    AvailableFrom,
    Diplomas,
    JobFamilies,
    Places,
    MobilityKm,
    Licences,
    ExperienceYears,
    Phone,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Dossiers {
    Table,
    Id,
    UserId,
    Title,
    CvFileId,
    LetterFileId,
    LetterText,
    OtherInfo,
    VideoFileId,
    VideoUrl,
    Visible,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    OfferId,
    OfferTitle,
    CompanyName,
    UserId,
    DossierId,
    Email,
    FirstName,
    LastName,
    Phone,
    Message,
    CvFileId,
    LetterFileId,
    LetterText,
    VideoFileId,
    VideoUrl,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ApplicationEvents {
    Table,
    Id,
    ApplicationId,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SavedOffers {
    Table,
    UserId,
    OfferId,
    CreatedAt,
}
