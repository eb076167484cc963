"""Numeric formulas (提法): a table of policy-style sentences and the formulas a reader finds in them.

Rows are written for fictional units (某县, 示范区) or are stock phrases every such document uses
(四个意识, 三会一课); none is taken from ../shared. Detection rows are ``(text, [formula, ...])`` in
order of first mention, ``[]`` meaning "no formula here"; definition rows are
``(text, formula, [component, ...])`` for formulas the text itself defines. ``DEV`` rows were written
while the rules were built, ``HELD_OUT`` rows afterwards and run once before any further change,
``FOLLOW_UP`` rows for the shapes a held-out set of fictional documents (tests/data/heldout) showed
missing, written anew rather than taken from those files, ``XFAIL`` rows are known failures kept so
that a fix is noticed (strict).
"""

from __future__ import annotations

import dataclasses
import re
import time
from pathlib import Path

import pytest

from policytext.extract.slogans import (
    extract_slogans,
    is_inside_slogan,
    parse_formula,
    slogan_lexicon,
    slogan_matrix,
    slogan_spans,
)
from policytext.lexicons import load_slogan_lexicon, slogan_rules
from policytext.types import Document

Found = tuple[str, list[str]]
Defined = tuple[str, str, list[str]]


def _doc(text: str, doc: str = "t", unit: str = "") -> Document:
    return Document(doc=doc, path="", format="text", text=text, unit=unit)


def _texts(text: str) -> list[str]:
    return [s.text for s in extract_slogans(_doc(text))]


def _parts(text: str, formula: str) -> tuple[list[str], str]:
    s = next(s for s in extract_slogans(_doc(text)) if s.text == formula)
    return list(s.components), s.components_source


def _id(row: tuple) -> str:
    return row[0][:28].replace("\n", "⏎")


DEV: list[Found] = [
    # quoted formulas, national and local
    ("某县坚持“三会一课”制度，每季度召开一次党员大会。", ["三会一课"]),
    ("教育引导党员增强“四个意识”、坚定“四个自信”、做到“两个维护”。", ["四个意识", "四个自信", "两个维护"]),
    ("推行“双推双评三全程”发展党员工作法和无职党员“一编三定”管理模式。", ["双推双评三全程", "一编三定"]),
    ("落实“一岗双责”，强化“两个责任”，抓好“三重一大”事项决策。", ["一岗双责", "两个责任", "三重一大"]),
    ("推进“一县一策”“一企一策”精准帮扶，打造“一区两园三基地”产业布局。", ["一县一策", "一企一策", "一区两园三基地"]),
    ("落实“双减”政策，推进“双一流”建设，完成“双碳”目标任务。", ["双减", "双一流", "双碳"]),
    # unquoted: known to the lexicon, or with a head no count has
    ("严格执行中央八项规定，坚决整治“四风”顽疾。", ["八项规定", "四风"]),
    ("坚决打好三大攻坚战，扎实做好“六稳”工作。", ["三大攻坚战", "六稳"]),
    ("健全乡村治理体系，推动五级书记抓乡村振兴。", ["五级书记"]),
    ("坚持“两个毫不动摇”，做到五个必须，完善一个覆盖城乡的服务网络。", ["两个毫不动摇", "五个必须"]),
    ("大力实施乡村振兴六大工程，城区建成七大商场，新建五大医院。", ["六大工程"]),
    # Arabic formulas
    ("落实“5+2”工作机制，健全“1+N”制度体系，实现“1+1>2”的效果。", ["5+2", "1+N"]),
    ("按照1个中心、2个平台、3项机制的工作思路，建设5个示范点、8个联系点、12个服务站。", ["1个中心", "2个平台", "3项机制"]),
    ("围绕“1233”党建工作思路推进各项工作。", ["1233"]),
    # a closing quotation mark whose opening one is missing
    ("建立县、乡、村三级联动”机制。", ["三级联动"]),
    # counts, ordinals, dates, plan periods, times, idioms, telephone numbers: no formula
    ("新建8个社区党群服务站，党员每年参加组织生活不少于4次，另有3名同志获评优秀。", []),
    ("开展第三轮政治巡察，深入学习党的十九届四中全会精神和党的二十大精神。", []),
    ("拟于“七一”前夕表彰一批先进基层党组织，顺利实现“十三五”规划目标。", []),
    ("创建“四点半课堂”，形成全县“一盘棋”工作格局，坚决防止“一刀切”。", []),
    ("畅通“12345”政务服务便民热线，用好“110”报警平台。", []),
    ("组织开展“七一”系列活动，举办“五四”青年座谈会和“三八”妇女节活动。", []),
    ("本次活动分三个阶段进行：第一阶段宣传发动，第二阶段组织实施，第三阶段总结提升。", []),
    ("实施“十四五”规划第二批重大项目，启动“十五五”规划编制。", []),
    ("推动全市“一网通办”“一网统管”，实现“最多跑一次”。", []),
    ("预计全区生产总值增长5.8%，新增城镇就业8600人，完成固定资产投资42亿元。", []),
]

