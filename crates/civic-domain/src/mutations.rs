//! Welsh initial mutations, for search. A Welsh word changes its first sound after certain
//! words: "casgliad" (collection) is "ei gasgliad" (his collection, soft), "fy nghasgliad"
//! (my collection, nasal) and "ei chasgliad" (her collection, aspirate). A person searching
//! for one form means all of them, so a Welsh search matches every form a word can take.
//!
//! A mutated form can come from more than one radical ("f" is a soft-mutated "b" or "m"),
//! so a word is first read back to every radical it could be, and each radical is then
//! mutated every way Welsh allows. This over-matches a little (a few unrelated words share
//! a form) and never under-matches, which is the right way round for finding a service.

/// How a word can start, most specific first, paired with the radicals that start could
/// come from (the word itself is always one of them). Digraphs come before their first
/// letter so "ch" is read as the aspirate of "c", never as a soft-mutated "c" + "h".
const RADICALS_OF: &[(&str, &[&str])] = &[
    ("ngh", &["c"]),
    ("mh", &["p"]),
    ("nh", &["t"]),
    ("ng", &["g"]),
    ("ch", &["c"]),
    ("ph", &["p"]),
    ("th", &["t"]),
    ("dd", &["d"]),
    ("ll", &[]),
    ("rh", &[]),
    ("ff", &[]),
    ("g", &["c"]),
    ("b", &["p"]),
    ("d", &["t"]),
    ("f", &["b", "m"]),
    ("l", &["ll"]),
    ("r", &["rh"]),
    ("m", &["b"]),
    ("n", &["d"]),
    ("h", &[""]),
];

/// What a radical's first sound becomes under each mutation (soft, nasal, aspirate), most
/// specific first; a radical starting with a vowel gains "g" back (a soft-mutated "g"
/// loses it) or "h" (after "ei" meaning her, "ein", "eu").
const MUTATIONS_OF: &[(&str, &[&str])] = &[
    ("ch", &[]),
    ("ph", &[]),
    ("th", &[]),
    ("dd", &[]),
    ("ff", &[]),
    ("ng", &[]),
    ("ll", &["l"]),
    ("rh", &["r"]),
    ("c", &["g", "ngh", "ch"]),
    ("p", &["b", "mh", "ph"]),
    ("t", &["d", "nh", "th"]),
    ("g", &["", "ng"]),
    ("b", &["f", "m"]),
    ("d", &["dd", "n"]),
    ("m", &["f"]),
];

/// Words shorter than this are left as typed: short words are mostly the little words
/// that cause mutations, and their "mutations" would be other little words.
const SHORTEST_MUTABLE: usize = 3;

fn starts_with_vowel(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| "aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ".contains(c))
}

