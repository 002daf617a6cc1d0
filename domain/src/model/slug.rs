//! Slugs for public URLs (`/offres/{slug}-{id}`).

/// Lowercase ASCII words joined by '-', French accents folded, at most 80 bytes.
pub fn slugify(text: &str) -> String {
    let mut slug = fold_words(text, '-');
    if slug.len() > 80 {
        let cut = slug[..80].rfind('-').unwrap_or(80);
        slug.truncate(cut);
    }
    slug
}

/// Lowercase ASCII words separated by single spaces: "Saint-Étienne" and
/// "saint etienne" compare equal. Used to search names.
pub fn fold_name(text: &str) -> String {
    fold_words(text, ' ')
}

fn fold_words(text: &str, separator: char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending = false;
    for c in text.chars().map(lowercase) {
        let folded: &str = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => "a",
            'ç' => "c",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' | 'í' | 'ì' => "i",
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => "o",
            'ù' | 'û' | 'ü' | 'ú' => "u",
            'ÿ' | 'ý' => "y",
            'ñ' => "n",
            'œ' => "oe",
            'æ' => "ae",
            c if c.is_ascii_alphanumeric() => {
                push_word_part(
                    &mut out,
                    &mut pending,
                    separator,
                    c.encode_utf8(&mut [0; 4]),
                );
                continue;
            }
            _ => {
                pending = !out.is_empty();
                continue;
            }
        };
        push_word_part(&mut out, &mut pending, separator, folded);
    }
    out
}

/// The lowercase of the letters a slug keeps (ASCII, and the Latin-1 and
/// French capitals it folds); any other character becomes a word break
/// whatever its case, so it is left as it is. Not `char::to_lowercase`:
/// its Unicode table would be 11 KB of every island's WebAssembly (the job
/// suggestions fold what is typed).
fn lowercase(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        // À … Þ, but × (U+00D7), which has no lowercase.
        'À'..='Þ' if c != '×' => char::from_u32(u32::from(c) + 0x20).unwrap_or(c),
        'Œ' => 'œ',
        'Ÿ' => 'ÿ',
        // The dotted capital I, the Kelvin and Ångström signs.
        '\u{130}' => 'i',
        '\u{212A}' => 'k',
        '\u{212B}' => 'å',
        c => c,
    }
}

fn push_word_part(out: &mut String, pending: &mut bool, separator: char, part: &str) {
    if *pending {
        out.push(separator);
        *pending = false;
    }
    out.push_str(part);
}

/// Splits the last path segment of `/offres/{slug}-{id}` into its slug and id.
/// A bare id ("123") has an empty slug. Anything else is not an offer URL.
pub fn parse_slug_id(segment: &str) -> Option<(&str, i64)> {
    let (slug, id) = match segment.rsplit_once('-') {
        Some((slug, id)) => (slug, id),
        None => ("", segment),
    };
    if id.is_empty() || id.len() > 18 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse().ok().filter(|&id| id > 0).map(|id| (slug, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(
            slugify("Mécanicien(ne) automobile H/F — Lyon"),
            "mecanicien-ne-automobile-h-f-lyon"
        );
        assert_eq!(slugify("  Carrossier-peintre  "), "carrossier-peintre");
        assert_eq!(slugify("Cœur d'Œuvre"), "coeur-d-oeuvre");
    }

    #[test]
    fn capitals_fold_like_their_small_letters() {
        assert_eq!(
            slugify("ÉLECTROMÉCANICIEN À ÇA ÎLE ÔTÉ ÙÛÜ ŸÝ Ñ ÆŒ"),
            "electromecanicien-a-ca-ile-ote-uuu-yy-n-aeoe"
        );
        assert_eq!(fold_name("SAINT-ÉTIENNE"), fold_name("saint étienne"));
        // Every capital folds as its small letter does (but the dotted
        // capital I, whose small letters are an i and a combining dot: it
        // is one letter, not an i and a word break).
        for c in ('\u{0}'..='\u{2FFF}').filter(|&c| c.is_uppercase() && c != '\u{130}') {
            let small: String = c.to_lowercase().collect();
            assert_eq!(
                slugify(&format!("a{c}b")),
                slugify(&format!("a{small}b")),
                "{c:?}"
            );
        }
        assert_eq!(slugify("\u{130}zmir"), "izmir");
        assert_eq!(slugify("2×3"), "2-3");
    }

    #[test]
    fn long_slugs_are_cut_at_a_word_boundary() {
        let slug = slugify(&"mécanique ".repeat(20));
        assert!(slug.len() <= 80);
        assert!(!slug.ends_with('-'));
    }

    #[test]
    fn offer_segments_give_their_slug_and_id() {
        assert_eq!(
            parse_slug_id("mecanicien-h-f-42"),
            Some(("mecanicien-h-f", 42))
        );
        assert_eq!(parse_slug_id("42"), Some(("", 42)));
        assert_eq!(parse_slug_id("mecanicien"), None);
        assert_eq!(parse_slug_id("mecanicien-0"), None);
        assert_eq!(parse_slug_id("x-99999999999999999999"), None);
        assert_eq!(parse_slug_id("x-"), None);
    }
}