DEV_DEFINED: list[Defined] = [
    ("四、全面推进“三个提升”：提升组织力、提升服务力、提升战斗力", "三个提升", ["提升组织力", "提升服务力", "提升战斗力"]),
    ("两个目标：党员素质明显提高\n基层组织全面进步\n三个抓手：抓学习、抓制度、抓阵地", "两个目标",
     ["党员素质明显提高", "基层组织全面进步"]),
    ("两个目标：党员素质明显提高\n基层组织全面进步\n三个抓手：抓学习、抓制度、抓阵地", "三个抓手", ["抓学习", "抓制度", "抓阵地"]),
    ("统筹推进“两个覆盖”（党的组织覆盖、党的工作覆盖），扩大有效覆盖。", "两个覆盖", ["党的组织覆盖", "党的工作覆盖"]),
    ("我们提出了“3年目标”，即2021年打基础、建机制，2022年见成效、树品牌，2023年全覆盖、创特色，逐步在全县推开。", "3年目标",
     ["2021年打基础、建机制", "2022年见成效、树品牌", "2023年全覆盖、创特色"]),
    ("在窗口单位推行党员亮身份、亮承诺、亮实绩的“三亮”活动。", "三亮", ["亮身份", "亮承诺", "亮实绩"]),
    ("对照“组织健全、制度完善、活动经常”这“三有”标准，开展达标创建。", "三有", ["组织健全", "制度完善", "活动经常"]),
    ("（二）落实“三项机制”。结合实际，一是建立谈心谈话机制，每月开展一次。二是健全结对帮扶机制，落实到人。三是完善考核激励机制，年底兑现。",
     "三项机制", ["建立谈心谈话机制", "健全结对帮扶机制", "完善考核激励机制"]),
    ("全年工作突出“三个强化”。\n（一）强化政治引领。深入学习。\n（二）强化组织建设。规范设置。\n（三）强化作风建设。改进作风。",
     "三个强化", ["强化政治引领", "强化组织建设", "强化作风建设"]),
    ("推行“两单制”管理，细化任务清单，压实责任清单，确保件件有落实。", "两单制", ["任务清单", "责任清单"]),
    ("规范村集体资金、资产、资源（以下简称“三资”）管理。", "三资", ["资金", "资产", "资源"]),
    ("健全组织覆盖、工作覆盖，即“两个覆盖”，不留空白。", "两个覆盖", ["组织覆盖", "工作覆盖"]),
    ("围绕“1233”党建工作思路推进各项工作：\n一条主线：以党建引领发展\n两个抓手：抓班子、抓队伍\n三个平台：学习平台、服务平台、活动平台\n三项机制：考核机制、激励机制、监督机制",
     "1233", ["一条主线", "两个抓手", "三个平台", "三项机制"]),
]

HELD_OUT: list[Found] = [
    ("街道党工委认真落实“三务公开”制度，每季度公开一次。", ["三务公开"]),
    ("巩固“三个以案”警示教育成果。", ["三个以案"]),
    ("今年计划新建党群服务中心15个，培训村干部200人次。", []),
    ("我县共有“两新”组织党组织86个。", ["两新"]),
    ("在全区推行“一线工作法”。", []),
    ("推进“三治融合”，建设平安乡村。", ["三治融合"]),
    ("实施“3+X”特色课程计划。", ["3+X"]),
    ("打造“15分钟便民生活圈”。", []),
    ("开展“2021年度先进党组织”评选工作。", []),
    ("全面推行“四议两公开”和“一事一议”。", ["四议两公开", "一事一议"]),
    ("完成了第一批、第二批示范点建设。", []),
    ("整治工作分“三个阶段”推进。", []),  # a count word alone: no parts stand before it
]

