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
    decode_entities(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` with the five HTML-special characters escaped.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Plain text with blank-line paragraphs and "- " lists, as HTML.
pub fn text_to_html(text: &str) -> String {
    let escape = escape_html;
    let mut html = String::new();
    for block in text.replace("\r\n", "\n").split("\n\n") {
        let lines: Vec<&str> = block
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        let bullet = |l: &str| {
            l.strip_prefix("- ")
                .or_else(|| l.strip_prefix("• "))
                .or_else(|| l.strip_prefix("* "))
                .map(str::to_owned)
        };
        if lines.iter().all(|l| bullet(l).is_some()) {
            html.push_str("<ul>");
            for line in &lines {
                html.push_str(&format!(
                    "<li>{}</li>",
                    escape(&bullet(line).unwrap_or_default())
                ));
            }
            html.push_str("</ul>");
        } else {
            let joined: Vec<String> = lines.iter().map(|l| escape(l)).collect();
            html.push_str(&format!("<p>{}</p>", joined.join("<br>")));
        }
    }
    html
}

/// The text of an editor's HTML without blocks (its line breaks kept),
/// entities decoded.
pub fn html_to_text_lines(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text)
}

/// The entities sanitized HTML uses, decoded (`&amp;` last).
pub fn decode_entities(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
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
