//! Messaging (C6, R5, R6): threads between a candidate and recruiters,
//! their messages, who read what (and when they were last emailed about
//! it), and the companies a candidate blocked.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn to_users(from: (Threads, Threads), on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(Users::Table, Users::Id)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Threads::Table)
                    .col(big_pk_auto(Threads::Id))
                    .col(string_len(Threads::Kind, 16))
                    .col(big_integer_null(Threads::CandidateId))
                    .col(big_integer(Threads::CompanyId))
                    .col(big_integer_null(Threads::RecruiterId))
                    .col(big_integer_null(Threads::ApplicationId))
                    .col(big_integer_null(Threads::DossierId))
                    .col(string_len(Threads::Subject, 200))
                    .col(big_integer_null(Threads::OpenedBy))
                    .col(timestamp_with_time_zone(Threads::CreatedAt))
                    .col(timestamp_with_time_zone_null(Threads::LastMessageAt))
                    .foreign_key(&mut to_users(
                        (Threads::Table, Threads::CandidateId),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut to_users(
                        (Threads::Table, Threads::RecruiterId),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut to_users(
                        (Threads::Table, Threads::OpenedBy),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Threads::Table, Threads::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Threads::Table, Threads::ApplicationId)
                            .to(Applications::Table, Applications::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Threads::Table, Threads::DossierId)
                            .to(Dossiers::Table, Dossiers::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_threads_candidate", Threads::CandidateId),
            ("idx_threads_company", Threads::CompanyId),
            ("idx_threads_recruiter", Threads::RecruiterId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Threads::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Messages::Table)
                    .col(big_pk_auto(Messages::Id))
                    .col(big_integer(Messages::ThreadId))
                    .col(big_integer_null(Messages::AuthorId))
                    .col(boolean(Messages::FromCandidate))
                    .col(text(Messages::Body))
                    .col(timestamp_with_time_zone(Messages::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Messages::Table, Messages::ThreadId)
                            .to(Threads::Table, Threads::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Messages::Table, Messages::AuthorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_messages_thread")
                    .table(Messages::Table)
                    .col(Messages::ThreadId)
                    .col(Messages::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ThreadReads::Table)
                    .col(big_integer(ThreadReads::ThreadId))
                    .col(big_integer(ThreadReads::UserId))
                    .col(big_integer(ThreadReads::LastReadId))
                    .col(timestamp_with_time_zone_null(ThreadReads::NotifiedAt))
                    .primary_key(
                        Index::create()
                            .col(ThreadReads::ThreadId)
                            .col(ThreadReads::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ThreadReads::Table, ThreadReads::ThreadId)
                            .to(Threads::Table, Threads::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ThreadReads::Table, ThreadReads::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CompanyBlocks::Table)
                    .col(big_integer(CompanyBlocks::CandidateId))
                    .col(big_integer(CompanyBlocks::CompanyId))
                    .col(timestamp_with_time_zone(CompanyBlocks::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(CompanyBlocks::CandidateId)
                            .col(CompanyBlocks::CompanyId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CompanyBlocks::Table, CompanyBlocks::CandidateId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CompanyBlocks::Table, CompanyBlocks::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CompanyBlocks::Table.into_iden(),
            ThreadReads::Table.into_iden(),
            Messages::Table.into_iden(),
            Threads::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Dossiers {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Threads {
    Table,
    Id,
    Kind,
    CandidateId,
    CompanyId,
    RecruiterId,
    ApplicationId,
    DossierId,
    Subject,
    OpenedBy,
    CreatedAt,
    LastMessageAt,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    ThreadId,
    AuthorId,
    FromCandidate,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ThreadReads {
    Table,
    ThreadId,
    UserId,
    LastReadId,
    NotifiedAt,
}

#[derive(DeriveIden)]
enum CompanyBlocks {
    Table,
    CandidateId,
    CompanyId,
    CreatedAt,
}
