//! The candidate space as pages see it: the profile's "encart jaune" (C2),
//! dossiers (C3), applications and their history (P7, C4, C5), and the rules
//! forms share with the server.

use super::{JobFamily, OfferStatus};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

closed_set! {
    /// Where the candidate stands today (C2).
    pub enum CandidateStatus {
        Employed = "en_poste" => "En poste",
        JobSeeker = "recherche" => "En recherche d'emploi",
        Student = "etudiant" => "Étudiant ou apprenti",
        Retraining = "reconversion" => "En reconversion",
    }
}

closed_set! {
    /// When the candidate can start (C2).
    pub enum Availability {
        Immediate = "immediate" => "Immédiatement",
        FromDate = "date" => "À partir d'une date",
        Notice = "preavis" => "Après mon préavis",
    }
}

closed_set! {
    /// Diplomas and qualifications of the trade (C2).
    pub enum Diploma {
        Cap = "cap" => "CAP",
        Bep = "bep" => "BEP",
        Mc = "mc" => "Mention complémentaire",
        BacPro = "bac_pro" => "Bac pro",
        Bac = "bac" => "Bac général ou technologique",
        Cqp = "cqp" => "CQP",
        TitrePro = "titre_pro" => "Titre professionnel",
        Bts = "bts" => "BTS",
        But = "but" => "BUT ou DUT",
        Licence = "licence" => "Licence ou licence pro",
        Master = "master" => "Master ou diplôme d'ingénieur",
    }
}

closed_set! {
    /// Driving licences (C2).
    pub enum DrivingLicence {
        B = "b" => "Permis B",
        Be = "be" => "Permis BE",
        C = "c" => "Permis C",
        Ce = "ce" => "Permis CE",
        D = "d" => "Permis D",
        A = "a" => "Permis A",
    }
}

closed_set! {
    /// Where an application stands (C5, R5).
    pub enum ApplicationStatus {
        Sent = "envoyee" => "Envoyée",
        Viewed = "vue" => "Vue par le recruteur",
        Shortlisted = "preselectionnee" => "Présélectionnée",
        Interview = "entretien" => "Entretien",
        Hired = "retenue" => "Retenue",
        Declined = "refusee" => "Non retenue",
    }
}

closed_set! {
    /// The kinds of file the portal accepts, decided from the bytes.
    pub enum FileKind {
        Pdf = "pdf" => "PDF",
        Docx = "docx" => "Word (.docx)",
        Doc = "doc" => "Word (.doc)",
        Odt = "odt" => "OpenDocument (.odt)",
        Mp4 = "mp4" => "Vidéo MP4",
        Webm = "webm" => "Vidéo WebM",
    }
}

impl FileKind {
    /// The documents a CV or a cover letter may be.
    pub const DOCUMENTS: &'static [Self] = &[Self::Pdf, Self::Docx, Self::Doc, Self::Odt];
    /// The videos a dossier may hold.
    pub const VIDEOS: &'static [Self] = &[Self::Mp4, Self::Webm];

    /// The MIME type a download is sent with.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Doc => "application/msword",
            Self::Odt => "application/vnd.oasis.opendocument.text",
            Self::Mp4 => "video/mp4",
            Self::Webm => "video/webm",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        self.code()
    }

    /// `name` with the extension of this kind: the one it has when it is
    /// already right (any case), else in place of the one it has
    /// (`cv.html` → `cv.pdf`), else added (`Mon CV` → `Mon CV.pdf`). A file
    /// is saved under the name it is downloaded with, and opened from disk
    /// by its extension: only the kind decided from the bytes may choose it.
    pub fn file_name(self, name: &str) -> String {
        let extension = self.extension();
        let stem = match name.rsplit_once('.') {
            Some((_, ext)) if ext.eq_ignore_ascii_case(extension) => return name.to_owned(),
            Some((stem, ext))
                if !stem.is_empty()
                    && (1..=5).contains(&ext.len())
                    && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                stem
            }
            _ => name,
        };
        format!("{stem}.{extension}")
    }
}

/// A CV or a cover letter: at most 5 MB.
pub const DOCUMENT_MAX_BYTES: usize = 5 * 1024 * 1024;
/// A video: at most 50 MB.
pub const VIDEO_MAX_BYTES: usize = 50 * 1024 * 1024;
/// A personal message, a letter typed in, "autres informations": at most this
/// many characters.
pub const LONG_TEXT_MAX_CHARS: usize = 5000;
/// A dossier's title.
pub const TITLE_MAX_CHARS: usize = 120;
/// Wanted places in a profile.
pub const MAX_WANTED_PLACES: usize = 5;

