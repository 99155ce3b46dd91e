//! `zhclean review`: the HTML review page, end to end, on files built from `seeds/`.
//!
//! The structure tests read the HTML as written. `browser_renders_the_page` opens it in
//! headless Chromium when `/usr/bin/chromium` exists (else it says so and returns;
//! `scripts/browser-test` installs Chromium and runs the same checks).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{seeds, zhclean};
use zhclean::convert::{ConfigName, Converter};

/// Text planted in a document: must show as text and never run.
const EVIL: &str =
    "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";

/// Inputs in `dir`: `traditional/` with Traditional copies of two seeds (a script
/// planted in a changed line of each), and `corpus/` with the seeds, a file with a 0xFF
/// byte and a file with markup in its name. Returns the names the page shows, in order
/// (`traditional` is reviewed first: its files lead the page).
fn corpus(dir: &Path) -> Vec<String> {
    let c = dir.join("corpus");
    let t = dir.join("traditional");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::create_dir_all(&t).unwrap();
    let s2t = Converter::get(ConfigName::S2t);
    for (i, (name, text)) in seeds().into_iter().enumerate() {
        std::fs::write(c.join(&name), &text).unwrap();
        if i < 2 {
            let trad = format!("鬆江鎮{EVIL}總結\n{}", s2t.convert(&text));
            std::fs::write(t.join(format!("trad_{name}")), trad).unwrap();
        }
    }
    let mut bad = "正常的一行\n".as_bytes().to_vec();
    bad.extend_from_slice(&[0xFF, b'\n']);
    std::fs::write(c.join("bad.txt"), bad).unwrap();
    std::fs::write(c.join("<b>&名.txt"), "鬆江鎮\n").unwrap();
    let mut names = Vec::new();
    for d in ["traditional", "corpus"] {
        let mut v: Vec<String> = std::fs::read_dir(dir.join(d))
            .unwrap()
            .map(|e| format!("{d}/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        v.sort();
        names.extend(v);
    }
    names
}

const ARGS: [&str; 4] = ["traditional", "corpus", "-o", "review.html"];

fn review(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = zhclean(dir).arg("review").args(args).output().unwrap();
    let html = std::fs::read_to_string(dir.join("review.html")).unwrap_or_default();
    (
        out.status.code().unwrap(),
        html,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The page without its JSON data blocks (document text lives only in those).
fn markup(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let open = "<script type=\"application/json\"";
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        let end = rest[i..].find("</script>").expect("closed data block") + i;
        rest = &rest[end + "</script>".len()..];
    }
    out.push_str(rest);
    out
}

fn summary_rows(html: &str) -> Vec<&str> {
    html.split("<tr class=\"row")
        .skip(1)
        .map(|r| &r[..r.find("</tr>").unwrap()])
        .collect()
}

#[test]
fn page_has_a_summary_row_per_file_and_lists_the_undecodable_one() {
    let tmp = tempfile::tempdir().unwrap();
    let names = corpus(tmp.path());
    let (code, html, stderr) = review(tmp.path(), &ARGS);
    assert_eq!(code, 1, "a file with problems exits 1: {stderr}");
    let rows = summary_rows(&html);
    assert_eq!(rows.len(), names.len(), "{names:?}");
    for name in &names {
        let shown = zhclean::report::html::esc(name);
        assert!(
            rows.iter().any(|r| r.contains(&shown)),
            "no row for {shown}"
        );
    }
    let bad = rows.iter().find(|r| r.contains("bad.txt")).unwrap();
    assert!(bad.starts_with(" problem"), "{bad}");
    assert!(bad.contains("cannot decode"), "{bad}");
    // Its section says why, too.
    assert!(html.contains("<p class=\"problem\">Problem: cannot decode"));
    // The Traditional copy converted characters; the Simplified seed did not.
    let seed = names
        .iter()
        .find_map(|n| n.strip_prefix("corpus/000_"))
        .map(|n| format!("000_{n}"))
        .unwrap();
    let trad_row = rows
        .iter()
        .find(|r| r.contains(&format!("traditional/trad_{seed}")))
        .unwrap();
    let seed_row = rows
        .iter()
        .find(|r| r.contains(&format!("corpus/{seed}<")))
        .unwrap();
    let converted = |row: &str| -> usize {
        let cells: Vec<&str> = row.split("<td class=\"num").collect();
        let c = cells[2];
        c[c.find('>').unwrap() + 1..c.find('<').unwrap()]
            .parse()
            .unwrap()
    };
    assert!(converted(trad_row) > 100, "{trad_row}");
    assert_eq!(converted(seed_row), 0, "{seed_row}");
    // Placeholders of the seeds (`*镇`) are counted.
    assert!(html.contains("placeholder"));
    // Every file with changes has its data block and a section.
    assert!(html.matches("<script type=\"application/json\"").count() >= 3);
}

#[test]
fn document_text_and_names_are_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let (_, html, _) = review(tmp.path(), &ARGS);
    assert!(!html.contains("pwned'</script>"), "planted script left raw");
    assert!(!html.contains("<img"), "planted tag left raw");
    assert!(
        html.contains("\\u003cscript\\u003edocument.title='pwned'\\u003c/script\\u003e"),
        "planted script not in the data, escaped"
    );
    // Exactly one executable script: the page's own.
    assert_eq!(
        html.matches("<script").count(),
        html.matches("<script type=\"application/json\"").count() + 1
    );
    // Data blocks contain no `<`, `>` or `&`.
    for block in html.split("<script type=\"application/json\"").skip(1) {
        let body = &block[block.find('>').unwrap() + 1..block.find("</script>").unwrap()];
        assert!(!body.contains(['<', '>', '&']), "{body}");
        serde_json::from_str::<serde_json::Value>(body).unwrap();
    }
    // The file named `<b>&名.txt` is escaped in its row and section.
    assert!(html.contains("corpus/&lt;b&gt;&amp;名.txt"));
    assert!(!html.contains("<b>&"));
}

#[test]
fn page_loads_nothing_from_the_network() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let (_, html, _) = review(tmp.path(), &ARGS);
    let m = markup(&html);
    for bad in ["http://", "https://", "src=", "url(", "@import", "//cdn"] {
        assert!(!m.contains(bad), "markup contains {bad}");
    }
    for (i, _) in m.match_indices("href=") {
        assert_eq!(&m[i..i + 7], "href=\"#", "non-local link at {i}");
    }
    assert!(m.contains("Content-Security-Policy\" content=\"default-src 'none'"));
}

#[test]
fn exit_codes_and_atomic_write() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("clean.txt"), "已经是简体的文本。\n").unwrap();
    std::fs::write(d.join("trad.txt"), "鬆江鎮工作總結\n").unwrap();
    let (code, html, err) = review(d, &["clean.txt", "trad.txt", "-o", "review.html"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(summary_rows(&html).len(), 2);
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("zhclean-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // An undecodable file: listed, exit 1, the page is still written.
    // (A lone 0xFF after ASCII decodes as windows-1252; after Chinese UTF-8 it cannot.)
    let mut bad = "正常的一行\n".as_bytes().to_vec();
    bad.extend_from_slice(&[0xFF, b'\n']);
    std::fs::write(d.join("bad.txt"), bad).unwrap();
    std::fs::remove_file(d.join("review.html")).unwrap();
    let (code, html, _) = review(d, &["clean.txt", "bad.txt", "-o", "review.html"]);
    assert_eq!(code, 1);
    assert_eq!(summary_rows(&html).len(), 2);

    // A missing input is an I/O error (exit 2); the others are still reviewed.
    let (code, html, err) = review(d, &["clean.txt", "missing.txt", "-o", "review.html"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("missing.txt"), "{err}");
    assert_eq!(summary_rows(&html).len(), 1);

    // An output that cannot be written is exit 2.
    std::fs::create_dir(d.join("dir")).unwrap();
    let out = zhclean(d)
        .args(["review", "clean.txt", "-o", "dir"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the review page"));
}

#[test]
fn page_in_the_reviewed_folder_is_not_reviewed() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("a.txt"), "鬆江鎮\n").unwrap();
    for _ in 0..2 {
        let out = zhclean(d)
            .args(["review", ".", "-o", "review.html"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
    }
    let html = std::fs::read_to_string(d.join("review.html")).unwrap();
    assert_eq!(summary_rows(&html).len(), 1);
}

#[test]
fn limits_drop_data_but_keep_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let names = corpus(tmp.path());
    let (_, html, _) = review(
        tmp.path(),
        &[
            "traditional",
            "corpus",
            "-o",
            "review.html",
            "--max-file-kb",
            "2",
            "--max-page-mb",
            "1",
        ],
    );
    assert_eq!(summary_rows(&html).len(), names.len());
    assert!(html.contains("hunks are shown (the per-file limit is 2 KiB)"));
    for block in html.split("<script type=\"application/json\"").skip(1) {
        let body = &block[block.find('>').unwrap() + 1..block.find("</script>").unwrap()];
        assert!(body.len() <= 2 * 1024 + 256, "{}", body.len());
    }
}

/// A tiny page, minus the constant style and script: the summary, the legend and the
/// data blocks.
#[test]
fn tiny_page_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("doc.txt"),
        "鬆江鎮2021年工作總結\n\n\n\n全鎮共有X名幹部\u{a0}\n首页 > 政务公开 > 工作总结\n正文不变\n",
    )
    .unwrap();
    let (code, html, _) = review(tmp.path(), &["doc.txt", "-o", "review.html"]);
    assert_eq!(code, 0);
    let start = html.find("<header>").unwrap();
    let end = html.find("<script>").unwrap();
    insta::assert_snapshot!(&html[start..end]);
}

// --- In a browser ------------------------------------------------------------------

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium(profile: &Path, args: &[&str]) -> std::process::Output {
    // `timeout` keeps a stuck browser from hanging the suite.
    Command::new("timeout")
        .arg("120")
        .arg(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-quic",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .unwrap()
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    (w, h)
}

#[test]
fn browser_renders_the_page() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!(
            "note: {CHROMIUM} not found; browser test skipped (scripts/browser-test installs it)"
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let names = corpus(tmp.path());
    let (_, html, _) = review(tmp.path(), &ARGS);
    // The address names the second Traditional copy (#f-1): the page opens it instead of
    // the first file with changes.
    assert!(names[1].starts_with("traditional/trad_001"), "{names:?}");
    let sec = "id=\"f-1\"";
    assert!(html.contains(sec));
    let page: PathBuf = tmp.path().join("review.html");
    let url = format!("file://{}", page.display());
    let url_f1 = format!("{url}#f-1");

    let out = chromium(&tmp.path().join("profile1"), &["--dump-dom", &url_f1]);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && dom.contains("</html>"),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The script ran: the opened file's side-by-side view exists, with highlights.
    let at = dom.find(sec).expect("section in the DOM");
    let section = &dom[at..at + dom[at..].find("</section>").unwrap()];
    assert!(section.contains("<table class=\"sbs\">"), "no view built");
    assert!(section.contains("class=\"chg stop"), "no change rows");
    assert!(
        section.contains("<del>") && section.contains("<ins>"),
        "no highlights"
    );
    assert!(
        section.contains("<mark class=\"ph\">"),
        "no placeholder marks"
    );
    assert!(section.contains("aria-expanded=\"true\""));
    // The planted script is shown as text and did not run.
    assert!(section.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
    assert!(dom.contains("<title>zhclean review</title>"));
    assert!(!dom.contains("pwned</title>"));
    // Unopened files are not rendered.
    assert_eq!(dom.matches("<table class=\"sbs\">").count(), 1);
    assert!(
        dom.contains("File 2 of "),
        "the toolbar names the current file"
    );

    // The screenshot is of the page as it opens (headless Chromium's --screenshot does not
    // follow a scrolled window): the summary, then the first file with changes, open.

    // Kept after the test, for a person to look at.
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("review-screenshot.png");
    let _ = std::fs::remove_file(&shot);
    let out = chromium(
        &tmp.path().join("profile2"),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1400,1000",
            &url,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert_eq!(png_size(&png), (1400, 1000));
    // A blank page compresses to a few KiB; a rendered review is far larger.
    assert!(
        png.len() > 40_000,
        "screenshot looks blank: {} bytes",
        png.len()
    );
    eprintln!("screenshot: {}", shot.display());
}

/// Clicks through the page's navigation in the browser: "next change" four times, then
/// "previous change", then "next file", and compares where the page says it is with the
/// changes in the embedded data.
#[test]
fn browser_navigates_between_changes_and_files() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("note: {CHROMIUM} not found; browser test skipped");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let (_, html, _) = review(tmp.path(), &ARGS);
    // Every change stop (first row of a run of changed lines) in page order.
    let mut stops: Vec<String> = Vec::new();
    let mut sections: Vec<String> = Vec::new();
    for part in html.split("<section class=\"file").skip(1) {
        let id = part.split("id=\"").nth(1).unwrap();
        let id = id[..id.find('"').unwrap()].to_string();
        if let Some(block) = part.split("<script type=\"application/json\"").nth(1) {
            let body = &block[block.find('>').unwrap() + 1..block.find("</script>").unwrap()];
            let data: serde_json::Value = serde_json::from_str(body).unwrap();
            let n = data["h"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|h| h["r"].as_array().unwrap())
                .filter(|r| r[0] == 3)
                .count();
            stops.extend((0..n).map(|i| format!("{id}:{i}")));
        }
        sections.push(id);
    }
    assert!(stops.len() >= 4, "{stops:?}");
    let probe = r#"<script>
(function () {
  var out = [];
  function cur() {
    var c = document.querySelector("tr.stop.current");
    if (!c) return "none";
    var s = c.closest("section.file");
    return s.id + ":" + Array.prototype.indexOf.call(s.querySelectorAll("tr.stop"), c);
  }
  for (var i = 0; i < 4; i++) { document.getElementById("next-change").click(); out.push(cur()); }
  document.getElementById("prev-change").click(); out.push(cur());
  document.getElementById("next-file").click();
  out.push(document.querySelector("section.file.current").id);
  var pre = document.createElement("pre"); pre.id = "nav-result";
  pre.textContent = out.join(" "); document.body.appendChild(pre);
})();
</script>
</body>"#;
    let page = tmp.path().join("nav.html");
    std::fs::write(&page, html.replace("</body>", probe)).unwrap();
    let out = chromium(
        &tmp.path().join("profile"),
        &["--dump-dom", &format!("file://{}", page.display())],
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    let at = dom.find("<pre id=\"nav-result\">").unwrap_or_else(|| {
        panic!(
            "probe did not run: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let got: Vec<&str> = dom[at + 21..at + dom[at..].find("</pre>").unwrap()]
        .split(' ')
        .collect();
    let third = &stops[2];
    let third_file = &third[..third.find(':').unwrap()];
    let next_file = &sections[sections.iter().position(|s| s == third_file).unwrap() + 1];
    let want: Vec<&str> = vec![&stops[0], &stops[1], &stops[2], &stops[3], third, next_file];
    eprintln!("navigation: {got:?}");
    assert_eq!(got, want);
}
