//! End-to-end tests of the placeholder and boilerplate detectors through `clean_text`.

use zhclean::config::Config;
use zhclean::report::{Finding, Rule};

fn findings(text: &str, rule: Rule) -> Vec<Finding> {
    zhclean::clean_text(text, &Config::default())
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// (text, kind, line) of each placeholder finding.
fn placeholders(text: &str) -> Vec<(String, String, usize)> {
    findings(text, Rule::Placeholder)
        .into_iter()
        .map(|f| (f.text.to_string(), f.kind.into_owned(), f.span.line))
        .collect()
}

/// The texts of the placeholders on 1-based line `line` of `got`.
fn texts_on(got: &[(String, String, usize)], line: usize) -> Vec<&str> {
    got.iter()
        .filter(|g| g.2 == line)
        .map(|g| g.0.as_str())
        .collect()
}

/// 1-based lines flagged as boilerplate, with their kinds.
fn boilerplate(text: &str) -> Vec<(usize, String)> {
    findings(text, Rule::Boilerplate)
        .into_iter()
        .map(|f| (f.span.line, f.kind.into_owned()))
        .collect()
}

/// A document with `line` as its third line, between body paragraphs and at least five
/// lines from the end: no edge of the file lends it evidence (tokens count near the edges,
/// long footer marks among the last five lines).
fn amid_body(line: &str) -> String {
    format!("关于开展安全检查的通知\n{BODY}\n{line}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n")
}

/// Asserts that each of `own`, a body's sentence, stays when it stands amid the body.
fn body_keeps(own: &[&str]) {
    for own in own {
        assert!(boilerplate_lines(&amid_body(own)).is_empty(), "{own}");
    }
}

fn boilerplate_lines(text: &str) -> Vec<usize> {
    boilerplate(text).into_iter().map(|(l, _)| l).collect()
}

/// Asserts that `text` gives no boilerplate finding.
fn assert_no_chrome(text: &str) {
    assert!(
        boilerplate_lines(text).is_empty(),
        "{:?}",
        boilerplate(text)
    );
}

/// The placeholders of `line` as the second line of a document, under a body paragraph
/// with no mask in it (no evidence from elsewhere in the document).
fn after_body(line: &str) -> Vec<(String, String, usize)> {
    placeholders(&format!("{BODY}\n{line}\n"))
}

// ---------------------------------------------------------------------------------------
// Placeholders: positives
// ---------------------------------------------------------------------------------------

/// Each shape on its own line; expected masked spans and kinds, in order.
#[test]
fn every_positive_shape_hits_with_its_span_and_kind() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("今年X镇全力推进乡村振兴。", &[("X", "name")]),
        ("走访慰问X名困难党员。", &[("X", "number")]),
        ("党组织覆盖率达X%。", &[("X", "number")]),
        ("X月X日召开调度会。", &[("X", "number"), ("X", "number")]),
        ("养牛场存栏量X-X头。", &[("X", "number"), ("X", "number")]),
        ("垃圾场XM范围内清零项目。", &[("X", "number")]),
        ("加快古镇XA景区的申报。", &[("X", "number")]),
        ("*镇位于县城西南部。", &[("*", "name")]),
        ("主洞总进尺*米。", &[("*", "number")]),
        ("已做好下水库至S*衔接道路。", &[("*", "code")]),
        ("亩产可达*-*千斤。", &[("*", "number"), ("*", "number")]),
        ("实现日处理*m*污水。", &[("*", "number"), ("*", "number")]),
        ("发放慰问资金XXX元。", &[("XXX", "number")]),
        ("xx镇召开会议。", &[("xx", "name")]),
        ("增长率为x.x%。", &[("x", "number"), ("x", "number")]),
        ("全市共有X处景点。", &[("X", "number")]),
        ("由X科长负责联系。", &[("X", "name")]),
        // Digits of an identifier hidden for privacy.
        ("联系电话137****8587。", &[("****", "privacy-mask")]),
        (
            "身份证号4301**********1234。",
            &[("**********", "privacy-mask")],
        ),
        (
            "统一社会信用代码91330110MA2H****5K。",
            &[("****", "privacy-mask")],
        ),
        ("档案编号3301000XXXXX。", &[("XXXXX", "privacy-mask")]),
        ("银行卡尾号****1234。", &[("****", "privacy-mask")]),
        ("举报电话0571-8xxxxxxx。", &[("xxxxxxx", "privacy-mask")]),
        (
            "身份证号430XXXXXXXXXXXXXXX。",
            &[("XXXXXXXXXXXXXXX", "privacy-mask")],
        ),
        // Masked with X at both ends of an ID number, or among a credit code's letters.
        (
            "身份证号码：XXXXXX19850612XXXX。",
            &[("XXXXXX", "privacy-mask"), ("XXXX", "privacy-mask")],
        ),
        (
            "统一社会信用代码：91330XXXXXXXXXX7T。",
            &[("XXXXXXXXXX", "privacy-mask")],
        ),
        ("拆迁X－X月完成。", &[("X", "number"), ("X", "number")]),
        ("□□□□有限公司承建。", &[("□□□□", "name")]),
        // One strict symbol after a surname that opens a cell or word is a name's character.
        ("1\t王〇军\t男\t1998.12", &[("〇", "name")]),
        ("5\t欧阳〇\t男", &[("〇", "name")]),
        // A local number after a phone's label, too short to be an identifier alone.
        ("联系电话：8XXXXXX。", &[("XXXXXX", "privacy-mask")]),
        // A phone with more masks than digits.
        (
            "联系电话：13X-XXXX-XXXX",
            &[("XXXX", "privacy-mask"), ("XXXX", "privacy-mask")],
        ),
        // A one-character place before a colon is masked, not a form's mark.
        ("*镇：完成投资*万元。", &[("*", "name"), ("*", "number")]),
        (
            "X镇走访X名群众，设立举报电话：XXXXXXX。",
            &[("X", "name"), ("X", "number"), ("XXXXXXX", "number")],
        ),
        ("20xx年工作总结。", &[("xx", "number")]),
        ("202x年工作计划。", &[("x", "number")]),
        ("Ｘ县召开会议。", &[("Ｘ", "name")]),
        ("共有＊个村。", &[("＊", "number")]),
        ("××县人民政府。", &[("××", "name")]),
        (
            "○○镇粮食总产达到○○吨。",
            &[("○○", "name"), ("○○", "number")],
        ),
        ("与***公司签订协议。", &[("***", "name")]),
        ("敷设污水管网*km。", &[("*", "number")]),
        ("X书记、X镇长带队。", &[("X", "name"), ("X", "name")]),
        // A masked given name after a surname, with no other mask in the document.
        (
            "会议由李××主持，孙**、刘*参加。",
            &[("××", "name"), ("**", "name"), ("*", "name")],
        ),
        ("村民陳X反映情況。", &[("X", "name")]),
        (
            "回顾一年的工作,关键词2取得了一定成绩。",
            &[("关键词2", "keyword-token")],
        ),
        // Traditional text: context words are compared after conversion.
        (
            "X鎮黨委政府召開會議，共X個村。",
            &[("X", "name"), ("X", "number")],
        ),
        (
            "回顧一年的工作,关键词2取得了一定成績。",
            &[("关键词2", "keyword-token")],
        ),
    ];
    for (text, want) in cases {
        let got = placeholders(text);
        let want: Vec<(String, String, usize)> = want
            .iter()
            .map(|(t, k)| (t.to_string(), k.to_string(), 1))
            .collect();
        assert_eq!(got, want, "in {text:?}");
    }
}

#[test]
fn spans_cover_the_masking_symbols_only() {
    let text = "一行\r\n今年\u{a0}X月X日，X镇共X名。\n";
    let f = findings(text, Rule::Placeholder);
    assert_eq!(f.len(), 4);
    for x in &f {
        assert_eq!(&text[x.span.byte_start..x.span.byte_end], "X");
        assert_eq!(x.span.line, 2);
    }
    assert_eq!(f[0].span.column, 4);
    assert!(f[0].message.contains('月'), "{}", f[0].message);
}

#[test]
fn masks_with_no_clear_context_count_when_the_document_masks_elsewhere() {
    let weak = "按照X“一二三四”工作目标，推动X经济快速发展。";
    assert!(placeholders(weak).is_empty(), "no evidence in the document");
    let doc = format!("X镇共走访X名党员。\n{weak}\n");
    let got = placeholders(&doc);
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got[2..]
        .iter()
        .all(|(t, k, l)| t == "X" && k == "name" && *l == 2));
    // Evidence is per symbol family: X masks say nothing about asterisks.
    let other = "X镇共走访X名党员。\n紧咬市委“*”工作目标。\n";
    assert_eq!(placeholders(other).len(), 2);
}

#[test]
fn masked_names_in_a_list_masked_phone_and_mail_and_withheld_words() {
    // `王**、李**`: the pairs of asterisks are masked given names, not Markdown bold (a pair
    // followed by `、` opens nothing after a Han character).
    let got = placeholders("获奖名单：王**、李**、陈*华。\n");
    let texts: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["**", "**", "*"], "{got:?}");
    assert!(got.iter().all(|(_, k, _)| k == "name"));
    // Two masked names mid-sentence, each right after a surname, do not pair as bold.
    let got = placeholders("居民刘**老人突发疾病，网格员赵**通过智能设备预警。\n");
    let texts: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["**", "**"], "{got:?}");
    // Bold still pairs, also around an outline number and inside quotes.
    for bold in [
        "**重点任务**和**（一）总体要求**。",
        "强调“**三个务必**”。",
        "由张**书记**牵头。",
    ] {
        assert!(placeholders(bold).is_empty(), "{bold}");
    }
    // Four or more `×` amid the digits of a phone number; two are arithmetic.
    let got = placeholders("联系电话：0539-×××××××\n");
    assert_eq!(got, [("×××××××".into(), "privacy-mask".into(), 1)]);
    assert!(placeholders("计算2××3的值。").is_empty());
    // One `×` after a Han character and before a count is no times sign; a business's
    // name is masked before its trade and suffix.
    let got = placeholders("新建幼儿园×所，培训教师×人次；检查×××化工有限公司和××物流公司。\n");
    let texts: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["×", "×", "×××", "××"], "{got:?}");
    for not in ["面积按2×3米计算。", "长×宽×高", "申请人类型：□个人 □企业"]
    {
        assert!(placeholders(not).is_empty(), "{not}");
    }
    // A mask alone in a Markdown table's cell, in a row of figures, in a document that
    // masks elsewhere; without other masks it is the table's own mark.
    let table =
        "全镇共X个村参加评比，X户受益。\n| 年份 | 村数 | 户数 |\n| --- | --- | --- |\n| 2023 | X | X |\n";
    let got = placeholders(table);
    assert_eq!(got.iter().filter(|g| g.2 == 4).count(), 2, "{got:?}");
    let own = "| 年份 | 达标 | 户数 |\n| --- | --- | --- |\n| 2023 | X | 120 |\n";
    assert!(placeholders(own).is_empty());
    // Padded by a scraped `&nbsp;` on each side, a mask reads as if unpadded.
    let got = placeholders("新增血液净化等专科\u{a0}X\u{a0}个，培训 XX 名医生。\n");
    let texts: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["X", "XX"], "{got:?}");
    // Two masks end a long number; after a short one or a code's letters they are no
    // identifier's (a power, a model's size).
    let got = placeholders("证书编号：2024061200XX，订单号2024061200**。\n");
    let texts: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["XX", "**"], "{got:?}");
    assert!(got.iter().all(|(_, k, _)| k == "privacy-mask"));
    for not in [
        "取2**10为上限。",
        "型号A12345678XX已停产。",
        "实现营业收入23561284**万元。",
    ] {
        assert!(placeholders(not).is_empty(), "{not}");
    }
    // The masked name of an e-mail address, and not its own first letter.
    let got = placeholders("邮箱x***@163.com，电话138****6688。\n");
    let texts: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["***", "****"], "{got:?}");
    // □ for withheld words, as ○.
    let got = placeholders("邀请□□镇纪委全程监督。\n");
    assert_eq!(got, [("□□".into(), "name".into(), 1)]);
    assert!(placeholders("是否同意：□是 □否\n").is_empty(), "checkboxes");
}

#[test]
fn markdown_bold_before_a_unit_or_suffix_stays_bold() {
    for bold in [
        "全县共有**12个**乡镇。",
        "累计投入资金**3200万**元。",
        "全年粮食播种面积**52.3万**亩。",
        "创建**省级文明**村5个。",
        "**（一）**镇级工作",
        "**一、**县委书记讲话",
    ] {
        assert!(placeholders(bold).is_empty(), "{bold}");
    }
    // A unit between two masks, as a word of its own, is no bold text.
    let got = placeholders("会议应到**人，实到**人。\n");
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|(t, k, _)| t == "**" && k == "number"));
}

#[test]
fn a_lower_case_x_in_algebra_is_an_unknown() {
    for text in [
        "设该班有x名学生，由题意得 3x+20=4x−25。",
        "一段公路长x米，求x。",
        "若有x个苹果，分给y名同学。",
    ] {
        assert!(placeholders(text).is_empty(), "{text}");
    }
    // Beside an equation, a run of x's is still a mask (an unknown is one letter).
    let doc = "解方程 x²+2x−3=0。\n地址：xx路xx号，邮编：310xxx。\n";
    assert_eq!(placeholders(doc).len(), 3, "{:?}", placeholders(doc));
    // Without algebra, a lower-case x before a unit is a mask.
    assert_eq!(placeholders("全镇共有x名党员。").len(), 1);
    assert_eq!(placeholders("邮箱y@163.com，全镇共有x名党员。").len(), 1);
}

#[test]
fn a_lone_asterisk_opening_a_line_is_a_footnote_mark() {
    let doc = "*镇共走访*名党员。\n注：带*号的指标为预期性指标。\n*数据来源：*县统计年鉴。\n";
    let got = placeholders(doc);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.iter().all(|(_, k, _)| k == "name" || k == "number"));
    assert_eq!(got[2].2, 3, "the second asterisk of line 3 (*县) only");
}

#[test]
fn masked_decimals_and_amounts_are_not_bold_text() {
    // The decimals of `****.**` are masks joined to the integer part; no pair of them
    // makes the text between bold, nor does `万元` between two masks.
    let line = "收入预算合计****.**万元，其中拨款收入****.**万元，比上年增加**.**万元。\n";
    let got = placeholders(line);
    let texts: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["****", "**", "****", "**", "**", "**"], "{got:?}");
    let line = "采购预算***万元，其中货物类**万元、工程类***万元、服务类**万元。\n";
    assert_eq!(placeholders(line).len(), 4);
    // Bold never spans a table's cells.
    let row = "**村道路硬化项目\t群众满意度\t≥**%\n";
    assert_eq!(placeholders(row).len(), 2);
}

#[test]
fn masks_alone_in_table_cells_and_name_lists() {
    let doc = "*镇共走访*名党员，**村新建*个站点。\n科目\t2023年\t2022年\n教育支出\t**\t***\n";
    let got = placeholders(doc);
    let line3 = texts_on(&got, 3);
    assert_eq!(line3, ["**", "***"], "{got:?}");
    // Masked names between spaces (full-width too), after another masked name.
    let doc = "XX区人民政府召开会议，XX街道XXX同志参加。\n出席：XXX　XXX　XXX\n编辑 | XXX\n";
    let got = placeholders(doc);
    assert_eq!(texts_on(&got, 2).len(), 3, "{got:?}");
    assert_eq!(texts_on(&got, 3).len(), 1, "{got:?}");
    // Not: a lone symbol between spaces (a bullet, a times sign), a separator line, a
    // model name after a Latin word, or a line with no Chinese.
    for line in [
        "* 加强组织领导",
        "***",
        "＊＊＊＊",
        "华为 Mate XX 系列",
        "Size: XX XL",
    ] {
        let doc = format!("*镇共走访*名党员，XX镇X名干部参加。\n{line}\n");
        assert!(placeholders(&doc).iter().all(|g| g.2 == 1), "{line}");
    }
    // Without clear masks elsewhere a cell says nothing.
    assert!(placeholders("教育支出\t**\t***\n").is_empty());
}

