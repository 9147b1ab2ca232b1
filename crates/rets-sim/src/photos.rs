//! Generated listing photos: a small house scene whose colours, proportions
//! and photo-number marks derive from the key, encoded as real JPEG (photos)
//! or PNG (thumbnails) on request, so no image is ever stored.

use std::io::Write;

use crate::rng::Rng;

/// Photo width in pixels.
pub const PHOTO_W: u16 = 320;
/// Photo height in pixels.
pub const PHOTO_H: u16 = 240;
/// Thumbnail width.
pub const THUMB_W: u16 = 96;
/// Thumbnail height.
pub const THUMB_H: u16 = 72;

/// RGB pixels of photo `n` of the record with `key`.
pub fn scene(key: u32, n: u32, w: u16, h: u16) -> Vec<u8> {
    let mut r = Rng::new(crate::rng::mix(u64::from(key), 0x5048_4F54));
    let color = |r: &mut Rng| {
        [
            r.below(200) as u8 + 40,
            r.below(200) as u8 + 40,
            r.below(200) as u8 + 40,
        ]
    };
    let sky = [90 + (r.below(60) as u8), 150 + (r.below(60) as u8), 230];
    let ground = color(&mut r);
    let wall = color(&mut r);
    let roof = color(&mut r);
    let door = color(&mut r);
    let (w, h) = (usize::from(w), usize::from(h));
    let horizon = h * (55 + r.below(15) as usize) / 100;
    // Each photo number frames the house differently.
    let shift = (n as usize * 37) % (w / 3);
    let house_w = w * (30 + r.below(20) as usize) / 100;
    let house_x = (w / 8 + shift).min(w - house_w - 1);
    let wall_top = horizon - h / 5;
    let roof_h = h / 6;
    let mut px = vec![0u8; w * h * 3];
    for y in 0..h {
        for x in 0..w {
            let mut c = if y < horizon {
                let t = (y * 60 / horizon.max(1)) as u8;
                [
                    sky[0].saturating_add(t),
                    sky[1].saturating_add(t / 2),
                    sky[2],
                ]
            } else {
                let stripe = if (x / 8 + y / 8) % 2 == 0 { 0 } else { 12 };
                [
                    ground[0].saturating_sub(stripe),
                    ground[1].saturating_sub(stripe),
                    ground[2],
                ]
            };
            let in_x = x >= house_x && x < house_x + house_w;
            if in_x && y >= wall_top && y < horizon + h / 20 {
                c = wall;
                let dx = x - house_x;
                let door_x = house_w / 2;
                if dx >= door_x.saturating_sub(house_w / 12)
                    && dx < door_x + house_w / 12
                    && y > horizon - h / 10
                {
                    c = door;
                } else if (dx * 4 / house_w).is_multiple_of(2)
                    && (y - wall_top) < h / 12
                    && (y - wall_top) > h / 40
                {
                    c = [200, 220, 240];
                }
            }
            let cx = house_x + house_w / 2;
            if y < wall_top && y + roof_h >= wall_top {
                let depth = y + roof_h - wall_top;
                let half = depth * (house_w / 2 + 8) / roof_h;
                if x + half >= cx && x <= cx + half {
                    c = roof;
                }
            }
            // Photo number as small white bars in the corner.
            if (8..16).contains(&y)
                && (8..8 + (n as usize).min(30) * 6).contains(&x)
                && (x - 8) % 6 < 4
            {
                c = [255, 255, 255];
            }
            let i = (y * w + x) * 3;
            px[i..i + 3].copy_from_slice(&c);
        }
    }
    px
}

/// JPEG photo `n` (1-based) of `key`.
pub fn jpeg(key: u32, n: u32) -> Vec<u8> {
    let px = scene(key, n, PHOTO_W, PHOTO_H);
    let mut out = Vec::with_capacity(16 * 1024);
    let enc = jpeg_encoder::Encoder::new(&mut out, 80);
    if enc
        .encode(&px, PHOTO_W, PHOTO_H, jpeg_encoder::ColorType::Rgb)
        .is_err()
    {
        out.clear();
    }
    out
}

/// PNG thumbnail `n` (1-based) of `key`.
pub fn png(key: u32, n: u32) -> Vec<u8> {
    let px = scene(key, n, THUMB_W, THUMB_H);
    encode_png(&px, u32::from(THUMB_W), u32::from(THUMB_H))
}

/// Encodes 8-bit RGB pixels as a PNG.
pub fn encode_png(px: &[u8], w: u32, h: u32) -> Vec<u8> {
    let mut raw = Vec::with_capacity(px.len() + h as usize);
    for row in px.chunks(w as usize * 3) {
        raw.push(0);
        raw.extend_from_slice(row);
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let idat = match z.write_all(&raw).and_then(|_| z.finish()) {
        Ok(v) => v,
        Err(_) => return Vec::new(),
    };
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (b"IHDR", &ihdr[..]),
        (b"IDAT", &idat[..]),
        (b"IEND", &[][..]),
    ] {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32fast::hash(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_distinct_images() {
        let a = jpeg(10_000_001, 1);
        let b = jpeg(10_000_002, 1);
        let a2 = jpeg(10_000_001, 2);
        assert_eq!(&a[..3], &[0xFF, 0xD8, 0xFF]);
        assert_eq!(&a[a.len() - 2..], &[0xFF, 0xD9]);
        assert!(a != b && a != a2);
        assert_eq!(a, jpeg(10_000_001, 1));
        let p = png(10_000_001, 1);
        assert_eq!(&p[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&p[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes([p[16], p[17], p[18], p[19]]), 96);
        assert!(p.ends_with(&[0xAE, 0x42, 0x60, 0x82]), "IEND crc");
    }
}
