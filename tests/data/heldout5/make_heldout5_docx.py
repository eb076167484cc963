"""Write the Word file of this held-out set (fictional text, written for policytext).

    .venv/bin/python tests/data/heldout5/make_heldout5_docx.py

``e2_city_health_plan.docx`` is raw WordprocessingML (helpers of ``tests/data/docx/make_fixtures.py``)
whose outline numbers are Word AUTOMATIC numbering in a style unlike heldout4's: level 1 decimal
``%1.`` (Heading 1) and level 2 decimal in full-width brackets ``（%2）``, restarting under each
level-1 heading. The numbers live only in numbering.xml, never in the paragraph text.

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
    styles_xml,
    write_package,
)

E2_TITLE = "栎岚市卫生健康委员会2025年工作计划"
# (level, text); level None = plain paragraph without a number
E2 = [
    (None, "2025年，全市卫生健康系统坚持以人民健康为中心，落实新时代党的卫生与健康工作方针，把保障人民健康放在"
           "优先发展的战略位置，坚持预防为主、中西医并重，聚焦群众看病就医的急难愁盼问题，推动“三医”（医疗、医保、医药）协同发展和治理，加快建设健康栎岚。"
           "结合全市实际，现将全年工作安排如下。"),
    (0, "主要目标"),
    (None, "到2025年底，全市每千人口医疗卫生机构床位数达到7.2张，每千人口执业（助理）医师数达到3.4人，每千人口"
           "注册护士数达到4.0人；人均预期寿命达到80.5岁，婴儿死亡率控制在4‰以下；居民健康素养水平达到32%以上，"
           "县域内就诊率稳定在90%以上，基层医疗卫生机构诊疗量占总诊疗量的比例不低于55%。"),
    (0, "深化医药卫生体制改革"),
    (1, "推进紧密型医疗集团建设。年内组建紧密型城市医疗集团3个，推动集团内检查检验结果互认，市级医院每月派驻"
        "基层的专家不少于40人次。（牵头单位：体制改革处；配合单位：医政医管处、基层卫生健康处）"),
    (1, "推动公立医院高质量发展。全面落实公立医院党委领导下的院长负责制，三级公立医院医疗服务收入占医疗收入"
        "比例达到35%以上，平均住院日控制在8天以下，门诊次均费用增幅控制在3%以内。"),
    (1, "深化“三医”协同改革。配合市医保局推进按病种付费改革，按病种付费覆盖的出院病例占比达到70%以上；"
        "公立医院药品集中带量采购品种按时执行率100%。市医保局牵头，市卫生健康委、市市场监管局配合。"),
    (0, "提升医疗服务能力"),
    (1, "扩容优质医疗资源。推进市第一人民医院新院区建设，年内开放床位800张；全市新增医疗卫生机构床位"
        "不少于1200张，其中康复、护理床位占比不低于30%。（牵头单位：规划发展与信息化处；配合单位：市第一人民医院）"),
    (1, "加强临床专科建设。新增省级临床重点专科5个，市中医院要建成中医优势专科不少于8个，胸痛、卒中、创伤"
        "中心实现县级医院全覆盖。"),
    (1, "改善群众就医体验。二级以上医院预约诊疗率达到70%以上，门诊患者平均候诊时间控制在30分钟以内，"
        "患者满意度保持在90%以上。各级医疗机构要每季度开展一次服务质量自查。"),
    (1, "推进智慧医疗建设。全市二级以上医院电子病历系统应用水平分级评价达到4级以上，年内新增互联网医院5家，"
        "区域全民健康信息平台接入医疗机构比例达到95%以上。（牵头单位：规划发展与信息化处）"),
    (0, "夯实基层卫生健康服务网底"),
    (1, "提升基层服务能力。达到国家推荐标准的乡镇卫生院和社区卫生服务中心比例达到60%以上，每个区县至少建成"
        "1个县域医疗次中心。各区县卫生健康局负责，基层卫生健康处督导。"),
    (1, "做实家庭医生签约服务。家庭医生团队每月为签约的失能老人上门服务不少于1次，重点人群签约服务覆盖率"
        "达到75%以上，续约率不低于85%。（牵头单位：基层卫生健康处；配合单位：各区县卫生健康局）"),
    (0, "织牢公共卫生防护网"),
    (1, "加强重大疾病防控。适龄儿童免疫规划疫苗接种率保持在95%以上，肺结核患者成功治疗率不低于90%。"
        "市疾控中心要每月开展传染病疫情风险评估1次。"),
    (1, "做实慢性病综合管理。高血压、糖尿病患者基层规范管理服务率均达到65%以上，35岁以上人群首诊测血压率"
        "达到100%。（牵头单位：疾病预防控制处；配合单位：市疾控中心）"),
    (1, "提升卫生应急能力。每个区县至少组建1支卫生应急队伍，全年开展综合应急演练不少于4次，突发公共卫生事件"
        "报告及时率100%。"),
    (0, "加强“一老一小”健康服务"),
    (1, "推进医养结合。二级及以上综合性医院设立老年医学科的比例达到80%以上，65岁以上老年人城乡社区规范健康"
        "管理服务率达到65%。（牵头单位：老龄健康处；配合单位：市民政局）"),
    (1, "发展普惠托育服务。每千人口拥有3岁以下婴幼儿托位数达到4.5个，新增普惠性托位1000个。市妇幼保健院要"
        "每半年开展一次托育机构卫生保健培训。"),
    (0, "推动中医药传承创新发展"),
    (1, "健全中医药服务体系。社区卫生服务中心和乡镇卫生院中医馆实现全覆盖，能够提供6类以上中医药适宜技术的"
        "比例达到100%。市中医院牵头，各区县卫生健康局配合。"),
    (1, "加强中医药人才培养。遴选市级名老中医药专家传承工作室10个，每个工作室每年带教学员不少于3名，"
        "西医学习中医人员培训不少于200人。"),
    (0, "加强党的建设和行业治理"),
    (1, "全面加强医疗机构党的建设。公立医院党组织书记、院长分设比例达到100%，各级公立医院党委每季度至少专题"
        "研究党建工作1次。"),
    (1, "深化医药领域腐败问题集中整治。持续纠治医疗领域不正之风，医务人员“九不准”等行风规范培训覆盖率100%。"
        "（牵头单位：驻委纪检监察组；配合单位：医政医管处）"),
    (1, "强化督导考核。委办公室要建立重点任务台账，每月调度一次进展，年底对各处室、委属各单位完成情况"
        "进行考核，考核结果与年度绩效、评先评优和医院等级评审挂钩，对进度滞后的单位及时约谈提醒。"),
]


def e2(path: Path) -> None:
    numbering = numbering_xml([abstract(1, [
        level(0, "decimal", "%1."),
        level(1, "decimal", "（%2）"),
    ])], [num(1, 1)])
    body = [para(E2_TITLE, "Title")]
    for lvl, text in E2:
        if lvl is None:
            body.append(para(text))
        elif lvl == 0:
            body.append(para(text, "Heading1", num="1", ilvl=0))
        else:
            body.append(para(text, num="1", ilvl=lvl))
    write_package(path, {
        "word/document.xml": document_xml(body),
        "word/styles.xml": styles_xml(),
        "word/numbering.xml": numbering,
    })


def main() -> None:
    e2(HERE / "e2_city_health_plan.docx")


if __name__ == "__main__":
    main()
