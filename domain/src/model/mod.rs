//! Types that cross the wire, compiled for every target: one module per
//! area (accounts, applications, companies, dossiers, files, messaging,
//! offers, postings, search) and the building blocks they share. Each
//! name is re-exported by name, so `domain::model::X` says where X lives.

#[macro_use]
mod closed_set;
mod accounts;
mod admin;
mod alerts;
mod applications;
mod companies;
mod contact;
mod dashboard;
mod dossiers;
mod enums;
mod files;
mod job_posting;
mod jobs;
mod lawful;
mod messaging;
mod moderation;
mod offers;
mod postings;
mod salary;
mod search;
mod siret;
mod slug;
mod text;
mod time;

pub use accounts::{
    Availability, CandidateProfile, CandidateStatus, CurrentUser, Diploma, DrivingLicence,
    MAX_WANTED_PLACES, MOBILITY_CHOICES_KM, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, ProfileView,
    SessionView, check_name, check_phone, describe_device, normalize_email, safe_return_path,
};
pub use admin::{
    AdminCompany, AdminCompanyHit, AdminGroup, AdminOffer, AdminRecruiter, AuditAction, AuditView,
    CaseDetail, CaseEntryKind, CaseEntryView, CaseStatus, CaseSummary, FactorStep, Inbox,
    JournalQuery, PersonLink, RECOVERY_CODES, TargetLink, reason_required,
};
pub use alerts::{AlertFrequency, AlertView, MAX_ALERTS, alert_query, describe};
pub use applications::{
    ApplicationStatus, ApplicationView, Applied, DECISIONS, OfferState, ReceivedApplication,
};
pub use companies::{
    COMPANY_PAGE_SIZE, CompanyDetail, CompanyDirectory, CompanyEdit, CompanyQuery, CompanySummary,
    GroupDetail, GroupLink, JoinRequest, LOGO_MAX_BYTES,
};
pub use contact::{
    CONTACT_MESSAGE_MAX_CHARS, ContactForm, ContactSubject, ContactTarget, case_number,
};
pub use dashboard::{
    CandidateDashboard, CompanyState, DASHBOARD_LATEST, PIPELINE, Pipeline, PipelineCard,
    PipelineFilter, RecruiterDashboard,
};
pub use dossiers::{
    CV_DEFAULT_RADIUS_KM, CV_PAGE_SIZE, CvQuery, CvResults, DossierView, VisibleDossier,
    check_video_url,
};
pub use enums::{
    ApplyMethod, CatalogueSource, CompanyActivity, ContractType, Education, Experience, JobFamily,
    OfferSource, OfferStatus, Role, SalaryPeriod, WorkingTime,
};
pub use files::{DOCUMENT_MAX_BYTES, FileKind, FileView, VIDEO_MAX_BYTES, file_field, human_size};
pub use job_posting::{job_posting, json_for_script};
pub use jobs::{JOB_TITLES, suggest_jobs};
pub use lawful::{Finding, check_offer_text};
pub use messaging::{
    DELETED_ACCOUNT, MESSAGE_MAX_CHARS, MessageView, Segment, ThreadKind, ThreadSummary,
    ThreadTarget, ThreadView, UnreadMessages, linkify,
};
pub use moderation::{
    CaseOrigin, DecisionView, Measure, ModerationDetail, ModerationStatus, ModerationSummary,
    OfferModeration, REPORT_MAX_CHARS, ReportContext, ReportForm, ReportReason, ReportTarget,
    ReportView, moderation_number,
};
pub use offers::{
    ANONYMOUS_EMPLOYER, OfferCard, OfferCompany, OfferContact, OfferDetail, OfferPlace,
    company_path, employer_label, offer_path,
};
pub use postings::{EXPIRY_WARNING_DAYS, PUBLICATION_DAYS, PostingEdit, PostingRow};
pub use salary::{MONTHLY_HOURS, Salary, euros};
pub use search::{
    DEFAULT_RADIUS_KM, DepartmentCount, FacetCount, Facets, MAX_PAGE, OfferHit, OfferQuery,
    PAGE_SIZE, PlaceFilter, PlaceOption, RADII_KM, SINCE_DAYS, SearchResults, SearchSuggestion,
    SortOrder, count_offers, url_encode,
};
pub use siret::{Siret, siret_checksum_ok};
pub use slug::{fold_name, parse_slug_id, slugify};
pub use text::{
    LONG_TEXT_MAX_CHARS, TITLE_MAX_CHARS, check_long_text, decode_entities, escape_html,
    html_summary, html_to_text, html_to_text_lines, is_hidden_char, join_codes, line_refusal,
    split_codes, strip_hidden, text_to_html, truncate_text,
};
pub use time::{french_date, french_date_time, paris_date, paris_offset, published_ago};
