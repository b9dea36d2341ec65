//! A–Z order for Welsh. Welsh has 29 letters, eight of them digraphs (ch, dd, ff, ng, ll,
//! ph, rh, th) that sort as one letter each: "llyfr" comes after "lwc", and "chwarae" after
//! "cyngor". English order puts them elsewhere, so Welsh lists sort by this key.
//!
//! A digraph is read greedily, which is right for almost every word; the few where two
//! letters only look like one ("Bangor": n + g; "Llanrhaeadr": n + rh) need a dictionary
//! and sort slightly off, as they do in most Welsh software.

use std::cmp::Ordering;

/// A letter's place in the Welsh alphabet (a b c ch d dd e f ff g ng h i j l ll m n o p ph
/// r rh s t th u w y), with the letters Welsh does not use (k, q, v, x, z) after the letter
/// English puts them after, so borrowed names still sort sensibly.
fn letter(c: char) -> Option<u32> {
    Some(match c {
        'a' => 0,
        'b' => 1,
        'c' => 2,
        'd' => 4,
        'e' => 6,
        'f' => 7,
        'g' => 9,
        'h' => 11,
        'i' => 12,
        'j' => 13,
        'k' => 14,
        'l' => 15,
        'm' => 17,
        'n' => 18,
        'o' => 19,
        'p' => 20,
        'q' => 22,
        'r' => 23,
        's' => 25,
        't' => 26,
        'u' => 28,
        'v' => 29,
        'w' => 30,
        'x' => 31,
        'y' => 32,
        'z' => 33,
        _ => return None,
    })
}

/// The place of a digraph (ch, dd, ff, ng, ll, ph, rh, th) in the alphabet.
fn digraph(first: char, second: char) -> Option<u32> {
    Some(match (first, second) {
        ('c', 'h') => 3,
        ('d', 'd') => 5,
        ('f', 'f') => 8,
        ('n', 'g') => 10,
        ('l', 'l') => 16,
        ('p', 'h') => 21,
        ('r', 'h') => 24,
        ('t', 'h') => 27,
        _ => return None,
    })
}

/// Folds case and accents: â, ê, î, ô, û, ŵ, ŷ and their kin sort with the plain vowel (the
/// accent only breaks ties).
fn fold(c: char) -> char {
    let c = if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    };
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

/// The weight of one sort unit: letters by their place (digraphs as one), digits before
/// letters, punctuation before digits, spaces and word breaks before everything.
fn weight(c: char) -> u32 {
    match letter(c) {
        Some(place) => 2000 + place,
        None if c.is_ascii_digit() => 1000 + c as u32,
        // Spaces, hyphens and apostrophes separate words: "Cwm Taf" before "Cwmbrân".
        None if c.is_whitespace() || c == '-' || c == '\'' || c == '’' => 0,
        // Other letters after the alphabet; punctuation before digits and letters, as
        // ICU's Welsh order (PostgreSQL's `cy-x-icu`) puts it.
        None if c.is_alphabetic() => 3000 + c as u32,
        None => 500 + c as u32,
    }
}

/// The sort units of a text, read lazily so comparing two names allocates nothing (a
/// database sorting a register calls this thousands of times a page).
struct SortUnits<I: Iterator<Item = char>> {
    chars: std::iter::Peekable<I>,
}

impl<I: Iterator<Item = char>> Iterator for SortUnits<I> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let c = self.chars.next()?;
        if let Some(&next) = self.chars.peek()
            && let Some(place) = digraph(c, next)
        {
            self.chars.next();
            return Some(2000 + place);
        }
        Some(weight(c))
    }
}

fn units(text: &str) -> SortUnits<impl Iterator<Item = char> + '_> {
    SortUnits {
        chars: text.chars().map(fold).peekable(),
    }
}

/// The sort key of `text` in Welsh order: letters by their place in the alphabet
/// (digraphs as one), digits before letters, spaces and punctuation before both.
pub fn welsh_sort_key(text: &str) -> Vec<u32> {
    units(text).collect()
}

/// Compares two names in Welsh A–Z order (accents break ties, then the text itself).
pub fn welsh_cmp(a: &str, b: &str) -> Ordering {
    units(a).cmp(units(b)).then_with(|| a.cmp(b))
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
