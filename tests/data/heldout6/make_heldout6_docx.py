"""Write the Word file of this held-out set (fictional text, written for policytext).

    .venv/bin/python tests/data/heldout6/make_heldout6_docx.py

``f1_city_organs_party_points.docx`` is raw WordprocessingML (helpers of
``tests/data/docx/make_fixtures.py``) whose outline numbers are INHERITED FROM PARAGRAPH STYLES:
the Heading 1 and Heading 2 styles carry ``w:numPr`` in styles.xml (``一、`` chineseCounting and
``（一）`` in full-width brackets), while the heading paragraphs themselves have no ``w:numPr`` and
no typed marker. Body paragraphs are Normal and unnumbered.

The file is committed; the gold was annotated on the text ``policytext.io.load`` gives for it.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "docx"))

from make_fixtures import (  # noqa: E402
    abstract,
    document_xml,
    level,
    num,
    numbering_xml,
    para,
    style,
    styles_xml,
    write_package,
)

F1_TITLE = "黛潆市直机关工委2025年机关党建工作要点"
# (style, text): "H1" and "H2" are numbered by their style only; None is a plain paragraph
F1 = [
    (None, "2025年，市直机关党的建设工作要坚持以习近平新时代中国特色社会主义思想为指导，深刻领悟“两个确立”的决定性意义，"
           "坚决做到“两个维护”，围绕在践行“三个表率”上走在前列这一目标，以“三联三促”为抓手，即联系基层促作风、"
           "联系群众促服务、联系企业促发展，推动机关党建与业务工作深度融合，为建设现代化新黛潆提供坚强保证。"
           "全市各级机关党组织要坚持大抓基层的鲜明导向，把准职责定位，把机关党建各项任务一项一项抓实抓细、抓出成效。"),
    ("H1", "突出政治引领，筑牢对党忠诚的思想根基"),
    ("H2", "深化党的创新理论武装"),
    (None, "严格落实“第一议题”制度，各部门党组（党委）理论学习中心组全年集体学习不少于12次，其中专题研讨不少于4次。"
           "机关党员每年参加集中轮训不少于32学时。（牵头单位：工委宣传部；配合单位：各部门机关党委）"),
    ("H2", "加强机关政治建设"),
    (None, "开展模范机关创建活动，年内命名市级模范机关10个，命名有效期为三年，期满复核不合格的撤销命名。各部门机关党委每半年向工委报告一次政治建设情况，"
           "工委每年对××个部门开展政治建设专项督查。（牵头单位：工委办公室）"),
    ("H2", "抓好意识形态工作"),
    (None, "机关党委每年专题分析研判意识形态形势不少于2次，网络舆情一般事项在2小时内报告。"
           "工委宣传部负责，市委网信办配合。"),
    ("H1", "夯实基层基础，提升机关党组织组织力"),
    ("H2", "推进“四强”党支部建设"),
    (None, "按照政治功能强、支部班子强、党员队伍强、作用发挥强的标准，深化“四强”党支部创建，到2025年底"
           "“四强”党支部占比达到85%以上，后进党支部整顿转化率100%。（牵头单位：工委组织部；配合单位：各部门机关党委）"),
    ("H2", "严格党内组织生活"),
    (None, "认真落实“三会一课”制度，党支部每月至少开展1次主题党日活动，党员领导干部每年到所在党支部或联系点讲党课"
           "不少于1次。党员参加组织生活出勤率保持在90%以上。"),
    ("H2", "加强党员教育管理"),
    (None, "全年发展党员××名，35岁以下青年党员占比不低于40%。组织党员开展“双报到”，在职党员每年到社区参加志愿服务"
           "不少于6次。工委组织部要会同市委组织部建立党员积分管理台账，每季度通报一次。"),
    ("H2", "建强党务干部队伍"),
    (None, "机关党委专职副书记配备率达到100%，新任党支部书记在任职后6个月内完成培训。工委党校要举办党务干部示范"
           "培训班不少于3期，每期培训不少于5天。"),
    ("H1", "推动融合发展，服务全市中心工作"),
    ("H2", "深化“三联三促”行动"),
    (None, "每个机关党支部至少结对联系1个村（社区）党组织，处级以上党员领导干部每年下基层调研不少于30天，"
           "为基层和企业解决实际问题不少于2件。（牵头单位：工委组织部；配合单位：市直各部门）"),
    ("H2", "打造机关党建品牌"),
    (None, "推行“一支部一品牌”，年内培育机关党建示范品牌20个，评选优秀党建创新案例不少于10个，"
           "工委每年安排党建品牌培育资金不超过50万元。"),
    ("H2", "发挥群团组织作用"),
    (None, "支持机关工会、机关团委围绕中心工作开展劳动竞赛、青年建功等活动，每年举办机关青年理论宣讲不少于8场。"
           "关心关爱机关干部职工身心健康，年内组织干部职工健康体检参检率达到95%以上。（牵头单位：工委群团工作部；"
           "配合单位：机关工会、机关团委）"),
    ("H2", "助力优化营商环境"),
    (None, "组织机关党员下沉服务企业，每个机关党委至少联系服务3家重点企业，企业反映的问题一般在10个工作日内"
           "协调办结。市发展改革委、市工业和信息化局机关党委要发挥行业优势，带头开展“党建+服务企业”活动。"),
    ("H1", "坚持从严治党，营造风清气正的机关政治生态"),
    ("H2", "驰而不息纠治“四风”"),
    (None, "严格落实中央八项规定及其实施细则精神，市直机关纪工委要每季度开展一次作风建设明察暗访，发现问题"
           "限期整改，整改完成率100%。"),
    ("H2", "加强廉洁文化建设"),
    (None, "开展警示教育月活动，各部门每年至少召开1次警示教育大会，新提任处级干部廉政谈话覆盖率100%。"
           "（牵头单位：市直机关纪工委；配合单位：市纪委监委派驻纪检监察组）"),
    ("H2", "强化日常监督"),
    (None, "用好监督执纪“四种形态”，对苗头性、倾向性问题早提醒、早纠正。机关纪委书记每年与所在部门党员干部"
           "开展谈心谈话不少于20人次，对新发现问题线索在5个工作日内报告。市直机关纪工委负责，工委组织部配合。"),
    ("H1", "压实工作责任，确保各项任务落地见效"),
    ("H2", "落实党建工作责任制"),
    (None, "各部门党组（党委）书记要切实履行第一责任人职责，每年向工委书面述职1次。工委对述职评议结果为“一般”的"
           "部门进行约谈，连续两年排名后5位的，取消其评先评优资格。"),
    ("H2", "强化考核结果运用"),
    (None, "机关党建考核在部门年度综合考核中的权重不低于20%，考核结果作为领导班子和领导干部评价的重要依据。"
           "工委办公室负责建立任务清单，每月调度一次进展，年底前完成全年考核。"),
    (None, "各部门机关党委要结合实际制定具体落实措施，于3月15日前报送工委组织部。执行中遇到的重要情况和问题，"
           "要及时向工委请示报告，确保全年各项工作任务按期高质量完成。"),
]


def f1(path: Path) -> None:
    styles = styles_xml(base=[
        style("Normal", "Normal", default=True),
        style("Title", "Title", "Normal"),
        style("Heading1", "heading 1", "Normal",
              '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="0"/>'),
        style("Heading2", "heading 2", "Normal",
              '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="1"/>'),
    ])
    numbering = numbering_xml([abstract(4, [
        level(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Heading1"/>'),
        level(1, "chineseCounting", "（%2）", extra='<w:pStyle w:val="Heading2"/>'),
    ])], [num(7, 4)])
    body = [para(F1_TITLE, "Title")]
    for kind, text in F1:
        body.append(para(text, {"H1": "Heading1", "H2": "Heading2"}.get(kind or "", "")))
    write_package(path, {
        "word/document.xml": document_xml(body),
        "word/styles.xml": styles,
        "word/numbering.xml": numbering,
    })


def main() -> None:
    f1(HERE / "f1_city_organs_party_points.docx")


if __name__ == "__main__":
    main()
