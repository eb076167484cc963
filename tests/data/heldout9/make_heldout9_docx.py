"""Write the Word file of this held-out set (fictional text, written for policytext).

    .venv/bin/python tests/data/heldout9/make_heldout9_docx.py

``m2_assessment_rules.docx`` is a python-docx document: a county's Party-building assessment
scoring rules with typed outline markers 一、 (Heading 1) / （一） (a bold lead-in run followed by a
plain run in the same paragraph) / ``1.`` in plain paragraphs, and a **Word table of scored
indicators** (考核项目 / 考核内容 / 评分标准 / 分值) placed between two paragraphs of 二、. The
考核项目 cells are merged vertically over the rows of their group, and the 分值 cells hold bare
numbers. The signature and date close the document. The zip is normalised (fixed timestamps) with
the helper of ``tests/data/docx/make_fixtures.py`` so that re-runs are byte-identical.

The file is committed; the gold was annotated on the text ``policytext.io.load`` gives for it.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "docx"))

from make_fixtures import add_grid_table, save_docx  # noqa: E402

M2_TITLE = "泷沔县2026年度基层党建工作考核评分细则"
# ("h", text): a Heading 1 line; ("lead", lead, rest): a （一） paragraph with a bold lead-in;
# ("p", text): a plain paragraph; ("table", None): where the indicator table stands.
M2 = [
    ("p", "为深入贯彻新时代党的建设总要求和新时代党的组织路线，压紧压实各级党组织管党治党政治责任，推动全县基层党建"
          "工作全面进步、全面过硬，根据《中国共产党章程》《中国共产党党和国家机关基层组织工作条例》等党内法规和县委"
          "《关于全面加强基层党组织建设的实施意见》（泷发〔2025〕9号）精神，结合我县实际，制定本细则。"),
    ("h", "一、考核对象"),
    ("p", "全县13个乡镇党委、2个街道党工委，县直机关工委、县国资党委，以及县直37个部门单位党组（党委）。各乡镇党委"
          "书记、街道党工委书记和县直部门单位党组（党委）书记是抓基层党建工作第一责任人，对本单位考核工作负总责。"),
    ("h", "二、考核内容和评分标准"),
    ("p", "考核实行百分制，满分100分。考核内容分为政治建设、思想建设、组织建设、党员队伍建设、作风纪律建设、责任落实"
          "6个方面13项指标，具体内容、评分标准和分值见下表："),
    ("p", "泷沔县2026年度基层党建工作考核评分表"),
    ("table", None),
    ("p", "各项指标扣分以该项分值为限，扣完为止。考核内容中有明确数量和频次要求的，以县委组织部基层党建信息平台记录和"
          "相关佐证材料为准。"),
    ("h", "三、加分和扣分事项"),
    ("lead", "（一）加分事项。", "基层党建工作经验做法被中央、省级媒体或文件推广的，每项加2分；被市级媒体或文件推广的，"
                          "每项加1分；获得市级以上党建工作表彰的，加1分。同一事项按最高级别加分，不重复计算，加分累计"
                          "最高加5分。"),
    ("lead", "（二）扣分事项。", "有下列情形之一的，在总分中直接扣除相应分值："),
    ("p", "1.党组织或党员受到上级通报批评的，每起扣2分。"),
    ("p", "2.发生党员干部严重违纪违法案件、造成恶劣影响的，每起扣5分。"),
    ("p", "3.对巡察、审计和督查反馈的党建问题整改不力、被县委督查室通报的，扣3分。"),
    ("h", "四、考核方式"),
    ("lead", "（一）日常考核。", "日常考核占总分的40%，由县委组织部每季度组织1次，采取随机抽查、明察暗访、调阅基层党建信息"
                          "平台记录等方式进行，每次抽查的党组织不少于被考核党组织总数的20%。"),
    ("lead", "（二）年终考核。", "年终考核占总分的60%，于次年1月底前完成。县委组织部牵头，会同县纪委监委机关、县委宣传部"
                          "组成考核组，每个考核组不少于3人，通过听取述职、查阅资料、实地察看、个别访谈和民主测评相结合"
                          "的方式进行。每个被考核单位民主测评有效票不少于30张。"),
    ("lead", "（三）自评报送。", "各被考核单位要于12月15日前向县委组织部报送年度党建工作自评报告，对自评报告的真实性负责；"
                          "自评得分与考核得分相差10分以上的，予以通报。"),
    ("lead", "（四）考核纪律。", "考核组成员要严格遵守考核工作纪律，与被考核对象存在利害关系的应当回避。考核结果经县委"
                          "党建工作领导小组审定后在全县范围内公示，公示时间不少于5个工作日。"),
    ("h", "五、等次评定和结果运用"),
    ("lead", "（一）等次评定。", "考核结果分为优秀、良好、一般、不合格四个等次。得分90分以上为优秀，80分（含）至90分为良好，"
                          "60分（含）至80分为一般，低于60分为不合格。优秀等次比例原则上不超过被考核单位总数的30%。"),
    ("lead", "（二）结果运用。", "考核结果作为党组织书记评先评优、选拔任用和年度绩效奖励的重要依据。考核为不合格的，由县委"
                          "分管负责同志约谈党组织书记，被考核单位要限期1个月内提交书面整改报告；连续两年考核为不合格的，"
                          "按照干部管理权限对党组织书记进行组织调整。"),
    ("lead", "（三）否决事项。", "被考核单位领导班子成员受到党纪重处分或者政务重处分的，或者对巡视巡察反馈问题拒不整改、"
                          "造成不良影响的，年度考核等次直接确定为不合格，取消当年评先评优资格。"),
    ("h", "六、附则"),
    ("p", "本细则由县委组织部负责解释，自印发之日起施行。2025年3月印发的《泷沔县基层党建工作考核办法（试行）》"
          "（泷组发〔2025〕6号）同时废止。"),
    ("p", "中共泷沔县委组织部"),
    ("p", "2026年2月10日"),
]
M2_HEADER = ["考核项目", "考核内容", "评分标准", "分值"]
# (group, 考核内容, 评分标准, 分值); the group cell is merged over the rows that share it
M2_ROWS = [
    ("政治建设（15分）", "落实“第一议题”制度，党组织会议及时传达学习习近平总书记重要讲话和重要指示批示精神，全年学习不少于12次",
     "未落实“第一议题”制度的，每发现一次扣2分；学习次数不足的，每少1次扣0.5分", "8"),
    ("政治建设（15分）", "严格执行重大事项请示报告制度，每年向县委书面报告党建工作不少于2次",
     "未按要求请示报告的扣3分；报告次数不足的，每少1次扣2分", "7"),
    ("思想建设（10分）", "党组织理论学习中心组每季度至少开展1次专题研讨，班子成员每年到基层讲党课不少于1次",
     "研讨次数不足的，每少1次扣1分；班子成员未讲党课的，每人扣0.5分", "6"),
    ("思想建设（10分）", "落实意识形态工作责任制，每半年专题研判意识形态形势1次，涉及本单位的重大舆情在2小时内报告",
     "未开展研判的扣2分；重大舆情迟报、漏报的扣4分", "4"),
    ("组织建设（25分）", "党支部每月开展1次主题党日，严格落实“三会一课”制度，支部委员会每月至少召开1次",
     "每发现一个支部一次未开展的扣1分，扣完为止", "10"),
    ("组织建设（25分）", "软弱涣散基层党组织整顿转化率达到100%，党支部标准化规范化建设达标率不低于95%",
     "整顿转化率未达到100%的扣3分；达标率每低1个百分点扣0.5分", "8"),
    ("组织建设（25分）", "基层党组织按期换届率100%，村（社区）党组织书记县级备案管理率100%",
     "每有1个党组织未按期换届扣2分；每有1人未备案扣1分", "7"),
    ("党员队伍建设（15分）", "年度发展党员中35岁以下的比例不低于60%，党员集中培训每人每年不少于32学时",
     "比例每低5个百分点扣1分；培训学时不足的，每人扣0.2分", "8"),
    ("党员队伍建设（15分）", "党费按月足额收缴，收缴率100%；每年开展民主评议党员1次",
     "发现一次未按时收缴扣0.5分；未开展民主评议党员的扣3分", "7"),
    ("作风纪律建设（15分）", "严格落实中央八项规定精神，每年开展警示教育不少于2次",
     "每发现一起“四风”问题扣3分；警示教育每少1次扣1分", "8"),
    ("作风纪律建设（15分）", "班子成员与分管领域干部廉政谈话覆盖率100%",
     "每缺一人扣0.5分", "7"),
    ("责任落实（20分）", "党组织书记每年向上级党组织述职1次，基层党建问题清单整改完成率达到90%以上",
     "未按时述职的扣3分；整改完成率每低1个百分点扣0.5分", "10"),
    ("责任落实（20分）", "基层党建经费纳入年度预算，每个村级党组织每年党建工作经费不低于3万元",
     "经费未纳入预算的扣3分；每有1个村未达标扣0.5分", "10"),
    ("合计", "", "", "100"),
]


def _table(d) -> None:
    """The indicator table: header row, one row per indicator, the group cells merged downwards."""
    t = add_grid_table(d, M2_HEADER, M2_ROWS, first_col=1)  # the group column is merged below
    r = 1
    while r <= len(M2_ROWS):
        group = M2_ROWS[r - 1][0]
        last = r
        while last < len(M2_ROWS) and M2_ROWS[last][0] == group:
            last += 1
        cell = t.cell(r, 0).merge(t.cell(last, 0)) if last > r else t.cell(r, 0)
        cell.text = group
        r = last + 1


def m2(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph(M2_TITLE, style="Title")
    for kind, *parts in M2:
        if kind == "h":
            d.add_paragraph(parts[0], style="Heading 1")
        elif kind == "lead":
            p = d.add_paragraph()
            p.add_run(parts[0]).bold = True
            p.add_run(parts[1])
        elif kind == "table":
            _table(d)
        else:
            d.add_paragraph(parts[0])
    save_docx(d, path, "policytext heldout9")


def main() -> None:
    m2(HERE / "m2_assessment_rules.docx")


if __name__ == "__main__":
    main()