HELD_OUT_DEFINED: list[Defined] = [
    ("实现“三零”目标：零事故、零投诉、零违纪。", "三零", ["零事故", "零投诉", "零违纪"]),
    ("落实“五个一”活动：读一本好书、讲一堂党课、写一篇心得、办一件实事、提一条建议。", "五个一",
     ["读一本好书", "讲一堂党课", "写一篇心得", "办一件实事", "提一条建议"]),
    ("深化“三亮三比三评”活动，即亮身份、亮职责、亮承诺，比学习、比服务、比贡献，评思想、评作风、评业绩。", "三亮三比三评",
     ["亮身份", "亮职责", "亮承诺", "比学习", "比服务", "比贡献", "评思想", "评作风", "评业绩"]),
    ("坚持“四个结合”：坚持党建与业务相结合、坚持集中与分散相结合、坚持线上与线下相结合、坚持学习与实践相结合。", "四个结合",
     ["坚持党建与业务相结合", "坚持集中与分散相结合", "坚持线上与线下相结合", "坚持学习与实践相结合"]),
    ("推行“两张清单”：一是责任清单，二是负面清单。", "两张清单", ["责任清单", "负面清单"]),
]

# Rows that failed when first run as HELD_OUT, fixed since (the fix named in the comment).
BUGS_CAUGHT_DEFINED: list[Defined] = [
    # 组建 was missing from the lead verbs of slogan_rules.tsv, so the first part kept it
    ("组建党员先锋队、青年突击队、志愿服务队“三支队伍”。", "三支队伍", ["党员先锋队", "青年突击队", "志愿服务队"]),
    # 坚持 was missing from the lead verbs: a verb governing the whole list stayed on its first part
    ("坚持城乡规划、产业布局、基础设施、公共服务“四个一体化”。", "四个一体化", ["城乡规划", "产业布局", "基础设施", "公共服务"]),
    # a colon list in the first clause whose parts open alike wins over the clauses after it
    ("坚持“四个最严”：最严谨的标准、最严格的监管、最严厉的处罚、最严肃的问责，统筹发展和安全，守牢安全底线，提供有力支撑。",
     "四个最严", ["最严谨的标准", "最严格的监管", "最严厉的处罚", "最严肃的问责"]),
    # a formula named at the end of a heading, its parts in the next sentence (def.next)
    ("（三）实施“双培养”工程。把党员培养成技术骨干、把技术骨干培养成党员，年内发展党员不少于10名。", "双培养",
     ["把党员培养成技术骨干", "把技术骨干培养成党员"]),
    # … and a 1+N formula whose parts open with a verb before their term (def.terms)
    ("构建“1+2+N”工作体系，即建强1个核心、健全2项机制、培育N个品牌。", "1+2+N", ["建强1个核心", "健全2项机制", "培育N个品牌"]),
    # … but a verb every part opens with is theirs (the guard in _align_first)
    ("全面落实，坚持党的全面领导、坚持自信自立、坚持守正创新“三个坚持”。", "三个坚持", ["坚持党的全面领导", "坚持自信自立", "坚持守正创新"]),
    # a formula of equal groups listed as pairs, after its role (以“X”为抓手，即…): three parts, not six
    ("以“两联两帮”为抓手，即联系村组帮发展、联系农户帮增收，推动干部下沉。", "两联两帮", ["联系村组帮发展", "联系农户帮增收"]),
    # … while one listed group by group keeps one part a group
    ("践行“两严两实”，即严以治企、严以律己，谋事要实、做事要实。", "两严两实", ["严以治企", "严以律己", "谋事要实", "做事要实"]),
    # the parts named in the clause after the one naming the formula (def.next after a comma)
    ("车间党支部建立“双培养”机制，把技术能手培养成党员、把党员培养成技术能手，年内完成。", "双培养",
     ["把技术能手培养成党员", "把党员培养成技术能手"]),
    # the class noun after the formula is no part of the last part (“四型”党支部…，即…党支部)
    ("以创建“三型”支部为抓手，即学习型、服务型、清廉型支部，全面提升。", "三型", ["学习型", "服务型", "清廉型"]),
    # one group by its role, a second group by its character (以…为核心 + 三治)
    ("坚持“一核三治”格局，即以村党组织为核心，推动自治、法治、德治融合。", "一核三治", ["村党组织", "自治", "法治", "德治"]),
    # … the role's part holding the group's character, the second group after a verb
    ("推行“一网两员”模式，即以一张治理网格为底座，每个网格配齐网格员、信息员，实现全覆盖。", "一网两员",
     ["一张治理网格", "网格员", "信息员"]),
    # the formula's predicate and what follows it leave the last part (三链同构 → 产业链, not 产业链同构共建)
    ("以“三网融合”为抓手，即推动政务网、服务网、数据网融合共享，提升效能。", "三网融合", ["政务网", "服务网", "数据网"]),
    # a digit formula whose parts carry its digits as their counts, in the next sentence's list
    ("实施“3421”工程。主要内容是：打造3条示范线、培育4个品牌、建强2支队伍、建好1个平台，年内完成。", "3421",
     ["打造3条示范线", "培育4个品牌", "建强2支队伍", "建好1个平台"]),
    # a quoted count of a word that names no set alone is a formula where its parts stand before it
    ("抓好选题、调研、成文、督办“四个步骤”，提高质量。", "四个步骤", ["选题", "调研", "成文", "督办"]),
    # the verb that takes the formula is no part of the last part of a list before it
    ("推动村委会、合作社、龙头企业建立“三方共建”机制。", "三方共建", ["村委会", "合作社", "龙头企业"]),
]

