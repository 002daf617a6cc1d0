//! The administrators' space (A1–A4): the inbox of contact cases, groups,
//! companies and their recruiters, and the audit log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

closed_set! {
    /// Where a contact case stands.
    pub enum CaseStatus {
        New = "nouveau" => "Nouveau",
        InProgress = "en-cours" => "En cours",
        Waiting = "attente" => "En attente du demandeur",
        Done = "traite" => "Traité",
        Spam = "spam" => "Spam",
    }
}

closed_set! {
    /// An entry of a case.
    pub enum CaseEntryKind {
        Request = "demande" => "Demande",
        Reply = "reponse" => "Réponse envoyée",
        Note = "note" => "Note interne",
    }
}

closed_set! {
    /// The closed set of administrative actions the audit log records.
    pub enum AuditAction {
        FactorEnrolled = "facteur.enrolement" => "Double authentification activée",
        RecoveryCodeUsed = "facteur.code-secours" => "Code de secours utilisé",
        CaseStatus = "demande.statut" => "Statut d'une demande changé",
        CaseAssigned = "demande.attribution" => "Demande attribuée",
        CaseNote = "demande.note" => "Note interne ajoutée",
        CaseReply = "demande.reponse" => "Réponse envoyée",
        GroupCreated = "groupe.creation" => "Groupe créé",
        GroupEdited = "groupe.modification" => "Groupe modifié",
        GroupAttached = "groupe.rattachement" => "Entreprise rattachée à un groupe",
        GroupDetached = "groupe.detachement" => "Entreprise détachée d'un groupe",
        OwnerTransferred = "entreprise.proprietaire" => "Propriété de la fiche transférée",
        CompanyMerged = "entreprise.fusion" => "Fiche fusionnée dans une autre",
        RecruiterDetached = "recruteur.detachement" => "Recruteur détaché de son entreprise",
        OffersHandedOver = "offre.transfert" => "Offre confiée à un autre recruteur",
        AccountDeactivated = "compte.desactivation" => "Compte désactivé",
        AccountReactivated = "compte.reactivation" => "Compte réactivé",
        ModerationDecided = "moderation.decision" => "Décision de modération",
    }
}

/// The actions whose reason is required.
pub fn reason_required(action: AuditAction) -> bool {
    matches!(
        action,
        AuditAction::OwnerTransferred
            | AuditAction::CompanyMerged
            | AuditAction::RecruiterDetached
            | AuditAction::OffersHandedOver
            | AuditAction::AccountDeactivated
            | AuditAction::AccountReactivated
            | AuditAction::ModerationDecided
    )
}

/// A person as the admin space names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonLink {
    pub id: i64,
    pub name: String,
    pub email: String,
}

/// A link to what a case or an event concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetLink {
    pub label: String,
    pub href: String,
}

/// A case in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: i64,
    pub number: String,
    pub subject: crate::model::ContactSubject,
    pub status: CaseStatus,
    pub email: String,
    pub name: String,
    pub assignee: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The inbox: the cases of one status, and how many each status holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub status: CaseStatus,
    pub counts: Vec<(CaseStatus, u64)>,
    pub cases: Vec<CaseSummary>,
}

/// One entry of a case, as the team reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEntryView {
    pub kind: CaseEntryKind,
    pub author: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// A case with its history and what it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    pub entries: Vec<CaseEntryView>,
    /// The requester's account, when they were signed in.
    pub account: Option<TargetLink>,
    pub company: Option<TargetLink>,
    pub offer: Option<TargetLink>,
    pub assignee_id: Option<i64>,
    /// The administrators a case may be given to.
    pub admins: Vec<PersonLink>,
}

/// A group in the admin space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminGroup {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub website: Option<String>,
    pub companies: Vec<TargetLink>,
    /// Companies whose owner asked to join this group.
    pub requests: Vec<(i64, String)>,
    pub company_ids: Vec<i64>,
}

/// A company found by the admin search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCompanyHit {
    pub id: i64,
    pub name: String,
    pub siret: Option<String>,
    pub commune: Option<String>,
    pub recruiters: u64,
}

/// A recruiter of a company, owner first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminRecruiter {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub is_owner: bool,
    pub pending: bool,
    pub deactivated: bool,
    pub offers: u64,
    pub joined_at: DateTime<Utc>,
    pub last_active_at: DateTime<Utc>,
}

/// An offer of a company, with its publisher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOffer {
    pub id: i64,
    pub title: String,
    pub status: crate::model::OfferStatus,
    pub recruiter: Option<String>,
    pub recruiter_id: Option<i64>,
    pub applications: u64,
    pub published_at: Option<DateTime<Utc>>,
}

/// A company as the admin space shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCompany {
    pub id: i64,
    pub name: String,
    pub path: String,
    pub siret: Option<String>,
    pub commune: Option<String>,
    pub group: Option<String>,
    pub created_at: DateTime<Utc>,
    pub recruiters: Vec<AdminRecruiter>,
    pub offers: Vec<AdminOffer>,
    /// Recent events about this company.
    pub events: Vec<AuditView>,
}

/// One event of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor: String,
    pub action: AuditAction,
    pub target_type: String,
    pub target_id: i64,
    pub target_label: String,
    pub reason: String,
    /// (field, before, after)
    pub changes: Vec<(String, String, String)>,
    pub batch_id: Option<String>,
}

/// The journal's filters (`?action=…&cible=…&id=…`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JournalQuery {
    pub action: String,
    pub cible: String,
    pub id: String,
    pub page: u32,
}

/// An administrator's second factor, for its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FactorStep {
    /// Enrolment: scan the code (an inline SVG) or type the secret, then
    /// confirm with one code.
    Enrol {
        secret: String,
        uri: String,
        qr_svg: String,
    },
    /// Enrolled: type the current code, or a recovery code.
    Verify,
    /// This session already passed it.
    Done,
}

/// How many recovery codes an administrator gets.
pub const RECOVERY_CODES: usize = 10;
