//! The detectors on a labelled set written here, apart from the seeds: fifteen documents
//! and six probe files in styles the seeds lack (other provinces' site chrome, Traditional
//! and sloppily converted text, masks in phone numbers, e-mail addresses and name lists,
//! and look-alikes of masks that must stay). `tests/data/labelled/gold.json` labels every
//! placeholder span and boilerplate line, in the shape of the seeds' labels; labels under
//! `optional_*` are debatable and count neither way.
//!
//! Every finding must be labelled (no false hit), and every label found but the few listed
//! in [`KNOWN_MISSES`], each a judgement call.
//!
//! `tests/data/lookalikes/` holds sixteen documents with no masks and no page chrome, but
//! full of what looks like them (event organisers, algebra, Markdown bold, checkboxes,
//! full e-mail addresses, navigation words in sentences): they may only give the findings
//! in [`LOOKALIKE_HITS`], each debatable.
//!
//! `tests/data/reviews/` holds twenty-seven review sets (477 files, over 19,800 labels) written
//! and labelled before the detectors were tuned on them: each may give only the errors
//! listed in [`REVIEWS`].

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use zhclean::config::Config;
use zhclean::report::Rule;

/// `file:line:column` of a placeholder, `file:line` of a boilerplate line, left unfound on
/// purpose: `ZJ-JY-2023-0**` (two masks end a project code, too few to tell from a
/// power) and `李某某` (某 is not a masking symbol: 某些, 某种). (A page's `关键词：` line
/// is found since `关键词` became a weak field, in the page header only: a document may
/// list its own keywords.)
const KNOWN_MISSES: &[&str] = &["d03_zj_procurement.txt:4:20", "d06_sd_minutes.txt:10:6"];

/// A labelled or found span: file, line, and for a placeholder its columns (end exclusive).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Span {
    file: String,
    line: u64,
    columns: Option<(u64, u64)>,
}

impl Span {
    /// As `../shared/eval/score-flags` matches: the same line, and overlapping columns.
    fn meets(&self, other: &Span) -> bool {
        self.file == other.file
            && self.line == other.line
            && match (self.columns, other.columns) {
                (Some((a0, a1)), Some((b0, b1))) => a0 < b1 && b0 < a1,
                (None, None) => true,
                _ => false,
            }
    }

    fn name(&self) -> String {
        match self.columns {
            Some((c, _)) => format!("{}:{}:{c}", self.file, self.line),
            None => format!("{}:{}", self.file, self.line),
        }
    }
}

fn labels(v: &Value, key: &str, file: &str) -> Vec<Span> {
    let Some(items) = v.get(key).and_then(Value::as_array) else {
        return Vec::new();
    };
    items
        .iter()
        .map(|l| Span {
            file: file.to_string(),
            line: l["line"].as_u64().unwrap(),
            columns: l
                .get("column")
                .map(|c| (c.as_u64().unwrap(), l["end_column"].as_u64().unwrap())),
        })
        .collect()
}

/// Runs `clean_text` on every file `dir/gold.json` labels: (findings that no label or
/// optional label meets, labels that no finding meets), and the number of labels.
fn score(dir: &Path) -> (BTreeSet<String>, Vec<String>, usize) {
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let gold = gold.as_object().unwrap();
    let (mut found, mut wanted, mut optional) = (Vec::new(), Vec::new(), Vec::new());
    for (file, g) in gold {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let cleaned = zhclean::clean_text(&text, &Config::default());
        for f in &cleaned.findings {
            let columns = match f.rule {
                Rule::Placeholder => Some((f.span.column as u64, f.span.end_column as u64)),
                Rule::Boilerplate => None,
                _ => continue,
            };
            found.push(Span {
                file: file.clone(),
                line: f.span.line as u64,
                columns,
            });
        }
        wanted.extend(labels(g, "placeholders", file));
        wanted.extend(labels(g, "boilerplate_lines", file));
        optional.extend(labels(g, "optional_placeholders", file));
        optional.extend(labels(g, "optional_lines", file));
    }
    let false_hits: BTreeSet<String> = found
        .iter()
        .filter(|f| !wanted.iter().chain(&optional).any(|w| w.meets(f)))
        .map(Span::name)
        .collect();
    let misses: Vec<String> = wanted
        .iter()
        .filter(|w| !found.iter().any(|f| f.meets(w)))
        .map(Span::name)
        .collect();
    (false_hits, misses, wanted.len())
}

#[test]
fn every_finding_is_labelled_and_every_label_found_but_the_known_misses() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/labelled");
    let (false_hits, misses, labels) = score(&dir);
    assert!(labels > 300, "{labels} labels");
    assert!(false_hits.is_empty(), "found, not labelled: {false_hits:?}");
    assert_eq!(misses, KNOWN_MISSES, "labelled, not found");
}