XFAIL: list[Found] = [
    # 五统一: the 一 of 统一 reads as a second numeral, so the pair is not taken for one formula
    ("推进“五统一、一开放”改革。", ["五统一、一开放"]),
    # 一码 alone is an idiom (一-formulas need 个/条/项…), so the list of three is refused
    ("推行“一码、一图、一表”管理。", ["一码、一图、一表"]),
]

# Rows written for the definition shapes a held-out set of fictional documents showed missing
# (即 after a longer noun or with no comma, each numeral defined in turn, 以下简称 with a shared
# tail, a list that stops mid-clause, dash chains, parts spread over several numerals); the first
# two were XFAIL rows before.
FOLLOW_UP_DEFINED: list[Defined] = [
    ("推进信息化和工业化深度融合（以下简称“两化融合”）。", "两化融合", ["信息化", "工业化"]),
    ("推进数字化和网络化协同发展（以下简称“两化协同”）。", "两化协同", ["数字化", "网络化"]),
    ("建立“1+N”政策体系，“1”即一个总体方案，“N”即若干配套措施。", "1+N", ["一个总体方案", "若干配套措施"]),
    ("构建“1+N”帮扶体系，“1”即一名县级领导牵头，“N”即若干部门协同配合。", "1+N", ["一名县级领导牵头", "若干部门协同配合"]),
    ("完善“1+N”阵地服务网络，即1个镇级党群服务中心和N个村级党群服务站。", "1+N",
     ["1个镇级党群服务中心", "N个村级党群服务站"]),
    ("“2345”服务体系：“2”指两个中心，“3”指三支队伍，“4”指四项制度，“5”指五类活动。", "2345",
     ["两个中心", "三支队伍", "四项制度", "五类活动"]),
    ("构建“三级两类”培训体系：“三级”为县、乡、村，“两类”指集中轮训和专题培训。", "三级两类",
     ["县", "乡", "村", "集中轮训", "专题培训"]),
    ("开展“两查一改”作风建设专项行动，即查思想认识、查工作作风，改进服务群众方式。", "两查一改",
     ["查思想认识", "查工作作风", "改进服务群众方式"]),
    ("落实“两单”即任务清单、责任清单的动态管理。", "两单", ["任务清单", "责任清单"]),
    ("深化“三项改革”，即精简审批事项、下放管理权限、优化服务流程，推动营商环境持续改善。", "三项改革",
     ["精简审批事项", "下放管理权限", "优化服务流程"]),
    ("构建党建、业务、服务相融合的“三融合”工作格局。", "三融合", ["党建", "业务", "服务"]),
    ("健全社区党组织领导的居委会、业委会、物业公司相协调的“三方联动”机制。", "三方联动", ["居委会", "业委会", "物业公司"]),
    ("全力做大做强竹木、油茶、食用菌“三个品牌”，带动群众增收。", "三个品牌", ["竹木", "油茶", "食用菌"]),
    ("推行县—镇—村“三级联动”工作机制。", "三级联动", ["县", "镇", "村"]),
    ("深化“三级联动”机制。构建镇党委—村党组织—村民小组党小组三级组织体系，做到事事有人管。", "三级联动",
     ["镇党委", "村党组织", "村民小组党小组"]),
    ("组织“四个一批”攻坚，谋划一批、储备一批、开工一批、竣工一批，滚动推进项目建设。", "四个一批",
     ["谋划一批", "储备一批", "开工一批", "竣工一批"]),
    ("开展“三个一批”活动：签约一批、开工一批、投产一批。", "三个一批", ["签约一批", "开工一批", "投产一批"]),
    ("推行“两公开一监督”制度，公开办事流程、公开收费标准，接受群众监督。", "两公开一监督",
     ["公开办事流程", "公开收费标准", "接受群众监督"]),
    ("推进“两融双促”工程，即推动党建与业务融合、支部与项目融合，促进作风转变、促进效能提升，建设模范机关。", "两融双促",
     ["党建与业务融合", "支部与项目融合", "促进作风转变", "促进效能提升"]),
    ("建立健全“三级联动”机制，即县级统筹、乡镇主抓、村级落实的工作体系。", "三级联动", ["县级统筹", "乡镇主抓", "村级落实"]),
    ("推行“三亮”活动，党员亮身份、亮承诺、亮实绩。", "三亮", ["亮身份", "亮承诺", "亮实绩"]),
    ("开展“四比”竞赛，比学习、比服务、比作风、比实绩，营造争先氛围。", "四比", ["比学习", "比服务", "比作风", "比实绩"]),
    # words of the formula that the list carries (tests/data/heldout3): a class named with the formula's count
    # or with its group's character, a predicate shared by the parts, levels listed before N级 nearby
    ("壮大“两主一特”产业，即电子信息、生物医药两大主导产业和茶叶加工特色产业。", "两主一特", ["电子信息", "生物医药", "茶叶加工"]),
    ("打造“两大产业”，即文旅、康养两大产业。", "两大产业", ["文旅", "康养"]),
    ("实施“两业融合”行动，即先进制造业和现代服务业深度融合。", "两业融合", ["先进制造业", "现代服务业"]),
    ("完善“三级网格”体系。按照镇、村、组三级架构配备专职网格员。", "三级网格", ["镇", "村", "组"]),
    ("实施“一核两翼”战略，即以数字经济为一核、以现代农业和文化旅游为两翼，推动高质量发展。", "一核两翼",
     ["数字经济", "现代农业", "文化旅游"]),
    # a list in the first clause whose parts end alike wins over the clauses; the role of a part is cut
    ("推行“两张清单”：履职清单、负面清单，每半年更新一次，做到清单之外无事项。", "两张清单", ["履职清单", "负面清单"]),
    ("推行“一心两联”工作法，即以群众满意为中心，联网格、联商户，提升服务水平。", "一心两联",
     ["群众满意", "联网格", "联商户"]),
    ("围绕“两主一新”产业，即装备制造、新材料两大主导产业和数字经济新兴产业，全力延链补链。", "两主一新",
     ["装备制造", "新材料", "数字经济"]),
    # a known formula keeps the document's own wording when the document spells it out
    ("确保“两不愁三保障”全面落实，贫困户不愁吃、不愁穿，义务教育、基本医疗、住房安全有保障。", "两不愁三保障",
     ["不愁吃", "不愁穿", "义务教育", "基本医疗", "住房安全有保障"]),
]

