//! Plain text from sanitized HTML, for meta descriptions and emails.

/// The text of an HTML fragment: tags dropped (block ends become spaces),
/// the common entities decoded, whitespace collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut at a word boundary to at most `max` characters, with "…" when cut.
pub fn truncate_text(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!(
        "{}…",
        cut[..end].trim_end_matches([',', ';', ':', '.', ' '])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_readable_text() {
        assert_eq!(
            html_to_text(
                "<p>Garage &amp; carrosserie</p><ul><li>Entretien</li><li>Diagnostic</li></ul>"
            ),
            "Garage & carrosserie Entretien Diagnostic"
        );
    }

    #[test]
    fn long_text_is_cut_between_words() {
        assert_eq!(
            truncate_text("Mécanicien automobile confirmé", 20),
            "Mécanicien…"
        );
        assert_eq!(truncate_text("Court", 20), "Court");
        assert!(truncate_text(&"mot ".repeat(100), 155).chars().count() <= 155);
    }
}
