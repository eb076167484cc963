"""Write the Word file of this held-out set (fictional text, written for policytext).

    .venv/bin/python tests/data/heldout7/make_heldout7_docx.py

``g2_county_rural_plan.docx`` is a python-docx document with TYPED outline markers (一、 / （一） /
``1.``) in plain paragraphs and a Word TABLE of yearly indicators (指标 / 2025年 / 2026年 / 2027年)
placed under 一、工作目标, between two paragraphs. The zip is normalised (fixed timestamps) with the
helper of ``tests/data/docx/make_fixtures.py`` so that re-runs are byte-identical.

The file is committed; the gold was annotated on the text ``policytext.io.load`` gives for it.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "docx"))

from make_fixtures import save_docx  # noqa: E402

G2_TITLE = "漪沣县全面推进乡村振兴三年行动实施方案（2025—2027年）"
G2_BEFORE = [
    "为加快农业农村现代化步伐，推动全县乡村全面振兴取得实质性进展，根据省、市关于乡村振兴的部署要求，"
    "结合我县实际，制定本方案。",
    "一、工作目标",
    "构建“两区三带”农业发展格局，即东部粮油主产区、西部山地特色农业区和沿河茶旅融合带、环城蔬菜"
    "供应带、南部林下经济带。到2027年，全县粮食生产能力稳步提升，特色产业集群初步形成，农村人居环境明显改善，农民收入增速"
    "持续快于城镇居民。分年度主要指标如下表：",
]
G2_AFTER_TABLE = [
    "表中数值为当年年末应达到的水平，各乡镇要据此分解落实本辖区年度目标，于每年2月底前报县农业农村局备案。",
]
G2_HEADER = ["指标", "2025年", "2026年", "2027年"]
G2_ROWS = [
    ["粮食播种面积（万亩）", "52", "52.5", "53"],
    ["高标准农田累计建成面积（万亩）", "31", "34", "37"],
    ["农产品加工业产值（亿元）", "85", "95", "110"],
    ["农村卫生厕所普及率（%）", "90", "93", "95以上"],
    ["村级集体经济经营性收入10万元以上村占比（%）", "60", "75", "85"],
]
G2_AFTER = [
    "二、重点任务",
    "（一）夯实粮食安全根基",
    "1.稳定粮食生产。严守耕地保护红线，落实粮食生产党政同责，县农业农村局要会同县自然资源局每季度开展"
    "一次耕地“非农化”“非粮化”排查，发现问题在30日内整改到位。全年粮食总产量稳定在24万吨以上，"
    "撂荒耕地动态清零。",
    "2.推进高标准农田建设。每年新建高标准农田不少于3万亩，亩均投入不低于2400元，项目建成后管护"
    "责任落实率100%。",
    "（二）壮大乡村特色产业",
    "1.打造“一镇一业”。围绕茶叶、油茶、中药材三大主导产业，每年培育市级以上农业产业化龙头企业不少于3家，"
    "建成农产品加工园区1个。"
    "县农业农村局负责，县商务局、县市场监管局配合，年内新增绿色食品、有机农产品认证不少于10个。",
    "2.发展乡村新业态。实施“乡村旅游+”行动，年内创建省级乡村旅游重点村2个，农村电商网络零售额增长12%左右。"
    "县文化旅游局要指导各乡镇挖掘农耕文化资源，每年举办农民丰收节等特色节庆活动不少于5场。",
    "（三）建设宜居宜业和美乡村",
    "1.整治农村人居环境。深化“三清一改”村庄清洁行动，农村生活垃圾无害化处理率保持在95%以上，"
    "每年完成农村户厕问题摸排整改不少于2000户。",
    "2.完善基础设施。实施农村公路提质改造，每年改造农村公路不少于80公里，自然村通硬化路比例达到100%。"
    "县交通运输局牵头，县水利局配合，推进城乡供水一体化，农村自来水普及率提高到92%，供水保证率不低于90%。",
    "（四）促进农民持续增收",
    "1.扩大就业渠道。每年开展农民职业技能培训不少于3000人次，农村劳动力转移就业稳定在18万人以上。",
    "2.巩固脱贫攻坚成果。严格落实“四个不摘”要求，防止返贫动态监测对象帮扶措施覆盖率100%，"
    "确保不发生规模性返贫。"
    "县乡村振兴服务中心要每月开展1次监测数据比对，对新识别监测对象在15日内落实帮扶措施。",
    "（五）提升乡村治理效能",
    "1.推广积分制管理。各村要将移风易俗、环境卫生等内容纳入积分管理，积分制覆盖行政村比例达到90%以上。",
    "2.加强农村基层组织建设。选优配强村党组织书记，每年对村党组织书记轮训1遍，村级后备力量每村不少于2名。"
    "县委组织部牵头，各乡镇党委配合，年底前完成软弱涣散村党组织整顿。",
    "三、保障措施",
    "（一）加强组织领导",
    "县委农村工作领导小组负责统筹推进本方案实施，领导小组办公室设在县农业农村局，每半年召开1次推进会。"
    "各乡镇党委书记是乡村振兴第一责任人，每月至少研究1次乡村振兴工作。",
    "（二）强化要素保障",
    "县财政局要建立财政投入稳定增长机制，土地出让收入用于农业农村的比例每年不低于10%。县自然资源局负责"
    "保障乡村产业用地，每年安排新增建设用地计划指标的5%以上用于乡村重点产业项目。县人力资源社会保障局、"
    "县科技局配合做好乡村人才引育工作。县地方金融服务中心要引导金融机构加大涉农信贷投放，年内新增涉农贷款"
    "不少于15亿元。",
    "（三）严格督导考核",
    "县委督查室、县政府督查室牵头，每季度对重点任务推进情况开展一次督查。考核结果纳入乡镇年度综合考核，"
    "对连续两个季度进度排名末位的乡镇，由县委分管负责同志约谈乡镇党委书记。",
    "（四）营造良好氛围",
    "县委宣传部负责统筹乡村振兴宣传工作，县融媒体中心每月至少推出2期乡村振兴专题报道。县妇联、团县委要"
    "组织动员妇女和青年投身乡村建设，每年评选乡村振兴先进典型不少于20个，形成全社会共同关心支持乡村振兴的"
    "良好局面。",
]


def g2(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph(G2_TITLE, style="Title")
    for text in G2_BEFORE:
        d.add_paragraph(text)
    t = d.add_table(rows=1 + len(G2_ROWS), cols=len(G2_HEADER))
    t.style = "Table Grid"
    for c, text in enumerate(G2_HEADER):
        t.cell(0, c).text = text
    for r, values in enumerate(G2_ROWS, start=1):
        for c, text in enumerate(values):
            t.cell(r, c).text = text
    for text in G2_AFTER_TABLE + G2_AFTER:
        d.add_paragraph(text)
    save_docx(d, path, "policytext heldout7")


def main() -> None:
    g2(HERE / "g2_county_rural_plan.docx")


if __name__ == "__main__":
    main()