# Look-alikes seen in real documents of other genres: service lines and products with a number,
# rankings; and the whole of a quoted label that opens with its field.
FOLLOW_UP: list[Found] = [
    ("上线“96128”民情直通车，推出“520”惠民贷款产品。", []),
    ("开通“12345”政务热线，遇到紧急情况拨打“110”报警。", []),
    ("深入落实“2145”工作格局，推进“369”网格治理体系建设。", ["2145", "369"]),
    ("扎实推进“城乡建设八大工程”和碳达峰“十项行动”。", ["城乡建设八大工程", "十项行动"]),
    ("推进“216项目”全面复工，评选“全县十大杰出青年”和“十佳村医”。", []),
    # a count that opens an enumeration names no set
    ("重点抓好两项工作：①推进新区学校建设；②加强乡村学校建设。", []),
]

XFAIL_DEFINED: list[Defined] = [
    # the head is shared by the last two parts and counted again (两个平台): the parts are not rebuilt
    ("打造“一中心两平台”，即一个指挥中心和基层治理、便民服务两个平台。", "一中心两平台",
     ["一个指挥中心", "基层治理平台", "便民服务平台"]),
    # each part holds 一 + a measure word inside (读一本书), which no strategy looks for
    ("实施“五个一”工程，每名党员每年读一本书、写一篇心得、讲一次党课、办一件实事、结一户对子。", "五个一",
     ["读一本书", "写一篇心得", "讲一次党课", "办一件实事", "结一户对子"]),
]


