"""Write the Word file of this held-out set (fictional text, written for policytext).

    .venv/bin/python tests/data/heldout10/make_heldout10_docx.py

``n1_university_party_plan.docx`` is a python-docx document whose outline numbers 一、 / （一） come
from the HEADING STYLES: python-docx's own Heading 1 and Heading 2 styles are given a ``w:numPr``
(Heading 1: numId only, so level 0; Heading 2: ilvl 1) that points to a list template added to the
template's numbering part, whose levels link back to the styles with ``w:pStyle``. The heading
paragraphs carry no ``w:numPr`` of their own and no typed marker. One Heading 1 paragraph above
the first numbered heading (总体思路) switches the style's numbering off with ``w:numId`` 0, as Word
writes when a user removes the number from a single heading. Body paragraphs are Normal; the
points under some （一） have TYPED markers ``1.``. The zip is normalised (fixed timestamps) with
the helper of ``tests/data/docx/make_fixtures.py`` so that re-runs are byte-identical.

The file is committed; the gold was annotated on the text ``policytext.io.load`` gives for it.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "docx"))

from make_fixtures import NS, add_list_template, save_docx  # noqa: E402

N1_TITLE = "中共澥川理工大学委员会2026年工作计划"
# (kind, text): "H0" a Heading 1 paragraph with its numbering switched off, "H1" / "H2" headings
# numbered by their style only, None a plain paragraph (typed 1. markers are part of the text)
N1 = [
    ("H0", "总体思路"),
    (None, "2026年是“十五五”开局之年，也是学校迎接新一轮本科教育教学审核评估、冲刺省一流学科建设目标的攻坚之年。"
           "学校党委工作的总体思路是：坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针，深刻领悟"
           "“两个确立”的决定性意义，坚决做到“两个维护”，以党的政治建设为统领，以“三全育人”综合改革为主线，以基层"
           "党组织“强基创优”行动为抓手，推动党建工作与学校改革发展同频共振，为加快建成特色鲜明的高水平理工大学"
           "提供坚强保证。全年重点抓好以下六个方面工作。"),
    ("H1", "加强党的政治建设，把牢学校发展正确方向"),
    ("H2", "坚持和完善党委领导下的校长负责制"),
    (None, "1.健全议事决策制度。修订党委常委会会议、校长办公会议议事规则，凡属“三重一大”事项必须经党委常委会集体研究"
           "决定。全年召开党委常委会会议不少于22次，党委全体会议每半年至少召开1次。（牵头单位：党委办公室；配合单位："
           "校长办公室）"),
    (None, "2.落实“第一议题”制度。党委常委会会议坚持把学习习近平总书记最新重要讲话和重要指示批示精神作为“第一议题”，"
           "各二级党组织要在7日内跟进传达学习，并结合本单位实际研究贯彻措施。"),
    (None, "3.加强二级单位政治把关。各学院党委要完善党政联席会议制度，教师引进、职称评审、评奖评优等事项须经学院党委"
           "会议先行研究，每个学院全年召开党政联席会议不少于20次。"),
    ("H2", "深化党的创新理论武装"),
    (None, "校党委理论学习中心组全年集体学习不少于12次，其中专题研讨不少于4次，年内形成高质量调研报告不少于10篇。各二级"
           "党组织理论学习中心组每季度至少开展1次专题学习。马克思主义学院要组建青年理论宣讲团，全年面向师生开展宣讲"
           "不少于60场。（牵头单位：宣传部；配合单位：马克思主义学院、各二级党组织）"),
    ("H1", "深化“三全育人”综合改革，落实立德树人根本任务"),
    ("H2", "推进思政课守正创新"),
    (None, "1.落实领导干部讲思政课制度。校党委书记、校长每学期至少为本科生讲授1次思政课，校领导每学期听思政课不少于"
           "2次，学院党委书记每学期至少深入课堂听课3次。"),
    (None, "2.加强思政课教师队伍建设。年内新进思政课专职教师不少于8名，马克思主义学院每周开展1次集体备课，"
           "思政课教师每年参加社会实践研修不少于5天。（牵头单位：人事处；配合单位：马克思主义学院）"),
    (None, "3.推动“大思政课”建设。与地方党委政府、行业企业共建思政课实践教学基地不少于10个，每门思政课实践教学学时"
           "不少于总学时的20%。（牵头单位：马克思主义学院；配合单位：教务处、学生工作部）"),
    ("H2", "加强辅导员队伍建设"),
    (None, "学生工作部要按照师生比不低于1∶200的标准配齐专职辅导员，新入职辅导员岗前培训不少于40学时。辅导员每月深入"
           "学生宿舍不少于4次，每学期与所带学生谈心谈话实现全覆盖。学生工作部每年举办辅导员素质能力大赛1次，评选"
           "“十佳辅导员”10名。"),
    ("H2", "构建“三个课堂”协同育人格局"),
    (None, "着力构建“三个课堂”育人体系，即思政课堂、实践课堂、网络课堂。每个学院至少打造1个“一院一品”实践育人项目，"
           "本科生参加社会实践覆盖率达到100%。校团委要组织暑期社会实践团队不少于120支，宣传部年内扶持校园网络文化"
           "工作室15个。"),
    ("H1", "建强基层组织体系，夯实战斗堡垒"),
    ("H2", "实施“双带头人”培育工程"),
    (None, "新任教师党支部书记原则上从具有副高级以上职称的党员骨干中选拔，教师党支部书记中“双带头人”占比稳定在95%以上。"
           "年内建设校级“双带头人”教师党支部书记工作室6个。组织部每学年组织党支部书记集中轮训1次，每人培训时间"
           "不少于24学时。"),
    ("H2", "抓好党员发展和教育管理"),
    (None, "1.提高发展党员质量。坚持把政治标准放在首位，全年发展党员控制在400名左右，其中教职工党员不少于20名；到年底，"
           "学生党员占在校学生比例达到5%以上，研究生党员比例不低于25%，专任教师中党员比例保持在60%以上。"),
    (None, "2.严格党内组织生活。各党支部要严格落实“三会一课”制度，每月开展1次主题党日活动，每年召开组织生活会和开展"
           "民主评议党员各1次。党支部书记每年为党员讲党课不少于1次。"),
    (None, "3.加强党员日常管理。健全流动党员和出国（境）学习党员管理制度，党员组织关系转接在5个工作日内办结，党费收缴率"
           "100%。（牵头单位：组织部；配合单位：各二级党组织）"),
    ("H2", "推进党建示范创建"),
    (None, "深化基层党组织“强基创优”行动，年内完成第二批12个校级样板支部验收，遴选4个二级党组织开展“党建+专业”融合试点。"
           "二级党组织书记每年向校党委述职1次，述职评议等次为“一般”的，由校党委书记进行约谈。"),
    ("H1", "加强干部队伍和人才队伍建设"),
    ("H2", "优化干部队伍结构"),
    (None, "坚持新时代好干部标准，统筹推进中层干部换届聘任，换届后40岁以下中层干部占比不低于20%，具有博士学位的中层"
           "干部占比提高到60%。新提任中层干部试用期为1年，任职前须参加不少于30学时的岗前培训。年内选派15名优秀年轻干部到地方政府或企业挂职"
           "锻炼，挂职时间一般不少于6个月。组织部牵头，人事处配合。"),
    ("H2", "做好党委联系服务专家工作"),
    (None, "校领导班子成员每人联系5名以上专家人才，每学期走访所联系专家不少于1次。人才工作领导小组办公室要建立专家意见"
           "建议办理台账，对专家反映的问题在15个工作日内给予答复。"),
    ("H1", "牢牢掌握意识形态工作领导权"),
    (None, "校党委每半年专题研究意识形态工作不少于1次，各二级党组织每季度开展1次意识形态形势分析研判。宣传部负责完善"
           "校园网络舆情24小时监测机制，重大舆情在1小时内报告。严格执行报告会、研讨会、讲座、论坛审批制度，落实"
           "“谁主办、谁负责”，全年审批覆盖率100%。"),
    ("H1", "坚定不移推进全面从严治党"),
    ("H2", "压实“两个责任”"),
    (None, "落实“两个责任”，即校党委的全面从严治党主体责任和校纪委的监督责任。学院党委书记履行第一责任人职责，"
           "班子其他成员落实“一岗双责”，各二级党组织每年向校党委报告全面从严治党情况不少于1次。"),
    ("H2", "驰而不息纠治“四风”"),
    (None, "严格执行中央八项规定及其实施细则精神，校纪委每季度至少开展1次作风建设专项检查，“三公”经费支出只减不增。"),
    ("H2", "深化校内巡察"),
    (None, "年内完成对8个二级党组织的常规巡察，巡察反馈问题整改完成率达到100%，被巡察单位在巡察反馈后3个月内报送整改"
           "情况。（牵头单位：党委巡察工作办公室；配合单位：纪委办公室、组织部）"),
    (None, "各二级党组织要对照本计划，结合实际制定本单位年度工作安排，于3月20日前报党委办公室。党委办公室要会同组织部"
           "建立工作台账，每季度督办1次，年底前对照计划逐项考核。"),
]

NUM_ID = 91  # above the ids of python-docx's default numbering part
LEVELS = [(0, "chineseCounting", "%1、", "Heading1"), (1, "chineseCounting", "（%2）", "Heading2")]


def _abstract_xml() -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:pStyle w:val="{style}"/>'
        f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        for ilvl, fmt, text, style in LEVELS
    )
    return (f'<w:abstractNum {NS} w:abstractNumId="{NUM_ID}"><w:multiLevelType w:val="multilevel"/>'
            f"{levels}</w:abstractNum>")



def _link_style(document, name: str, ilvl: int | None) -> None:
    """Give a heading style its numPr, after keepNext/keepLines and before spacing (schema order)."""
    from docx.oxml import parse_xml

    ppr = document.styles[name]._element.get_or_add_pPr()
    level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    numpr = parse_xml(f'<w:numPr {NS}>{level}<w:numId w:val="{NUM_ID}"/></w:numPr>')
    spacing = ppr.find(f"{{{ppr.nsmap['w']}}}spacing")
    if spacing is not None:
        spacing.addprevious(numpr)
    else:
        ppr.append(numpr)


def _number_off(paragraph) -> None:
    """Switch the style's numbering off for one paragraph (numId 0)."""
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {NS}><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'))


def n1(path: Path) -> None:
    import docx

    d = docx.Document()
    add_list_template(d, _abstract_xml(), NUM_ID)
    _link_style(d, "Heading 1", None)
    _link_style(d, "Heading 2", 1)
    d.add_paragraph(N1_TITLE, style="Title")
    for kind, text in N1:
        if kind == "H0":
            _number_off(d.add_paragraph(text, style="Heading 1"))
        elif kind == "H1":
            d.add_paragraph(text, style="Heading 1")
        elif kind == "H2":
            d.add_paragraph(text, style="Heading 2")
        else:
            d.add_paragraph(text)
    save_docx(d, path, "policytext heldout10")


def main() -> None:
    n1(HERE / "n1_university_party_plan.docx")


if __name__ == "__main__":
    main()
