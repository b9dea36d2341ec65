//! A–Z order for Welsh. Welsh has 29 letters, eight of them digraphs (ch, dd, ff, ng, ll,
//! ph, rh, th) that sort as one letter each: "llyfr" comes after "lwc", and "chwarae" after
//! "cyngor". English order puts them elsewhere, so Welsh lists sort by this key.
//!
//! A digraph is read greedily, which is right for almost every word; the few where two
//! letters only look like one ("Bangor": n + g; "Llanrhaeadr": n + rh) need a dictionary
//! and sort slightly off, as they do in most Welsh software.

use std::cmp::Ordering;

/// The Welsh alphabet in order, with the letters Welsh does not use (k, q, v, x, z) after
/// the letter English puts them after, so borrowed names still sort sensibly.
const ALPHABET: [&str; 34] = [
    "a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "k", "l", "ll", "m",
    "n", "o", "p", "ph", "q", "r", "rh", "s", "t", "th", "u", "v", "w", "x", "y", "z",
];

/// Folds accented vowels to their plain letter: â, ê, î, ô, û, ŵ, ŷ and their kin sort with
/// the plain vowel (the accent only breaks ties).
fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ẃ' | 'ẁ' | 'ŵ' | 'ẅ' => 'w',
        'ý' | 'ỳ' | 'ŷ' | 'ÿ' => 'y',
        other => other,
    }
}

/// The sort key of `text` in Welsh order: letters by their place in the alphabet
/// (digraphs as one), digits before letters, spaces and punctuation before both.
pub fn welsh_sort_key(text: &str) -> Vec<u32> {
    let folded: Vec<char> = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold)
        .collect();
    let mut key = Vec::with_capacity(folded.len());
    let mut i = 0;
    while i < folded.len() {
        let c = folded[i];
        if let Some(&next) = folded.get(i + 1) {
            let pair: String = [c, next].iter().collect();
            if let Some(place) = ALPHABET.iter().position(|l| *l == pair) {
                key.push(2000 + place as u32);
                i += 2;
                continue;
            }
        }
        let single = c.to_string();
        key.push(match ALPHABET.iter().position(|l| *l == single) {
            Some(place) => 2000 + place as u32,
            None if c.is_ascii_digit() => 1000 + c as u32,
            // Spaces, hyphens and apostrophes separate words: "Cwm Taf" before "Cwmbrân".
            None if c.is_whitespace() || c == '-' || c == '\'' || c == '’' => 0,
            None => 3000 + c as u32,
        });
        i += 1;
    }
    key
}

/// Compares two names in Welsh A–Z order (accents break ties, then the text itself).
pub fn welsh_cmp(a: &str, b: &str) -> Ordering {
    welsh_sort_key(a)
        .cmp(&welsh_sort_key(b))
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::welsh_cmp;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        v.sort_by(|a, b| welsh_cmp(a, b));
        v
    }

    #[test]
    fn digraphs_sort_as_single_letters() {
        assert_eq!(
            sorted(&[
                "llyfr", "lwc", "chwarae", "cyngor", "dydd", "ddoe", "ffordd", "fyny"
            ]),
            [
                "cyngor", "chwarae", "dydd", "ddoe", "fyny", "ffordd", "lwc", "llyfr"
            ]
        );
        assert_eq!(
            sorted(&[
                "rhif", "rygbi", "theatr", "tywydd", "pysgod", "phen", "gwaith", "ngardd"
            ]),
            [
                "gwaith", "ngardd", "pysgod", "phen", "rygbi", "rhif", "tywydd", "theatr"
            ]
        );
    }

    #[test]
    fn councils_sort_as_a_welsh_reader_expects() {
        assert_eq!(
            sorted(&[
                "Cyngor Sir Ceredigion",
                "Cyngor Caerdydd",
                "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf",
                "Cyngor Sir Ddinbych",
                "Cyngor Sir y Fflint",
                "Cyngor Gwynedd",
                "Cyngor Sir Penfro",
                "Cyngor Sir Powys",
            ]),
            [
                "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf",
                "Cyngor Caerdydd",
                "Cyngor Gwynedd",
                "Cyngor Sir Ceredigion",
                "Cyngor Sir Ddinbych",
                "Cyngor Sir Penfro",
                "Cyngor Sir Powys",
                "Cyngor Sir y Fflint",
            ]
        );
    }

    #[test]
    fn accents_and_case_do_not_move_a_word() {
        assert_eq!(sorted(&["Tŷ", "tyn", "Twr"]), ["Twr", "Tŷ", "tyn"]);
        assert_eq!(sorted(&["Ŵyr", "wy", "Wrecsam"]), ["Wrecsam", "wy", "Ŵyr"]);
    }
}