@pytest.mark.parametrize("row", DEV + HELD_OUT + FOLLOW_UP, ids=_id)
def test_formulas(row: Found) -> None:
    text, expected = row
    assert _texts(text) == expected


@pytest.mark.parametrize("row", DEV_DEFINED + HELD_OUT_DEFINED + BUGS_CAUGHT_DEFINED + FOLLOW_UP_DEFINED, ids=_id)
def test_definitions(row: Defined) -> None:
    text, formula, expected = row
    assert _parts(text, formula) == (expected, "document")


@pytest.mark.xfail(strict=True)
@pytest.mark.parametrize("row", XFAIL, ids=_id)
def test_formulas_known_failures(row: Found) -> None:
    text, expected = row
    assert _texts(text) == expected


@pytest.mark.xfail(strict=True)
@pytest.mark.parametrize("row", XFAIL_DEFINED, ids=_id)
def test_definitions_known_failures(row: Defined) -> None:
    text, formula, expected = row
    assert _parts(text, formula) == (expected, "document")


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("四个意识", 4, 4),
        ("两个维护", 2, 2),
        ("双推双评三全程", 2, 7),
        ("三会一课", 3, 4),
        ("两不愁三保障", 2, 5),
        ("十个全覆盖", 10, 10),
        ("三个进一步", 3, 3),
        ("双一流", 2, 2),
        ("四个三", 4, 4),
        ("12234", 12234, 5),
        ("5+1", 5, 6),
        ("1+N", 1, None),
        ("5个1", 5, 5),
        ("3年目标", 3, 3),
        ("１２２３４", 12234, 5),
    ],
)
def test_parse_formula_number_and_parts(text: str, number: int, expected: int | None) -> None:
    shape = parse_formula(text)
    assert (shape.number, shape.expected) == (number, expected)


@pytest.mark.parametrize("text", ["七一", "九二共识", "十三五", "十九届", "二十大", "四点半学校", "一盘棋", "一张网",
                                  "2030启航计划", "9连优", "15分钟生活圈", "四川云教", "双向开放", "三个阶段"])
def test_parse_formula_refuses_lookalikes(text: str) -> None:
    assert parse_formula(text) is None


def test_first_mention_path_offsets_and_count() -> None:
    text = "一、总体要求\n认真落实“三会一课”。\n二、重点任务\n严格执行三会一课制度。"
    (s,) = extract_slogans(_doc(text))
    assert (s.text, s.quoted, s.start, s.end, s.mentions) == ("三会一课", True, 12, 16, 2)
    assert text[s.start : s.end] == s.text
    assert s.canonical == "三会一课" and s.rule.startswith("slogan.quoted")


def test_lexicon_parts_are_marked_as_lexicon_and_document_parts_win() -> None:
    ((undefined_parts, undefined_source),) = [_parts("增强“四个意识”。", "四个意识")]
    assert undefined_source == "lexicon" and undefined_parts[0] == "政治意识"
    defined = _parts("落实“两个责任”：党委负主体责任、纪委负监督责任。", "两个责任")
    assert defined == (["党委负主体责任", "纪委负监督责任"], "document")


def test_count_mismatch_is_flagged() -> None:
    (s,) = extract_slogans(_doc("推进“四个强化”：强化政治、强化组织、强化作风。"))
    assert s.components == ("强化政治", "强化组织", "强化作风") and s.count_mismatch