#[test]
fn plates_stake_numbers_and_postal_codes_with_hidden_characters() {
    let got = placeholders(
        "驾驶浙F****6小型轿车，挂车苏E·****8，车牌京A·D***9。\n\
         XX线（KX+XXX至K12+X00）路面改造。\n\
         联系地址：XX路1号，邮编：415XXX。\n",
    );
    let kinds: Vec<(&str, &str, usize)> = got
        .iter()
        .map(|(t, k, l)| (t.as_str(), k.as_str(), *l))
        .collect();
    assert_eq!(
        kinds,
        [
            ("****", "privacy-mask", 1),
            ("****", "privacy-mask", 1),
            ("***", "privacy-mask", 1),
            ("XX", "name", 2),
            ("X", "number", 2),
            ("XXX", "number", 2),
            ("X", "number", 2),
            ("XX", "name", 3),
            ("XXX", "privacy-mask", 3),
        ]
    );
    // Not: a formula's plus, a road's number, a plate-like code with no province.
    for text in ["实施1+X证书制度。", "沿G60国道（K1+200处）", "编号AB·X***9"] {
        let doc = format!("X镇共X名党员。\n{text}\n");
        assert!(placeholders(&doc).iter().all(|g| g.2 == 1), "{text}");
    }
}

#[test]
fn model_codes_a_plate_letter_and_keyword_counts_are_no_masks() {
    let doc = "XX镇共X名党员，XX村X户。\n\
               配备报警仪（X-5000型）和XG-200型叉车，执法车浙A·X0365。\n\
               每篇文章提炼关键词3～5个，关键词2个以上。\n";
    let got = placeholders(doc);
    assert!(got.iter().all(|g| g.2 == 1), "{got:?}");
    // A masked range and a masked plate still are.
    let doc = "XX镇共X-X名党员，车牌浙AXX365。\n";
    assert_eq!(placeholders(doc).len(), 4);
}

#[test]
fn asterisk_pairs_in_a_document_that_masks_with_asterisks_are_masks() {
    // Without other Markdown, a document whose asterisks mask in clear context (`*组`,
    // `***号`) does not write bold: `**区**路` and `**县…**县` are masks.
    let doc = "*组至**组机耕道已于9月**日通过验收。\n\
               地址：**区**路***号**大厦**楼\n\
               主办：**县人民政府办公室　技术支持：**县大数据中心\n";
    let got = placeholders(doc);
    assert_eq!(texts_on(&got, 1).len(), 3, "{got:?}");
    assert_eq!(texts_on(&got, 2).len(), 5, "{got:?}");
    assert_eq!(texts_on(&got, 3).len(), 2, "{got:?}");
    // A pair opening a line stays bold; with a Markdown heading every pair does.
    let doc = "**特别提醒**：请于*月*日前报送，共*个村。\n";
    assert_eq!(placeholders(doc).len(), 3);
    let doc = "## 工作总结\n主办：**县人民政府办公室　技术支持：**县大数据中心\n共*个村*名党员。\n";
    assert_eq!(placeholders(doc).len(), 2);
}

#[test]
fn thousands_of_masks_are_one_figure() {
    let doc = "本镇共有车辆*辆，**村新建*个站点。\n注：带*的为已核验对象。\n\
               发放金额¥*,***元，其中\t*,***\t社会化发放\n名单：X,Y两村。\n";
    let got = placeholders(doc);
    // (A figure with nothing after it is flagged by its first part.)
    assert_eq!(texts_on(&got, 3), ["*", "***", "*"], "{got:?}");
    assert!(texts_on(&got, 4).is_empty(), "{got:?}");
}

#[test]
fn a_lone_mask_in_a_row_of_figures_is_a_masked_figure() {
    let doc = "本年新收申请X件，办结XX件。\n申请数量\tX\t0\t0\t0\tX\n";
    let got = placeholders(doc);
    assert_eq!(
        got.iter()
            .filter(|g| g.2 == 2)
            .map(|g| g.1.as_str())
            .collect::<Vec<_>>(),
        ["number", "number"],
        "{got:?}"
    );
    // Not in a row of words, nor as a bullet.
    let doc = "本年新收申请X件，办结XX件。\n事项\tX\t说明\n* 加强领导\n";
    assert!(placeholders(doc).iter().all(|g| g.2 == 1));
}

#[test]
fn a_document_that_explains_its_asterisk_marks_keeps_lone_ones_at_word_edges() {
    let doc = "本镇共有车辆*辆，**村新建*个站点。\n\
               213\t农林水支出*\t****.**\n\
               注：带“*”的科目含结转资金，*数据为年初预算数。\n\
               具备核酸日检测能力*管。\n";
    let got = placeholders(doc);
    assert!(got.iter().all(|g| g.2 != 3), "the explained marks: {got:?}");
    let line2 = texts_on(&got, 2);
    assert_eq!(
        line2,
        ["****"],
        "the figure, judged by its integer part: {got:?}"
    );
    assert_eq!(texts_on(&got, 4).len(), 1, "between Han: a mask");
    // Without the explanation, a lone asterisk at a word's edge is a weak mask.
    let doc = "本镇共有车辆*辆，**村新建*个站点。\n213\t农林水支出*\t****.**\n";
    let got = placeholders(doc);
    let line2 = texts_on(&got, 2);
    assert_eq!(line2, ["*", "****"], "{got:?}");
    // After a surname opening a cell it is a masked given name, not the mark.
    let doc = "本镇共有车辆*辆，**村新建*个站点。\n注：带*的为已核验对象。\n3\t周*\t二级*\t120\n4\t欧阳*\t一级\t200\n";
    let got = placeholders(doc);
    assert_eq!(texts_on(&got, 3), ["*"], "{got:?}");
    assert_eq!(texts_on(&got, 4), ["*"], "{got:?}");
    // A lone one alone in a cell of figures is still a masked figure.
    let doc = "本镇共有车辆*辆，**村新建*个站点。\n注：带*的为已核验对象。\n3\tT40\t*\t8,500\n";
    assert_eq!(placeholders(doc).iter().filter(|g| g.2 == 3).count(), 1);
}

#[test]
fn a_lone_times_sign_needs_document_evidence() {
    assert!(placeholders("×镇召开会议。").is_empty());
    let doc = "××县××乡召开会议。\n×镇参加。\n";
    assert_eq!(placeholders(doc).len(), 3);
}

// ---------------------------------------------------------------------------------------
// Placeholders: look-alikes
// ---------------------------------------------------------------------------------------

const LOOKALIKES: &[&str] = &[
    "构建“1+N+X”工作体系。",
    "型号为415X的设备。",
    // A numeral's zero after a word that ends in a surname's character.
    "于二〇二四年统一制发，共一〇八人。",
    // A form's required-field mark, and a product in a formula.
    "*家庭住址：________乡（镇）________村",
    "计算公式：补贴金额＝人数*标准*月数。",
    "申请人\t*联系电话：\t",
    // Letters and digits of model and index codes: X among other letters is the letter.
    "显卡型号RTX3080，服装尺码XXL。",
    "索引号MB1234567X，批号LX240315。",
    "推行双尖双领+X模式。",
    "推进1+X证书制度试点。",
    "配备X射线安检机。",
    "开展X光检查。",
    "X射線檢查。",
    "铺设4×4米的地砖。",
    "提供7×24小时服务。",
    "实施“数据要素×”三年行动。",
    "计算公式为实际数/目标数×100%。",
    "二〇二六年工作计划。",
    "一九九○年建成。",
    "二○二三年工作总结，二○○八年扩建。",
    "○ 项目一",
    "● 已完成 ○ 未完成",
    "某些地方，某一类问题。",
    "根据有关规定［1］执行。",
    "PM2.5浓度下降。",
    "建成5G基站。",
    "支持IPv6访问。",
    "森林蓄积67.4万m³。",
    "**重点工作**取得成效。",
    "■ 已完成 √ 未完成",
    "原文存在编码损坏?的字符。",
    "计算10**6次。",
    "回归系数为0.0347***，显著。",
    "全年实现**12345**亿元。",
    "内存为2**1024字节。",
    "配备Ｘ光机和Ｘ射线设备。",
    "* 列表项一",
    "使用XML格式交换数据。",
    "SpaceX公司发射火箭。",
    "进行X-ray检查。",
    "带*号的为必填项",
    "*ST公司股票",
    "访问www.xx.gov.cn查询",
    "华为Mate X、iPhone X、Model X等终端均已适配。",
];

#[test]
fn a_name_after_a_surname_is_no_evidence_for_the_family() {
    // The stars are footnote marks. 张杨* ends in a surname character, so its star reads
    // as a masked given name (a known limit), but that does not make the document a
    // masking one: the stars after 李雷 and 赵芳 (雷 and 芳 are not in the surname list)
    // stay weak and are dropped.
    let doc = "名单如下（带*号的为女性）：李雷*、张杨*、王明、赵芳*。\n";
    let got: Vec<String> = placeholders(doc).into_iter().map(|(t, _, _)| t).collect();
    assert_eq!(got, ["*"]);
}

#[test]
fn look_alikes_never_hit_alone() {
    for text in LOOKALIKES {
        assert_eq!(placeholders(text), [], "in {text:?}");
    }
}

#[test]
fn look_alikes_never_hit_in_a_heavily_masked_document() {
    // Strong evidence for every family, so weak hits would be accepted.
    let mut doc = String::from("X镇共X名党员，*镇共*个村，××县××乡，○○镇○○个村。\n");
    let base = placeholders(&doc).len();
    assert_eq!(base, 8);
    for text in LOOKALIKES {
        doc.push_str(text);
        doc.push('\n');
    }
    let got = placeholders(&doc);
    assert_eq!(got.len(), base, "{:?}", &got[base..]);
}