/// "1,2 Mo", "340 ko": a size for people.
pub fn human_size(bytes: i64) -> String {
    const MB: i64 = 1024 * 1024;
    if bytes >= MB && bytes % MB == 0 {
        format!("{} Mo", bytes / MB)
    } else if bytes >= MB {
        format!("{:.1} Mo", bytes as f64 / (1024.0 * 1024.0)).replace('.', ",")
    } else {
        format!("{} ko", (bytes + 1023) / 1024)
    }
}

/// A stored file as pages show it; downloaded from [`FileView::path`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    pub id: i64,
    pub name: String,
    pub kind: FileKind,
    pub size_bytes: i64,
}

impl FileView {
    /// The authorized download's URL.
    pub fn path(&self) -> String {
        format!("/fichiers/{}", self.id)
    }

    /// "cv-dupont.pdf (PDF, 340 ko)".
    pub fn describe(&self) -> String {
        format!(
            "{} ({}, {})",
            self.name,
            self.kind.label(),
            human_size(self.size_bytes)
        )
    }
}

/// The candidate's "encart jaune" (C2). Empty lists and `None` mean "not said".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateProfile {
    pub status: Option<CandidateStatus>,
    pub availability: Option<Availability>,
    pub available_from: Option<NaiveDate>,
    pub diplomas: Vec<Diploma>,
    pub job_families: Vec<JobFamily>,
    /// INSEE codes of the wanted communes, with their display names.
    pub places: Vec<(String, String)>,
    pub mobility_km: Option<i32>,
    pub licences: Vec<DrivingLicence>,
    pub experience_years: Option<i32>,
    pub phone: Option<String>,
}

impl CandidateProfile {
    /// Whether the candidate has said anything yet.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// The mobility radii offered by the profile form, in km.
pub const MOBILITY_CHOICES_KM: &[i32] = &[0, 10, 20, 30, 50, 100, 200];

/// A dossier de candidature (C3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierView {
    pub id: i64,
    pub title: String,
    pub cv: Option<FileView>,
    pub letter: Option<FileView>,
    pub letter_text: Option<String>,
    pub other_info: Option<String>,
    pub video: Option<FileView>,
    pub video_url: Option<String>,
    pub visible: bool,
    pub updated_at: DateTime<Utc>,
}

impl DossierView {
    pub fn path(&self) -> String {
        format!("/espace/dossiers/{}", self.id)
    }
}

/// A visible dossier with its candidate, as the CVthèque lists it (R6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisibleDossier {
    pub dossier: DossierView,
    pub candidate_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub profile: CandidateProfile,
}

/// What became of the offer of an application (C5): still open, closed in
/// some way, or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfferState {
    Open { path: String },
    Closed { path: String, status: OfferStatus },
    Removed,
}

impl OfferState {
    /// A short French note for an offer that no longer takes applications.
    pub fn note(&self) -> Option<&'static str> {
        match self {
            Self::Open { .. } => None,
            Self::Closed {
                status: OfferStatus::Filled,
                ..
            } => Some("Poste pourvu"),
            Self::Closed {
                status: OfferStatus::Published,
                ..
            } => Some("Offre expirée"),
            Self::Closed { .. } => Some("Offre retirée par le recruteur"),
            Self::Removed => Some("Offre supprimée par le recruteur"),
        }
    }
}

/// One application as its candidate follows it (C5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i64,
    pub offer_title: String,
    pub company_name: String,
    pub offer: OfferState,
    pub status: ApplicationStatus,
    /// Every status with its date, oldest first.
    pub history: Vec<(ApplicationStatus, DateTime<Utc>)>,
    pub created_at: DateTime<Utc>,
    pub dossier_title: Option<String>,
    pub message: Option<String>,
    pub files: Vec<FileView>,
}

/// How an anonymous application went (P7, B3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Applied {
    /// A first application to this offer from this address.
    New,
    /// The address had applied already: this one replaced it (B3).
    Replaced,
    /// The address had applied already without being signed in: the new
    /// application waits until the link emailed to the address confirms it,
    /// so that nobody else who knows the address can replace it.
    ToConfirm,
}

/// A video link accepted in a dossier: YouTube, Vimeo or Dailymotion, https.
pub fn check_video_url(input: &str) -> Result<Option<String>, &'static str> {
    let url = input.trim();
    if url.is_empty() {
        return Ok(None);
    }
    const HOSTS: &[&str] = &[
        "www.youtube.com/",
        "youtube.com/",
        "m.youtube.com/",
        "youtu.be/",
        "vimeo.com/",
        "player.vimeo.com/",
        "www.dailymotion.com/",
        "dailymotion.com/",
        "dai.ly/",
    ];
    let rest = url.strip_prefix("https://").unwrap_or("");
    let allowed = HOSTS
        .iter()
        .any(|host| rest.starts_with(host) && rest.len() > host.len());
    if !allowed || url.len() > 255 || url.chars().any(|c| c.is_whitespace() || c == '"') {
        return Err("Indiquez un lien https vers YouTube, Vimeo ou Dailymotion.");
    }
    Ok(Some(url.to_owned()))
}