def test_slogan_spans_cover_every_mention_for_other_extractors() -> None:
    d = _doc("落实“三会一课”，坚持三会一课制度，完成10个示范点。")
    d.slogans = list(extract_slogans(d))
    spans = slogan_spans(d)
    assert spans == [(3, 7), (11, 15)]
    assert is_inside_slogan(spans, 3) and is_inside_slogan(spans, 14)
    assert not is_inside_slogan(spans, 7) and not is_inside_slogan(spans, d.text.index("10"))


def test_a_researchers_lexicon_extends_and_corrects_the_packaged_one(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "# my unit's formulas\nslogan\tnumber\tcomponents\tvariants\tmatch\tfirst_year\tsource\n"
        "三抓三促\t3\t抓学习 | 抓执行 | 抓落实 | 促提升 | 促发展 | 促作风\t\tany\t2023\t某县文件\n",
        encoding="utf-8",
    )
    text = "深入开展三抓三促行动，增强“四个意识”。"
    assert _texts(text) == ["四个意识"]  # unquoted and unknown: not a formula
    found = {s.text: s for s in extract_slogans(_doc(text), lexicon=extra)}
    assert list(found) == ["三抓三促", "四个意识"]
    assert found["三抓三促"].components_source == "lexicon" and len(found["三抓三促"].components) == 6


def test_slogan_matrix_counts_formulas_per_unit() -> None:
    docs = []
    for name, unit, text in [("a", "甲县", "落实“三会一课”，坚持三会一课。增强“四个意识”。"), ("b", "乙县", "落实“三会一课”。")]:
        d = _doc(text, doc=name, unit=unit)
        d.slogans = list(extract_slogans(d))
        docs.append(d)
    m = slogan_matrix(docs)
    assert m.loc["三会一课", "甲县"] == 2 and m.loc["三会一课", "乙县"] == 1 and m.loc["四个意识", "乙县"] == 0
    assert list(m.index) == ["三会一课", "四个意识"]


# --- the lexicon files ---------------------------------------------------------------------


def test_slogan_lexicon_integrity() -> None:
    rows = load_slogan_lexicon()
    assert rows and all({"slogan", "number", "components", "variants", "match", "first_year", "source"} <= set(r) for r in rows)
    assert len({r["slogan"] for r in rows}) == len(rows)
    for r in rows:
        assert r["match"] in {"any", "quoted"}, r["slogan"]
        assert r["number"].isdigit() and r["source"], r["slogan"]
        shape = parse_formula(r["slogan"])
        if shape is not None and shape.number is not None:
            assert shape.number == int(r["number"]), r["slogan"]
    forms = [f for f, e in slogan_lexicon().entries.items()]
    assert len(forms) == len(set(forms))


def test_slogan_rules_integrity() -> None:
    rules = slogan_rules()
    assert {"measure", "count", "head", "lead", "frame", "trigger", "suffix", "big", "block", "link", "joint"} <= set(rules)
    assert all(len(m) == 1 for m in rules["measure"]) and all(len(s) == 1 for s in rules["suffix"])
    for role, words in rules.items():
        assert len(words) == len(set(words)), role


# --- the fast paths give what the plain patterns they replace give --------------------------
# Each speed-up of the scanning stands for a plain pattern (kept in the module as the reference);
# these texts, written for the purpose, hold the cases where the two could part: unclosed and stray
# quotation marks, formulas that overlap, runs of numerals, labels that repeat.

FAST_PATH_TEXTS = [
    "落实“1+N”政策体系，推行“5+2”工作法，做到1+1>2，A+3方案不算，“2+3+N”模式，12+3+45。",
    "一是加强学习，二是完善制度；第三，抓好落实。统一是关键，十二是多少，\n四是…",
    "建立县、乡、村三级联动”机制，做到“两个维护”和“三会一课”。\n“未闭合的引号\n“12345”热线」和『",
    "“四级”为省、市、县、乡，“三类”指总体规划。“1”即一个方案，“N”即若干措施，“1”是重复的。",
    "增强四个意识，第四个全面，十四个坚持，两三个人，实施六大工程；三项任务：甲、乙、丙。两个一百年。",
    '他说"三个务必"和「两个确立」，又说“一带一路”与“三个代表”。',
    "健全镇、村两级联动”机制，落实“两个维护”。\n“没有闭合\n“五个一”活动」。",
]