#[test]
fn user_extras_add_patterns() {
    let mut config = Config::default();
    config.placeholder.extra = vec!["某某(?=公司)".into(), "pattern code (ZX)\\d".into()];
    let cleaned = zhclean::clean_text("某某公司承建，编号ZX1。\n", &config);
    let got: Vec<(String, String)> = cleaned
        .findings
        .iter()
        .filter(|f| f.rule == Rule::Placeholder)
        .map(|f| (f.text.to_string(), f.kind.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("某某".to_string(), "name".to_string()),
            ("ZX".into(), "code".into())
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Boilerplate: positives per category
// ---------------------------------------------------------------------------------------

const BODY: &str = "过去的一年，我镇在县委县政府的正确领导下，深入贯彻落实各项决策部署，全镇各项工作取得了全面发展。";

#[test]
fn breadcrumbs() {
    for line in [
        "当前位置：首页 > 政务公开 > 通知公告",
        "您的位置: 首页>>新闻中心",
        "当前页面: 首页\u{a0}\u{a0}>\u{a0}政务公开",
        "首页 > 政务公开 > 规划计划",
        "网站首页 » 信息公开",
        "首页&nbsp;&gt;&nbsp;政务公开&nbsp;&gt;&nbsp;通知公告",
    ] {
        let doc = format!("{line}\n关于开展安全检查的通知\n{BODY}\n");
        assert_eq!(boilerplate(&doc), [(1, "breadcrumb".into())], "{line:?}");
    }
    // One token per line.
    let doc = format!("首页\n>\n政务公开\n>\n通知公告\n\n关于做好春节工作的通知\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [1, 2, 3, 4, 5]);
}

#[test]
fn language_bars_tabs_and_site_notices() {
    for (line, kind) in [
        ("无障碍浏览　|　长者模式　|　繁體版　|　English", "footer"),
        ("简体 | 繁體 | 无障碍 | 长者模式", "toolbar"),
        ("【字号：默认 大 超大】", "toolbar"),
        ("图文直播　|　视频回放　|　文字实录", "navigation"),
        (
            "建议使用1920×1080分辨率，IE9以上版本浏览器访问本网站",
            "footer",
        ),
        ("（来源：青溪县农业农村局　制图：李明）", "metadata"),
    ] {
        let doc = format!("关于开展安全检查的通知\n{BODY}\n{line}\n{BODY}\n");
        assert_eq!(boilerplate(&doc), [(3, kind.into())], "{line:?}");
    }
    // The same words in sentences stay.
    for line in [
        "本次发布会的文字实录将在政府网站公布。",
        "上一期工程已于2022年底完工，本期工程计划年内开工。",
        "建议使用分辨率1920×1080以上的显示器。",
    ] {
        assert_eq!(
            boilerplate_lines(&amid_body(line)),
            [] as [usize; 0],
            "{line:?}"
        );
    }
}

#[test]
fn toolbars() {
    for line in [
        "【字体：大 中 小】",
        "打印本页",
        "【打印】【关闭】",
        "关闭窗口",
        "打印",
        // Rows of controls, each piece a control alone.
        "打印 | 关闭",
        "打印 关闭",
        "加入收藏 | 设为首页",
        "打印本文 关闭本文",
    ] {
        let doc = format!("关于开展安全检查的通知\n{BODY}\n{line}\n{BODY}\n");
        assert_eq!(boilerplate(&doc), [(3, "toolbar".into())], "{line:?}");
    }
    // A row needs every piece to be a control; the words alone are plain text.
    for line in [
        "打印机 采购",
        "大 中 小学校",
        "无障碍",
        "长者模式",
        "首页 政务公开",
        // Nor is a table header of metadata labels, a row of tokens alone or a repeated
        // cell.
        "| 标题 | 发文字号 | 成文日期 |",
        "大 中 小",
        "打印 打印",
        "时间 日期",
    ] {
        let doc = amid_body(line);
        assert_eq!(boilerplate(&doc), [], "{line:?}");
    }
    let doc = format!("关于开展安全检查的通知\n{BODY}\n字号\n加大\n还原\n减小\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [3, 4, 5, 6]);
    let doc = format!("关于开展安全检查的通知\n{BODY}\n下载\n打印\n全屏\n收藏\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [3, 4, 5, 6]);
    // Lone brackets and sizes only inside a toolbar run.
    let doc = format!("关于开展安全检查的通知\n{BODY}\n【\n打印\n】\n|\n大\n中\n小\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [3, 4, 5, 6, 7, 8, 9]);
    let doc = format!("关于开展安全检查的通知\n{BODY}\n×\n");
    assert_eq!(
        boilerplate_lines(&doc),
        [3],
        "a close button at the file's end"
    );
}

#[test]
fn share_widgets() {
    for line in [
        "分享到：",
        "扫一扫在手机打开当前页",
        "微信扫一扫",
        "手机扫一扫，在手机上查看当前页面",
        "分享：微信 | 微博 | QQ",
    ] {
        let doc = format!("关于开展安全检查的通知\n{BODY}\n{line}\n");
        assert_eq!(boilerplate(&doc), [(3, "share".into())], "{line:?}");
    }
}

#[test]
fn page_metadata_and_value_lines() {
    for line in [
        "来源：衡南县人民政府",
        "发布时间：2022-12-30 10:21",
        "作者：办公室  发布时间：2022-12-30",
        "阅读量：1234",
        "浏览次数：56",
        "责任编辑：张三",
        "索 引 号：000014349/2022-00123",
        "主题分类：综合政务\\通知",
        "发文机关：衡南县人民政府",
        "成文日期：2022年12月01日",
        "标　　题：关于印发工作要点的通知",
        "发文字号：衡南政发〔2022〕5号",
        "发布日期：2022年12月05日",
        "主 题 词：",
        "來源：縣政府辦",
        // Rows of fields, labels the data knows, at least one a field label.
        "时间：2023-01-05 来源：县政府办",
        "时间：2023-01-05 10:00 | 来源：县政府办 | 作者：张三",
        "2023-01-05 10:15:32 来源：县融媒体中心",
    ] {
        let doc = format!("关于开展安全检查的通知\n{line}\n{BODY}\n");
        assert_eq!(boilerplate(&doc), [(2, "metadata".into())], "{line:?}");
    }
    // A notice's own time and place, and a project's source of funds, are body text; so
    // are lines that start with a word, outline items and the labels alone.
    for line in [
        "时间：2023年3月15日 地点：县政府三楼会议室",
        "资金来源：县财政 时间：2023年",
        "时间：2023年3月15日上午9时",
        "日期：3月15日",
        "2.《平凡的世界》 作者：路遥 1986年",
        "表 1 全县主要经济指标 来源：县统计局",
        "截至 2023-06-30 来源：县财政局",
        "（一）时间：2023-01-05 来源：县政府办",
        "时间",
        "日期",
    ] {
        let doc = amid_body(line);
        assert_eq!(boilerplate(&doc), [], "{line:?}");
    }
    // A label alone on its line carries its value line.
    let doc = format!("关于开展安全检查的通知\n来源：\n县政府办\n阅读量\n\n88\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [2, 3, 4, 6]);
}

#[test]
fn a_metadata_block_as_a_tab_table() {
    let doc = format!(
        "索 引 号\t11330500-2023-00046\t主题分类\t交通运输\n发布机构\t青溪县交通运输局\t成文日期\t2023-08-14\n{BODY}\n项目\t金额\t来源\t县财政\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&doc), [1, 2]);
}

#[test]
fn an_outline_item_is_body_text_even_when_it_names_a_counter() {
    // A work summary's own list: `阅读量：` inside is a statistic, not a page counter.
    for line in [
        "（一）网站点击量：120万人次",
        "(二)政务新媒体阅读量：350万次",
        "三、网站访问量：80万人次",
        "1.网站点击量：120万",
        "②浏览次数：45万",
    ] {
        let doc = format!("关于开展安全检查的通知\n{line}\n{BODY}\n");
        assert_eq!(boilerplate(&doc), [], "{line:?}");
    }
    // The same counter without an item number is the page's.
    let doc = format!("关于开展安全检查的通知\n作者：办公室 阅读量：1234\n{BODY}\n");
    assert_eq!(boilerplate(&doc), [(2, "metadata".into())]);
    // A date is no item number.
    let doc = format!("关于开展安全检查的通知\n2023.01.05 阅读量：1234\n{BODY}\n");
    assert_eq!(boilerplate(&doc), [(2, "metadata".into())]);
}

#[test]
fn footers_with_several_marks_on_one_line() {
    for line in [
        "网站标识码：5107270001  蜀ICP备05012345号-1  川公网安备 51072702000123号",
        "Copyright © 2023 某某县人民政府 All Rights Reserved 浙ICP备12345678号",
        "地址：某某县人民路1号 邮编：410000 电话：0731-88888888 网站标识码4301000001 湘ICP备05000001号",
        "版权所有：某某县人民政府",
        // A portal's licence and a brand before the copyright sign.
        "微博客服　举报处理大厅　帮助中心　京ICP证100780号",
        "搜狐 ©2023 SOHU.com Inc. 网络文化经营许可证 京网文〔2023〕0211-017号",
    ] {
        let doc = format!("关于开展安全检查的通知\n{BODY}\n{line}\n");
        assert_eq!(boilerplate(&doc), [(3, "footer".into())], "{line:?}");
    }
    // A long line with a site's marks in the body (a table of websites) is not the footer.
    let row = "1 | 某某县人民政府门户网站 | www.example.gov.cn | 蜀ICP备05012345号-1 | 川公网安备51072702000123号";
    assert_eq!(boilerplate(&amid_body(row)), []);
    // A column header that names the marks, without their numbers, is body text.
    assert_eq!(
        boilerplate(&amid_body("序号 网站名称 网站标识码 备案编号")),
        []
    );
    // A copyright sign in a sentence, without a year after it, is the document's.
    assert_eq!(
        boilerplate(&amid_body("本图册中标注©的图片由县档案馆提供")),
        []
    );
    // A sentence about ICP filings is body text.
    let doc = format!(
        "关于开展安全检查的通知\n全市网站均已完成ICP备案，公网安备审核全部通过。\n{BODY}\n"
    );
    assert_eq!(boilerplate(&doc), []);
}

#[test]
fn related_links_download_and_link_ids() {
    let doc = format!(
        "关于开展安全检查的通知\n{BODY}\n相关稿件\n关于做好春节期间工作的通知\n\n2023年工作要点\n"
    );
    assert_eq!(
        boilerplate(&doc),
        [
            (3, "related-links".into()),
            (4, "related-links".into()),
            (6, "related-links".into())
        ]
    );
    let doc = format!("关于开展安全检查的通知\n{BODY}\n附件下载:\n");
    assert_eq!(boilerplate(&doc), [(3, "download".into())]);
    let doc = format!("关于开展安全检查的通知\n{BODY}\n附件下載：\n");
    assert_eq!(boilerplate(&doc), [(3, "download".into())]);
    let doc = format!("关于开展安全检查的通知\n{BODY}\n3f2a9c0e8b7d4e1fa2b3c4d5e6f70819\n");
    assert_eq!(boilerplate(&doc), [(3, "link-id".into())]);
}

#[test]
fn a_title_scraped_twice_flags_the_later_copy() {
    let doc = format!("镇政府2022年工作汇报材料\n镇政府2022年工作汇报材料\n{BODY}\n");
    assert_eq!(boilerplate(&doc), [(2, "duplicate-title".into())]);
    let doc = format!(
        "当前位置：首页 > 规划总结\n\n泉湖镇2022年工作总结\n\n\n泉湖镇2022年工作总结\n\n衡南县泉湖镇人民政府\n\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&doc), [1, 6]);
    // Spaces and script do not hide a copy.
    let doc = format!("鬆江鎮2021年工作總結\n松江镇2021年工作总结\u{a0}\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [2]);
}

#[test]
fn a_title_first_given_as_a_metadata_value_keeps_the_documents_own() {
    // A 信息公开 block, one label per line, whose last value is the title: that copy and
    // its label are the block's; the title under it is the document's.
    let block = "索引号：\n11420000/2023-04518\n发布机构：\n青溪县农业农村局\n";
    let title = "关于做好高标准农田建设项目管护工作的通知";
    let doc = format!("{block}名称：\n{title}\n{title}\n{BODY}\n");
    let got = boilerplate(&doc);
    let lines: Vec<usize> = got.iter().map(|g| g.0).collect();
    assert_eq!(lines, [1, 2, 3, 4, 5, 6], "{got:?}");
    assert!(got.iter().all(|g| g.1 == "metadata"), "{got:?}");
    // Cleaning keeps one title, and a second clean finds nothing more.
    let cleaned = zhclean::clean_text(&doc, &Config::default()).text;
    assert!(cleaned.starts_with(title), "{cleaned}");
    assert!(boilerplate(&cleaned).is_empty());
}

#[test]
fn flagged_lines_span_the_whole_line_and_clean_deletes_them() {
    let text = "\u{a0}当前位置：首页 > 政务公开\r\n通知\r\n正文。\r\n";
    let f = findings(text, Rule::Boilerplate);
    assert_eq!(f.len(), 1);
    assert_eq!(
        &text[f[0].span.byte_start..f[0].span.byte_end],
        "\u{a0}当前位置：首页 > 政务公开"
    );
    let cleaned = zhclean::clean_text(text, &Config::default());
    assert_eq!(cleaned.text, "通知\n正文。\n");
}

#[test]
fn user_extras_add_phrases() {
    let mut config = Config::default();
    config.boilerplate.extra = vec!["免责声明".into(), "line footer 本站声明".into()];
    let text = format!("关于开展安全检查的通知\n{BODY}\n免责声明：本网站内容仅供参考\n本站声明\n");
    let lines: Vec<(usize, String)> = zhclean::clean_text(&text, &config)
        .findings
        .into_iter()
        .filter(|f| f.rule == Rule::Boilerplate)
        .map(|f| (f.span.line, f.kind.into_owned()))
        .collect();
    assert_eq!(lines, [(3, "custom".into()), (4, "footer".into())]);
}

// ---------------------------------------------------------------------------------------
// Boilerplate: the document's own lines
// ---------------------------------------------------------------------------------------

#[test]
fn the_documents_own_lines_are_not_boilerplate() {
    let doc = format!(
        "松江镇2021年工作总结和2022年工作计划
（此件公开发布）
一、工作开展情况
{BODY}
资金来源：县财政拨款和社会捐助。
来源于群众的意见建议，我们逐条研究落实。
数据来源：县统计局
（三）网站首页改版
点击首页进入政务公开栏目，查询相关信息。
二、下一步工作计划
{BODY}
附件：1.2022年重点项目清单
      2.责任分工表
附件
附件1
松江镇人民政府
2021年12月14日
"
    );
    assert_eq!(boilerplate(&doc), []);
}

#[test]
fn short_body_lines_with_widget_words_are_kept() {
    let doc = format!(
        "关于开展安全检查的通知\n{BODY}\n（二）提升阅读量\n把经验分享到基层\n扫描二维码报名参加\n相关要求\n{BODY}\n"
    );
    assert_eq!(boilerplate(&doc), []);
}

#[test]
fn a_table_of_contents_is_not_a_scraped_title() {
    let doc =
        format!("目录\n一、总体要求\n二、重点任务\n一、总体要求\n{BODY}\n二、重点任务\n{BODY}\n");
    assert_eq!(boilerplate(&doc), []);
}

#[test]
fn the_issuing_body_repeated_at_the_bottom_is_not_a_duplicate_title() {
    let doc =
        format!("关于开展安全检查的通知\n衡南县人民政府\n{BODY}\n衡南县人民政府\n2022年12月30日\n");
    assert_eq!(boilerplate(&doc), []);
}

#[test]
fn generic_tokens_alone_in_the_body_are_kept() {
    let doc = format!("关于开展安全检查的通知\n{BODY}\n{BODY}\n大\n{BODY}\n{BODY}\n");
    assert_eq!(boilerplate(&doc), []);
}

/// Words that page chrome uses are also the document's own: a process, a table one cell
/// per line, an award list. Only their neighbourhood tells.
#[test]
fn common_labels_cells_and_chains_in_the_body_are_kept() {
    for doc in [
        // A procedure, one step per line (`审核` is also a metadata label).
        "不动产登记办事指南\n一、办理流程\n申请\n受理\n审核\n登簿\n发证\n二、办理时限\n{BODY}\n",
        // A table, one cell per line (`编辑`, `校对` are also labels).
        "招聘公告\n{BODY}\n岗位名称\n编辑\n招聘人数\n1\n岗位名称\n校对\n招聘人数\n2\n{BODY}\n",
        // An award list.
        "获奖名单\n{BODY}\n《我的家乡》\n作者：王小明\n指导老师：李红\n{BODY}\n",
        // Table cells that are also toolbar or breadcrumb tokens.
        "年度报告\n{BODY}\n规章\n/\n/\n行政规范性文件\n2\n{BODY}\n东村\n√\n×\n西村\n×\n×\n{BODY}\n",
        // Rankings written with `>`.
        "安全生产工作要点\n按照风险等级从高到低排序开展检查，即：\n重大风险>较大风险>一般风险>低风险\n全年检查坚持以下原则：\n安全>质量>进度\n",
        // A place and a position after a breadcrumb prefix.
        "土地出让公告\n{BODY}\n所在位置：城东街道工业园区纬三路以北\n{BODY}\n",
        "台风消息\n{BODY}\n当前位置：北纬20.3度，东经120.8度\n{BODY}\n",
        // Numbers on their own line are not link ids.
        "缴款通知\n{BODY}\n1202021109900123456\n330106198701011234\n{BODY}\n",
        // A table of websites and their ICP numbers, in the body.
        "关于违规网站处置情况的通报\n{BODY}\n序号 网站名称 备案号 处置措施\n1 某某资讯网 浙ICP备12345678号-1 责令整改\n网站名称：某某论坛\n备案号：浙ICP备45678901号\n{BODY}\n",
        // The document's own contact section.
        "招商引资推介\n{BODY}\n联系我们\n联系人：王女士\n电话：0571-61234567\n",
        // Pairs of labels in an award list, and a notice's requirements.
        "论文评选结果的通报\n{BODY}\n一等奖\n标题：《浅析农村小学阅读教学的有效策略》\n作者：张小红（实验小学）\n标题：《初中数学作业设计研究》\n作者：李明（平昌中学）\n{BODY}\n",
        // A website's annual report: a table, one row per line, cells split by tabs.
        "2022年政府网站工作年度报表\n本报表依据有关要求填报，现予以公开。\n网站名称\t某县人民政府门户网站\n政府网站标识码\t5119210001\nICP备案号\t蜀ICP备12009876号\n公安机关备案号\t51192102000045\n单位负责人：刘强\n",
        // A spec sheet's and an event notice's last lines.
        "采购需求\n{BODY}\n显示分辨率：3840×2160\n内置浏览器：支持HTML5\n技术支持：7×24小时\n",
        "读书节活动方案\n{BODY}\n2023年4月1日\n主办单位：县委宣传部\n承办单位：县图书馆\n协办单位：县新华书店\n",
        // A list of requirements and a form at the start of a document.
        "政务信息报送格式要求\n标题：简明扼要，不超过30字\n来源：注明报送单位全称\n作者：注明撰稿人姓名\n审核：须经单位主要负责人审核签字\n{BODY}\n",
        "优秀通讯员推荐表\n推荐单位：县农业农村局\n姓名：王芳\n来源：县农业农村局\n审核：局办公室\n{BODY}\n",
        // A table's sign-off on the last line.
        "村级财务公开表\n{BODY}\n经营收入：5.2万元\n制表：李红\n审核：张强\n",
        // Rows that start with 首页 in a report, and statistics written as label rows.
        "网站建设情况\n{BODY}\n页面访问量如下：\n首页 86.3 63%\n栏目页 12.1 22%\n网站分为：\n首页 / 栏目页 / 内容页 三级页面\n{BODY}\n",
        "阅读推广活动情况\n{BODY}\n时间：2023年4月23日 阅读：1500人次\n日期：2023-08-15 点击：3200\n{BODY}\n",
        // A table's header repeated after the first paragraph is not a scraped title.
        "公开招聘公告\n{BODY}\n岗位名称\n记者\n招聘人数\n1\n岗位名称\n摄影\n招聘人数\n1\n{BODY}\n",
    ] {
        let doc = doc.replace("{BODY}", BODY);
        assert_eq!(boilerplate(&doc), [], "{doc}");
    }
    // A list whose last entry sits right above a related-links list keeps its entries.
    let doc = format!("获奖作品公示\n{BODY}\n作品：《茶山春色》\n作者：李秀英\n作品：《古镇新颜》\n作者：陈小东\n作品：《田园牧歌》\n作者：赵明\n相关阅读\n关于举办摄影大赛的通知\n");
    assert_eq!(boilerplate_lines(&doc), [9, 10]);
    // The same words as page chrome: at the top of the page, or among other chrome.
    let doc = format!("关于开展安全检查的通知\n作者：办公室\n审核：张三\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [2, 3]);
    let doc = format!("政务公开 > 通知公告 > 正文\n关于开展安全检查的通知\n{BODY}\n");
    assert_eq!(boilerplate(&doc), [(1, "breadcrumb".into())]);
    let doc = format!("位置：首页 / 新闻中心 / 部门动态\n关于开展安全检查的通知\n{BODY}\n");
    assert_eq!(boilerplate(&doc), [(1, "breadcrumb".into())]);
    let doc = format!("关于开展安全检查的通知\n{BODY}\n版权所有：某某县人民政府\n浙ICP备12345678号\n建议使用1280×800分辨率浏览本站。\n");
    assert_eq!(boilerplate_lines(&doc), [3, 4]);
}

#[test]
fn bracketed_prev_next_links_pagers_and_footer_link_rows() {
    let doc = format!(
        "关于开展安全检查的通知\n{BODY}\n【上一条】县2022年法治政府建设年度报告\n【下一条】无\n"
    );
    assert_eq!(
        boilerplate(&doc),
        [(3, "navigation".into()), (4, "navigation".into())]
    );
    for pager in [
        "共3页 第1页 上一页 1 2 3 下一页 尾页",
        "首页 上一页 下一页 末页 共1页",
        "1 2 3 下一页",
    ] {
        assert_eq!(
            boilerplate(&amid_body(pager)),
            [(3, "navigation".into())],
            "{pager}"
        );
    }
    assert_eq!(
        boilerplate(&amid_body("详见下一页")),
        [],
        "a sentence's words"
    );
    // A poster's own call to scan, at the end of its text.
    let doc = format!("县图书馆读书月活动\n{BODY}\n扫一扫，了解更多\n");
    assert_eq!(boilerplate(&doc), []);
    let doc =
        format!("关于开展安全检查的通知\n{BODY}\n网站地图 | 联系我们 | 使用帮助 | 法律声明\n");
    assert_eq!(boilerplate(&doc), [(3, "footer".into())]);
}

#[test]
fn page_headers_and_footers_with_common_labels() {
    // Metadata under a title, a subtitle and a date, before the body.
    let doc = format!(
        "首页 > 人大要闻\n市人大常委会召开第十二次会议\n——审议通过多项议案\n2023-08-30\n来源：市人大常委会办公室\n作者：研究室\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&doc), [1, 5, 6]);
    // A headline with a comma is no body text.
    let doc =
        format!("首页 > 部门动态\n凝心聚力谋发展，真抓实干开新局\n来源：县发展和改革局\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [1, 3]);
    // An empty label is followed by the next label, not by its value.
    let doc = format!("首页 > 政策文件\n索引号：\n008765432/2023-00045\n发文字号：\n成文日期：\n2023-06-01\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [1, 2, 3, 4, 5, 6]);
    // A site footer: 技术支持 and 主办单位 count beside other chrome; an address stays (a
    // notice may end with its own).
    let doc = format!(
        "关于开展安全检查的通知\n{BODY}\n上一条：长赤镇召开安全生产工作会议\n网站地图\n主办单位：某某镇人民政府\n地址：某某镇正街28号\n蜀ICP备11001234号-5\n技术支持：某某网络科技有限公司\n"
    );
    assert_eq!(boilerplate_lines(&doc), [3, 4, 5, 7, 8]);
    // Host and operator on one line, or the host named last, beside the licence marks.
    let doc = format!(
        "关于开展安全检查的通知\n{BODY}\n主办：某某市人民政府　承办：某某市政务服务数据管理局\n粤ICP备05012345号\n"
    );
    assert_eq!(boilerplate_lines(&doc), [3, 4]);
    let doc =
        format!("关于开展安全检查的通知\n{BODY}\n某某县人民政府办公室主办　湘ICP备15003456号\n");
    assert_eq!(boilerplate_lines(&doc), [3]);
    // An event notice's organisers at its end, with no chrome beside them, stay.
    let doc = format!("关于举办摄影大赛的通知\n{BODY}\n主办单位：县文化和旅游局\n承办单位：县摄影家协会\n2023年5月8日\n");
    assert_eq!(boilerplate_lines(&doc), Vec::<usize>::new());
    // A reposted article's labels at the bottom, in a block of their own.
    let doc = format!("关于开展安全检查的通知\n{BODY}\n来源：恩阳发布\n编辑：周敏\n审核：郑华\n");
    assert_eq!(boilerplate_lines(&doc), [3, 4, 5]);
    // A notice's own organisers, amid its text, stay.
    assert_eq!(boilerplate(&amid_body("主办单位：县文化和旅游局")), []);
    // And under its title: a footer's phrase at the top of a file is the document's own.
    let doc = format!("中韩经贸合作洽谈会议程\n主办单位：青溪县商务局\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), Vec::<usize>::new());
    let doc = format!("技术支持：县大数据中心\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), Vec::<usize>::new());
}

#[test]
fn menus_slash_breadcrumbs_and_counter_rows() {
    let doc = format!(
        "南江县人民政府\n首页 | 走进南江 | 政务公开 | 政务服务 | 互动交流\n政务公开 > 通知公告\n关于就业见习岗位的公告\n时间：2023-06-08 15:32:10  点击：137\n{BODY}\n"
    );
    // (The site's owner above the menu is the site's banner.)
    assert_eq!(
        boilerplate(&doc),
        [
            (1, "navigation".into()),
            (2, "navigation".into()),
            (3, "breadcrumb".into()),
            (5, "metadata".into())
        ]
    );
    let doc = format!("平昌县农业农村局\n首页 / 工作动态 / 产业发展\n{BODY}\n");
    assert_eq!(
        boilerplate(&doc),
        [(1, "navigation".into()), (2, "breadcrumb".into())]
    );
    // Under the title, the issuing offices are the document's own.
    let doc = format!("当前位置：首页 > 规划总结\n泉湖镇2022年工作总结\n中共衡南县泉湖镇委员会\n衡南县泉湖镇人民政府\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [1]);
    // A notice's own time stays, even with a clock time after it.
    assert_eq!(boilerplate(&amid_body("时间：2023-01-05 14:00")), []);
}

#[test]
fn page_navigation_and_footer_rows() {
    let doc = format!(
        "关于开展安全检查的通知\n{BODY}\n上一条：关于做好防汛工作的通知\n下一条：无\n网站地图 | 关于我们 | 联系我们\nCopyright © 2023 某某县人民政府 All Rights Reserved\n"
    );
    assert_eq!(
        boilerplate(&doc),
        [
            (3, "navigation".into()),
            (4, "navigation".into()),
            (5, "footer".into()),
            (6, "footer".into())
        ]
    );
}

#[test]
fn a_related_links_list_ends_at_the_documents_outline() {
    let doc =
        format!("关于预算调整方案的说明\n相关解读\n图解：预算调整方案\n一、调整原因\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [2, 3]);
}

#[test]
fn a_weak_heading_counts_only_over_headlines() {
    // `相关信息` over two article titles at the end of a page: a list of links.
    let links = format!(
        "{BODY}\n相关信息\nXX镇召开2023年度第一次总河长会议\nXX溪专项整治行动取得阶段性成效\n"
    );
    assert_eq!(boilerplate_lines(&links), [2, 3, 4]);
    // The same heading over contact lines or short items is the document's own.
    let contacts = format!("{BODY}\n相关信息\n联系人：王某\n联系电话：0571-88888888\n");
    assert!(boilerplate_lines(&contacts).is_empty());
    let items = format!("{BODY}\n相关信息\n办理时限\n5个工作日\n");
    assert!(boilerplate_lines(&items).is_empty());
    // A list of titles stops at a contact line.
    let both = format!("{BODY}\n相关信息\nXX县召开美丽庭院创建工作推进会\n联系人：王某\n");
    assert_eq!(boilerplate_lines(&both), [2, 3]);
}

#[test]
fn news_app_and_mobile_rows_without_colons() {
    // A date, a source and a counter (or an app's location), above the body text.
    for line in [
        "2024-06-28 16:05　XX镇党政办　阅读 418",
        "XX融媒 2024-07-15 08:32 发布于浙江",
        "2024-05-07　本院　阅读418",
    ] {
        let doc = format!("关于开展安全检查的通知\n{line}\n{BODY}\n{BODY}\n");
        assert_eq!(boilerplate(&doc), [(2, "metadata".into())], "{line:?}");
    }
    // The same shape amid the body is an activity log; without a counter it is a list.
    let log = format!("{BODY}\n活动记录：\n2024-04-23　镇图书馆读书日　阅读 120\n{BODY}\n");
    assert!(boilerplate_lines(&log).is_empty());
    let list = format!("关于开展安全检查的通知\n2024-06-28　XX镇党政办　印发\n{BODY}\n");
    assert!(boilerplate_lines(&list).is_empty());
}

#[test]
fn a_menu_may_start_with_the_sites_name() {
    let doc = format!("信用XX｜首页｜信用动态｜双公示｜信用服务\n关于开展安全检查的通知\n{BODY}\n");
    assert_eq!(boilerplate(&doc), [(1, "navigation".into())]);
    // A row whose second item is not the home is no menu.
    let doc = format!("信用XX｜信用动态｜双公示｜信用服务\n关于开展安全检查的通知\n{BODY}\n");
    assert!(boilerplate_lines(&doc).is_empty());
}

#[test]
fn an_attachment_heading_over_file_names() {
    let files = format!("{BODY}\n附件：\n合格人员名单.xls\n不合格产品信息.xlsx\n{BODY}\n");
    assert_eq!(boilerplate_lines(&files), [2, 3, 4]);
    // Over the document's own list of attachments it stays.
    let own = format!("{BODY}\n附件：\n1．实施方案\n2．申报表\n{BODY}\n");
    assert!(boilerplate_lines(&own).is_empty());
    // A decimal is no extension.
    let figure = format!("{BODY}\n附件：\n增长2.5\n{BODY}\n");
    assert!(boilerplate_lines(&figure).is_empty());
    // The download widget's headings flag their files too, numbered or not; over anything
    // else, the heading alone.
    for heading in ["附件下载：", "相关附件:", "下载附件"] {
        let files = format!("{BODY}\n{heading}\n1.任务分解表.docx\n2.考核评分细则.xlsx\n{BODY}\n");
        assert_eq!(boilerplate_lines(&files), [2, 3, 4], "{heading}");
        let alone = format!("{BODY}\n{heading}\n{BODY}\n");
        assert_eq!(boilerplate_lines(&alone), [2], "{heading}");
    }
}

#[test]
fn dressed_phrases_and_rows_with_one_unknown_link() {
    // A known phrase in brackets, after a bullet or with a count.
    for line in ["【相关链接】", "■ 相关链接", "网友评论（3）"] {
        let doc = format!("{BODY}\n{line}\n");
        assert_eq!(boilerplate_lines(&doc), [2], "{line:?}");
    }
    // A label in brackets is a picture's place, not a label over its value.
    let picture = format!("{BODY}\n【图片】\n一、补贴对象是谁？\n{BODY}\n");
    assert!(boilerplate_lines(&picture).is_empty());
    // A footer row with one link the data does not know, among three it does.
    let row = format!("{BODY}\n{BODY}\n网站地图　|　使用帮助　|　联系我们　|　隐私条款\n");
    assert_eq!(boilerplate_lines(&row), [3]);
    // Two unknown pieces, or one beside too few known ones, are not a row.
    for line in [
        "网站地图 | 工作动态 | 产业发展",
        "打印 | 关闭 | 张三 | 李四",
    ] {
        let doc = format!("{BODY}\n{line}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n");
        assert!(boilerplate_lines(&doc).is_empty(), "{line:?}");
    }
}

#[test]
fn a_menu_without_the_home_only_at_the_top() {
    let menu = "警务动态 | 公告公示 | 办事指南 | 警民互动 | 交通管理";
    let top = format!("{menu}\n关于开展安全检查的通知\n{BODY}\n");
    assert_eq!(boilerplate(&top), [(1, "navigation".into())]);
    // Amid the body, or a table's header over rows of as many cells, it stays.
    let amid = format!("{BODY}\n{menu}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n");
    assert!(boilerplate_lines(&amid).is_empty());
    let table = "人员名单\n姓名 | 性别 | 民族 | 工作单位\n张三 | 男 | 汉族 | 县农业局\n";
    assert!(boilerplate_lines(table).is_empty());
}

#[test]
fn heading_lists_of_reader_pages() {
    // `热点推荐` over headlines; over the names of sights it is the document's heading.
    let links =
        format!("{BODY}\n热点推荐\n县政府召开第十二次常务会议\n我县全面推进千万工程示范村建设\n");
    assert_eq!(boilerplate_lines(&links), [2, 3, 4]);
    let sights = format!("{BODY}\n二、旅游推介\n热点推荐\n九龙潭景区\n仙居云海观景台\n{BODY}\n");
    assert!(boilerplate_lines(&sights).is_empty());
}

#[test]
fn rows_of_footer_links_that_are_also_words_need_neighbours() {
    let row = "关于我们　|　联系方式　|　网站纠错";
    let footer = format!("{BODY}\n{BODY}\n{row}\n湘ICP备13012268号-5\n");
    assert_eq!(boilerplate_lines(&footer), [3, 4]);
    for amid in [row, "大 中 小"] {
        let doc = format!("{BODY}\n{amid}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n");
        assert!(boilerplate_lines(&doc).is_empty(), "{amid}");
    }
    let share = format!("{BODY}\n{BODY}\n掃描二維碼分享到微信\n");
    assert_eq!(boilerplate(&share), [(3, "share".into())]);
}

#[test]
fn a_menu_one_item_per_line_between_chrome() {
    let menu = "机构概况\n领导信息\n政策法规\n通知公告\n";
    let page = format!("当前位置：首页 / 部门信息\n{menu}字号：[ 大 中 小 ]    [ 打印 ]    [ 关闭 ]\n关于开展安全检查的通知\n{BODY}\n");
    assert_eq!(boilerplate_lines(&page), [1, 2, 3, 4, 5, 6]);
    // Without chrome below, short lines under a breadcrumb are the document's own (a
    // title over its issuing office and date).
    let own = format!("当前位置：首页 / 部门信息\n工作要点\n县教育局\n二〇二四年\n{BODY}\n");
    assert_eq!(boilerplate_lines(&own), [1]);
}

#[test]
fn a_site_banner_only_at_the_top() {
    for banner in ["青岚县人民政府门户网站", "X镇人民政府网 · 党建专栏"] {
        let top = format!("{banner}\n当前位置：首页 > 政务公开\n关于开展安全检查的通知\n{BODY}\n");
        assert_eq!(
            boilerplate(&top),
            [(1, "navigation".into()), (2, "breadcrumb".into())],
            "{banner}"
        );
        let amid = format!("{BODY}\n{banner}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n");
        assert!(boilerplate_lines(&amid).is_empty(), "{banner}");
    }
    // Without other chrome it may be a title's first line; a title naming the site ends
    // otherwise.
    let split = format!("青溪县政务服务网\n系统升级公告\n{BODY}\n");
    assert!(boilerplate_lines(&split).is_empty());
    let title = format!("县政府门户网站栏目责任分工表\n{BODY}\n");
    assert!(boilerplate_lines(&title).is_empty());
}

#[test]
fn toolbars_search_boxes_and_comment_notices_of_cms_templates() {
    for line in [
        "〖 字体：大 | 中 | 小 〗〖 打印 〗〖 关闭 〗",
        "字号　小　标准　大　特大",
        "文字大小　A　A　A",
        "请输入关键字　搜索　高级检索",
        "扫描二维码，手机浏览本页",
    ] {
        let doc = format!("{BODY}\n{line}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n");
        assert_eq!(boilerplate_lines(&doc), [2], "{line}");
    }
    // Amid the body after a line ending in a colon, the document's own example.
    let spec = format!(
        "{BODY}\n{BODY}\n页脚链接调整为以下五项：\n关于我们 | 联系方式 | 网站纠错 | 隐私声明 | 网站地图\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n"
    );
    assert!(boilerplate_lines(&spec).is_empty());
    let comments = format!(
        "{BODY}\n{BODY}\n网友评论：（只显示最新10条。评论内容只代表网友观点，与本站立场无关！）\n打印本页　|　关闭窗口\n"
    );
    assert_eq!(boilerplate_lines(&comments), [3, 4]);
}

#[test]
fn contact_rows_below_a_footer_line() {
    let row = "地址：县城人民中路56号　　邮编：418400　　电话：0745-8223315　　传真：0745-8223316";
    let below = format!("{BODY}\n版权所有：县住房和城乡建设局\n{row}\n黔ICP备16004421号\n");
    assert_eq!(boilerplate_lines(&below), [2, 3, 4]);
    // Above the footer it may be a notice's own contacts; a person's name makes it one.
    let above = format!("{BODY}\n{row}\n版权所有：县住房和城乡建设局\n");
    assert_eq!(boilerplate_lines(&above), [3]);
    // The site owner's name may come first.
    let owner = format!("{BODY}\n下一条：关于开展铁拳行动的通告\nXX县市场监督管理局　地址：XX县迎宾大道88号　电话：0570-1234567\n");
    assert_eq!(boilerplate_lines(&owner), [2, 3]);
    let person =
        format!("{BODY}\n版权所有：县住房和城乡建设局\n联系人：王芳　　联系电话：0745-8223315\n");
    assert_eq!(boilerplate_lines(&person), [2]);
}

#[test]
fn disclaimers_only_above_other_chrome() {
    // Between a byline and a reader's toolbar, a disclaimer of a sentence or two.
    let repost = format!(
        "{BODY}\n{BODY}\n责任编辑：王芳\n特别声明：本文为自媒体作者上传并发布，仅代表作者观点，平台仅提供信息存储服务。\n举报/反馈\n"
    );
    assert_eq!(
        boilerplate(&repost),
        [
            (3, "metadata".into()),
            (4, "disclaimer".into()),
            (5, "share".into())
        ]
    );
    // Traditional, above a footer only.
    let trad = format!("{BODY}\n本文轉自《XX日報》，版權歸原作者所有，如有侵權請聯繫刪除。\n版权所有：某某县人民政府\n");
    assert_eq!(boilerplate_lines(&trad), [2, 3]);
    // The same words in the body, with no chrome beside them, stay; and a notice's own
    // declaration above a footer is no chrome's phrase.
    let quoted =
        format!("{BODY}\n本站原创稿件转载请注明出处，这是网络版权保护的基本要求。\n{BODY}\n");
    assert!(boilerplate_lines(&quoted).is_empty());
    let notice = format!("{BODY}\n特别声明：本次招聘不收取任何费用。\n版权所有：某某县人民政府\n");
    assert_eq!(boilerplate_lines(&notice), [3]);
    // A report on copyright: quoted phrases, numbered paragraphs, and an opening
    // paragraph below the page's metadata stay, even beside chrome.
    let report = "发布时间：2024-05-06　来源：县版权局\n\
        本文来源于县版权局，介绍今年以来网络转载秩序整治的进展。\n\
        （二）指导县融媒体中心在原创稿件中统一标注“原创稿件，请勿转载”。\n\
        下一步，将对标注“禁止转载”的原创作品加大保护力度。\n\
        【打印本页】【关闭窗口】\n";
    assert_eq!(boilerplate_lines(report), [1, 5]);
}

// ---------------------------------------------------------------------------------------
// Seeds: snapshots of both detectors' findings
// ---------------------------------------------------------------------------------------

#[test]
fn seed_findings_snapshot() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for path in names {
        let bytes = std::fs::read(&path).expect("seed");
        let cleaned = zhclean::clean_bytes(&bytes, &Config::default(), &Default::default())
            .expect("seed decodes");
        let lines: Vec<String> = cleaned
            .findings
            .iter()
            .filter(|f| matches!(f.rule, Rule::Placeholder | Rule::Boilerplate))
            .map(|f| {
                format!(
                    "{}:{} {} {} {:?}",
                    f.span.line, f.span.column, f.rule, f.kind, f.text
                )
            })
            .collect();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(format!("seed_{name}"), lines.join("\n"));
    }
}

// ---------------------------------------------------------------------------------------
// Found by a third review (2026-11): WeChat reposts, text from PDFs, 〇 masks, decoys
// ---------------------------------------------------------------------------------------

#[test]
fn wechat_chrome_and_pdf_page_numbers() {
    let doc = format!(
        "点击上方蓝字关注我们\n原创 某某发布 2023-05-08 18:30 发表于浙江\n{BODY}\n{BODY}\n— 3 —\n{BODY}\n第 4 页 共 12 页\n{BODY}\n—END—\n往期推荐\n某某县召开安全生产工作会议\n某某镇开展防汛演练\n阅读原文\n"
    );
    assert_eq!(boilerplate_lines(&doc), [1, 2, 5, 7, 9, 10, 11, 12, 13]);
    // A sentence that asks readers to follow something stays.
    let doc = amid_body("点击链接可查看全文，各单位要高度关注安全生产工作。");
    assert_eq!(boilerplate(&doc), []);
}

#[test]
fn wechat_credits_with_bars_read_counts_and_exclaiming_links() {
    let doc = format!(
        "{BODY}\n{BODY}\n- END -\n来源 | 青溪县融媒体中心\n编辑 | 李明\n审核 | 王芳\n推荐阅读\n青溪县召开一季度经济运行分析会\n好消息！青溪至南山公路改造工程开工\n喜欢就点个“在看”吧\n阅读原文\n写留言\n阅读 2356\n"
    );
    assert_eq!(boilerplate_lines(&doc), (3..=13).collect::<Vec<_>>());
    // A body line with a bar is no credit; a link list stops at a sentence.
    let doc = format!("相关稿件\n青溪县召开会议\n会议强调，要抓好落实。\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [1, 2]);
    assert_eq!(
        boilerplate_lines(&amid_body("来源 | 去向 | 数量")),
        [] as [usize; 0]
    );
}

#[test]
fn markdown_converted_chrome_reads_as_its_text() {
    let doc = format!(
        "[首页](https://www.qx.gov.cn/) > [政务公开](https://www.qx.gov.cn/zwgk/) > [通知公告](https://www.qx.gov.cn/zwgk/tzgg/)\n\
         ## 关于开展安全检查的通知\n{BODY}\n{BODY}\n\
         [打印](javascript:window.print()) [关闭](javascript:window.close())\n\
         ### 相关阅读\n\
         - [青溪县召开安全生产工作会议](https://www.qx.gov.cn/art/2023/5/8/art_1.html)\n\
         - [青溪县开展防汛演练](https://www.qx.gov.cn/art/2023/6/1/art_2.html)\n\
         分享到：[微信](javascript:;) [微博](javascript:;)\n"
    );
    assert_eq!(boilerplate_lines(&doc), [1, 5, 6, 7, 8, 9]);
    // A link in a sentence is body text; an image alone says nothing.
    let doc = format!(
        "{BODY}\n详见[青溪县人民政府网](https://www.qx.gov.cn/)发布的通知。\n![](a.png)\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&doc), [] as [usize; 0]);
}

#[test]
fn running_headers_beside_page_numbers() {
    let head = "青溪县人民政府公报　　　　2023年第5期";
    let doc = format!(
        "{head}\n{BODY}\n{BODY}\n— 1 —\n{head}\n{BODY}\n{BODY}\n— 2 —\n{head}\n{BODY}\n— 3 —\n"
    );
    let got = boilerplate(&doc);
    assert_eq!(
        got,
        [
            (4, "page-number".into()),
            (5, "page-header".into()),
            (8, "page-number".into()),
            (9, "page-header".into()),
            (11, "page-number".into()),
        ]
    );
    // A page's number in words framed by rules is a page break's residue.
    for line in ["—— 第1页 ——", "- 第2页 -", "───── 第 3 頁 ─────"]
    {
        assert_eq!(boilerplate_lines(&amid_body(line)), [3], "{line}");
    }
    // Beside one page number only, a short line is the document's own.
    let doc = format!("{BODY}\n— 1 —\n二、工作安排\n{BODY}\n二、工作安排\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [2]);
}

#[test]
fn ideographic_zero_masks_and_numerals() {
    let doc =
        "〇〇村位于〇〇镇东部，2023年完成投资〇〇万元。\n二〇二三年十月，一〇八国道改造完工。\n";
    let got: Vec<(String, usize)> = placeholders(doc)
        .into_iter()
        .map(|(t, _, l)| (t, l))
        .collect();
    assert_eq!(
        got,
        [("〇〇".into(), 1), ("〇〇".into(), 1), ("〇〇".into(), 1)]
    );
}

#[test]
fn axes_formulas_and_footnote_marks_are_no_masks() {
    for line in [
        "设备沿X方向移动，X、Y、Z三轴联动。",
        "工程量按长×宽×高计算，点击“×”按钮关闭窗口。",
        "身份证号码末位为X的，请填写大写X。",
        "表中标*的项目为约束性指标。",
        "推动“两重点一重大”*企业全部接入监测预警系统。",
        "注：*本计划中“两重点一重大”指重点监管的危险化工工艺。",
    ] {
        // In a document that masks with X, × and * elsewhere, so that context lends them
        // no evidence.
        let doc = format!(
            "{BODY}\n{line}\n全镇X个村、X户、X名党员参加，X月X日完成，投资××万元，*镇、*村受益。\n"
        );
        let got: Vec<usize> = placeholders(&doc).into_iter().map(|(_, _, l)| l).collect();
        assert!(!got.contains(&2), "{line}: {got:?}");
    }
    // A count after a quoted word is a mask all the same.
    let got = placeholders("清理“僵尸车”*辆，评选“最美家庭”*户。\n");
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn a_markdown_page_reads_as_its_links_and_images_show() {
    // A linked logo, a menu one link per line, a breadcrumb and a 信息公开 table as Markdown.
    let page = format!(
        "[![安澜区人民政府](/images/logo_2023.png)](https://www.anlan.gov.cn/)\n\
         - [首页](https://www.anlan.gov.cn/)\n\
         - [政务公开](https://www.anlan.gov.cn/zwgk/)\n\
         - [政务服务](https://www.anlan.gov.cn/zwfw/)\n\
         - [互动交流](https://www.anlan.gov.cn/hdjl/)\n\
         \n\
         [首页](https://www.anlan.gov.cn/) > [政务公开](https://www.anlan.gov.cn/zwgk/)\n\
         \n\
         | 索引号 | 002345/2023-00712 | 发布机构 | 安澜区人民政府办公室 |\n\
         | --- | --- | --- | --- |\n\
         | 成文日期 | 2023-05-09 | 发布日期 | 2023-05-12 |\n\
         \n\
         # 关于开展安全检查的通知\n\
         {BODY}\n\
         ![扫一扫在手机打开当前页](https://www.anlan.gov.cn/qrcode/1.png)\n"
    );
    assert_eq!(boilerplate_lines(&page), [1, 2, 3, 4, 5, 7, 9, 10, 11, 15]);
    // A body table's delimiter row stays, and so does a picture in the body.
    let table = format!(
        "关于开展安全检查的通知\n{BODY}\n| 年份 | 户数 |\n| --- | --- |\n| 2023 | 12 |\n\
         ![示意图](a.png)\n{BODY}\n"
    );
    assert!(boilerplate_lines(&table).is_empty());
}

#[test]
fn labels_in_brackets_a_byline_after_a_name_and_a_spaced_home() {
    // `【标题】…` over `【发布日期】…`: a label in brackets is a label.
    let page = format!(
        "【标题】梅垣县农村生活污水治理提升行动实施方案\n\
         【发布日期】2023-04-21　【发布单位】梅垣县人民政府办公室\n\
         关于开展安全检查的通知\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&page), [1, 2]);
    // A byline that opens with the unit's name before its date.
    let byline = format!(
        "关于开展安全检查的通知\n桂湖街道办事处  2024-03-04 09:12  来源：桂湖发布\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&byline), [2]);
    // Without a label it is a signature and its date.
    let signature = format!("关于开展安全检查的通知\n{BODY}\n桂湖街道办事处  2024-03-04\n");
    assert!(boilerplate_lines(&signature).is_empty());
    // A menu whose home is spaced out, and the site owner above it.
    let menu = format!("玉泉县文化广电旅游体育局\n首  页  机构设置  政务信息  文化动态\n关于开展安全检查的通知\n{BODY}\n");
    assert_eq!(boilerplate_lines(&menu), [1, 2]);
}

#[test]
fn a_gap_between_chrome_below_the_body() {
    let page = format!(
        "关于开展安全检查的通知\n{BODY}\n县应急管理局\n2024年1月26日\n列印  關閉\n相關文件\n\
         鶴塘鎮2023年政府工作報告\n鶴塘鎮2022年國民經濟和社會發展統計公報\n\
         版權所有：鶴塘鎮人民政府　　技術支援：縣政務資訊中心\n"
    );
    assert_eq!(boilerplate_lines(&page), [5, 6, 7, 8, 9]);
    // The document's own attachments stay, even between chrome.
    let own = format!(
        "关于开展安全检查的通知\n{BODY}\n返回顶部\n附件：1．推荐表\n2．汇总表\n附件下载：\n【关闭】\n"
    );
    assert_eq!(boilerplate_lines(&own), [3, 6, 7]);
}

#[test]
fn surnames_that_end_words_count_at_a_words_start() {
    // 周 林 叶 start these names; 本周, 森林 and 茶叶 end words, and take footnote marks.
    let got = placeholders("课题组成员：黄**　周**　林**\n");
    assert_eq!(texts_on(&got, 1), ["**", "**", "**"], "{got:?}");
    for mark in [
        "本周*数据为初步统计。",
        "茶叶*\t万吨\t3.2",
        "森林*覆盖率达到62%。",
        "完成水利工程*12处。",
        "内蒙*数据暂缺。",
    ] {
        assert!(placeholders(mark).is_empty(), "{mark}");
    }
}

#[test]
fn no_bold_closes_after_a_pause_inside_a_line() {
    // Two masked firms, not `化工、` in bold; a label opening the line stays bold.
    let text = "发挥**科技、**精密等龙头企业作用，全年新增规上企业**家、专精特新企业*家。\n";
    let got = placeholders(text);
    assert_eq!(texts_on(&got, 1), ["**", "**", "**", "*"], "{got:?}");
    assert!(placeholders("**一、**县委书记讲话\n").is_empty());
}

#[test]
fn english_chrome_of_bilingual_sites() {
    let page = format!(
        "岷溪县统计局\nMinxi County Bureau of Statistics\n首页 | 统计新闻 | 统计数据 | 统计公报 | 统计法规\n\
         关于开展安全检查的通知\nAuthor: 课题组　　Source: 科研科　　Date: 2023-11-08　　Views: 412\n\
         Share: WeChat | Weibo | QQ\n{BODY}\nPrint　|　Close\nRelated Articles\n· 关于加强基层党组织建设的调查\n\
         Previous: 党校举办秋季主体班开班式\nNext: 关于推进基层治理现代化的几点思考\n"
    );
    assert_eq!(boilerplate_lines(&page), [1, 2, 3, 5, 6, 8, 9, 10, 11, 12]);
    // An English title under the body's first line is no banner.
    let title = format!("关于开展安全检查的通知\n{BODY}\nSafety Inspection Notice\n{BODY}\n");
    assert!(boilerplate_lines(&title).is_empty());
}

#[test]
fn a_greeting_banner_and_small_widgets() {
    // A banner ending in a greeting is no sentence: the page's header goes on below it.
    let page = format!(
        "瀾渡鎮人民政府 歡迎您！\n首頁 ｜ 瀾渡概況 ｜ 資訊公開 ｜ 招商引資 ｜ 便民服務\n簡體版 | 無障礙\n\
         關於開展安全檢查的通知\n【 大 中 小 】\n{BODY}\n相关附件：无\n共2页: 上一页 1 2 下一页\n\
         返回首页　|　回到顶部\n网站地图　|　联系我们　|　版权声明\n"
    );
    assert_eq!(boilerplate_lines(&page), [1, 2, 3, 5, 7, 8, 9, 10]);
    // A body's closing slogan is a sentence of its own.
    let slogan = format!("关于开展安全检查的通知\n{BODY}\n好客山东欢迎您！\n{BODY}\n");
    assert!(boilerplate_lines(&slogan).is_empty());
    // A file's size after its name under the download heading.
    let files = format!(
        "关于开展安全检查的通知\n附件下载：\n关于2023年预算执行情况的报告.docx（46.2KB）\n下载次数：12\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&files), [2, 3, 4]);
}

#[test]
fn a_bold_heading_over_links_and_controls_after_fields() {
    // Markdown's bold heading over its related links, between other chrome below the body.
    let page = format!(
        "关于开展安全检查的通知\n{BODY}\n![扫一扫在手机打开当前页](/qrcode/1.png)\n\n**相关文件**\n\n\
         - [开发区2023年招商引资工作总结](../202401/t1.html)\n- [关于印发奖励办法的通知](../202312/t2.html)\n\n\
         版权所有：栎川经济开发区管理委员会\n"
    );
    assert_eq!(boilerplate_lines(&page), [3, 5, 7, 8, 10]);
    // A row of fields that ends with page controls.
    let row = format!(
        "关于开展安全检查的通知\n阅读：　　日期：2024-01-31　　打印 | 关闭 | 收藏\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&row), [2]);
    // With a word that is no control after them, the row is the document's.
    let own = format!(
        "{BODY}\n日期：2024-01-31　地点：县会议中心　内容 安排\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n"
    );
    assert!(boilerplate_lines(&own).is_empty());
}

#[test]
fn page_numbers_in_a_sequence_and_the_headers_beside_them() {
    let page = |n: &str| {
        format!(
            "{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{n}\n青潭市2023年统计公报\n"
        )
    };
    for form in [
        ["1", "2", "3"],
        ["1/3", "2/3", "3/3"],
        ["第 1 頁", "第 2 頁", "第 3 頁"],
    ] {
        let text = format!("{}{}{}", page(form[0]), page(form[1]), page(form[2]));
        // Each page's number and the running header beside it.
        assert_eq!(boilerplate_lines(&text), [8, 9, 17, 18, 26, 27], "{form:?}");
    }
    // A table's numbers one per line are closer than pages; a lone `1` is no sequence; a
    // WeChat article numbers its sections `01` `02`.
    let table = format!("{BODY}\n1\n张三\n村委会\n2\n李四\n村委会\n3\n王五\n村委会\n{BODY}\n");
    assert!(boilerplate_lines(&table).is_empty());
    let sections =
        format!("01\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n02\n{BODY}\n");
    assert!(boilerplate_lines(&sections).is_empty());
}

#[test]
fn word_markup_extractor_stamps_and_viewer_controls() {
    let text = format!(
        "关于开展安全检查的通知\n{BODY}\n删除的内容: 2023年底\n带格式的: 字体: (中文) 仿宋_GB2312, 小三\n\
         批注 [hx1]: 奖补标准请财政所再核一下\n{BODY}\n[pic]\n{BODY}\n\
         第 PAGE  \\* MERGEFORMAT 2 页 共 NUMPAGES  \\* MERGEFORMAT 2 页\nScanned with CamScanner\n"
    );
    assert_eq!(boilerplate_lines(&text), [3, 4, 5, 7, 9, 10]);
    // The body's words for the same things stay.
    let own = format!("关于开展安全检查的通知\n{BODY}\n删除的内容应当在修订说明中列明。\n{BODY}\n");
    assert!(boilerplate_lines(&own).is_empty());
}

#[test]
fn a_forms_option_boxes_and_a_files_extension_are_no_masks() {
    // The document masks with □ in clear context; its form's options stay.
    let text = "□□镇、□□村、□□社区纳入试点。\n房屋用途：□自住  □出租  □经营  □混合\n订阅：http://www.lanao.gov.cn/rss/jhgh.xml\n";
    let got = placeholders(text);
    assert_eq!(texts_on(&got, 1), ["□□", "□□", "□□"], "{got:?}");
    assert!(texts_on(&got, 2).is_empty(), "{got:?}");
    assert!(texts_on(&got, 3).is_empty(), "{got:?}");
    // A single box before a word, alone on its line, is still a mask where the text
    // masks with it.
    let one = placeholders("□□镇、□□村纳入试点，□村落实整改。\n");
    assert_eq!(one.len(), 3, "{one:?}");
}

#[test]
fn a_departments_banner_is_not_the_title_its_issuer_line_copies() {
    let page = format!(
        "岷溪县统计局\n首页 | 统计新闻 | 统计数据 | 统计公报 | 统计法规\n岷溪县2023年国民经济和社会发展统计公报\n\
         发布时间：2024-03-28 16:30　　信息来源：县统计局\n岷溪县统计局\n2024年3月25日\n{BODY}\n"
    );
    // The banner over the menu goes; the issuer under the title stays.
    assert_eq!(boilerplate_lines(&page), [1, 2, 4]);
}

#[test]
fn print_captures_ocr_residue_and_a_welcome_to_the_site() {
    let page = format!(
        "歡迎訪問雲台縣人民政府網站！   設為首頁 | 加入收藏 | 簡體版\n雲台縣人民政府\n\
         首頁 | 政務公開 | 政務服務 | 互動交流 | 數據開放\n關於開展安全檢查的通知\n{BODY}\n\
         ’　． 、 丶　·\n{BODY}\n\
         http://www.qiaotou.gov.cn/gzdt/202401/t20240131_3356218.html    1/2\n\
         2024/2/1 10:26    关于开展安全检查的通知_桥头县人民政府\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&page), [1, 2, 3, 6, 8, 9]);
    // A body's ellipsis, a divider and a table's rule stay.
    for own in [
        "……",
        "——————",
        "| --- | --- |",
        "+----+----+",
        "(一)",
        "（ 一 ）",
    ] {
        let text =
            format!("关于开展安全检查的通知\n{BODY}\n{own}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n");
        assert!(boilerplate_lines(&text).is_empty(), "{own}");
    }
    // A file under the download heading with its size and its download count.
    let files = format!(
        "关于开展安全检查的通知\n{BODY}\n附件下载：\n决算公开表.xls　（92.0KB）　下载次数：41\n"
    );
    assert_eq!(boilerplate_lines(&files), [3, 4]);
}

#[test]
fn chrome_of_document_sharing_sites_and_portal_reposts() {
    let page = format!(
        "关于开展安全检查的通知\n{BODY}\n免费预览已结束，剩余3页可下载查看\n点击查看全部 >>\n\
         10 积分　立即下载\n还剩3页未读，继续阅读\n猜你喜欢\n关于开展消防检查的通知\n返回搜狐，查看更多\n"
    );
    assert_eq!(boilerplate_lines(&page), [3, 4, 5, 6, 7, 8, 9]);
    // Files under the download heading with the widget's buttons after them.
    let files = format!(
        "关于开展安全检查的通知\n{BODY}\n附件下载：\n用地规划图.jpg　（2.1MB）　预览　下载\n村庄规划（公示稿）.pdf　（5.6MB）　预览　下载\n"
    );
    assert_eq!(boilerplate_lines(&files), [3, 4, 5]);
}

#[test]
fn a_look_alike_cut_by_a_line_break_stays() {
    // Text extracted from a PDF wraps anywhere: `X射` / `线` is still an X-ray.
    let text = "全县X个乡镇、XX个村卫生室配齐DR、CT、X射\n线摄影设备，新增设备X\n台。\n";
    let got = placeholders(text);
    assert_eq!(texts_on(&got, 1), ["X", "XX"], "{got:?}");
    // A mask that ends its line is still one.
    assert_eq!(texts_on(&got, 2), ["X"], "{got:?}");
}

#[test]
fn row_numbers_of_a_table_one_cell_per_line_are_no_page_numbers() {
    // Six cells a row: the row numbers are six lines apart, with only cells between.
    let mut table = String::from("关于2024年耕地地力保护补贴发放情况的公示\n{BODY}\n序号\n村（社区）\n户主姓名\n面积（亩）\n金额（元）\n");
    table = table.replace("{BODY}", BODY);
    for n in 1..=8 {
        table.push_str(&format!(
            "{n}\n杨柳村\n王**\n4307**********1236\n4.36\n490.06\n"
        ));
    }
    table.push_str(BODY);
    table.push('\n');
    assert_no_chrome(&table);
    // Pages of such a table are longer: their numbers go, with the header beside them.
    let page = |n: usize| {
        let cells: String = (0..6)
            .map(|r| {
                format!(
                    "{}\n王**\n4.3{r}\n49{n}.0{r}\n",
                    ["杨柳村", "石桥村", "新合社区"][n - 1]
                )
            })
            .collect();
        format!("{cells}第 {n} 页\n")
    };
    let pdf = format!("{BODY}\n{}{}{}", page(1), page(2), page(3));
    assert_eq!(boilerplate_lines(&pdf), [26, 51, 76]);
}

#[test]
fn a_title_before_the_body_and_section_headings_are_no_running_headers() {
    let head = "青石镇人民政府2024年部门预算";
    let doc = format!(
        "— 1 —\n{head}\n目　录\n第一部分　部门概况\n{BODY}\n{BODY}\n— 2 —\n{head}\n{BODY}\n{BODY}\n— 3 —\n{head}\n{BODY}\n"
    );
    // The first copy, the title, stays; the later pages' headers go.
    assert_eq!(boilerplate_lines(&doc), [1, 7, 8, 11, 12]);
    // Under another title, the first page's copy is a header too.
    let doc = format!("青石镇人民政府2024年部门预算公开说明\n{doc}");
    assert_eq!(boilerplate_lines(&doc), [2, 3, 8, 9, 12, 13]);
    // A table of contents' entry and its section's heading, each beside a page number.
    let part = "第四部分　其他重要事项的情况说明";
    let toc = format!(
        "{BODY}\n{part}\n第 1 页 共 8 页\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n第 2 页 共 8 页\n{part}\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&toc), [3, 10]);
}

#[test]
fn what_the_body_quotes_after_a_colon_stays() {
    let doc = format!(
        "{BODY}\n（一）鹤鸣小区停水事件。原帖信息如下：\n标题：鹤鸣小区连续三天停水，谁来管？\n来源：鹤城论坛·民生版\n\
         发布时间：2023-07-12 21:14\n浏览次数：12306　回复数：287\n{BODY}\n\
         4.2 乙方交付的每个源代码文件头部应包含如下版权声明：\n　　Copyright © 2024 云岭县数据资源管理局. All rights reserved.\n{BODY}\n"
    );
    assert_no_chrome(&doc);
    // The page's own metadata row under its title goes.
    let page =
        format!("关于开展安全检查的通知\n发布时间：2023-07-12 21:14　　来源：县应急局\n{BODY}\n");
    assert_eq!(boilerplate_lines(&page), [2]);
}

#[test]
fn front_matter_and_dumps_of_a_records_fields() {
    let clip = format!(
        "---\ntitle: \"关于开展安全检查的通知\"\nsource: http://www.qx.gov.cn/art/1.html\nclipped: 2024-05-21 09:14\ntags: [安全, 通知]\n---\n关于开展安全检查的通知\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&clip), [1, 2, 3, 4, 5, 6]);
    let dump = format!(
        "===== RECORD 1827 =====\nid: 1827\nsite_id: 12\nchannel_id: 45\ntitle: 关于开展安全检查的通知\ncontent:\n{BODY}\n{BODY}\nrelated_ids: 1791,1802\nseo_title: 关于开展安全检查的通知\nhits: 0\nstatus: 2\n===== END RECORD 1827 =====\n"
    );
    assert_eq!(
        boilerplate_lines(&dump),
        [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13]
    );
    // A body's own `word: value` lines, or a divider that opens no front matter, stay.
    let own = format!(
        "---\n{BODY}\nnote: 以上数据为初步统计\nsource: 县统计局\nunit: 万元\nyear: 2023\n{BODY}\n"
    );
    assert_no_chrome(&own);
}

#[test]
fn chrome_of_archives_forums_answers_readers_and_newsletters() {
    let page = format!(
        "The Wayback Machine - https://web.archive.org/web/20240322064512/http://www.qx.gov.cn/\n37 captures\nAbout this capture\n\
         关于开展安全检查的通知\n{BODY}\n只看楼主  收藏  回复\n{BODY}\n回复  举报 |来自Android客户端1楼2023-12-28 21:14\n\
         {BODY}\n236 人赞同了该回答\n{BODY}\n─────────── 第 3 頁 ───────────\n{BODY}\n\
         -- 2 of 3 --\n{BODY}\n本章完\n上一章：第六章　白石鄉　　下一章：第八章　青竹鎮\n加入書架  |  投推薦票\n"
    );
    assert_eq!(
        boilerplate_lines(&page),
        [1, 2, 3, 6, 8, 10, 12, 14, 16, 17, 18]
    );
    let mail = format!(
        "发件人: 沅陵政务信息订阅 <noreply@dy.yl.cn>\n收件人: subscriber@163.com\n如果邮件无法正常显示，请点击这里查看网页版\n\
         关于开展安全检查的通知\n{BODY}\n{BODY}\n本邮件由系统自动发送，请勿直接回复。\n© 2024 沅陵县人民政府办公室\n"
    );
    assert_eq!(boilerplate_lines(&mail), [1, 2, 3, 7, 8]);
    // The body's words for the same things stay.
    body_keeps(&[
        "本章完成了对全县产业布局的分析，下一章讨论保障措施。",
        "会上，发件人和收件人的信息核对工作由县邮政分公司负责。",
    ]);
}

#[test]
fn one_character_names_in_cells_and_figures_with_leading_digits_kept() {
    // Surnames the data does not list, each a cell or an item of its own.
    let table = "| 3 | 低品位钒矿清洁提取 | 米** | 86.75 |\n| 4 | 重金属钝化修复 | 瞿* | 85.50 |\n成员：舒**、向*、夏*。\n";
    let got = placeholders(table);
    assert_eq!(texts_on(&got, 1), ["**"], "{got:?}");
    assert_eq!(texts_on(&got, 2), ["*"], "{got:?}");
    assert_eq!(texts_on(&got, 3), ["**", "*", "*"], "{got:?}");
    // Cells of a CSV dump or a box-drawn table: one mask in a name, or after a surname.
    let rows = "3,岷州一中,2班,杨×花,G621123********1128\n5,岷州一中,3班,丁○,1250\n│4│陆○│3301***\n│3│俞×军│3306**********5115│\n";
    let got = placeholders(rows);
    assert_eq!(texts_on(&got, 1), ["×", "********"], "{got:?}");
    assert_eq!(texts_on(&got, 2), ["○"], "{got:?}");
    assert_eq!(texts_on(&got, 3), ["○", "***"], "{got:?}");
    assert_eq!(texts_on(&got, 4), ["×", "**********"], "{got:?}");
    // A circle after a surname before punctuation or a word, and Taiwan's full-width Ｏ;
    // a times sign there stays an operator without more evidence.
    let got = placeholders(
        "四、当事人赵○（联系电话略）\n驾驶人郑○，2024年3月违法\n康寧診所  蔡Ｏ萱  違規收費\n",
    );
    assert_eq!(texts_on(&got, 1), ["○"], "{got:?}");
    assert_eq!(texts_on(&got, 2), ["○"], "{got:?}");
    assert_eq!(texts_on(&got, 3), ["Ｏ"], "{got:?}");
    assert!(placeholders("全ＯＫ，数据×3。\n").is_empty());
    // Less common surnames, in prose and in a list.
    let got = placeholders("申请人倪*芬对区住建局的决定不服。\n2．聂×华，女，1964年生。\n");
    assert_eq!(texts_on(&got, 1), ["*"], "{got:?}");
    assert_eq!(texts_on(&got, 2), ["×"], "{got:?}");
    // A word's footnote mark, and a cell of two characters with one, stay.
    let marks = "| 农林水支出* | 12.3 |\n| 茶叶* | 4.5 |\n";
    assert!(placeholders(marks).is_empty(), "{:?}", placeholders(marks));
    // A figure whose first digit or two are kept.
    let figures = "全年实现4XXXX元，粮食1X.X万吨，增长10X%，收入1X,XXX元，受理1XXX件。\n";
    let got = placeholders(figures);
    assert_eq!(
        texts_on(&got, 1),
        ["XXXX", "X", "X", "X", "X", "XXX", "XXX"],
        "{got:?}"
    );
    // Algebra's coefficient stays (the count before 件 is a mask).
    let got = placeholders("买X件商品共需5X元。");
    assert_eq!(got.len(), 1, "{got:?}");
    // A long number's footnote mark, bold, an ID's check digit and arithmetic stay.
    for own in [
        "营业收入23561284**万元。",
        "费用分别为**38650**元。",
        "身份证号码43010219900101415X。",
        "规格3×4米，2*3阵列。",
    ] {
        assert!(
            placeholders(own).is_empty(),
            "{own}: {:?}",
            placeholders(own)
        );
    }
}

#[test]
fn field_codes_framing_stars_and_masked_cells_of_aligned_tables() {
    // A data dictionary's and a CSV header's field codes; stars framing a banner.
    let codes = "xh：序号；xzjd：乡镇（街道）；xm：姓名\nxh,xzjd,xm,cjzh\n*** 以上为部分内容，登录后查看完整信息 ***\n";
    assert!(placeholders(codes).is_empty(), "{:?}", placeholders(codes));
    // A mask's unit after it still counts (`长Xm`), and lower-case masks in a sentence.
    let units = "道路长Xm，宽xm，共XX名。\n";
    assert_eq!(texts_on(&placeholders(units), 1), ["X", "x", "XX"]);
    // Lone masks in cells of a table aligned with spaces, in a document that masks with X
    // in clear context; a masked figure in a table with full-width bars.
    let table = "全镇辖XX个行政村、X个社区。\n年份　　5万元以下　　5万～10万元　　50万元以上\n2019　　X　　X　　0\n\
                 ｜一般公共预算｜***.*｜300｜\n收入***万元，支出**万元。\n";
    let got = placeholders(table);
    assert_eq!(texts_on(&got, 3), ["X", "X"], "{got:?}");
    assert_eq!(texts_on(&got, 4), ["***", "*"], "{got:?}");
    // Words in such a row are no figures: a lone mask among them stays.
    let words = "全镇辖XX个行政村、X个社区。\n事项　　X　　说明　　备注\n";
    assert!(texts_on(&placeholders(words), 2).is_empty());
}

#[test]
fn an_official_documents_own_header_and_signature_stay() {
    // A Taiwan 公文's fields above its 主旨 are its own, not a page's metadata row.
    let doc = format!(
        "臺東縣東河鄉公所　公告\n發文日期：中華民國113年1月15日\n發文字號：東鄉社字第11300○○○○號\n附件：如文\n\n\
         主旨：公告本所112年度下半年社會救助業務執行成果，請　鄉親參閱。\n{BODY}\n\n鄉長　林○○\n\n承辦人：社會課　○小姐\n共3頁　第3頁\n"
    );
    assert_eq!(boilerplate_lines(&doc), [12]);
    // A signature and its date between an app's bars stay; what opens the next page is
    // no footer.
    let app = format!(
        "{BODY}\n{BODY}\n9:42 ◂ 微信            HD 4G ▮▮▮ 61%\n滨江街道办事处\n2024年4月2日\n— 已经到底了 —\n\
         我要反馈          分享          收藏\n首页        办事        服务        我的\n"
    );
    assert_eq!(boilerplate_lines(&app), [3, 6, 7, 8]);
}

#[test]
fn masks_named_grouped_numbers_invoice_categories_and_dimensions() {
    let doc = "本公示对身份证号码中间10位以“*”作隐藏处理，末位为“X”的为校验码。\n\
               收款人账号：3801 **** **** 6619\n项目名称：*日用杂品*垃圾桶（240L）　数量：40\n\
               占地尺寸约*米×*米，共*处，*镇*村完成改造。\n";
    let got = placeholders(doc);
    assert!(texts_on(&got, 1).is_empty(), "{got:?}");
    assert_eq!(texts_on(&got, 2), ["****", "****"], "{got:?}");
    assert!(texts_on(&got, 3).is_empty(), "{got:?}");
    assert_eq!(texts_on(&got, 4), ["*", "*", "*", "*", "*"], "{got:?}");
}

#[test]
fn screenshots_viewers_scanners_faxes_slides_and_mail_clients() {
    let page = format!(
        "10:28                              .ıl 5G 76\n×        古城发布        ···\n{BODY}\n\
         平安县卫健委2023年工作总结.pdf        2 / 4        －   100%   ＋        ⤓   🖶   ⋮\n{BODY}\n\
         夸克扫描王 · 2024-01-08 09:12\n{BODY}\n2024-05-17 15:06    FROM:长桥区应急管理局    TO:0735XXXXXXX    P.002/003\n\
         {BODY}\n幻灯片 3\n{BODY}\nMicrosoft Word - 城东街道2023年上半年工作总结.docx\n{BODY}\n\
         ------------------------ 附件预览 ------------------------\n{BODY}\n返回 | 回复 | 回复全部 | 转发 | 删除\n"
    );
    assert_eq!(boilerplate_lines(&page), [1, 2, 4, 6, 8, 10, 12, 14, 16]);
    // A body's sentences with the same words stay.
    body_keeps(&[
        "10:28，县5G基站建设推进会召开，会议要求加快进度。",
        "第3张幻灯片展示了全县产业布局，请各单位对照落实。",
    ]);
}

#[test]
fn a_long_line_of_masked_cells_is_read_in_full() {
    // Twenty thousand masked names between ideographic spaces, and as many masked groups
    // of digits: each is a finding (this line was once read once per name).
    let names = ["XXX"; 20_000].join("\u{3000}");
    let groups = ["1234 ****"; 10_000].join(" ");
    let doc = format!("全镇辖XX个行政村、X个社区。\n出席：{names}\n账号：{groups}\n");
    let got = placeholders(&doc);
    assert_eq!(texts_on(&got, 2).len(), 20_000);
    assert_eq!(texts_on(&got, 3).len(), 10_000);
}

#[test]
fn a_menu_laid_out_with_spaces_beside_other_chrome() {
    let page = format!(
        "青溪县文化旅游广电体育局\n局情介绍　文旅资讯　政策法规　规划计划　行政许可\n当前位置 >> 规划计划 >> 正文\n\
         青溪县“十四五”文化和旅游发展规划\n{BODY}\n"
    );
    // The menu, and then the banner over it.
    assert_eq!(boilerplate_lines(&page), [1, 2, 3]);
    // A table's header row under a metadata row is no menu; nor is a row alone.
    let table = format!(
        "关于补贴发放情况的公示\n发布时间：2024-07-05　来源：石门镇人民政府\n序号　　村名　　户主　　金额\n1　　杨柳村　　王**　　490\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&table), [2]);
    let alone = format!("关于补贴发放情况的公示\n局情介绍　文旅资讯　政策法规　规划计划\n{BODY}\n");
    assert_no_chrome(&alone);
}

#[test]
fn banners_with_slogans_versions_and_english_names() {
    // A site owner's name with a slogan, a version of the page or its English name, over
    // other chrome; a print view's banner under its bar, over the title.
    for banner in [
        "青杠坪镇人民政府 · 蜀南门户",
        "::: 澜沧坝县民政局 ::: 民政为民　民政爱民",
        "海澄镇人民政府（手机版）",
        "鬆林鎮人民政府網站 [簡體版] [繁體版]",
        "柏川县人民政府 BAICHUAN COUNTY PEOPLE'S GOVERNMENT",
        "潮安门街道 ∣ 东澜区人民政府门户网站",
        "渭川区人民政府门户网站 · 三秦大地 · 渭水之滨",
    ] {
        let page = format!("{banner}\n当前位置：首页 > 政务公开 > 工作总结\n{BODY}\n");
        assert_eq!(boilerplate_lines(&page), [1, 2], "{banner}");
    }
    let print = format!(
        "2024/6/3 15:22　　关于多隆乡人居环境整治的报告_海晏川县人民政府\n【打印正文】　【关闭】\n海晏川县人民政府 · 打印版\n关于多隆乡人居环境整治的报告\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&print), [1, 2, 3]);
    // The issuing office under a title stays; so does a name beside a long piece (a
    // heading) or a version that is no page's (`（试行版）`).
    let office = format!("关于多隆乡人居环境整治的报告\n海晏川县人民政府\n{BODY}\n");
    assert_no_chrome(&office);
    for first in [
        "海晏川县人民政府 · 关于做好二〇二四年春耕备耕工作的通知",
        "海晏川县人民政府（试行版）",
    ] {
        let page = format!("{first}\n当前位置：首页 > 通知\n{BODY}\n");
        assert_eq!(boilerplate_lines(&page), [2], "{first}");
    }
}

#[test]
fn download_links_bylines_and_accessibility_bars_of_other_vendors() {
    // A file offered for download below the signature: with its link's `【下载】`, its size
    // or its download count.
    let page = format!(
        "{BODY}\n青杠坪镇人民政府办公室\n2024年2月20日\n本文附件：青杠坪镇2024年重点工作任务分解表.docx（35.2KB）\n附件：【下载】适老化改造对象名单.xls\n附件：【2023年度白马乡部门决算公开表.xls】  下载次数：37\n"
    );
    let found = boilerplate_lines(&page);
    let n = page.lines().count();
    assert!(found.ends_with(&[n - 2, n - 1, n]), "{found:?}");
    // The document's own attachment, above its signature, stays.
    let own = format!(
        "{BODY}\n附件：桐溪县2024年拟聘用人员名单.xls\n\n桐溪县人力资源和社会保障局\n2024年8月16日\n"
    );
    assert_no_chrome(&own);
    // Rows of metadata with other vendors' labels, an accessibility bar, an elder mode.
    let header = format!(
        "跳转到主要内容区域\n无障碍工具条：声音 | 语速 | 配色 | 放大　缩小 | 大鼠标 | 十字线 | 退出\n\
         长辈版 · 已开启　　切回标准版\n→ 您当前所处位置：首页 - 局务公开 - 民生实事 - 文章正文\n\
         关于民生实事项目进展情况的报告\n创建时间：2024/07/15　供稿部门：产品质量安全监督管理股　浏览量：642次\n\
         发布：2024年01月12日 09时30分　来源：枫林社区居委会　作者：王○○\n字体：A－　A　A＋　　朗读本文 ▶\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&header), [1, 2, 3, 4, 6, 7, 8]);
    // A report's own `发布：` and `地区` stay.
    let own = format!("{BODY}\n发布：县政府办公室\n地区生产总值　386.5　6.2\n{BODY}\n");
    assert_no_chrome(&own);
}

#[test]
fn chrome_of_reposts_on_news_clients_and_document_sharing_sites() {
    // A platform's wordmark at the top, its follow and app prompts, its disclaimer above
    // its recommendation list, its read and comment counts.
    let page = format!(
        "澎湃新闻\n澜江医保\n+ 订阅\n关于做好2024年度城乡居民医保参保缴费工作的通知\n{BODY}\n\
         声明：本客户端转载此文是出于传递更多信息之目的，若来源标注有误或侵犯了您的合法权益，请与我们联系。\n\
         阅读 (2,087)\n0人参与，0条评论\n#防汛# #石桥镇#\n作者文章\n平川区召开一季度经济运行分析会议\n"
    );
    let found = boilerplate_lines(&page);
    for line in [1, 3, 6, 7, 8, 9, 10, 11] {
        assert!(
            found.contains(&line),
            "line {line}: {:?}",
            boilerplate(&page)
        );
    }
    // A document-sharing site's preview bars.
    let doc = format!(
        "百度文库\n文档页数：11 页　　文件大小：42.6K　　上传时间：2024-02-02\n4.6分（32人评价） | 1.5万次阅读 | 206次下载\n\
         和平街道2023年工作总结\n{BODY}\n展开阅读全文\n开通VIP，超值文档免费下载\n"
    );
    assert_eq!(boilerplate_lines(&doc), [1, 2, 3, 6, 7]);
    // The same words in a report stay: a heading `推荐` over a paragraph, a statement in
    // quotation marks, a count in a sentence.
    let report = format!(
        "{BODY}\n推荐\n各村推荐的候选人名单已于5月10日报镇党委审定，其中女性候选人占比达到三成以上。\n\
         文件要求各媒体转载时注明“出于传递更多信息之目的”的字样。\n{BODY}\n"
    );
    assert_no_chrome(&report);
}

#[test]
fn stamps_bracketed_labels_and_breadcrumbs_without_the_home() {
    let page = format!(
        "区政府 / 政府信息公开 / 乡镇（街道）信息公开 / 潮安门街道 / 计划规划\n潮安门街道2024年工作要点\n\
         【时间】2024年02月21日　【稿源】党政办　【责编】黄**　【阅读】\n永丰街道发布 2024年06月12日 08:30 江西\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&page), [1, 3, 4]);
    // A schedule's line, a table of records, a list of words and a date with slashes stay;
    // so do bracketed headings in the body.
    let kept = format!(
        "关于召开2024年防汛工作会议的通知\n会议时间 2024年5月6日 09:30 地点 县政府\n\
         水 / 电 / 气 / 暖\n2024/07/15\n{BODY}\n\
         申报　申请人　网上申报　2024-05-06 09:47\n审查　陈X　现场核查　2024-05-07 15:40\n\
         【案例一】【基本情况】某村在2023年开展人居环境整治。\n"
    );
    assert_no_chrome(&kept);
}

#[test]
fn names_after_labels_and_titles_phones_with_area_codes_and_rows_of_masked_cells() {
    // No other mask in these documents lends evidence: each context is enough alone.
    for (line, want) in [
        ("姓名：○○○（流浪乞讨人员，身份待核实）", vec!["○○○"]),
        ("聯繫人：○○○，電話：0898-1234567", vec!["○○○"]),
        ("县长×××代表县人民政府向大会作报告。", vec!["×××"]),
        ("桐安县人民政府县长　×××", vec!["×××"]),
        ("值班电话：0***-*******", vec!["***", "*******"]),
        ("电话：0XXX-XXXXXXX", vec!["XXX", "XXXXXXX"]),
        // Two masks for the last digits; an area code written whole needs no label.
        ("联系电话：0794-8226××（工作日）。", vec!["××"]),
        ("待遇保障股：0459-6217×××", vec!["×××"]),
        // A business's masked name before its trade and suffix.
        ("依法对××医疗美容诊所立案调查。", vec!["××"]),
        ("确保××储能项目一期年内投产。", vec!["××"]),
    ] {
        let got = after_body(line);
        assert_eq!(texts_on(&got, 2), want, "{line}");
    }
    // Not names nor phones: a figure after a title has its unit; a label's value goes on
    // past the masks; a model number is no phone; one mask after a title is too few.
    for line in [
        "组长XX名，组员若干。",
        "联系人：××负责的窗口另行公布。",
        "型号：0XX-1234567",
        "局长×3人次",
    ] {
        let got = after_body(line);
        assert!(
            texts_on(&got, 2)
                .iter()
                .all(|t| !got.iter().any(|g| g.0 == *t && g.1 == "name" && g.2 == 2)),
            "{line}: {got:?}"
        );
    }
    assert!(texts_on(&placeholders("型号：0XX-1234567\n"), 1).is_empty());
    // Without a label, an area code with masks and a short local number say too little.
    assert!(texts_on(&after_body("编号0XX-62××"), 2).is_empty());
    // A lone mask in a row of masked cells, where the document masks with the family.
    let table = "××村\tXX\tXX\tX\tXX\n全县共有XX个村，XX名干部。\n";
    assert_eq!(
        texts_on(&placeholders(table), 1),
        ["××", "XX", "XX", "X", "XX"]
    );
}

#[test]
fn greetings_search_boxes_addresses_and_rules_around_the_banner() {
    let page = format!(
        "今天是：2025年3月5日 星期三　　欢迎访问塔什布拉克县人民政府网！\n吉阳县人民政府　…　请输入关键字　搜索\n\
         www.lichuan.gov.cn\n当前位置：首页 > 工作总结\n::::::::::::::::\n{BODY}\n\
         ———————————————\n本页面打印时间：2025年2月18日 10:44:31\n"
    );
    assert_eq!(boilerplate_lines(&page), [1, 2, 3, 4, 5, 7, 8]);
    // The body's own rule between its parts, and an address it cites, stay.
    let own = format!(
        "{BODY}\n———————————————\n{BODY}\n详见：\nwww.gov.cn\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n"
    );
    assert_no_chrome(&own);
}

#[test]
fn names_after_a_title_and_surname_figures_in_thousands_and_formulas() {
    for (line, want) in [
        ("村委会副主任林**介绍了工程基本情况。", vec!["**"]),
        ("旗长 ××××", vec!["××××"]),
        ("补偿金额X,XXX元，合计XXX,XXX.XX元。", vec!["X", "XXX"]),
    ] {
        let got = after_body(line);
        let texts = texts_on(&got, 2);
        assert!(want.iter().all(|w| texts.contains(w)), "{line}: {got:?}");
    }
    // A times sign before a formula's next term, a plain name after a title.
    for line in [
        "第一年流转费计算公式为：流转面积×每亩单价。",
        "副主任林立介绍了情况。",
    ] {
        let got = placeholders(&format!("{BODY}\n{line}\n全县共有××个村，××名干部。\n"));
        assert!(texts_on(&got, 2).is_empty(), "{line}: {got:?}");
    }
}

#[test]
fn images_markdown_rules_and_labels_in_square_brackets() {
    let page = format!(
        "[![Image 1: 振江区人民政府](http://www.zj.gov.cn/logo.png)](http://www.zj.gov.cn/)\n\
         当前位置：首页 > 工作总结\n振江区2024年工作总结\n\
         [ 索引号 ] 11500235MB1234567Q/2024-00009\t[ 发文字号 ] 振府〔2024〕3号\n{BODY}\n\
         * * *\n![Image 2: 振江区政府微信公众号二维码](http://www.zj.gov.cn/ewm.jpg)\n\
         版权所有：振江区人民政府办公室\n"
    );
    assert_eq!(boilerplate_lines(&page), [1, 2, 4, 6, 7, 8]);
    // A photo in the body, and a Markdown title's underline, stay.
    let own = format!(
        "振江区2024年工作总结\n------------------\n{BODY}\n![](http://www.zj.gov.cn/photo.jpg)\n{BODY}\n{BODY}\n{BODY}\n{BODY}\n"
    );
    assert_no_chrome(&own);
}

#[test]
fn times_signs_named_or_per_unit_shops_and_an_image_over_the_title() {
    // `×` named as the sign, or before a per-unit figure, in a document that masks with it.
    for line in [
        "部分学生把乘号“×”与字母“x”混写。",
        "书写字母x时与乘号×明确区分。",
        "总投资1104万元（按面积×亩均2400元测算）。",
    ] {
        let got = placeholders(&format!(
            "××中学、××小学参加了测试。\n{line}\n××中学成绩较好。\n"
        ));
        assert!(texts_on(&got, 2).is_empty(), "{line}: {got:?}");
    }
    let got = placeholders("对××路○○商行检查时发现，该商行销售的标称“××牌”电热毯不合格。\n");
    assert_eq!(texts_on(&got, 1), ["××", "○○", "××"]);
    // An image whose alternative text is a metadata label is no label over a value.
    let page = format!(
        "点击上方蓝字 关注我们\n![图片](https://mmbiz.qpic.cn/640?wx_fmt=png)\n\n# 乐平街道2024年重点工作计划\n{BODY}\n"
    );
    assert!(
        !boilerplate_lines(&page).contains(&4),
        "{:?}",
        boilerplate(&page)
    );
}

#[test]
fn text_browser_dumps_numbered_links_list_menus_and_access_bars() {
    // lynx numbers every link (`[12]首页`); html2text and pandoc write a menu as a list.
    let page = format!(
        "   [1]跳过导航 [2]无障碍阅读 [3]适老化版本\n   [4]桐岭县人民政府\n     * [5]首页\n     * [6]政务公开\n\
         \x20    * [7]政务服务\n     * [8]走进桐岭\n   当前位置：[10]首页 > [11]信息公开 > [12]县林业局\n\
         关于做好林长制工作的通知\n{BODY}\n{BODY}\n   [16]上一篇：桐岭县林业局2023年法治政府建设工作报告\n\
         \x20  [18]网站地图 | [19]联系我们 | [20]网站纠错\n   皖ICP备09087162号\n"
    );
    assert_eq!(boilerplate_lines(&page), [1, 2, 3, 4, 5, 6, 7, 11, 12, 13]);
    // A menu row of numbered links, and skip links and access bars in other wordings.
    for line in [
        "   [11]首页 [12]走进泾河 [13]政务公开 [14]政务服务 [15]互动交流",
        "-   [首页](../../index.html)",
        "跳转到主内容区",
        "无障碍 | 长者模式 | 简 | 繁 | 手机版 | 政务微博",
    ] {
        let doc = format!(
            "{line}\n当前位置：首页 > 政务公开\n关于做好林长制工作的通知\n{BODY}\n{BODY}\n"
        );
        assert_eq!(boilerplate_lines(&doc), [1, 2], "{line}");
    }
    // The document's own list items and footnote references stay.
    body_keeps(&[
        "- 完成道路硬化12公里",
        "* 政务公开",
        "根据文件[1]要求，全面开展自查。",
        "简",
    ]);
}

#[test]
fn banners_with_an_address_or_a_logo_and_mobile_and_date_bars() {
    // Under a print view's bar, a site owner's name with its address or logo's words is a
    // banner, as one naming the page's version is.
    for banner in [
        "阜城河县人民政府 www.fuchenghe.gov.cn",
        "宝应县人民政府 门户网站 logo",
        "六盤縣人民政府 網站標誌",
    ] {
        let doc = format!(
            "打印预览　　　[打印]　[返回]\n{banner}\n关于做好林长制工作的通知\n{BODY}\n{BODY}\n"
        );
        assert_eq!(boilerplate_lines(&doc), [1, 2], "{banner}");
    }
    // Without them, the name under the bar may be the issuing office over the title.
    let doc = format!(
        "打印预览　　　[打印]　[返回]\n阜城河县人民政府\n关于做好林长制工作的通知\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&doc), [1]);
    // A mobile page's menu button; the day's date with the lunar one.
    let doc = format!(
        "万泉县人民政府\n☰\n首页 / 政务公开 / 部门文件\n关于做好林长制工作的通知\n{BODY}\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&doc), [1, 2, 3]);
    let doc = format!(
        "天津市红桥区人民政府\n  2024年3月18日 星期一  农历二月初九\n首页  |  政务公开  |  政务服务  |  走进红桥\n\
         关于做好林长制工作的通知\n{BODY}\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&doc), [1, 2, 3]);
    // Minutes' own date line keeps its weekday.
    body_keeps(&["2024年3月18日 星期一"]);
}

#[test]
fn more_site_owners_and_menus_split_by_thin_bars_or_single_spaces() {
    for (banner, menu) in [
        (
            "余澜区人民法院 · 阳光司法网",
            "法院概况 ▏审判动态 ▏执行公开 ▏司法公开 ▏诉讼服务",
        ),
        (
            "桐溪市不动产登记服务中心",
            "登记指南 ｜ 办事流程 ｜ 公告公示 ｜ 政策法规 ｜ 网上预约",
        ),
        (
            "郑汴市公安局交通警察支队",
            "交管动态 | 通知公告 | 车驾管服务 | 违法查询 | 事故处理",
        ),
        ("竹峰鎮公所", "認識竹峰 公告訊息 業務專區 便民服務 下載專區"),
    ] {
        let doc = format!(
            "{banner}\n{menu}\n当前位置：首页 > 通知公告\n关于做好林长制工作的通知\n{BODY}\n{BODY}\n"
        );
        assert_eq!(boilerplate_lines(&doc), [1, 2, 3], "{banner}");
    }
    // Under a title, the issuing centre is the document's; a sentence's words split by
    // single spaces are no menu.
    let doc = format!("关于做好林长制工作的通知\n桐溪市不动产登记服务中心\n{BODY}\n{BODY}\n");
    assert_eq!(boilerplate_lines(&doc), [] as [usize; 0]);
    body_keeps(&["坚持 稳中求进 工作 总基调"]);
}

#[test]
fn an_empty_field_in_an_index_block_takes_no_value_and_more_page_residue() {
    // The index block's rows hold their values; an empty 文号 is followed by the title,
    // the document's own.
    let doc = format!(
        "当前位置：首页>政府信息公开\n索 引 号：\t000014349/2024-1208765\n生成日期：\t2024-03-11\n\
         生效日期：\t2024-03-11\n文　　号：\t\n关于做好林长制工作的通知\n{BODY}\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&doc), [1, 2, 3, 4, 5]);
    // One element per line, a label's value is on the next line.
    let doc = format!(
        "当前位置：首页 > 政务公开\n来源：\n县林业局\n发布时间：\n2024-01-05\n关于做好林长制工作的通知\n{BODY}\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&doc), [1, 2, 3, 4, 5]);
    // The share row's heading, the QR code's caption, an exit link's prompt.
    let doc = format!(
        "关于做好林长制工作的通知\n{BODY}\n{BODY}\n—— 分享到 ——\n微信好友　朋友圈　微博\n文章二维码\n\
         【打印本页】 【关闭本页】\n您访问的链接即将离开“兰封县人力资源和社会保障局”门户网站　是否继续？\n\
         网站主办：兰封县人力资源和社会保障局　网站标识码：4102250039\n"
    );
    assert_eq!(boilerplate_lines(&doc), [4, 5, 6, 7, 8, 9]);
}

#[test]
fn formulas_dimensions_and_named_symbols_are_no_masks() {
    // The document masks with × and ○ (王×明, 赵○○), so a lone symbol would count: the
    // formula's operators, a dimension and the symbol a notice names stay.
    let text = "受助人：王×明、赵○○，地址：××村×组。\n\
                补贴按照“基础标准×护理系数”确定。\n\
                补贴金额=当年社会保险缴费基数下限×单位缴费比例×补贴人数×补贴月数。\n\
                按每人每月300元×实际补贴月数发放。\n\
                违法建筑长12.5米×宽6.8米。\n\
                姓名以「○」遮蔽部分字元。\n\
                播种面积×.×万亩，以每台×××元的价格从×某处购进。\n";
    let got = placeholders(text);
    for line in 2..=6 {
        assert!(texts_on(&got, line).is_empty(), "{line}: {got:?}");
    }
    // A masked figure after a term, and a mask after a verb, still count.
    assert_eq!(texts_on(&got, 7), ["×", "×", "×××", "×"], "{got:?}");
}

#[test]
fn masks_a_markdown_converter_escaped() {
    // markdownify and pandoc escape asterisks: the span holds the escapes as written.
    let text = "| 1 | 海语·半山 | 石浦镇 | 陈\\*\\* | 白金宿 |\n\\*\\*镇\\*村\n收到村民张\\*\\*的电话，邮箱xsms\\*\\*\\*@163.com。\n";
    let got = placeholders(text);
    assert_eq!(texts_on(&got, 1), ["\\*\\*"], "{got:?}");
    assert_eq!(texts_on(&got, 2), ["\\*\\*", "\\*"], "{got:?}");
    assert_eq!(texts_on(&got, 3), ["\\*\\*", "\\*\\*\\*"], "{got:?}");
    // Columns are counted in the line as written.
    let f = zhclean::clean_text(text, &zhclean::Config::default())
        .findings
        .into_iter()
        .find(|f| f.rule == zhclean::report::Rule::Placeholder)
        .unwrap();
    assert_eq!((f.span.line, f.span.column, f.span.end_column), (1, 22, 26));
    // An escaped asterisk alone in prose is no mask.
    assert!(placeholders("注：带\\*的指标为快报数据。\n").is_empty());
}

#[test]
fn converter_artefacts_do_not_make_chrome_of_the_document() {
    // jusText tags its paragraphs and headings: the title is no breadcrumb for its `>`,
    // and a tagged metadata row is still one.
    let doc = format!(
        "<h> 鬆溪鎮2023年鄉村振興工作報告\n<p> 發佈時間：2024-01-12 來源：鬆溪鎮人民政府 瀏覽次數：693\n<p> {BODY}\n<p> {BODY}\n"
    );
    assert_eq!(boilerplate_lines(&doc), [2]);
    // A sentence that a text browser wrapped at `支持IPv6` stays; the footer's line goes.
    body_keeps(&["支持IPv6访问和HTTPS加密传输，完成无障碍和适老化改造，移动端页面采用H5自适应"]);
    let doc = format!("关于做好林长制工作的通知\n{BODY}\n{BODY}\n本站支持IPv6访问　推荐使用Chrome、Edge浏览器浏览\n");
    assert_eq!(boilerplate_lines(&doc), [4]);
}

#[test]
fn text_browser_tables_search_boxes_and_wrapped_breadcrumbs() {
    // w3m draws the index block as a table; lynx a search box and a breadcrumb wrapped.
    let page = format!(
        "┌────────┬──────────┬────────┬──────┐\n│索 引 号│114113/2025-00018│信息分类│工作计划│\n\
         ├────────┼──────────┼────────┼──────┤\n│发布机构│宛丰县市场监督管理局│成文日期│2025-02-20│\n\
         └────────┴──────────┴────────┴──────┘\n   [14]____________________ [15]搜索\n\
         \x20  您现在的位置： [16]首页 > [17]政务公开 > [19]霞岭镇 >\n   [20]计划总结\n\
         霞岭镇2024年上半年工作总结\n{BODY}\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&page), [1, 2, 3, 4, 5, 6, 7, 8]);
    // A title right under a breadcrumb that ends in its separator is the document's; so is
    // a table in the body, and one of no labels.
    let doc = format!(
        "当前位置：首页 > 政务公开 >\n霞岭镇2024年上半年工作总结及下半年工作计划\n{BODY}\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&doc), [1]);
    let form = format!(
        "┌────┬────┐\n│姓名│电话│\n└────┴────┘\n关于做好林长制工作的通知\n{BODY}\n┌────┐\n│索引号│\n└────┘\n{BODY}\n"
    );
    assert_eq!(boilerplate_lines(&form), [] as [usize; 0]);
    body_keeps(&["[1] 查询结果见附表"]);
}

#[test]
fn banners_as_a_logos_alternative_text_with_the_pages_switches() {
    for banner in [
        "[锦城区人民政府]",
        "[遼河縣人民政府]  [繁體]  [簡體]  [無障礙]",
        "[宛丰县人民政府门户网站]                        无障碍 | 关怀版 | English | 登录",
    ] {
        let doc =
            format!("{banner}\n首页 > 政务公开 > 工作总结\n锦城区2024年工作总结\n{BODY}\n{BODY}\n");
        assert_eq!(boilerplate_lines(&doc), [1, 2], "{banner}");
    }
}

#[test]
fn pandocs_fenced_divs() {
    let doc = format!("::: {{.top-bar}}\n当前位置：首页 > 政务公开\n:::\n关于做好林长制工作的通知\n::: {{#content .article-body}}\n{BODY}\n{BODY}\n:::\n");
    assert_eq!(boilerplate_lines(&doc), [1, 2, 3, 5, 8]);
}