/// The review sets (`tests/data/reviews/`, see `tests/data/SOURCE.md`): documents written
/// and labelled before the detectors were tuned on them, kept so that what was learned
/// stays learned. Each may give only its listed false hits and miss only its listed
/// labels (file:line:column of a placeholder, file:line of a boilerplate line); a change
/// that finds more updates the lists.
const REVIEWS: &[(&str, &[&str], &[&str])] = &[
    // Reviews 38-40, frozen at e3a425d after the round's first changes: seed-like pages
    // again; seventeen more converters' dumps (links, elinks, markdownify, jusText, goose3,
    // Selenium, pdftotext, clippers, WordPress shortcodes); rosters of benefits, penalties and
    // blacklists. Review 38 keeps the first of a title scraped three times (13:12, after the
    // index block's own copy) where the tool keeps the one over the body (13:16).
    (
        "reports-30-seedlike-12",
        &["r38_13_gx_guichuan_ziranziyuan_shangbannian_ws.txt:12"],
        &[
            "r38_03_hn_hexi_xian_zhengfu_gongzuo_baogao_md.txt:32:43",
            "r38_04_hb_fengqi_jiedao_2025_jihua_wechat.txt:15:44",
            "r38_04_hb_fengqi_jiedao_2025_jihua_wechat.txt:2",
            "r38_04_hb_fengqi_jiedao_2025_jihua_wechat.txt:4",
            "r38_04_hb_fengqi_jiedao_2025_jihua_wechat.txt:5",
            "r38_04_hb_fengqi_jiedao_2025_jihua_wechat.txt:6",
            "r38_04_hb_fengqi_jiedao_2025_jihua_wechat.txt:7",
            "r38_04_hb_fengqi_jiedao_2025_jihua_wechat.txt:76",
            "r38_06_sd_liuzhuang_xiang_zongjie_html2text.txt:29",
            "r38_07_sx_jinfeng_yingji_shuzhi_print.txt:30",
            "r38_07_sx_jinfeng_yingji_shuzhi_print.txt:31",
            "r38_08_sn_luoyuan_tongji_zhuanxiang_mobile.txt:2",
            "r38_08_sn_luoyuan_tongji_zhuanxiang_mobile.txt:3",
            "r38_09_gs_taochuan_minzong_zongjie_toutiao.txt:3",
            "r38_09_gs_taochuan_minzong_zongjie_toutiao.txt:6",
            "r38_12_gz_shiyan_cun_zongjie_pengpai.txt:7",
            "r38_13_gx_guichuan_ziranziyuan_shangbannian_ws.txt:25:119",
            "r38_13_gx_guichuan_ziranziyuan_shangbannian_ws.txt:16",
            "r38_13_gx_guichuan_ziranziyuan_shangbannian_ws.txt:42",
            "r38_14_jl_songhe_shengtai_huanjing_trad.txt:26:85",
            "r38_14_jl_songhe_shengtai_huanjing_trad.txt:46",
            "r38_16_hlj_beilin_nongye_nongcun_jina_md.txt:63",
            "r38_16_hlj_beilin_nongye_nongcun_jina_md.txt:64",
        ],
    ),
    (
        "converters-31-text-dumps-2",
        &[],
        &[
            "r39_01_qingxia_weijian_gongzuo_zongjie_lynx.txt:5",
            "r39_01_qingxia_weijian_gongzuo_zongjie_lynx.txt:94",
            "r39_01_qingxia_weijian_gongzuo_zongjie_lynx.txt:95",
            "r39_02_chengyuan_shitang_zhaobiao_links.txt:59:32",
            "r39_02_chengyuan_shitang_zhaobiao_links.txt:1",
            "r39_02_chengyuan_shitang_zhaobiao_links.txt:6",
            "r39_02_chengyuan_shitang_zhaobiao_links.txt:93",
            "r39_03_yunxi_zhen_dangwei_jiyao_w3m.txt:1",
            "r39_03_yunxi_zhen_dangwei_jiyao_w3m.txt:8",
            "r39_03_yunxi_zhen_dangwei_jiyao_w3m.txt:9",
            "r39_03_yunxi_zhen_dangwei_jiyao_w3m.txt:22",
            "r39_04_pingyang_wangzhan_gaiban_fangan_elinks.txt:1",
            "r39_04_pingyang_wangzhan_gaiban_fangan_elinks.txt:7",
            "r39_04_pingyang_wangzhan_gaiban_fangan_elinks.txt:88",
            "r39_04_pingyang_wangzhan_gaiban_fangan_elinks.txt:113",
            "r39_05_luochuan_tongji_gongbao_html2text.txt:76",
            "r39_05_luochuan_tongji_gongbao_html2text.txt:78",
            "r39_06_anhe_shuxue_zhiliang_fenxi_html2text_deb.txt:39:2",
            "r39_06_anhe_shuxue_zhiliang_fenxi_html2text_deb.txt:40:2",
            "r39_06_anhe_shuxue_zhiliang_fenxi_html2text_deb.txt:41:2",
            "r39_06_anhe_shuxue_zhiliang_fenxi_html2text_deb.txt:42:2",
            "r39_06_anhe_shuxue_zhiliang_fenxi_html2text_deb.txt:1",
            "r39_06_anhe_shuxue_zhiliang_fenxi_html2text_deb.txt:6",
            "r39_06_anhe_shuxue_zhiliang_fenxi_html2text_deb.txt:55",
            "r39_06_anhe_shuxue_zhiliang_fenxi_html2text_deb.txt:58",
            "r39_07_heyang_huanping_gongshi_pandoc.txt:33:10",
            "r39_07_heyang_huanping_gongshi_pandoc.txt:44:6",
            "r39_07_heyang_huanping_gongshi_pandoc.txt:2",
            "r39_07_heyang_huanping_gongshi_pandoc.txt:6",
            "r39_07_heyang_huanping_gongshi_pandoc.txt:8",
            "r39_08_xiangshan_minsu_pingding_markdownify.txt:68",
            "r39_09_leping_jiedao_jihua_trafilatura.txt:56",
            "r39_09_leping_jiedao_jihua_trafilatura.txt:57",
            "r39_10_xinxi_qu_zhangzhe_jianjian_trad_reader.txt:1",
            "r39_10_xinxi_qu_zhangzhe_jianjian_trad_reader.txt:5",
            "r39_10_xinxi_qu_zhangzhe_jianjian_trad_reader.txt:7",
            "r39_10_xinxi_qu_zhangzhe_jianjian_trad_reader.txt:54",
            "r39_10_xinxi_qu_zhangzhe_jianjian_trad_reader.txt:55",
            "r39_10_xinxi_qu_zhangzhe_jianjian_trad_reader.txt:56",
            "r39_12_jinhualu_manyidu_wenjuan_newspaper_ws.txt:2",
            "r39_12_jinhualu_manyidu_wenjuan_newspaper_ws.txt:3",
            "r39_12_jinhualu_manyidu_wenjuan_newspaper_ws.txt:4",
            "r39_12_jinhualu_manyidu_wenjuan_newspaper_ws.txt:5",
            "r39_12_jinhualu_manyidu_wenjuan_newspaper_ws.txt:6",
            "r39_13_qinghe_qu_nianbao_bs4_ws.txt:79:66",
            "r39_14_xinchang_chuangye_butie_selenium.txt:44:21",
            "r39_14_xinchang_chuangye_butie_selenium.txt:1",
            "r39_14_xinchang_chuangye_butie_selenium.txt:2",
            "r39_14_xinchang_chuangye_butie_selenium.txt:6",
            "r39_14_xinchang_chuangye_butie_selenium.txt:7",
            "r39_14_xinchang_chuangye_butie_selenium.txt:8",
            "r39_14_xinchang_chuangye_butie_selenium.txt:9",
            "r39_14_xinchang_chuangye_butie_selenium.txt:10",
            "r39_14_xinchang_chuangye_butie_selenium.txt:11",
            "r39_14_xinchang_chuangye_butie_selenium.txt:12",
            "r39_15_lingang_choujian_tongbao_pdftotext.txt:80",
            "r39_15_lingang_choujian_tongbao_pdftotext.txt:82",
            "r39_15_lingang_choujian_tongbao_pdftotext.txt:83",
            "r39_16_yuzhou_rongmei_zhaopin_clipper_wp.txt:12",
            "r39_16_yuzhou_rongmei_zhaopin_clipper_wp.txt:17",
            "r39_16_yuzhou_rongmei_zhaopin_clipper_wp.txt:67",
            "r39_16_yuzhou_rongmei_zhaopin_clipper_wp.txt:69",
        ],
    ),
    (
        "rosters-32-public-lists-2",
        &[],
        &[
            "r40_04_yongshan_jiuye_butie_csv.txt:6",
            "r40_05_chuyuan_chuangye_danbao_daikuan.txt:1",
            "r40_05_chuyuan_chuangye_danbao_daikuan.txt:39",
            "r40_08_ganxi_youdaijin_fuxu.txt:5",
            "r40_09_meiling_jiaoshi_zige_rending.txt:31",
            "r40_10_yunlin_yiliao_chufen_trad_tw.txt:30",
            "r40_10_yunlin_yiliao_chufen_trad_tw.txt:33",
            "r40_12_gangwan_xianjin_biaozhang_ws.txt:40:7",
            "r40_12_gangwan_xianjin_biaozhang_ws.txt:55",
            "r40_15_qingjiang_jiaojing_baoguangtai.txt:15:13",
            "r40_15_qingjiang_jiaojing_baoguangtai.txt:18:9",
            "r40_15_qingjiang_jiaojing_baoguangtai.txt:19:12",
            "r40_15_qingjiang_jiaojing_baoguangtai.txt:1",
            "r40_16_dongyanghu_shipin_choujian.txt:35",
        ],
    ),
    // Reviews 35-37 (the twentieth round), frozen at c12e6aa: seed-like pages from sixteen
    // more provinces; the same kinds of pages through sixteen HTML-to-text tools (lynx, w3m,
    // html2text, pandoc, trafilatura, readability, newspaper3k, BeautifulSoup, Scrapy, clippers,
    // a CMS's template tags); rosters and 公示 lists dense with masked names, IDs and phones.
    (
        "reports-27-seedlike-11",
        &[],
        &[
            "r35_02_tongling_xian_linzhangzhi_lynx.txt:48",
            "r35_02_tongling_xian_linzhangzhi_lynx.txt:49",
            "r35_03_meilin_xiang_shangbannian_md.txt:10",
            "r35_03_meilin_xiang_shangbannian_md.txt:11",
            "r35_03_meilin_xiang_shangbannian_md.txt:13",
            "r35_06_wanquan_yibao_zongjie_mobile.txt:6",
            "r35_07_yanjiao_cun_xiangcun_zhenxing.txt:1",
            "r35_07_yanjiao_cun_xiangcun_zhenxing.txt:2",
            "r35_08_langga_anquan_shengchan_html2text.txt:33:40",
            "r35_12_chahan_qi_liangshi_anquan_trad.txt:42",
            "r35_15_fenghe_shequ_zongjie_wechat.txt:2",
            "r35_15_fenghe_shequ_zongjie_wechat.txt:3",
        ],
    ),
    (
        "converters-28-text-dumps",
        &[],
        &[
            "r36_01_jinghe_weijian_zongjie_jihua.txt:3",
            "r36_01_jinghe_weijian_zongjie_jihua.txt:7",
            "r36_01_jinghe_weijian_zongjie_jihua.txt:84",
            "r36_01_jinghe_weijian_zongjie_jihua.txt:85",
            "r36_02_lichuan_chungeng_beigeng_tongzhi.txt:1",
            "r36_02_lichuan_chungeng_beigeng_tongzhi.txt:73",
            "r36_03_ningchuan_laojiu_xiaoqu_buzhu_jiedu.txt:2",
            "r36_03_ningchuan_laojiu_xiaoqu_buzhu_jiedu.txt:59",
            "r36_03_ningchuan_laojiu_xiaoqu_buzhu_jiedu.txt:61",
            "r36_03_ningchuan_laojiu_xiaoqu_buzhu_jiedu.txt:62",
            "r36_04_qingxi_renju_huanjing_fangan.txt:2",
            "r36_04_qingxi_renju_huanjing_fangan.txt:3",
            "r36_04_qingxi_renju_huanjing_fangan.txt:6",
            "r36_04_qingxi_renju_huanjing_fangan.txt:17",
            "r36_04_qingxi_renju_huanjing_fangan.txt:20",
            "r36_05_ningping_tongji_gongbao.txt:77",
            "r36_05_ningping_tongji_gongbao.txt:79",
            "r36_07_shangtang_zhengfu_gongzuo_baogao.txt:2",
            "r36_08_fengyang_shijian_chufa_gongshi.txt:2",
            "r36_08_fengyang_shijian_chufa_gongshi.txt:3",
            "r36_08_fengyang_shijian_chufa_gongshi.txt:4",
            "r36_08_fengyang_shijian_chufa_gongshi.txt:5",
            "r36_08_fengyang_shijian_chufa_gongshi.txt:6",
            "r36_08_fengyang_shijian_chufa_gongshi.txt:7",
            "r36_09_dongbei_zuimei_jiating_gongshi.txt:28",
            "r36_09_dongbei_zuimei_jiating_gongshi.txt:29",
            "r36_09_dongbei_zuimei_jiating_gongshi.txt:95",
            "r36_09_dongbei_zuimei_jiating_gongshi.txt:96",
            "r36_09_dongbei_zuimei_jiating_gongshi.txt:97",
            "r36_09_dongbei_zuimei_jiating_gongshi.txt:98",
            "r36_09_dongbei_zuimei_jiating_gongshi.txt:99",
            "r36_09_dongbei_zuimei_jiating_gongshi.txt:101",
            "r36_09_dongbei_zuimei_jiating_gongshi.txt:102",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:1",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:2",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:3",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:4",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:5",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:6",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:7",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:8",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:10",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:25",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:26",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:27",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:28",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:29",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:30",
            "r36_11_dongguan_pianqu_zhengshou_gongshi.txt:31",
            "r36_12_tongxi_shangbannian_jingji.txt:24:36",
            "r36_12_tongxi_shangbannian_jingji.txt:2",
            "r36_12_tongxi_shangbannian_jingji.txt:22",
            "r36_12_tongxi_shangbannian_jingji.txt:50",
            "r36_12_tongxi_shangbannian_jingji.txt:70",
            "r36_13_jiahe_laoren_jintie_trad_tw.txt:2",
            "r36_13_jiahe_laoren_jintie_trad_tw.txt:9",
            "r36_13_jiahe_laoren_jintie_trad_tw.txt:50",
            "r36_13_jiahe_laoren_jintie_trad_tw.txt:51",
            "r36_13_jiahe_laoren_jintie_trad_tw.txt:55",
            "r36_13_jiahe_laoren_jintie_trad_tw.txt:58",
            "r36_14_songlin_zhen_zhenxing_trad_machine.txt:3",
            "r36_14_songlin_zhen_zhenxing_trad_machine.txt:4",
            "r36_14_songlin_zhen_zhenxing_trad_machine.txt:5",
            "r36_15_beihu_xinxi_gongkai_nianbao_ws.txt:51:58",
            "r36_15_beihu_xinxi_gongkai_nianbao_ws.txt:1",
            "r36_15_beihu_xinxi_gongkai_nianbao_ws.txt:2",
            "r36_15_beihu_xinxi_gongkai_nianbao_ws.txt:3",
            "r36_15_beihu_xinxi_gongkai_nianbao_ws.txt:4",
            "r36_15_beihu_xinxi_gongkai_nianbao_ws.txt:9",
            "r36_15_beihu_xinxi_gongkai_nianbao_ws.txt:10",
            "r36_15_beihu_xinxi_gongkai_nianbao_ws.txt:60",
            "r36_15_beihu_xinxi_gongkai_nianbao_ws.txt:61",
            "r36_15_beihu_xinxi_gongkai_nianbao_ws.txt:64",
            "r36_15_beihu_xinxi_gongkai_nianbao_ws.txt:65",
        ],
    ),
    (
        "rosters-29-public-lists",
        &[],
        &[
            "r37_10_zhufeng_laoren_jintie_trad_tw.txt:21:11",
            "r37_10_zhufeng_laoren_jintie_trad_tw.txt:44",
            "r37_10_zhufeng_laoren_jintie_trad_tw.txt:45",
            "r37_14_zhengbian_jiashizheng_manfen_gonggao.txt:47",
            "r37_16_lanfeng_yanglao_renzheng_gongshi.txt:49",
            "r37_16_lanfeng_yanglao_renzheng_gongshi.txt:50",
            "r37_16_lanfeng_yanglao_renzheng_gongshi.txt:51",
        ],
    ),
    // Reviews 28-30 (November 2026, the nineteenth round), frozen at 59f4fbc: seed-like CMS
    // pages from vendors' templates the earlier sets lack (accessibility bars, elder modes,
    // print views); budgets, statistics and rosters full of figures; reposts on news
    // clients, self-media accounts, forums and document-sharing sites. Review 29's reviewer
    // labels a reply's own end mark `- 完 -` as body (12:55), a debatable call.
    // Reviews 33-34, frozen at 664f118 after the round's second changes: seed-like pages
    // from sixteen provinces in many scrapes' shapes (lynx and links dumps, reader-mode
    // Markdown, clipper exports, print views); an attack on precision.
    (
        "reports-25-seedlike-10",
        &[],
        &[
            "r33_05_heilongjiang_nenbei_senlin_fanghuo_mobile.txt:15:82",
            "r33_09_hunan_yuanxi_jindu_shangbannian_index.txt:1",
            "r33_09_hunan_yuanxi_jindu_shangbannian_index.txt:2",
            "r33_09_hunan_yuanxi_jindu_shangbannian_index.txt:9",
            "r33_09_hunan_yuanxi_jindu_shangbannian_index.txt:12",
            "r33_11_zhejiang_wuchuan_yingshang_clipper_ws.txt:24:86",
            "r33_11_zhejiang_wuchuan_yingshang_clipper_ws.txt:24:112",
            "r33_11_zhejiang_wuchuan_yingshang_clipper_ws.txt:32:49",
            "r33_11_zhejiang_wuchuan_yingshang_clipper_ws.txt:34:37",
            "r33_13_yunnan_michuan_gongzuo_yaodian_trad_index.txt:1",
            "r33_14_gansu_yuanyang_xiang_shangbannian_lynx.txt:3",
            "r33_15_shaanxi_yangchuan_zhengfu_baogao_mobile.txt:1",
        ],
    ),
    (
        "precision-26-decoys-3",
        &[],
        &[
            "r34_10_xinxi_qu_zhangzhe_jianjian_trad_tw.txt:48",
            "r34_15_lingang_shichang_choujian_tongbao.txt:51",
        ],
    ),
    // Reviews 31-32, frozen at 1becaca after the round's first changes: seed-like pages
    // from provinces the earlier sets lack (集约化 platforms, 融媒 sites, Markdown scrapes,
    // print views); notices, 公示, decisions and transcripts with redactions and decoys.
    // Review 32 labels a transcript's own `发布时间：…上午10:00` (14:7) as body.
    (
        "reports-23-seedlike-9",
        &[],
        &[
            "r31_05_nanfeng_zhen_gongzuo_jihua_xxgk_mulu.txt:6",
            "r31_05_nanfeng_zhen_gongzuo_jihua_xxgk_mulu.txt:7",
            "r31_08_palong_zhongdian_xiangmu_oneline_menu.txt:1",
            "r31_12_dadi_shuizu_xiang_zhenxing_arrows.txt:36",
            "r31_12_dadi_shuizu_xiang_zhenxing_arrows.txt:37",
            "r31_12_dadi_shuizu_xiang_zhenxing_arrows.txt:38",
            "r31_12_dadi_shuizu_xiang_zhenxing_arrows.txt:39",
            "r31_13_chagannaoer_sumu_anquan_ws.txt:9",
            "r31_13_chagannaoer_sumu_anquan_ws.txt:10",
            "r31_13_chagannaoer_sumu_anquan_ws.txt:11",
            "r31_14_huoerguohe_nongyeju_shuzhi_hanweb.txt:10:1",
            "r31_14_huoerguohe_nongyeju_shuzhi_hanweb.txt:1",
            "r31_14_huoerguohe_nongyeju_shuzhi_hanweb.txt:2",
        ],
    ),
    (
        "notices-24-announcements-redacted",
        &["r32_14_canger_xian_wuyi_fabuhui_shilu.txt:7"],
        &[
            "r32_03_fengxi_zhen_zhongbiao_gonggao.txt:12:21",
            "r32_06_dongjiao_qu_zhengshou_buchang_gongshi.txt:21:26",
            "r32_06_dongjiao_qu_zhengshou_buchang_gongshi.txt:1",
            "r32_07_minjiang_xian_ganbu_renqian_gongshi.txt:1",
            "r32_07_minjiang_xian_ganbu_renqian_gongshi.txt:30",
            "r32_08_leitai_xian_tudi_zhengzhi_pifu.txt:2",
            "r32_10_dongping_cun_cunmin_daibiao_huiyi_jiyao.txt:21:68",
            "r32_11_fengqiao_qu_shijian_chufa_jueding.txt:18:105",
            "r32_12_qingzhang_xian_xinfang_chuli_yijian.txt:1",
            "r32_12_qingzhang_xian_xinfang_chuli_yijian.txt:2",
            "r32_12_qingzhang_xian_xinfang_chuli_yijian.txt:3",
            "r32_13_bayue_qu_wengang_butie_jiedu_ws.txt:34:30",
            "r32_14_canger_xian_wuyi_fabuhui_shilu.txt:1",
            "r32_14_canger_xian_wuyi_fabuhui_shilu.txt:5",
            "r32_16_nanyu_xiang_jinan_jiuzhu_gonggao_trad_tw.txt:40",
        ],
    ),
    (
        "reports-20-seedlike-8",
        &[],
        &[
            "r28_02_jinchuanhe_qu_shuiliju_zongjie_jihua_dahan.txt:39:24",
            "r28_04_chaoanmen_jiedao_laojiu_xiaoqu_fangan_xxgk.txt:43",
            "r28_05_songyuanling_shijianju_diandongche_zhengzhi.txt:38:9",
            "r28_08_dongcheng_cun_zongjie_mobile_zhanglao.txt:7",
            "r28_16_weichuan_qu_yusuan_baogao_nanwei.txt:25:62",
            "r28_16_weichuan_qu_yusuan_baogao_nanwei.txt:25:69",
        ],
    ),
    (
        "figures-21-budgets-statistics",
        &["r29_12_hk_hab_kaizhi_yusuan_dafu_trad_pdf.txt:55"],
        &[
            "r29_04_songyuan_nongyeju_zhengti_zhichu_jixiao_ziping.txt:56:75",
            "r29_08_beiling_xiang_gengdi_butie_mingce_ws.txt:1",
            "r29_08_beiling_xiang_gengdi_butie_mingce_ws.txt:59",
            "r29_09_yongfeng_jiedao_dibao_gongshi_weixin.txt:1",
            "r29_10_shiqiao_zhen_zhengdi_buchang_gongshi.txt:54:1",
            "r29_10_shiqiao_zhen_zhengdi_buchang_gongshi.txt:3",
            "r29_11_nanhu_xiang_113_zongyusuan_trad_tw.txt:4",
            "r29_11_nanhu_xiang_113_zongyusuan_trad_tw.txt:68",
            "r29_12_hk_hab_kaizhi_yusuan_dafu_trad_pdf.txt:42",
            "r29_12_hk_hab_kaizhi_yusuan_dafu_trad_pdf.txt:43",
            "r29_12_hk_hab_kaizhi_yusuan_dafu_trad_pdf.txt:44",
            "r29_12_hk_hab_kaizhi_yusuan_dafu_trad_pdf.txt:45",
            "r29_12_hk_hab_kaizhi_yusuan_dafu_trad_pdf.txt:56",
            "r29_13_yongning_yiyuan_zhaobiao_juhe_wangzhan.txt:1",
            "r29_13_yongning_yiyuan_zhaobiao_juhe_wangzhan.txt:5",
            "r29_13_yongning_yiyuan_zhaobiao_juhe_wangzhan.txt:6",
            "r29_13_yongning_yiyuan_zhaobiao_juhe_wangzhan.txt:71",
            "r29_16_yunxi_xian_zhuyao_jingji_zhibiao_yulan.txt:27:14",
            "r29_16_yunxi_xian_zhuyao_jingji_zhibiao_yulan.txt:27:17",
            "r29_16_yunxi_xian_zhuyao_jingji_zhibiao_yulan.txt:28:14",
            "r29_16_yunxi_xian_zhuyao_jingji_zhibiao_yulan.txt:28:17",
            "r29_16_yunxi_xian_zhuyao_jingji_zhibiao_yulan.txt:6",
            "r29_16_yunxi_xian_zhuyao_jingji_zhibiao_yulan.txt:7",
        ],
    ),
    (
        "reposts-22-mirrors-aggregators",
        &[],
        &[
            "r30_01_tongan_xian_zhengfu_baogao_weixin.txt:29:62",
            "r30_01_tongan_xian_zhengfu_baogao_weixin.txt:1",
            "r30_01_tongan_xian_zhengfu_baogao_weixin.txt:3",
            "r30_02_beixi_zhen_zongjie_jihua_toutiao.txt:4",
            "r30_02_beixi_zhen_zongjie_jihua_toutiao.txt:34",
            "r30_02_beixi_zhen_zongjie_jihua_toutiao.txt:35",
            "r30_02_beixi_zhen_zongjie_jihua_toutiao.txt:36",
            "r30_02_beixi_zhen_zongjie_jihua_toutiao.txt:37",
            "r30_02_beixi_zhen_zongjie_jihua_toutiao.txt:38",
            "r30_02_beixi_zhen_zongjie_jihua_toutiao.txt:39",
            "r30_03_chengnan_jiedao_laojiu_xiaoqu_baijiahao.txt:2",
            "r30_03_chengnan_jiedao_laojiu_xiaoqu_baijiahao.txt:5",
            "r30_04_dahe_zhen_jinhuo_tonggao_rongmei_app.txt:1",
            "r30_04_dahe_zhen_jinhuo_tonggao_rongmei_app.txt:36",
            "r30_04_dahe_zhen_jinhuo_tonggao_rongmei_app.txt:37",
            "r30_04_dahe_zhen_jinhuo_tonggao_rongmei_app.txt:38",
            "r30_04_dahe_zhen_jinhuo_tonggao_rongmei_app.txt:39",
            "r30_05_pingchuan_qu_anquan_jianghua_souhu.txt:2",
            "r30_05_pingchuan_qu_anquan_jianghua_souhu.txt:3",
            "r30_05_pingchuan_qu_anquan_jianghua_souhu.txt:30",
            "r30_06_lanjiang_qu_yibao_tonggao_pengpai.txt:3",
            "r30_06_lanjiang_qu_yibao_tonggao_pengpai.txt:40",
            "r30_06_lanjiang_qu_yibao_tonggao_pengpai.txt:41",
            "r30_07_shiqiao_zhen_fangxun_tongzhi_weibo.txt:3",
            "r30_07_shiqiao_zhen_fangxun_tongzhi_weibo.txt:6",
            "r30_07_shiqiao_zhen_fangxun_tongzhi_weibo.txt:30",
            "r30_07_shiqiao_zhen_fangxun_tongzhi_weibo.txt:32",
            "r30_08_yonghe_xian_fazhi_baogao_renminwang.txt:29",
            "r30_08_yonghe_xian_fazhi_baogao_renminwang.txt:30",
            "r30_08_yonghe_xian_fazhi_baogao_renminwang.txt:31",
            "r30_09_qingshi_zhen_jifenzhi_fayan_xuexi.txt:2",
            "r30_09_qingshi_zhen_jifenzhi_fayan_xuexi.txt:27",
            "r30_09_qingshi_zhen_jifenzhi_fayan_xuexi.txt:28",
            "r30_09_qingshi_zhen_jifenzhi_fayan_xuexi.txt:29",
            "r30_10_shangping_cun_renju_fangan_doc88_ws.txt:3",
            "r30_11_xian_xianjie_baogao_book118.txt:2",
            "r30_11_xian_xianjie_baogao_book118.txt:8",
            "r30_11_xian_xianjie_baogao_book118.txt:9",
            "r30_11_xian_xianjie_baogao_book118.txt:10",
            "r30_11_xian_xianjie_baogao_book118.txt:11",
            "r30_12_heping_jiedao_zongjie_wenku_ws.txt:4",
            "r30_13_jiahe_qu_yanglao_guihua_zhihu.txt:3",
            "r30_13_jiahe_qu_yanglao_guihua_zhihu.txt:6",
            "r30_13_jiahe_qu_yanglao_guihua_zhihu.txt:7",
            "r30_13_jiahe_qu_yanglao_guihua_zhihu.txt:9",
            "r30_13_jiahe_qu_yanglao_guihua_zhihu.txt:11",
            "r30_13_jiahe_qu_yanglao_guihua_zhihu.txt:13",
            "r30_13_jiahe_qu_yanglao_guihua_zhihu.txt:14",
            "r30_13_jiahe_qu_yanglao_guihua_zhihu.txt:15",
            "r30_13_jiahe_qu_yanglao_guihua_zhihu.txt:16",
            "r30_14_baishu_cun_cunguiminyue_360doc.txt:3",
            "r30_14_baishu_cun_cunguiminyue_360doc.txt:6",
            "r30_14_baishu_cun_cunguiminyue_360doc.txt:7",
            "r30_14_baishu_cun_cunguiminyue_360doc.txt:8",
            "r30_14_baishu_cun_cunguiminyue_360doc.txt:50",
            "r30_14_baishu_cun_cunguiminyue_360doc.txt:51",
            "r30_14_baishu_cun_cunguiminyue_360doc.txt:52",
            "r30_14_baishu_cun_cunguiminyue_360doc.txt:53",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:1",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:3",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:5",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:6",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:7",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:8",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:11",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:28",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:29",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:30",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:31",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:32",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:33",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:34",
            "r30_15_yunxi_zhen_lvyou_baogao_trad_pixnet.txt:36",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:18:132",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:25:40",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:1",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:2",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:3",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:4",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:5",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:6",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:7",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:8",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:9",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:10",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:31",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:32",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:34",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:35",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:36",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:37",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:38",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:39",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:40",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:41",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:42",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:44",
            "r30_16_songlin_zhen_jianghua_trad_hkforum.txt:45",
        ],
    ),
    // Reviews 22-27 (November 2026, the eighteenth round): documents like the seeds from
    // hosts beyond a government CMS (web archives, forums, Q&A sites, exports, newsletters,
    // library databases); tables, lists and forms; an attack on precision; seed-like CMS
    // pages; redaction-heavy decisions; extractor, OCR, slide and screenshot text. Two of
    // review 26's false hits are its labels' errors, as its reviewer reported: masks on a
    // title copy left unbracketed (01:5:20, 03:1:28). Review 22 labels the first copy of a
    // doubled title at 06:3, where the tool flags the second (06:8), as the brief says.
    (
        "reports-14-seedlike-6",
        &["r22_06_gaoping_xiang_fangan_gongzhonghao.txt:8"],
        &[
            "r22_01_lanxi_xian_zhengfu_baogao_rongmeiti.txt:20:39",
            "r22_01_lanxi_xian_zhengfu_baogao_rongmeiti.txt:20:54",
            "r22_01_lanxi_xian_zhengfu_baogao_rongmeiti.txt:24:45",
            "r22_01_lanxi_xian_zhengfu_baogao_rongmeiti.txt:29:45",
            "r22_01_lanxi_xian_zhengfu_baogao_rongmeiti.txt:1",
            "r22_01_lanxi_xian_zhengfu_baogao_rongmeiti.txt:3",
            "r22_03_liuwan_jiedao_yaodian_wayback.txt:4",
            "r22_03_liuwan_jiedao_yaodian_wayback.txt:5",
            "r22_03_liuwan_jiedao_yaodian_wayback.txt:6",
            "r22_03_liuwan_jiedao_yaodian_wayback.txt:7",
            "r22_03_liuwan_jiedao_yaodian_wayback.txt:8",
            "r22_03_liuwan_jiedao_yaodian_wayback.txt:11",
            "r22_04_shiling_cun_zongjie_tieba.txt:1",
            "r22_04_shiling_cun_zongjie_tieba.txt:2",
            "r22_04_shiling_cun_zongjie_tieba.txt:3",
            "r22_04_shiling_cun_zongjie_tieba.txt:6",
            "r22_04_shiling_cun_zongjie_tieba.txt:8",
            "r22_04_shiling_cun_zongjie_tieba.txt:9",
            "r22_04_shiling_cun_zongjie_tieba.txt:42",
            "r22_04_shiling_cun_zongjie_tieba.txt:45",
            "r22_04_shiling_cun_zongjie_tieba.txt:50",
            "r22_05_xiang_shuji_shuzhi_zhihu.txt:4",
            "r22_05_xiang_shuji_shuzhi_zhihu.txt:7",
            "r22_05_xiang_shuji_shuzhi_zhihu.txt:8",
            "r22_06_gaoping_xiang_fangan_gongzhonghao.txt:1",
            "r22_06_gaoping_xiang_fangan_gongzhonghao.txt:3",
            "r22_07_qinyang_shisiwu_pinggu_xinwenapp.txt:15:16",
            "r22_07_qinyang_shisiwu_pinggu_xinwenapp.txt:15:26",
            "r22_07_qinyang_shisiwu_pinggu_xinwenapp.txt:16:22",
            "r22_07_qinyang_shisiwu_pinggu_xinwenapp.txt:17:24",
            "r22_07_qinyang_shisiwu_pinggu_xinwenapp.txt:20:22",
            "r22_07_qinyang_shisiwu_pinggu_xinwenapp.txt:21:30",
            "r22_07_qinyang_shisiwu_pinggu_xinwenapp.txt:1",
            "r22_07_qinyang_shisiwu_pinggu_xinwenapp.txt:3",
            "r22_08_pingchuan_nongye_zongjie_cmsexport.txt:42",
            "r22_09_panshui_zhengxie_diaoyan_wordhtml.txt:3",
            "r22_09_panshui_zhengxie_diaoyan_wordhtml.txt:35",
            "r22_10_songling_zhen_baogao_ebook_trad.txt:1",
            "r22_10_songling_zhen_baogao_ebook_trad.txt:3",
            "r22_10_songling_zhen_baogao_ebook_trad.txt:4",
            "r22_11_yuanling_wenlv_yaodian_email.txt:3",
            "r22_11_yuanling_wenlv_yaodian_email.txt:4",
            "r22_11_yuanling_wenlv_yaodian_email.txt:6",
            "r22_11_yuanling_wenlv_yaodian_email.txt:7",
            "r22_11_yuanling_wenlv_yaodian_email.txt:8",
            "r22_11_yuanling_wenlv_yaodian_email.txt:36",
            "r22_11_yuanling_wenlv_yaodian_email.txt:37",
            "r22_11_yuanling_wenlv_yaodian_email.txt:38",
            "r22_11_yuanling_wenlv_yaodian_email.txt:39",
            "r22_11_yuanling_wenlv_yaodian_email.txt:40",
            "r22_11_yuanling_wenlv_yaodian_email.txt:41",
            "r22_12_caoxi_zhen_diaoyan_libdb.txt:1",
            "r22_12_caoxi_zhen_diaoyan_libdb.txt:4",
            "r22_12_caoxi_zhen_diaoyan_libdb.txt:7",
            "r22_12_caoxi_zhen_diaoyan_libdb.txt:11",
            "r22_12_caoxi_zhen_diaoyan_libdb.txt:12",
            "r22_12_caoxi_zhen_diaoyan_libdb.txt:13",
            "r22_12_caoxi_zhen_diaoyan_libdb.txt:46",
            "r22_12_caoxi_zhen_diaoyan_libdb.txt:47",
            "r22_13_yuxi_xian_baogao_nianjian.txt:1",
            "r22_13_yuxi_xian_baogao_nianjian.txt:4",
            "r22_13_yuxi_xian_baogao_nianjian.txt:29",
            "r22_14_meihu_xiang_shizheng_gcache_trad.txt:1",
            "r22_14_meihu_xiang_shizheng_gcache_trad.txt:4",
            "r22_14_meihu_xiang_shizheng_gcache_trad.txt:7",
            "r22_14_meihu_xiang_shizheng_gcache_trad.txt:49",
            "r22_14_meihu_xiang_shizheng_gcache_trad.txt:50",
            "r22_14_meihu_xiang_shizheng_gcache_trad.txt:51",
            "r22_14_meihu_xiang_shizheng_gcache_trad.txt:54",
            "r22_15_yigongti_fangan_wenku.txt:1",
            "r22_15_yigongti_fangan_wenku.txt:4",
            "r22_15_yigongti_fangan_wenku.txt:6",
            "r22_15_yigongti_fangan_wenku.txt:8",
            "r22_16_longquan_zhen_zhongqi_simpread.txt:9",
            "r22_16_longquan_zhen_zhongqi_simpread.txt:56",
            "r22_16_longquan_zhen_zhongqi_simpread.txt:57",
        ],
    ),
    (
        "tables-15-lists-forms",
        &[],
        &[
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:15:28",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:16:29",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:17:29",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:18:28",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:19:29",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:20:36",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:21:21",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:21:33",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:22:29",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:23:28",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:24:29",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:25:34",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:26:34",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:27:32",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:28:35",
            "r23_01_tongxi_xian_pinyong_gongshi_tsv.txt:29:36",
            "r23_02_qingshi_zhen_yusuan_pdf_viewer.txt:1",
            "r23_03_liyang_xiangcun_xiangmu_qingdan_pipe.txt:21:76",
            "r23_05_zhilan_yiyuan_chengjiao_aggregator.txt:33:10",
            "r23_05_zhilan_yiyuan_chengjiao_aggregator.txt:1",
            "r23_05_zhilan_yiyuan_chengjiao_aggregator.txt:3",
            "r23_05_zhilan_yiyuan_chengjiao_aggregator.txt:4",
            "r23_05_zhilan_yiyuan_chengjiao_aggregator.txt:41",
            "r23_06_yuanling_keji_pingshen_markdown_clip.txt:7",
            "r23_06_yuanling_keji_pingshen_markdown_clip.txt:8",
            "r23_07_hengshan_shipin_choujian_csv.txt:18:23",
            "r23_08_furong_renqian_gongshi_fixedwidth.txt:1",
            "r23_08_furong_renqian_gongshi_fixedwidth.txt:2",
            "r23_10_hefeng_zhengshou_buchang_fixedwidth.txt:12:8",
            "r23_11_xinhua_qu_jinan_jiuzhu_trad_tw.txt:33:30",
            "r23_11_xinhua_qu_jinan_jiuzhu_trad_tw.txt:42",
            "r23_12_songjiang_zhen_juesuan_trad_machine.txt:1",
            "r23_12_songjiang_zhen_juesuan_trad_machine.txt:2",
            "r23_12_songjiang_zhen_juesuan_trad_machine.txt:3",
            "r23_13_nanling_chengjiao_wechat_markdown.txt:26:14",
            "r23_13_nanling_chengjiao_wechat_markdown.txt:27:16",
            "r23_13_nanling_chengjiao_wechat_markdown.txt:30:9",
            "r23_13_nanling_chengjiao_wechat_markdown.txt:30:26",
            "r23_13_nanling_chengjiao_wechat_markdown.txt:36:32",
            "r23_13_nanling_chengjiao_wechat_markdown.txt:1",
            "r23_14_yongxing_canji_butie_opendata_csv.txt:1",
            "r23_14_yongxing_canji_butie_opendata_csv.txt:2",
            "r23_14_yongxing_canji_butie_opendata_csv.txt:3",
            "r23_16_yongshun_weifang_gaizao_pdfparse.txt:49",
            "r23_16_yongshun_weifang_gaizao_pdfparse.txt:92",
        ],
    ),
    (
        "precision-16-decoys-2",
        &[],
        &[
            "r24_03_hecheng_yuqing_huiyi_jiyao.txt:18:26",
            "r24_06_linjiang_tongji_gongbao.txt:1",
            "r24_08_guitang_xuexiao_jiaoyan_zongjie.txt:1",
            "r24_09_shanxi_zhen_guangpan_changyi.txt:11:53",
            "r24_10_yunjiang_renda_jianyi_dafu.txt:5",
            "r24_11_tonglin_qu_jintie_gonggao_trad.txt:7",
            "r24_11_tonglin_qu_jintie_gonggao_trad.txt:32",
            "r24_11_tonglin_qu_jintie_gonggao_trad.txt:33",
            "r24_13_jingning_12345_tongbao_ws.txt:1",
            "r24_13_jingning_12345_tongbao_ws.txt:2",
            "r24_14_yunling_yiwangtongban_hetong.txt:15:18",
            "r24_14_yunling_yiwangtongban_hetong.txt:15:20",
            "r24_14_yunling_yiwangtongban_hetong.txt:3",
            "r24_16_quanfeng_zhengxie_manxingbing_diaoyan.txt:1",
        ],
    ),
    (
        "reports-17-seedlike-7",
        &[],
        &[
            "r25_01_qingtan_xian_zhengfu_baogao_trs.txt:15:38",
            "r25_01_qingtan_xian_zhengfu_baogao_trs.txt:33",
            "r25_02_heyang_zhen_zongjie_silu_dahan.txt:11:65",
            "r25_02_heyang_zhen_zongjie_silu_dahan.txt:20:45",
            "r25_06_chengtan_zhen_wushui_fangan_mobile.txt:4",
            "r25_08_qingxin_jiaoyu_zongjie_print.txt:2",
            "r25_08_qingxin_jiaoyu_zongjie_print.txt:4",
            "r25_09_lunbei_xiang_gongzuo_baogao_trad_tw.txt:46",
            "r25_09_lunbei_xiang_gongzuo_baogao_trad_tw.txt:47",
            "r25_12_shuangqiao_zhen_jiegan_huibao_ws.txt:16:30",
            "r25_13_luonan_shijian_banian_zongjie_ws.txt:1",
            "r25_13_luonan_shijian_banian_zongjie_ws.txt:2",
            "r25_13_luonan_shijian_banian_zongjie_ws.txt:3",
            "r25_13_luonan_shijian_banian_zongjie_ws.txt:58",
            "r25_14_chengguan_zhen_shuze_shulian_jiwei.txt:3",
        ],
    ),
    (
        "masks-18-redacted-decisions",
        &[
            "r26_01_lichuan_shijianju_xingzheng_chufa.txt:5:20",
            "r26_03_jinsha_xinfang_chuli_jina.txt:1:28",
        ],
        &[
            "r26_03_jinsha_xinfang_chuli_jina.txt:9",
            "r26_03_jinsha_xinfang_chuli_jina.txt:10",
            "r26_04_yonghe_xuncha_fankui_weixin.txt:6:82",
            "r26_04_yonghe_xuncha_fankui_weixin.txt:6:103",
            "r26_04_yonghe_xuncha_fankui_weixin.txt:1",
            "r26_06_hecheng_weiji_tongbao_sohu.txt:8:24",
            "r26_06_hecheng_weiji_tongbao_sohu.txt:8:57",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:19:19",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:19:56",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:19:88",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:22:11",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:22:21",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:22:30",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:23:11",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:23:39",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:25:31",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:32:5",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:37:9",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:39:33",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:2",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:4",
            "r26_10_yuanli_shigu_diaocha_wenku.txt:7",
            "r26_11_lishui_ducha_zhenggai_app.txt:13:38",
            "r26_11_lishui_ducha_zhenggai_app.txt:1",
            "r26_11_lishui_ducha_zhenggai_app.txt:4",
            "r26_14_jianan_shipin_choujian_trad_tw.txt:22:84",
            "r26_14_jianan_shipin_choujian_trad_tw.txt:4",
            "r26_14_jianan_shipin_choujian_trad_tw.txt:25",
            "r26_14_jianan_shipin_choujian_trad_tw.txt:26",
            "r26_15_xiangnan_fuyi_jueding_lynx.txt:17:16",
            "r26_15_xiangnan_fuyi_jueding_lynx.txt:33:4",
            "r26_15_xiangnan_fuyi_jueding_lynx.txt:1",
            "r26_16_lijiang_chaiqian_gonggao_toutiao.txt:3",
        ],
    ),
    (
        "extracts-19-ocr-pdf-columns",
        &[],
        &[
            "r27_03_ningchuan_gongbao_shuanglan.txt:1",
            "r27_03_ningchuan_gongbao_shuanglan.txt:47",
            "r27_06_linjiang_yingshang_huibao_ppt.txt:27:20",
            "r27_06_linjiang_yingshang_huibao_ppt.txt:27:34",
            "r27_06_linjiang_yingshang_huibao_ppt.txt:11",
            "r27_06_linjiang_yingshang_huibao_ppt.txt:12",
            "r27_06_linjiang_yingshang_huibao_ppt.txt:20",
            "r27_06_linjiang_yingshang_huibao_ppt.txt:21",
            "r27_06_linjiang_yingshang_huibao_ppt.txt:59",
            "r27_06_linjiang_yingshang_huibao_ppt.txt:60",
            "r27_07_ningxi_yingji_tongzhi_youjian_fujian.txt:1",
            "r27_07_ningxi_yingji_tongzhi_youjian_fujian.txt:2",
            "r27_07_ningxi_yingji_tongzhi_youjian_fujian.txt:4",
            "r27_07_ningxi_yingji_tongzhi_youjian_fujian.txt:5",
            "r27_07_ningxi_yingji_tongzhi_youjian_fujian.txt:6",
            "r27_07_ningxi_yingji_tongzhi_youjian_fujian.txt:15",
            "r27_07_ningxi_yingji_tongzhi_youjian_fujian.txt:16",
            "r27_09_gucheng_zhen_zhengbing_gongshi_jietu.txt:5",
            "r27_09_gucheng_zhen_zhengbing_gongshi_jietu.txt:33",
            "r27_09_gucheng_zhen_zhengbing_gongshi_jietu.txt:34",
            "r27_12_tongxi_kaifaqu_zhaoshang_huanhang_ws.txt:1",
            "r27_13_changqiao_yingji_qingshi_chuanzhen.txt:38:41",
            "r27_16_binjiang_dibao_gongshi_app_jietu.txt:3",
        ],
    ),
    // The round's last out-of-sample set (review 21): documents like the seeds from hosts
    // the earlier sets lack (a 人大 and a 政协 site, a search engine's snapshot, a
    // document-sharing site, an OA export, 网易号, 百家号 and 搜狐号 reposts, 360doc).
    (
        "reports-13-seedlike-5",
        &[],
        &[
            "r21_02_guanjianci_zhen_zongjie_fanwen.txt:1",
            "r21_02_guanjianci_zhen_zongjie_fanwen.txt:5",
            "r21_02_guanjianci_zhen_zongjie_fanwen.txt:35",
            "r21_02_guanjianci_zhen_zongjie_fanwen.txt:36",
            "r21_02_guanjianci_zhen_zongjie_fanwen.txt:37",
            "r21_03_jiedao_zhuren_shuzhi_wenku.txt:8:1",
            "r21_03_jiedao_zhuren_shuzhi_wenku.txt:8:10",
            "r21_03_jiedao_zhuren_shuzhi_wenku.txt:1",
            "r21_03_jiedao_zhuren_shuzhi_wenku.txt:4",
            "r21_04_fengxu_zhen_zongjie_kuaizhao.txt:1",
            "r21_04_fengxu_zhen_zongjie_kuaizhao.txt:2",
            "r21_04_fengxu_zhen_zongjie_kuaizhao.txt:3",
            "r21_04_fengxu_zhen_zongjie_kuaizhao.txt:5",
            "r21_04_fengxu_zhen_zongjie_kuaizhao.txt:6",
            "r21_04_fengxu_zhen_zongjie_kuaizhao.txt:7",
            "r21_04_fengxu_zhen_zongjie_kuaizhao.txt:36",
            "r21_04_fengxu_zhen_zongjie_kuaizhao.txt:37",
            "r21_04_fengxu_zhen_zongjie_kuaizhao.txt:38",
            "r21_05_yunxi_jiaotong_yaodian_oa.txt:2",
            "r21_05_yunxi_jiaotong_yaodian_oa.txt:4",
            "r21_05_yunxi_jiaotong_yaodian_oa.txt:6",
            "r21_05_yunxi_jiaotong_yaodian_oa.txt:7",
            "r21_05_yunxi_jiaotong_yaodian_oa.txt:8",
            "r21_05_yunxi_jiaotong_yaodian_oa.txt:39",
            "r21_05_yunxi_jiaotong_yaodian_oa.txt:40",
            "r21_05_yunxi_jiaotong_yaodian_oa.txt:41",
            "r21_05_yunxi_jiaotong_yaodian_oa.txt:42",
            "r21_05_yunxi_jiaotong_yaodian_oa.txt:43",
            "r21_05_yunxi_jiaotong_yaodian_oa.txt:44",
            "r21_06_yancheng_tongji_gongbao_jiyue.txt:24:13",
            "r21_06_yancheng_tongji_gongbao_jiyue.txt:1",
            "r21_07_nanzhang_wenlv_guihua_trad.txt:21:17",
            "r21_07_nanzhang_wenlv_guihua_trad.txt:21:20",
            "r21_07_nanzhang_wenlv_guihua_trad.txt:35",
            "r21_08_songbai_cun_baogao_trad_machine.txt:6",
            "r21_08_songbai_cun_baogao_trad_machine.txt:7",
            "r21_10_fengting_weijian_zongjie_wangyi.txt:5",
            "r21_10_fengting_weijian_zongjie_wangyi.txt:7",
            "r21_10_fengting_weijian_zongjie_wangyi.txt:30",
            "r21_10_fengting_weijian_zongjie_wangyi.txt:31",
            "r21_10_fengting_weijian_zongjie_wangyi.txt:32",
            "r21_10_fengting_weijian_zongjie_wangyi.txt:33",
            "r21_12_tongwu_xiang_zhenggai_baijia.txt:4",
            "r21_12_tongwu_xiang_zhenggai_baijia.txt:5",
            "r21_13_bailuwan_cun_guihua_shuzi.txt:1",
            "r21_13_bailuwan_cun_guihua_shuzi.txt:42",
            "r21_15_luxi_zhen_shuze_jiwei.txt:3",
            "r21_16_guitang_jiedao_jihua_sohu.txt:3",
        ],
    ),
    // Documents that reached the corpus as PDF, Word, OCR, WeChat, app and print
    // extracts (review 20): page numbers and running headers, Word's markup balloons,
    // extractor stamps, OCR residue, app and viewer chrome.
    (
        "extracts-12-pdf-word-app",
        &[],
        &[
            "r20_04_huaixi_zhen_renju_huanjing_fangan_docx.txt:1",
            "r20_06_yunhe_zhen_bannian_zongjie_weixin.txt:2",
            "r20_07_pingqiao_xian_xuncha_zhenggai_app.txt:5",
            "r20_08_dongling_qu_yibao_tongzhi_zhengwuapp.txt:44",
            "r20_08_dongling_qu_yibao_tongzhi_zhengwuapp.txt:45",
            "r20_11_yushan_xian_nongye_guihua_trad_pdf.txt:51:11",
            "r20_12_songping_zhen_zhenzhang_shuzhi_trad_machine.txt:1",
            "r20_13_hefeng_xiang_2024_gongzuo_jihua_ws.txt:26:31",
            "r20_13_hefeng_xiang_2024_gongzuo_jihua_ws.txt:26:47",
            "r20_14_luwan_shequ_liangwei_jiyao_ws.txt:1",
            "r20_18_shangyuan_zhen_2023_zongjie_pdfjs.txt:5",
            "r20_18_shangyuan_zhen_2023_zongjie_pdfjs.txt:51",
        ],
    ),
    // More documents like the seeds (review 19), from templates invented to differ:
    // Traditional portals, 适老化 toolbars, search boxes and date widgets, sidebar lists,
    // friend-link dropdowns, repost platforms (澎湃, 头条, WeChat, RSS), print captures.
    (
        "reports-11-seedlike-4",
        &[],
        &[
            "r19_02_hexu_jiedao_bannian_pengpai.txt:5",
            "r19_02_hexu_jiedao_bannian_pengpai.txt:36",
            "r19_02_hexu_jiedao_bannian_pengpai.txt:37",
            "r19_03_songgang_xiang_jihua_trad_machine.txt:3",
            "r19_08_linyuan_kaifaqu_guihua_md.txt:47:22",
            "r19_08_linyuan_kaifaqu_guihua_md.txt:47:28",
            "r19_08_linyuan_kaifaqu_guihua_md.txt:47:34",
            "r19_08_linyuan_kaifaqu_guihua_md.txt:48:27",
            "r19_08_linyuan_kaifaqu_guihua_md.txt:48:34",
            "r19_09_fuxi_yibao_bannian_shilaohua.txt:2",
            "r19_10_lanao_renshe_yaodian_rss.txt:37",
            "r19_12_maoping_shichang_zongjie_xuexi.txt:1",
            "r19_12_maoping_shichang_zongjie_xuexi.txt:5",
            "r19_13_shiqiao_xiang_zongjie_asp.txt:2",
            "r19_15_heping_nongye_diaoyan_kw.txt:8",
            "r19_16_yanjiang_shi_zhengfu_gongzuo_baogao.txt:1",
            "r19_16_yanjiang_shi_zhengfu_gongzuo_baogao.txt:2",
            "r19_16_yanjiang_shi_zhengfu_gongzuo_baogao.txt:4",
            "r19_17_donglan_chengguan_huanwei_guihua.txt:32:44",
            "r19_18_xiashi_jiedao_diaoyan_toutiao.txt:4",
            "r19_19_liuxi_zhen_zhenggai_weixin.txt:2",
            "r19_20_qingshi_xian_yusuan_baogao.txt:3",
        ],
    ),
    // An attack on precision (review 18): pages whose bodies talk about chrome (a
    // website's annual report, an inspection of government new media, a press
    // conference's notice with its own 发布时间) and are full of masks' look-alikes, with
    // real chrome and masks too.
    ("precision-10-decoys", &[], &["r18_08_banshi_zhinan.txt:1"]),
    // More documents like the seeds (review 17), each from its own template: Markdown,
    // WeChat, H5, PDF and Word extracts, English chrome, Traditional and sloppily
    // converted text, whitespace noise.
    (
        "reports-9-seedlike-3",
        &[],
        &[
            "r17_02_zhian_jiedao_bannian_weixin.txt:3",
            "r17_02_zhian_jiedao_bannian_weixin.txt:43",
            "r17_05_lichuan_kaifaqu_zhaoshang_fangan_md.txt:21:10",
            "r17_05_lichuan_kaifaqu_zhaoshang_fangan_md.txt:21:35",
            "r17_08_yunshan_weijian_shuzhi_pdf.txt:33:7",
            "r17_09_heyu_dangxiao_diaoyan.txt:1",
            "r17_13_dongkou_xiang_yaodian.txt:1",
            "r17_13_dongkou_xiang_yaodian.txt:40",
            "r17_15_daiyu_wenlv_guihua.txt:44",
            "r17_16_luting_yingji_jihua.txt:10:98",
            "r17_16_luting_yingji_jihua.txt:10:103",
            "r17_18_chawan_gaoxinqu_diaoyan_pdf.txt:6:100",
            "r17_19_tongxu_jiaoyu_zicha_wap.txt:1",
        ],
    ),
    // More documents like the seeds (review 15), from templates invented to differ:
    // banners and agency names over the page, menus one item per line, Markdown-converted
    // chrome and tables, 【】 labels, `×` masks, bare masked cells. Left: a welcome row
    // with `！`, 相关文件 over its links after the signature, a WeChat account's name,
    // names after 周, `**号楼`, `*溪`, `□□商业中心`, and a plate whose province the review
    // invented.
    (
        "reports-8-seedlike-2",
        &[],
        &[
            "r15_06_jinghe_shengtai_guihua_pdf.txt:57:22",
            "r15_08_yunling_shuzhi.txt:7:3",
            "r15_11_heyang_zicha_trad.txt:12:143",
            "r15_13_changshu_shuju_bannian.txt:40",
            "r15_13_changshu_shuju_bannian.txt:41",
            "r15_13_changshu_shuju_bannian.txt:42",
            "r15_15_jinxiu_shequ.txt:1",
            "r15_20_guihu_jiedao_yaodian.txt:10:53",
        ],
    ),
    // Documents like the seeds (review 13): work reports, summaries, 工作要点, 十四五 plans,
    // 实施方案, a 述职报告, each scraped from its own CMS template (Traditional and
    // whitespace-noisy ones too). Nothing left.
    ("reports-7-seedlike", &[], &[]),
    // More genres and templates (预警, 任免, 法院公告 on a mobile page, 学区, 不动产登记,
    // 三资 from Word, 抽检, 中标候选人, Traditional 征兵 and 政协 lists, Markdown). Left:
    // masks inside a project code, a line of two masked names
    // alone, and chrome the data has no anchor for (a long
    // Markdown link item, a contact footer, a probe's Markdown menu).
    (
        "genres-3-mobile",
        &[],
        &[
            "f04_jy_school_district.txt:9:40",
            "f12_ggzy_bid_candidates.txt:5:6",
            "f12_ggzy_bid_candidates.txt:5:16",
            "f13_trad_cppcc_member_list.txt:20:1",
            "f13_trad_cppcc_member_list.txt:20:5",
            "f15_md_pension_adjustment.txt:28",
            "p02_boilerplate_probes.txt:24",
        ],
    ),
    // Many CMS templates (禁火令, 红黑榜, 危房改造, 育儿补贴 解读, 拍卖, 依申请公开,
    // 双随机), WeChat and app reposts, Taiwan and 繁體 pages, a PDF extract. Left: masks
    // in a VIN, a short local phone, after a byline label (周*), with the letter O, in an
    // e-mail domain, a third joined part, a legend's variable (a false hit), and menus
    // without a home, contact footers without a site mark, app lines with sentences (a
    // disclaimer is found next to other chrome).
    (
        "genres-6-cms-variety",
        &["p01_placeholder_probes.txt:36:17"],
        &[
            "m05_ga_confiscated_vehicle_auction.txt:9:34",
            "m09_app_consumption_voucher_news.txt:1",
            "m09_app_consumption_voucher_news.txt:6",
            "m09_app_consumption_voucher_news.txt:17",
            "m10_trad_tw_streetlight_repair.txt:11:38",
            "m10_trad_tw_streetlight_repair.txt:14:26",
            "m10_trad_tw_streetlight_repair.txt:18:38",
            "m10_trad_tw_streetlight_repair.txt:1",
            "m10_trad_tw_streetlight_repair.txt:19",
            "m11_trad_fj_overseas_chinese_visit.txt:20:29",
            "p01_placeholder_probes.txt:3:5",
            "p01_placeholder_probes.txt:28:8",
            "p01_placeholder_probes.txt:29:6",
            "p01_placeholder_probes.txt:29:13",
            "p01_placeholder_probes.txt:29:17",
            "p01_placeholder_probes.txt:31:18",
            "p01_placeholder_probes.txt:38:6",
            "p01_placeholder_probes.txt:39:14",
            "p02_boilerplate_probes.txt:12",
            "p02_boilerplate_probes.txt:30",
        ],
    ),
    // 微博, short-video, 学习强国 and 融媒 app reposts, 采购意向, 审批结果, 定点机构 and
    // 收费目录 tables, 换届, 招标, 纪要, 优待证, 约谈, 面试成绩, 政务服务网, an English
    // 开发区 page, a Macau page. Left: masks in English text and at the end of long
    // digit strings, a variable explained after a formula (a false hit), names after
    // surnames that end common words (周), and chrome with only a column name or links the
    // data does not know to go by.
    (
        "genres-5-social-en",
        &["p01_placeholder_probes.txt:25:17"],
        &[
            "k02_zj_construction_permit_result.txt:7:21",
            "k02_zj_construction_permit_result.txt:23:35",
            "k03_yb_designated_institutions.txt:8:38",
            "k03_yb_designated_institutions.txt:10:61",
            "k03_yb_designated_institutions.txt:14:39",
            "k03_yb_designated_institutions.txt:16:42",
            "k05_dj_branch_election_app.txt:4",
            "k06_jy_canteen_tender_school.txt:18:16",
            "k08_tyjr_preferential_card_list.txt:8:12",
            "k09_aq_safety_interview_xxqg.txt:2:1",
            "k09_aq_safety_interview_xxqg.txt:19:4",
            "k09_aq_safety_interview_xxqg.txt:20:4",
            "k09_aq_safety_interview_xxqg.txt:2",
            "k10_rc_talent_interview_scores.txt:8:13",
            "k11_xmt_new_media_check.txt:21:34",
            "k13_dy_intangible_heritage_video.txt:1",
            "k15_en_devzone_investment_news.txt:4:1",
            "k15_en_devzone_investment_news.txt:5:9",
            "k15_en_devzone_investment_news.txt:6:17",
            "k15_en_devzone_investment_news.txt:6:65",
            "k15_en_devzone_investment_news.txt:7:34",
            "k15_en_devzone_investment_news.txt:7:148",
            "k15_en_devzone_investment_news.txt:9:5",
            "k15_en_devzone_investment_news.txt:9:196",
            "k15_en_devzone_investment_news.txt:10:5",
            "k15_en_devzone_investment_news.txt:10:29",
            "k15_en_devzone_investment_news.txt:10:154",
            "k15_en_devzone_investment_news.txt:10:165",
            "k15_en_devzone_investment_news.txt:11:53",
            "k15_en_devzone_investment_news.txt:12:34",
            "k15_en_devzone_investment_news.txt:13:14",
            "k15_en_devzone_investment_news.txt:13:18",
            "k15_en_devzone_investment_news.txt:13:29",
            "k15_en_devzone_investment_news.txt:17:1",
            "k15_en_devzone_investment_news.txt:19:18",
            "k16_trad_macau_food_safety.txt:13:51",
            "p01_placeholder_probes.txt:1:9",
            "p01_placeholder_probes.txt:1:11",
            "p01_placeholder_probes.txt:30:9",
            "p01_placeholder_probes.txt:31:1",
            "p01_placeholder_probes.txt:33:8",
            "p02_boilerplate_probes.txt:1",
        ],
    ),
    // News-app articles, 信箱 replies, 处罚决定书, pass and blacklist lists, 决算, a print
    // version, a form, OCR'd text, a bilingual page, Taiwan and Hong Kong pages. Left:
    // masks in OCR'd text spaced throughout and in English text, two-mask runs at a
    // number's end, and chrome needing sentences (a comment notice),
    // contact rows in a footer, a `中文 | English` bar and probe lines amid body text.
    (
        "genres-4-apps-tw-hk",
        &[],
        &[
            "g12_ocr_demolition_notice.txt:4:1",
            "g12_ocr_demolition_notice.txt:12:8",
            "g12_ocr_demolition_notice.txt:17:7",
            "g12_ocr_demolition_notice.txt:21:8",
            "g12_ocr_demolition_notice.txt:21:24",
            "g13_bilingual_friendship_award.txt:5:36",
            "g13_bilingual_friendship_award.txt:8:119",
            "g13_bilingual_friendship_award.txt:10:134",
            "g13_bilingual_friendship_award.txt:16:52",
            "g13_bilingual_friendship_award.txt:16:61",
            "g13_bilingual_friendship_award.txt:16:86",
            "g13_bilingual_friendship_award.txt:16:135",
            "g13_bilingual_friendship_award.txt:20:1",
            "g13_bilingual_friendship_award.txt:27:18",
            "g13_bilingual_friendship_award.txt:1",
            "g13_bilingual_friendship_award.txt:3",
            "g14_trad_tw_township_citation.txt:12:73",
            "g14_trad_tw_township_citation.txt:23",
            "g15_trad_hk_owners_corp_notice.txt:14:43",
            "p01_placeholder_probes.txt:24:6",
            "p01_placeholder_probes.txt:24:20",
            "p01_placeholder_probes.txt:24:27",
            "p01_placeholder_probes.txt:31:4",
            "p02_boilerplate_probes.txt:30",
        ],
    ),
    // WeChat reposts, PDF/Word extracts, 信息公开 blocks, mask shapes and decoys. Left:
    // mask symbols outside the data (✕✕, ×× strict singles), an
    // index number, a plate typo and a project code; the first copy of a running header
    // (the page's title too) and a first-line account name; a `2 / 12` page number; two probe decoys (an axis letter, a lone ×).
    (
        "wechat-pdf-xxgk",
        &["q03_decoy_probes.txt:11:5", "q03_decoy_probes.txt:13:10"],
        &[
            "h02_sx_pdf_work_report.txt:1",
            "q01_mask_shape_probes.txt:4:1",
            "q01_mask_shape_probes.txt:4:4",
            "q01_mask_shape_probes.txt:4:15",
            "w02_sd_wechat_health.txt:1",
            "w03_ah_pdf_gazette.txt:1",
            "w04_gd_word_minutes.txt:1",
            "w05_hb_xxgk_vertical.txt:3:1",
            "w08_zj_penalty_plates.txt:16:31",
            "w10_jx_times_procurement.txt:7:16",
        ],
    ),
    // New genres (答复函, 整改通报, 公示, 年报 tables, 发布会实录, 政策解读, CMS templates).
    // Left: a name glued to an ID number, a comment notice and a footer line amid a probe.
    (
        "genres-1",
        &[],
        &[
            "d14_zs_expropriation_compensation.txt:14:33",
            "p02_boilerplate_probes.txt:41",
        ],
    ),
    // More genres (救助公示, 河长制, 办事指南, 招聘, Markdown-converted and Traditional
    // pages). Left: lone X cells in a table of words, an e-mail name
    // masked with ×××, a masked e-mail domain and a running header beside one page
    // number.
    (
        "genres-2-markdown",
        &[],
        &[
            "e05_dj_party_brief_pdf.txt:22",
            "e08_trad_hospital_recruitment.txt:7:10",
            "e08_trad_hospital_recruitment.txt:8:14",
            "e08_trad_hospital_recruitment.txt:9:10",
            "e08_trad_hospital_recruitment.txt:11:11",
            "e09_aqsc_inspection_bulletin.txt:16:84",
            "p01_placeholder_probes.txt:16:13",
        ],
    ),
];