/// A French phone number, normalised to "06 12 34 56 78" (or "+33 …" kept
/// as typed when international); empty is `None`.
pub fn check_phone(input: &str) -> Result<Option<String>, &'static str> {
    let digits: String = input.chars().filter(|c| c.is_ascii_digit()).collect();
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let allowed = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || " .-+()".contains(c));
    if !allowed {
        return Err("Indiquez un numéro de téléphone, par exemple 06 12 34 56 78.");
    }
    if let Some(national) = digits
        .strip_prefix("33")
        .filter(|_| trimmed.starts_with('+'))
    {
        let national = national.trim_start_matches('0');
        if national.len() == 9 {
            return Ok(Some(group_phone(&format!("0{national}"))));
        }
    } else if digits.len() == 10 && digits.starts_with('0') {
        return Ok(Some(group_phone(&digits)));
    }
    if trimmed.starts_with('+') && (8..=15).contains(&digits.len()) {
        return Ok(Some(trimmed.to_owned()));
    }
    Err("Indiquez un numéro de téléphone, par exemple 06 12 34 56 78.")
}

fn group_phone(digits: &str) -> String {
    digits
        .as_bytes()
        .chunks(2)
        .map(|pair| String::from_utf8_lossy(pair).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Optional free text: trimmed, `None` when empty, refused past `max` chars.
pub fn check_long_text(input: &str, max: usize) -> Result<Option<String>, String> {
    let text = input.trim();
    if text.chars().count() > max {
        return Err(format!("{max} caractères au plus."));
    }
    Ok((!text.is_empty()).then(|| text.replace("\r\n", "\n")))
}

/// Codes joined for storage, with commas around so that one can be found
/// with `LIKE '%,code,%'`.
pub fn join_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    let joined: Vec<&str> = codes.into_iter().collect();
    if joined.is_empty() {
        String::new()
    } else {
        format!(",{},", joined.join(","))
    }
}

/// The codes of [`join_codes`], back.
pub fn split_codes(stored: &str) -> impl Iterator<Item = &str> {
    stored.split(',').filter(|code| !code.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_named_with_the_extension_of_what_its_bytes_are() {
        assert_eq!(FileKind::Pdf.file_name("cv.html"), "cv.pdf");
        assert_eq!(FileKind::Pdf.file_name("CV.PDF"), "CV.PDF");
        assert_eq!(FileKind::Pdf.file_name("Mon CV"), "Mon CV.pdf");
        assert_eq!(FileKind::Pdf.file_name("CV J. Dupont"), "CV J. Dupont.pdf");
        assert_eq!(FileKind::Docx.file_name("lettre.doc"), "lettre.docx");
        assert_eq!(FileKind::Odt.file_name(".htaccess"), ".htaccess.odt");
    }

    #[test]
    fn phone_numbers_are_normalised_or_refused_with_an_example() {
        assert_eq!(
            check_phone("0612345678").unwrap().as_deref(),
            Some("06 12 34 56 78")
        );
        assert_eq!(
            check_phone("+33 6 12 34 56 78").unwrap().as_deref(),
            Some("06 12 34 56 78")
        );
        assert_eq!(check_phone("  ").unwrap(), None);
        assert!(check_phone("06 12").is_err());
        assert!(check_phone("<script>").is_err());
    }

    #[test]
    fn only_https_links_to_the_three_video_sites_are_accepted() {
        assert!(check_video_url("https://youtu.be/abc").unwrap().is_some());
        assert!(check_video_url("https://vimeo.com/123").unwrap().is_some());
        assert!(check_video_url("http://youtu.be/abc").is_err());
        assert!(check_video_url("https://evil.example/youtu.be/").is_err());
        assert!(check_video_url("javascript:alert(1)").is_err());
        assert_eq!(check_video_url("").unwrap(), None);
    }

    #[test]
    fn codes_round_trip_through_their_stored_form() {
        let stored = join_codes(["cap", "bts"]);
        assert_eq!(stored, ",cap,bts,");
        assert_eq!(split_codes(&stored).collect::<Vec<_>>(), ["cap", "bts"]);
        assert_eq!(join_codes([]), "");
    }

    #[test]
    fn sizes_read_in_french_units() {
        assert_eq!(human_size(1_048_576 + 209_716), "1,2 Mo");
        assert_eq!(human_size(340 * 1024), "340 ko");
        assert_eq!(human_size(5 * 1024 * 1024), "5 Mo");
    }
}
