//! Photo uploads: type checks, size limits and metadata stripping (location, camera) before
//! anything is stored.

use civic_domain::FieldError;

/// The largest photo accepted, in bytes.
pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;

/// A JPEG with every APP1–APP15 segment (EXIF, XMP, IPTC) and comment removed.
pub fn strip_jpeg_metadata(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let bad = || "The JPEG image is damaged".to_string();
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(bad());
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut i = 2;
    loop {
        let marker = bytes.get(i..i + 2).ok_or_else(bad)?;
        if marker[0] != 0xFF {
            return Err(bad());
        }
        let kind = marker[1];
        // Start of scan: the compressed image follows to the end; keep it all.
        if kind == 0xDA {
            out.extend_from_slice(&bytes[i..]);
            return Ok(out);
        }
        if kind == 0xD9 {
            out.extend_from_slice(&bytes[i..i + 2]);
            return Ok(out);
        }
        let length = bytes.get(i + 2..i + 4).ok_or_else(bad)?;
        let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
        if length < 2 {
            return Err(bad());
        }
        let end = i + 2 + length;
        let segment = bytes.get(i..end).ok_or_else(bad)?;
        let metadata = (0xE1..=0xEF).contains(&kind) || kind == 0xFE;
        if !metadata {
            out.extend_from_slice(segment);
        }
        i = end;
    }
}

/// A PNG without its text, time and EXIF chunks.
pub fn strip_png_metadata(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let bad = || "The PNG image is damaged".to_string();
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(bytes.get(..8).ok_or_else(bad)?);
    let mut i = 8;
    while i < bytes.len() {
        let header = bytes.get(i..i + 8).ok_or_else(bad)?;
        let length = usize::try_from(u32::from_be_bytes([
            header[0], header[1], header[2], header[3],
        ]))
        .map_err(|_| bad())?;
        let kind = &header[4..8];
        let end = i
            .checked_add(12)
            .and_then(|n| n.checked_add(length))
            .ok_or_else(bad)?;
        let chunk = bytes.get(i..end).ok_or_else(bad)?;
        if !matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME") {
            out.extend_from_slice(chunk);
        }
        i = end;
        if kind == b"IEND" {
            break;
        }
    }
    Ok(out)
}

/// Checks an upload is an image we accept and strips metadata that could locate or identify
/// someone; the content type and cleaned bytes, or what is wrong as an error of the form's
/// `photo` field (its message id for pages, its English for APIs).
pub fn check_photo(bytes: Vec<u8>) -> Result<(String, Vec<u8>), FieldError> {
    let refused =
        |id: &'static str, args: Vec<(&'static str, String)>, english: String| FieldError {
            field: "photo".into(),
            message: english,
            code: id,
            args,
        };
    if bytes.len() > MAX_PHOTO_BYTES {
        let max = MAX_PHOTO_BYTES / 1024 / 1024;
        return Err(refused(
            "app-error-photo-too-large",
            vec![("max", max.to_string())],
            format!("The photo must be smaller than {max} MB"),
        ));
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let cleaned = strip_jpeg_metadata(&bytes)
            .map_err(|e| refused("app-error-photo-damaged-jpeg", Vec::new(), e))?;
        Ok(("image/jpeg".into(), cleaned))
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let cleaned = strip_png_metadata(&bytes)
            .map_err(|e| refused("app-error-photo-damaged-png", Vec::new(), e))?;
        Ok(("image/png".into(), cleaned))
    } else {
        Err(refused(
            "app-error-photo-type",
            Vec::new(),
            "The photo must be a JPEG or PNG image".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exif_is_removed_from_jpeg() {
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x04, b'J', b'F']);
        jpeg.extend_from_slice(&[0xFF, 0xE1, 0x00, 0x06, b'E', b'x', b'i', b'f']);
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 1, 2, 3, 0xFF, 0xD9]);
        let clean = strip_jpeg_metadata(&jpeg).unwrap();
        assert!(!clean.windows(4).any(|w| w == b"Exif"));
        assert!(clean.windows(2).any(|w| w == b"JF"), "JFIF header kept");
        assert!(clean.ends_with(&[1, 2, 3, 0xFF, 0xD9]));
        assert!(strip_jpeg_metadata(&[0xFF, 0xD8, 0xFF, 0xE1, 0xFF]).is_err());
    }

    #[test]
    fn text_chunks_are_removed_from_png() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (u32::try_from(data.len()).unwrap()).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &[0; 13]));
        png.extend(chunk(b"tEXt", b"Author\0Jo"));
        png.extend(chunk(b"IEND", &[]));
        let clean = strip_png_metadata(&png).unwrap();
        assert!(!clean.windows(4).any(|w| w == b"tEXt"));
        assert!(clean.windows(4).any(|w| w == b"IHDR"));
        assert!(strip_png_metadata(&png[..20]).is_err());
    }
}