#[test]
fn review_sets_give_only_their_known_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reviews");
    let mut report = String::new();
    for (set, known_false, known_misses) in REVIEWS {
        let (false_hits, misses, labels) = score(&root.join(set));
        assert!(labels > 200, "{set}: {labels} labels");
        let false_hits: Vec<&str> = false_hits.iter().map(String::as_str).collect();
        if false_hits != *known_false || misses != *known_misses {
            report.push_str(&format!(
                "{set}:\n  false hits {false_hits:?}\n  misses {misses:?}\n"
            ));
        }
    }
    assert!(report.is_empty(), "{report}");
}

/// `file:line:column` of the findings the look-alike documents may give, each debatable:
/// `第XX届` (a masked number, or a Roman 20), an upper-case `X名` in a word problem,
/// `**王**庄` (bold, or a masked name), a how-to's `操作路径：首页 > 政务公开 > 通知公告`, a
/// format spec's sample metadata row, a colophon's `版权所有 翻印必究`, an anthology's
/// `责任编辑：`.
const LOOKALIKE_HITS: &[&str] = &[
    "04_contacts.txt:1:2",
    "04_contacts.txt:3:2",
    "11_algebra.txt:19:11",
    "11_algebra.txt:19:33",
    "12_markdown_bold.txt:17:37",
    "12_markdown_bold.txt:17:44",
    "13_website_governance.txt:15:1",
    "14_doc_format_spec.txt:14:1",
    "14_doc_format_spec.txt:16:1",
    "16_anthology.txt:19:1",
];

#[test]
fn look_alikes_give_only_the_known_debatable_findings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/lookalikes");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 16);
    let mut hits = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for f in zhclean::clean_text(&text, &Config::default()).findings {
            if matches!(f.rule, Rule::Placeholder | Rule::Boilerplate) {
                hits.push(format!("{name}:{}:{}", f.span.line, f.span.column));
            }
        }
    }
    assert_eq!(hits, LOOKALIKE_HITS);
}
