//! French text analysis: "mécanicienne", "mecanicien" and "mécaniciens"
//! all become the same term.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, TokenStream,
};

/// The name the analyzer is registered under in the index.
pub const FRENCH: &str = "fr";

/// Words split on anything but letters and digits, lowercased, French stop
/// words and the "H/F" of titles dropped, stemmed, then accents folded
/// (stemming first: the French stemmer reads accents).
pub fn french() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::French).expect("tantivy has French stop words"))
        .filter(StopWordFilter::remove(["h".to_owned(), "f".to_owned()]))
        .filter(Stemmer::new(Language::French))
        .filter(AsciiFoldingFilter)
        .build()
}

/// The terms `text` gives, in order, without duplicates.
pub fn terms(text: &str) -> Vec<String> {
    let mut analyzer = french();
    let mut stream = analyzer.token_stream(text);
    let mut terms: Vec<String> = Vec::new();
    while let Some(token) = stream.next() {
        if !terms.contains(&token.text) {
            terms.push(token.text.clone());
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::terms;

    #[test]
    fn gender_plural_and_accents_fold_to_one_term() {
        let expected = terms("mécanicien");
        assert_eq!(expected.len(), 1);
        for word in ["mécanicienne", "mecanicien", "mécaniciens", "MÉCANICIENNES"] {
            assert_eq!(terms(word), expected, "{word}");
        }
    }

    #[test]
    fn stop_words_elisions_and_h_f_are_dropped() {
        assert_eq!(
            terms("Chef d'atelier H/F"),
            [terms("chef")[0].clone(), terms("atelier")[0].clone()]
        );
        assert_eq!(terms("de la"), Vec::<String>::new());
    }
}
