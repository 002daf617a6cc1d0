//! Files: the kinds the portal accepts (decided from the bytes), their
//! limits, and how a stored file is shown.

use serde::{Deserialize, Serialize};

/// The names of the file fields of the application and dossier forms: the
/// pages, the upload readers and the errors all use these.
pub mod file_field {
    /// The CV (a document).
    pub const CV: &str = "cv";
    /// The cover letter as a file (a document).
    pub const LETTER: &str = "lettre";
    /// The video presentation of a dossier.
    pub const VIDEO: &str = "video";
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
    fn sizes_read_in_french_units() {
        assert_eq!(human_size(1_048_576 + 209_716), "1,2 Mo");
        assert_eq!(human_size(340 * 1024), "340 ko");
        assert_eq!(human_size(5 * 1024 * 1024), "5 Mo");
    }
}