@pytest.mark.parametrize("text", FAST_PATH_TEXTS, ids=_id)
def test_fast_paths_agree_with_the_plain_patterns(text: str) -> None:
    _assert_fast_paths_agree(text)


def _assert_fast_paths_agree(text: str) -> None:
    from policytext.extract import slogan_parts as parts
    from policytext.extract import slogans as sl

    assert [m.span() for m in sl._plus_formulas(text)] == [m.span() for m in sl._PLUS_ANYWHERE.finditer(text)]
    enum = [(m.start(), m.end(), m.group(1) or m.group(2)) for m in parts._ENUM.finditer(text)]
    assert list(parts._enum_matches(text)) == enum
    pairs, stray = sl.quote_spans(text)
    with_numeral = [(a, b + 1) for a, b in pairs if sl._HAS_NUMERAL.search(text, a + 1, b)]
    assert sl._numeral_quotes(text) == (with_numeral, stray)
    lexicon = slogan_lexicon()
    forms = [f for f, e in lexicon.entries.items() if e.unquoted]
    known = [m.span() for m in re.compile(sl._trie_pattern(forms)).finditer(text)]
    measured = [m.span() for m in sl._MEASURED.finditer(text)]
    assert sl._numeral_matches(text, lexicon.scan) == (known, measured)
    for label in ("1", "N", "四级", "三类"):
        plain = re.compile(rf"[“\"「]{re.escape(label)}[”\"」]{parts._LABEL_CUE}")
        for lo in range(0, len(text), 7 if len(text) < 500 else 97):
            hi = min(len(text), lo + 600)  # as far as def.labels looks
            m = plain.search(text, lo, hi)
            assert parts._find_label(text, label, lo, hi) == (m.span() if m else None)


def test_fast_paths_agree_on_the_external_documents(shared_dir: Path) -> None:
    """Read at run time, never copied: real texts hold more of the rare cases than any sample."""
    for path in sorted((shared_dir / "corpora" / "external").glob("*.txt"))[:12]:
        _assert_fast_paths_agree(path.read_text(encoding="utf-8"))


# --- the shared seeds and external documents (skipped without ../shared) -------------------


def _extract_file(path: Path) -> Document:
    from policytext.io import load
    from policytext.outline import parse_outline

    raw = load(path)
    d = Document(doc=raw.doc, path=str(path), format=raw.format, text=raw.text, items=parse_outline(raw))
    d.slogans = list(extract_slogans(d))
    return d


def test_seed_slogans_against_the_gold(shared_dir: Path) -> None:
    """Read at run time, never copied: type-level F1 and component recall stay at their floors."""
    from tests.heldout_scoring import Components, Tally, load_gold, norm_slogan, score_components, score_types

    gold = load_gold(shared_dir / "gold")
    tally, comps = Tally(), Components()
    for name, g in gold.items():
        d = _extract_file(shared_dir / "corpora" / "seeds" / f"{name}.txt")
        tally.add(score_types(name, "slogan", g["slogans"], [s.text for s in d.slogans], norm_slogan, "text"))
        comps.add(score_components(name, g["slogans"], [dataclasses.asdict(s) for s in d.slogans]))
    assert tally.f1 >= 0.95, tally.errors
    assert comps.hit / comps.gold >= 0.90, comps.errors


def test_external_documents_give_no_period_date_or_ordinal(shared_dir: Path) -> None:
    files = sorted((shared_dir / "corpora" / "external").glob("*.txt"))
    assert files
    for path in files:
        for s in _extract_file(path).slogans:
            assert s.text not in {"十三五", "十四五", "十五五", "七一", "十九大", "二十大"}, (path.name, s.text)
            assert not re.match(r"第|(?:19|20)\d\d", s.text), (path.name, s.text)


def test_extraction_is_fast(shared_dir: Path) -> None:
    """Slogans of the 34 external documents take well under a second (they are regular expressions)."""
    docs = [_extract_file(p) for p in sorted((shared_dir / "corpora" / "external").glob("*.txt"))]
    start = time.perf_counter()
    for d in docs:
        list(extract_slogans(d))
    assert time.perf_counter() - start < 1.0
