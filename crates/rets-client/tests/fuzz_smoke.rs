//! A short, deterministic run of every fuzz property on stable Rust, for CI:
//! seeds (built-in and the captured replies) mutated a few thousand times per
//! target. The long runs use cargo-fuzz (`fuzz/`, nightly; figures in the
//! README). A failing input is written under the target's tmp folder.

mod common;

use rets_client::fuzz_checks;

type Check = fn(&[u8]);

const SEEDS: &[&[u8]] = &[
    b"<RETS ReplyCode=\"0\" ReplyText=\"ok\"><COUNT Records=\"2\"/><DELIMITER value=\"09\"/>\n<COLUMNS>\tA\tB\t</COLUMNS>\n<DATA>\t1\tx &amp; y\t</DATA>\n<DATA>\t2\t<![CDATA[z]]>\t</DATA>\n<MAXROWS/></RETS>",
    b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><RETS ReplyCode=\"0\" ReplyText=\"V2.7.0 2315: Success\">\n<RETS-RESPONSE>\nMemberName=Joe\nSearch=/rets/search\nGetObject=http://other/obj\nInfo=USERID;Character;joe\n</RETS-RESPONSE>\n</RETS>",
    b"<RETS ReplyCode=\"0\"><METADATA-TABLE Resource=\"Property\" Class=\"RES\" Version=\"1\" Date=\"2020\"><COLUMNS>\tSystemName\tDataType\t</COLUMNS><DATA>\tLP\tInt\t</DATA></METADATA-TABLE></RETS>",
    b"\x07--B\r\nContent-ID: 1\r\nObject-ID: 1\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8data\r\n--B\r\nContent-ID: 2\r\n\r\nmore\r\n--B--\r\n",
    b"<RETS ReplyCode=\"0\"><REData><REProperties><ResidentialProperty><Listing><ListingID>L1</ListingID><REData><Note/></REData><Empty/></Listing></ResidentialProperty></REProperties></REData></RETS>",
    b"<?xml version='1.0' encoding=\xc2\xabUTF-8\xc2\xbb?><RETS ReplyCode=\"20201\" ReplyText=\"No records\"/>",
];

const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"&",
    b"&#",
    b";",
    b"\"",
    b"'",
    b"=",
    b"\t",
    b"\n",
    b"\r\n",
    b"--B",
    b"--B--",
    b"<DATA>",
    b"</DATA>",
    b"<![CDATA[",
    b"]]>",
    b"<REData>",
    b"</RETS>",
    b"<?xml encoding=",
    b"\xc2\xab",
    b"\xff",
    b"\x00",
    b"ReplyCode=\"",
    b"Search=",
    b"://",
    b"%",
    b"*",
    b"(",
];

/// xorshift64*: the same inputs on every run and every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, t.iter().copied());
            }
            2 => {
                let end = (at + rng.below(16)).min(data.len());
                data.drain(at..end);
            }
            3 => data.truncate(at),
            4 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + rng.below(64)).min(other.len());
                data.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                let end = (at + rng.below(32)).min(data.len());
                let piece = data[at..end].to_vec();
                data.splice(at..at, piece);
            }
        }
    }
    data
}

fn seeds() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = SEEDS.iter().map(|s| s.to_vec()).collect();
    if let Some(root) = common::corpus() {
        let mut files = Vec::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if entry.metadata().is_ok_and(|m| m.len() < 64 * 1024) {
                    files.push(path);
                }
            }
        }
        files.sort();
        out.extend(files.iter().filter_map(|f| std::fs::read(f).ok()));
    }
    out
}

fn run(name: &str, check: Check, runs: usize) {
    let seeds = seeds();
    let mut rng = Rng(0x5eed ^ name.len() as u64);
    for i in 0..runs {
        let seed = &seeds[i % seeds.len()];
        let other = &seeds[rng.below(seeds.len())];
        let input = if i < seeds.len() {
            seed.clone()
        } else {
            mutate(&mut rng, seed, other)
        };
        if std::panic::catch_unwind(|| check(&input)).is_err() {
            let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("fuzz-{name}-crash-{i}"));
            std::fs::write(&path, &input).unwrap();
            panic!("{name}: input {i} panicked; saved to {}", path.display());
        }
    }
}

#[test]
fn compact() {
    run("compact", fuzz_checks::compact, 20_000);
}

#[test]
fn login() {
    run("login", fuzz_checks::login, 20_000);
}

#[test]
fn metadata() {
    run("metadata", fuzz_checks::metadata, 20_000);
}

#[test]
fn multipart() {
    run("multipart", fuzz_checks::multipart, 20_000);
}

#[test]
fn xml_declaration() {
    run("xml_declaration", fuzz_checks::xml_declaration, 20_000);
}

#[test]
fn standard_xml() {
    run("standard_xml", fuzz_checks::standard_xml, 20_000);
}
