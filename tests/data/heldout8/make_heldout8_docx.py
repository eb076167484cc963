"""Write the Word file of this held-out set (fictional text, written for policytext).

    .venv/bin/python tests/data/heldout8/make_heldout8_docx.py

``k2_city_employment_plan.docx`` is a python-docx document whose outline numbers 一、 / （一） / ``1．``
are Word AUTOMATIC numbering: a list template added to python-docx's own numbering part
(chineseCounting ``%1、`` on Heading 1, chineseCounting ``（%2）``, decimal with a full-width dot
``%3．``, tab after the number), none typed in the paragraph text. Two plain paragraphs (the issuer
and the document number) stand above the title, and the plan ends with an attachment
task-breakdown table (序号 / 重点任务 / 牵头单位 / 配合单位 / 完成时限). The zip is normalised (fixed
timestamps) with the helper of ``tests/data/docx/make_fixtures.py`` so that re-runs are byte-identical.

The file is committed; the gold was annotated on the text ``policytext.io.load`` gives for it.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "docx"))

from make_fixtures import NS, add_grid_table, add_list_template, save_docx  # noqa: E402

K2_HEAD = ["珩澜市人力资源和社会保障局文件", "珩人社发〔2025〕11号"]
K2_TITLE = "珩澜市2025年稳就业促增收行动实施方案"
# (level, text): 0 = 一、 (Heading 1), 1 = （一）, 2 = 1．; None = a plain paragraph without a number
K2 = [
    (None, "为深入实施就业优先战略，全力稳定和扩大就业，根据《中华人民共和国就业促进法》和省委、省政府关于做好当前和"
           "今后一个时期促进就业工作的部署要求，结合我市实际，制定本方案。"),
    (0, "总体目标"),
    (None, "2025年，全市新增城镇就业3.2万人，城镇调查失业率控制在5.5%以内，帮助失业人员再就业8000人，就业困难人员"
           "实现就业2500人，零就业家庭保持动态清零；离校未就业高校毕业生年底去向落实率保持在90%以上；全年开展补贴性"
           "职业技能培训5万人次以上，新增技能人才1.5万人，其中高技能人才4000人。"),
    (0, "重点任务"),
    (1, "支持企业稳岗扩岗"),
    (2, "落实稳岗返还政策。对不裁员或少裁员的参保企业，中小微企业按不超过企业及其职工上年度实际缴纳失业保险费的60%"
        "返还，大型企业按不超过30%返还，全年返还资金不少于1.2亿元。市就业服务中心负责，市财政局配合，确保符合条件的"
        "企业在申请后15个工作日内资金到账。"),
    (2, "发放一次性扩岗补助。企业招用毕业年度或离校2年内未就业高校毕业生、16—24岁登记失业青年，签订劳动合同并按规定"
        "为其缴纳失业保险费3个月以上的，按每人1500元标准发放一次性扩岗补助。"),
    (2, "加大创业担保贷款支持。个人创业担保贷款最高额度为30万元，小微企业最高不超过400万元，全年新增发放创业担保贷款"
        "不少于6亿元。人民银行珩澜市分行、市财政局要配合市人社局做好贷款投放和贴息资金拨付工作。"),
    (1, "促进重点群体就业"),
    (2, "拓宽高校毕业生就业渠道。深入实施高校毕业生就业服务攻坚行动，全年募集就业见习岗位不少于3000个，见习补贴标准"
        "为每人每月1800元。对离校未就业高校毕业生提供“1131”实名服务，即1次政策宣介、1次职业指导、3次岗位推荐、"
        "1次职业培训或就业见习机会，实名帮扶率100%。实施“三支一扶”等基层服务项目，年内招募高校毕业生不少于200名。"),
    (2, "促进农村劳动力转移就业。全年新增农村劳动力转移就业6000人，培育“珩澜月嫂”“珩澜焊工”等劳务品牌不少于5个。"
        "市农业农村局牵头，各区县人民政府负责，在每个乡镇（街道）至少建成1个劳务工作站。"),
    (2, "兜牢困难人员就业底线。对认定的就业困难人员实行“一人一档”动态管理，在认定后7个工作日内提供至少1个岗位信息；"
        "通过公益性岗位安置就业困难人员不少于1200人，岗位补贴每人每月800元。对零就业家庭实行“发现一户、帮扶一户、"
        "稳定一户”，确保在发现后24小时内建立帮扶台账。"),
    (2, "做好退役军人和残疾人就业服务。市退役军人事务局、市残联要分别组织专场招聘会不少于4场，推动按比例安排残疾人"
        "就业，用人单位安置残疾人就业比例不低于1.5%。"),
    (1, "提升职业技能水平"),
    (2, "大规模开展职业技能培训。围绕先进制造、现代服务、家政养老等领域开展补贴性培训，培训后取得职业资格证书或职业"
        "技能等级证书的比例不低于70%，对取得证书的按每人最高2000元给予培训补贴。"),
    (2, "加强技能人才评价。年内新增职业技能等级认定备案企业50家，组织开展“珩澜工匠杯”职业技能大赛不少于10项。"
        "市人社局职业能力建设科牵头。"),
    (2, "实施“技能珩澜”行动。支持企业建设技能大师工作室，年内新建市级技能大师工作室10个，每个给予一次性补助5万元；"
        "企业开展新型学徒制培训的，按每人每年不超过6000元给予补贴。"),
    (1, "优化就业公共服务"),
    (2, "打造“15分钟就业服务圈”。在城市社区、中心村建设就业服务驿站，年内新建40个，实现街道（乡镇）全覆盖。"),
    (2, "密集开展招聘活动。组织“春风行动”“民营企业服务月”等系列招聘活动不少于120场，其中直播带岗不少于20场，提供"
        "岗位不少于5万个。"),
    (2, "维护劳动者合法权益。市劳动保障监察支队要每季度开展1次根治欠薪专项检查，对欠薪线索在3个工作日内核查处理，"
        "农民工工资支付监控预警平台在建工程项目覆盖率达到100%。"),
    (2, "推进就业服务数字化。依托“珩澜就业”服务平台，就业服务事项网上可办率达到95%以上，用人单位发布的岗位信息"
        "在提交后24小时内完成审核。"),
    (1, "防范化解失业风险"),
    (None, "建立规模性失业风险监测预警机制，对全市重点监测的200家企业用工情况实行月度调度，一次性裁员20人以上或裁员"
           "人数占职工总数10%以上的企业，须提前30日向市人社局报告。失业保险金按时足额发放率100%。"),
    (0, "保障措施"),
    (1, "加强组织领导。市就业工作领导小组负责统筹协调全市稳就业工作，领导小组办公室设在市人社局，每季度召开1次成员单位"
        "联席会议。各区县人民政府要落实属地责任，主要负责同志每季度至少专题研究1次就业工作。"),
    (1, "强化资金保障。市财政局要将就业补助资金纳入年度预算，市本级安排就业补助资金不低于8000万元，资金执行率达到"
        "90%以上。"),
    (1, "严格督导考核。市人社局牵头，每季度通报各区县目标任务完成情况，对连续两个季度进度排名后3位的区县，由市政府"
        "分管负责同志约谈区县政府分管负责同志。"),
    (1, "加强宣传引导。市人社局要会同市委宣传部、市融媒体中心开展就业政策“进园区、进社区、进校园”活动，全年发布政策"
        "解读和典型案例不少于50期，营造全社会关心支持就业的良好氛围。"),
    (1, "优化政策经办。全面推行惠企政策“免申即享”，享受稳岗返还、扩岗补助政策的企业中“免申即享”比例达到60%以上，"
        "补贴资金在审核通过后20个工作日内拨付到位。"),
    (None, "各区县人民政府要参照本方案，结合实际制定具体实施方案，于3月31日前报市就业工作领导小组办公室。"),
    (None, "附件：珩澜市2025年稳就业重点任务分解表"),
]
K2_HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
K2_ROWS = [
    ["1", "落实稳岗返还政策", "市就业服务中心", "市财政局、市税务局", "2025年12月底前"],
    ["2", "发放一次性扩岗补助", "市就业服务中心", "市财政局", "2025年12月底前"],
    ["3", "加大创业担保贷款支持", "市人社局", "人民银行珩澜市分行、市财政局", "2025年12月底前"],
    ["4", "拓宽高校毕业生就业渠道", "市人社局", "市教育局、团市委", "2025年8月底前"],
    ["5", "促进农村劳动力转移就业", "市农业农村局", "各区县人民政府", "2025年11月底前"],
    ["6", "兜牢困难人员就业底线", "市人社局", "市民政局、市总工会", "长期坚持"],
    ["7", "大规模开展职业技能培训", "市人社局职业能力建设科", "市发展改革委、市工业和信息化局", "2025年12月底前"],
    ["8", "打造“15分钟就业服务圈”", "市就业服务中心", "各区县人民政府", "2025年10月底前"],
    ["9", "维护劳动者合法权益", "市劳动保障监察支队", "市住房城乡建设局、市交通运输局", "长期坚持"],
    ["10", "防范化解失业风险", "市人社局", "市统计局", "每月"],
]

NUM_ID = 90  # above the ids of python-docx's default numbering part
LEVELS = [(0, "chineseCounting", "%1、"), (1, "chineseCounting", "（%2）"), (2, "decimal", "%3．")]


def _abstract_xml() -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="tab"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="{640 if ilvl else 0}"/></w:pPr></w:lvl>'
        for ilvl, fmt, text in LEVELS
    )
    return (f'<w:abstractNum {NS} w:abstractNumId="{NUM_ID}"><w:multiLevelType w:val="multilevel"/>'
            f"{levels}</w:abstractNum>")



def _number(paragraph, ilvl: int) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{NUM_ID}"/></w:numPr>'))


def k2(path: Path) -> None:
    import docx

    d = docx.Document()
    add_list_template(d, _abstract_xml(), NUM_ID)
    for text in K2_HEAD:
        d.add_paragraph(text)
    d.add_paragraph(K2_TITLE, style="Title")
    for lvl, text in K2:
        if lvl is None:
            d.add_paragraph(text)
            continue
        p = d.add_paragraph(text, style="Heading 1" if lvl == 0 else None)
        _number(p, lvl)
    add_grid_table(d, K2_HEADER, K2_ROWS)
    save_docx(d, path, "policytext heldout8")


def main() -> None:
    k2(HERE / "k2_city_employment_plan.docx")


if __name__ == "__main__":
    main()
