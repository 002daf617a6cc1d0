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

/// Whether `c` hides or disguises text: control characters (CR, LF, tab…),
/// bidirectional marks, embeddings, overrides and isolates (after U+202E,
/// `cv` U+202E `fdp.exe` shows as `cvexe.pdf`) and zero-width characters.
pub fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Why a one-line field (a name, a title, an address) cannot hold `text`,
/// if so: no hidden characters (see [`is_hidden_char`]), no line break, no
/// `<` or `>`.
pub fn line_refusal(text: &str) -> Option<&'static str> {
    text.chars()
        .any(|c| is_hidden_char(c) || c == '<' || c == '>')
        .then_some(
            "Ce champ contient des caractères non autorisés (chevrons < >, retours à la ligne ou caractères invisibles).",
        )
}

/// `text` without its hidden characters (file names).
pub fn strip_hidden(text: &str) -> String {
    text.chars().filter(|c| !is_hidden_char(*c)).collect()
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

/// The start of an HTML text as a short summary:
/// `truncate_text(&html_to_text(html), max)`, reading only as far into
/// `html` as that needs (an offer's description may run to pages; its meta
/// description is 155 characters).
pub fn html_summary(html: &str, max: usize) -> String {
    /// What [`decode_entities`] decodes.
    const ENTITIES: [(&str, char); 6] = [
        ("&nbsp;", ' '),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&amp;", '&'),
    ];
    let mut text = String::with_capacity(max + 8);
    let mut chars = 0;
    let mut in_tag = false;
    let mut space = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let mut len = c.len_utf8();
        let shown = match c {
            _ if in_tag => {
                in_tag = c != '>';
                None
            }
            '<' => {
                in_tag = true;
                Some(' ')
            }
            '&' => Some(
                match ENTITIES.iter().find(|(name, _)| rest.starts_with(name)) {
                    Some((name, decoded)) => {
                        len = name.len();
                        *decoded
                    }
                    None => '&',
                },
            ),
            c => Some(c),
        };
        rest = &rest[len..];
        match shown {
            Some(c) if c.is_whitespace() => space = chars > 0,
            Some(c) => {
                if space {
                    text.push(' ');
                    chars += 1;
                    space = false;
                }
                text.push(c);
                chars += 1;
                if chars > max {
                    break;
                }
            }
            None => {}
        }
    }
    truncate_text(&text, max)
}

/// A personal message, a letter typed in, "autres informations": at most this
/// many characters.
pub const LONG_TEXT_MAX_CHARS: usize = 5000;

/// A dossier's title.
pub const TITLE_MAX_CHARS: usize = 120;

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
    #[test]
    fn a_summary_of_html_is_its_text_cut_as_if_read_whole() {
        let long = "<p>Garage  Léon&nbsp;: <strong>mécanicien</strong> H/F</p>\n<ul><li>CDI &amp; 35 h</li>\
                    <li>&lt;3 ans&gt; d&#39;exp&eacute; &quot;VL&quot;</li></ul>  <p>Fin.</p>";
        for html in [
            long,
            "",
            "   ",
            "<br>",
            "court",
            "&&lt;&amp;lt;&nbsp",
            "Un\u{a0}deux\ttrois",
        ] {
            for max in 0..70 {
                assert_eq!(
                    super::html_summary(html, max),
                    super::truncate_text(&super::html_to_text(html), max),
                    "{html:?} at {max}"
                );
            }
        }
    }

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
    fn one_line_fields_refuse_what_hides_or_breaks_text() {
        assert_eq!(
            line_refusal("Mécanicien automobile H/F (Lyon 3e) – CDI"),
            None
        );
        for hostile in [
            "Mécanicien\u{202E}FH",
            "Carrosserie\u{200B}",
            "Garage\r\nBcc: x",
            "Titre</title>",
            "\u{2066}isolé\u{2069}",
            "\u{FEFF}Garage",
        ] {
            assert!(line_refusal(hostile).is_some(), "{hostile:?}");
        }
        assert_eq!(strip_hidden("cv\u{202E}fdp.exe"), "cvfdp.exe");
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

    #[test]
    fn codes_round_trip_through_their_stored_form() {
        let stored = join_codes(["cap", "bts"]);
        assert_eq!(stored, ",cap,bts,");
        assert_eq!(split_codes(&stored).collect::<Vec<_>>(), ["cap", "bts"]);
        assert_eq!(join_codes([]), "");
    }
}
