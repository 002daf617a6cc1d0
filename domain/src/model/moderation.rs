//! Moderation (A4, B2, DSA art. 16–17): what can be reported and why, the
//! cases reports gather in, and the measures the team takes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

closed_set! {
    /// What a report is about.
    pub enum ReportTarget {
        Offer = "offre" => "Offre",
        Company = "entreprise" => "Fiche entreprise",
    }
}

closed_set! {
    /// Why something is reported, tied to French law and the terms; also the
    /// ground a decision gives.
    pub enum ReportReason {
        Discrimination = "discrimination" => "Critère discriminatoire (Code du travail, art. L1132-1)",
        AgeLimit = "limite-age" => "Limite d'âge (Code du travail, art. L5331-2)",
        Misleading = "trompeuse" => "Offre fausse ou trompeuse (Code du travail, art. L5331-3)",
        Scam = "arnaque" => "Arnaque : frais demandés aux candidats, hameçonnage",
        Duplicate = "doublon" => "Doublon ou republication",
        Filled = "deja-pourvue" => "Poste déjà pourvu",
        OffSector = "hors-secteur" => "Hors du secteur des services de l'automobile",
        Other = "autre" => "Autre manquement aux conditions d'utilisation",
    }
}

closed_set! {
    /// How a moderation case opened.
    pub enum CaseOrigin {
        Report = "signalement" => "Signalement",
        Automatic = "automatique" => "Signal automatique",
        Review = "revision" => "Offre corrigée à revoir",
    }
}

closed_set! {
    /// Where a moderation case stands.
    pub enum ModerationStatus {
        Open = "ouvert" => "Ouvert",
        Decided = "decide" => "Décidé",
    }
}

closed_set! {
    /// A decision of the team.
    pub enum Measure {
        Unpublish = "depublication" => "Dépublier l'offre",
        Correction = "correction" => "Demander une correction au recruteur",
        Reinstate = "retablissement" => "Rétablir l'offre",
        SuspendCompany = "suspension-entreprise" => "Suspendre l'entreprise",
        LiftCompany = "levee-suspension" => "Lever la suspension de l'entreprise",
        SuspendAccount = "suspension-compte" => "Suspendre le compte du recruteur",
        Dismiss = "classement" => "Classer sans suite",
    }
}

closed_set! {
    /// What moderation did to an offer.
    pub enum OfferModeration {
        Unpublished = "depubliee" => "Dépubliée par l'équipe JobToMove",
        Correction = "correction" => "Correction demandée par l'équipe JobToMove",
        Review = "revision" => "Corrigée, en attente de vérification par l'équipe JobToMove",
    }
}

impl Measure {
    /// How long the measure lasts, as the statement of reasons says it.
    pub fn duration(self) -> &'static str {
        match self {
            Self::Unpublish => {
                "jusqu'à ce que l'équipe rétablisse l'offre (après contestation fondée, par exemple)"
            }
            Self::Correction => "jusqu'à la correction de l'offre et sa vérification par l'équipe",
            Self::SuspendCompany => "jusqu'à la levée de la suspension par l'équipe",
            Self::SuspendAccount => "jusqu'à la réactivation du compte par l'équipe",
            Self::Reinstate | Self::LiftCompany | Self::Dismiss => "sans objet",
        }
    }

    /// The measures that can be taken on a target.
    pub fn for_target(target: ReportTarget) -> &'static [Self] {
        match target {
            ReportTarget::Offer => &[
                Self::Unpublish,
                Self::Correction,
                Self::Reinstate,
                Self::SuspendCompany,
                Self::SuspendAccount,
                Self::Dismiss,
            ],
            ReportTarget::Company => &[Self::SuspendCompany, Self::LiftCompany, Self::Dismiss],
        }
    }
}

/// The report form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub offre: String,
    pub entreprise: String,
    pub motif: String,
    pub explication: String,
    pub nom: String,
    pub email: String,
    /// "oui" when the good-faith statement is ticked.
    pub bonne_foi: String,
}

/// What the report page is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportContext {
    pub target: ReportTarget,
    pub id: i64,
    pub label: String,
    pub path: String,
}

/// The longest explanation a report takes.
pub const REPORT_MAX_CHARS: usize = 3_000;

/// A moderation case's number as people read it.
pub fn moderation_number(id: i64) -> String {
    format!("M-{id:05}")
}

/// A case in the moderation queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationSummary {
    pub id: i64,
    pub number: String,
    pub target: ReportTarget,
    pub target_id: i64,
    pub label: String,
    pub href: String,
    pub origin: CaseOrigin,
    pub status: ModerationStatus,
    pub urgent: bool,
    /// Why an automatic case opened.
    pub signal: String,
    pub reports: u64,
    pub reasons: Vec<ReportReason>,
    pub first_at: DateTime<Utc>,
    pub last_at: DateTime<Utc>,
}

/// One report, as the team reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub reason: ReportReason,
    pub explanation: String,
    pub reporter: String,
    pub page_url: String,
    pub created_at: DateTime<Utc>,
}

/// One decision of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    pub measure: Measure,
    pub ground: ReportReason,
    pub facts: String,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
}

/// A moderation case with its reports, decisions and the target's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationDetail {
    pub summary: ModerationSummary,
    pub reports: Vec<ReportView>,
    pub decisions: Vec<DecisionView>,
    /// The target's state now, in words.
    pub state: String,
    pub measures: Vec<Measure>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_fits_its_column() {
        assert!(ReportReason::ALL.iter().all(|r| r.code().len() <= 24));
        assert!(Measure::ALL.iter().all(|m| m.code().len() <= 24));
        assert_eq!(moderation_number(7), "M-00007");
    }
}