/// Every form `word` (lower case) can take under Welsh mutation, the word itself first,
/// without repeats. A word of fewer than three letters is only itself.
pub fn mutation_forms(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    if word.chars().count() < SHORTEST_MUTABLE {
        return forms;
    }
    let add = |form: String, forms: &mut Vec<String>| {
        // A form of one letter would match every word that starts with it.
        if form.chars().count() >= 2 && !forms.contains(&form) {
            forms.push(form);
        }
    };
    let mut radicals = vec![word.to_string()];
    if let Some((start, from)) = RADICALS_OF.iter().find(|(s, _)| word.starts_with(s)) {
        let rest = &word[start.len()..];
        for radical_start in *from {
            // "h" + vowel is an h-prothesis; "h" + consonant is a radical "h".
            if start == &"h" && !starts_with_vowel(rest) {
                continue;
            }
            radicals.push(format!("{radical_start}{rest}"));
        }
    }
    if starts_with_vowel(word) {
        // A soft-mutated "g" leaves the vowel: "wastraff" is "gwastraff".
        radicals.push(format!("g{word}"));
    }
    for radical in radicals {
        add(radical.clone(), &mut forms);
        if starts_with_vowel(&radical) {
            add(format!("h{radical}"), &mut forms);
            continue;
        }
        if let Some((start, into)) = MUTATIONS_OF.iter().find(|(s, _)| radical.starts_with(s)) {
            let rest = &radical[start.len()..];
            for mutated in *into {
                add(format!("{mutated}{rest}"), &mut forms);
            }
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(word: &str) -> Vec<String> {
        let mut f = mutation_forms(word);
        f.sort();
        f
    }

    #[test]
    fn every_mutation_of_a_radical() {
        let c = forms("casgliad");
        for f in ["casgliad", "gasgliad", "nghasgliad", "chasgliad"] {
            assert!(c.contains(&f.to_string()), "{f} in {c:?}");
        }
        let t = forms("treth");
        for f in ["treth", "dreth", "nhreth", "threth"] {
            assert!(t.contains(&f.to_string()), "{f} in {t:?}");
        }
        let p = forms("parcio");
        for f in ["parcio", "barcio", "mharcio", "pharcio"] {
            assert!(p.contains(&f.to_string()), "{f} in {p:?}");
        }
        let b = forms("biniau");
        for f in ["biniau", "finiau", "miniau"] {
            assert!(b.contains(&f.to_string()), "{f} in {b:?}");
        }
        let ll = forms("llyfrgell");
        assert!(ll.contains(&"lyfrgell".to_string()), "{ll:?}");
        let rh = forms("rhent");
        assert!(rh.contains(&"rent".to_string()), "{rh:?}");
        let d = forms("dirwy");
        for f in ["dirwy", "ddirwy", "nirwy"] {
            assert!(d.contains(&f.to_string()), "{f} in {d:?}");
        }
    }

    #[test]
    fn a_mutated_form_finds_its_radical_and_its_siblings() {
        // The soft mutation of "casgliad" finds the radical and the nasal form.
        let g = forms("gasgliad");
        for f in ["casgliad", "nghasgliad", "chasgliad"] {
            assert!(g.contains(&f.to_string()), "{f} in {g:?}");
        }
        // "wastraff" is "gwastraff" with its g lost.
        assert!(forms("wastraff").contains(&"gwastraff".to_string()));
        assert!(forms("gwastraff").contains(&"wastraff".to_string()));
        // "f" may be a soft "b" or "m".
        let f = forms("fusnes");
        assert!(f.contains(&"busnes".to_string()) && f.contains(&"musnes".to_string()));
        // The aspirate of "c" is not a soft mutation of anything.
        let ch = forms("chyngor");
        assert!(ch.contains(&"cyngor".to_string()) && ch.contains(&"gyngor".to_string()));
        // h-prothesis: "henw" after "ei" (her) is "enw".
        assert!(forms("henw").contains(&"enw".to_string()));
        assert!(forms("enw").contains(&"henw".to_string()));
    }

    #[test]
    fn digraphs_are_one_sound() {
        // "chwarae" is a radical "ch": it does not soft-mutate.
        let ch = forms("chwarae");
        assert!(
            !ch.iter().any(|f| f.starts_with('g') && f != "gwarae"),
            "{ch:?}"
        );
        // "ffordd" never mutates, and "dd" is not a "d" to nasalise.
        assert_eq!(forms("ffordd"), vec!["ffordd".to_string()]);
        assert!(!forms("ddirwy").contains(&"nddirwy".to_string()));
    }

    #[test]
    fn short_words_stay_as_typed() {
        assert_eq!(mutation_forms("ar"), vec!["ar".to_string()]);
        assert_eq!(mutation_forms("y"), vec!["y".to_string()]);
        assert!(!mutation_forms("gardd").contains(&"a".to_string()));
        assert_eq!(mutation_forms("casgliad")[0], "casgliad");
        let all = mutation_forms("gasgliad");
        let mut unique = all.clone();
        unique.dedup();
        assert_eq!(all.len(), unique.len());
    }
}
