"""Responsible bodies: names, normalised names and roles from sentences, notes, tables and documents.

Rows are sentences written for this test about fictional units (某县, 示范区, 某公司) in the style of
work-point documents; none is taken from the seed documents. ``DEV`` rows guided the rules;
``HELD_OUT`` rows were written after the rules and run once; ``XFAIL`` rows are known failures,
run strictly so that a fix is noticed.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from policytext.extract.bodies import extract_bodies, find_bodies, lexicon, name_tokens, normalise_name
from policytext.io.text import paragraphs_from_lines, split_lines
from policytext.lexicons import body_patterns, body_terms
from policytext.pipeline import process_raw
from policytext.types import Document, RawDocument

DEV = [
    # sections and institutions the lexicon does not list, licensed by a cue right after them
    ("由合同监管科牵头，各县（市、区）市场监管局配合。", [("合同监管科", "lead"), ("县(市、区)市场监管局", "support")]),
    ("网络交易监管科负责，县消费者协会配合。", [("网络交易监管科", "lead")]),
    ("计量科牵头，某县计量检定所、某县产品检验中心配合。",
     [("计量科", "lead"), ("某县计量检定所", "support"), ("某县产品检验中心", "support")]),
    ("示范区农业执法大队要加强巡查。", [("示范区农业执法大队", "lead")]),
    # a time adverb opens the predicate as a verb does
    ("区委理论学习中心组全年开展专题学习不少于10次。", [("区委理论学习中心组", "lead")]),
    ("某县委党校年内举办基层党组织书记培训班2期。", [("某县委党校", "lead")]),
    ("社区卫生服务中心负责日常随访。", [("社区卫生服务中心", "lead")]),
    # look-alikes ending in the same characters are not bodies
    ("围绕中心工作要抓实抓细。", []),
    ("研究所得数据要及时上报。", []),
    ("经营场所要张贴公示。", []),
    ("优势学科要加强建设。", []),
    ("服务站点要覆盖全县。", []),
    ("一是网站要及时更新。", []),
    # subject of a modal verb, with the responsible verb after it
    ("（一）县委组织部要牵头制定考核办法，县委宣传部、县委统战部配合。",
     [("县委组织部", "lead"), ("县委宣传部", "support"), ("县委统战部", "support")]),
    ("各乡镇党委要认真履行抓党建主体责任。", [("乡镇党委", "lead")]),
    ("机关党委负责机关党员的教育管理工作。", [("机关党委", "lead")]),
    ("各科室要按照职责分工抓好落实。", [("科室", "lead")]),
    ("办公室负责会议筹备，人事科负责年度考核。", [("办公室", "lead"), ("人事科", "lead")]),
    ("县纪委监委要加强监督检查。", [("县纪委监委", "lead")]),
    ("团县委、县妇联、县总工会要发挥桥梁纽带作用。", [("团县委", "lead"), ("县妇联", "lead"), ("县总工会", "lead")]),
    ("各县（市、区）委常委要带头联系基层。", [("县(市、区)委常委", "lead")]),
    ("局党组书记要切实履行第一责任人职责，班子其他成员落实一岗双责。",
     [("局党组书记", "lead"), ("班子其他成员", "lead")]),
    ("公司党委书记对党建工作负总责。", [("公司党委书记", "lead")]),
    ("县委常委会每季度至少听取一次党建工作汇报。", [("县委常委会", "lead")]),
    ("国有企业党委（党组）要把党的领导融入公司治理。", [("国有企业党委(党组)", "lead")]),
    ("XX局党组要定期研究党建工作。", [("XX局党组", "lead")]),
    ("村（社区）“两委”班子要带头执行村规民约。", [("村(社区)两委班子", "lead")]),
    ("示范区党工委要统筹推进园区党建。", [("示范区党工委", "lead")]),
    ("镇党委书记每年至少讲一次党课。", [("镇党委书记", "lead")]),
    ("各党支部书记是本支部党建工作第一责任人。", [("党支部书记", "lead")]),
    ("市场监管局、卫健委等部门要加强食品安全监管。", [("市场监管局", "lead"), ("卫健委", "lead")]),
    ("全县各级党组织要把政治建设摆在首位。", [("党组织", "lead")]),
    ("某县乡镇（街道）党（工）委书记要带头抓基层党建。", [("某县乡镇(街道)党(工)委书记", "lead")]),
    ("专（兼）职组织员负责党员发展的具体工作。", [("专(兼)职组织员", "lead")]),
    ("分管组织工作的副书记要协助书记抓好落实。", [("分管组织工作的副书记", "lead")]),
    ("县委改革办、县委依法治县办要加强统筹。", [("县委改革办", "lead"), ("县委依法治县办", "lead")]),
    ("县融媒体中心负责宣传报道。", [("县融媒体中心", "lead")]),
    ("驻村工作队要严格落实驻村制度。", [("驻村工作队", "lead")]),
    ("县委县政府要高度重视。", [("县委", "lead"), ("县政府", "lead")]),
    ("各级党委和政府要把粮食安全摆在突出位置。", [("党委和政府", "lead")]),
    ("每个网格党支部每季度至少开展一次活动。", [("网格党支部", "lead")]),
    ("领导小组办公室设在县委组织部，负责日常工作。", [("领导小组办公室", "lead")]),
    ("由市地方金融监管局、人民银行某市中心支行共同负责。",
     [("市地方金融监管局", "lead"), ("人民银行某市中心支行", "lead")]),
    # after 由 / 让 / 交 / 支持 the body does the next verb
    ("由县委办公室牵头，县政府办公室配合。", [("县委办公室", "lead"), ("县政府办公室", "support")]),
    ("活动方案报县委组织部备案。", [("县委组织部", "lead")]),
    ("县委宣传部会同县文旅局做好宣传工作。", [("县委宣传部", "lead"), ("县文旅局", "support")]),
    # notes and marks
    ("开展软弱涣散党组织整顿（责任单位：县委组织部、县财政局、县人社局）",
     [("县委组织部", "lead"), ("县财政局", "support"), ("县人社局", "support")]),
    ("牵头单位：省发展改革委；配合单位：省财政厅、省教育厅",
     [("省发展改革委", "lead"), ("省财政厅", "support"), ("省教育厅", "support")]),
    ("建立党员积分台账，县委组织部（牵头）、各乡镇党委负责。", [("县委组织部", "lead"), ("乡镇党委", "lead")]),
    ("一、考核对象\n各乡镇党委、县直各部门党组（党委）。", [("乡镇党委", "lead"), ("县直各部门党组(党委)", "lead")]),
    ("考核结果报县委常委会审定后通报。", [("县委常委会", "lead")]),
    # bare places take the organ of the last member of their list, but not a class of bodies
    ("各市（州）、县（市、区）人民政府要落实配套资金。",
     [("市(州)人民政府", "lead"), ("县(市、区)人民政府", "lead")]),
    ("各县（市）区、市直有关单位要抓好落实。", [("县(市)区", "lead"), ("市直有关单位", "lead")]),
    ("贯彻落实中央和省市县委关于机关建设的部署。", [("中央", "mention"), ("省市县委", "mention")]),
    # lists of department stems: a shared head, or each stem standing for its department
    ("经组织、人社部门审核后公示。", [("组织部门", "lead"), ("人社部门", "lead")]),
    ("县委各部委、发展改革、财政、教育等部门要密切配合。",
     [("县委各部委", "lead"), ("发展改革", "lead"), ("财政", "lead"), ("教育", "lead")]),
    # mentions: who issues, decides, leads, requires
    ("在县委的坚强领导下，全县上下团结一心。", [("县委", "mention")]),
    ("认真落实党中央决策部署和省委工作要求。", [("党中央", "mention")]),
    ("贯彻中央、省委和市委对基层党建的要求。", [("中央", "mention"), ("省委", "mention"), ("市委", "mention")]),
    ("根据县委要求，结合实际制定本方案。", [("县委", "mention")]),
    ("某县纪委印发《关于加强作风建设的通知》。", [("某县纪委", "mention")]),
    # Markdown
    ("- **团委**：负责活动策划和组织实施；", [("团委", "lead")]),
    # not bodies: members, generic words without a modal, objects
    ("广大党员干部要带头讲政治。", []),
    ("严禁党员干部违规操办婚丧喜庆事宜。", []),
    ("请各单位于6月底前报送总结。", []),
    ("支持企业牵头组建创新联合体。", []),
    ("社区建设不断加强，乡村全面振兴扎实推进。", []),
    ("建立健全党委领导、政府负责的工作机制。", []),
    ("深入推进党支部标准化建设。", []),
    # unknown names ending in an organisation noun, where a slot makes them responsible: before a
    # cue (…办, …部, …小组办公室), after 会同, after 依托 (a coordinating group), in a note, next to a
    # found body in a 、-list
    ("镇综合执法办牵头，镇农业服务办配合，每季度通报一次。",
     [("镇综合执法办", "lead"), ("镇农业服务办", "support")]),
    ("人力资源部要完善考核办法；质量技术部要会同检测中心开展抽检。",
     [("人力资源部", "lead"), ("质量技术部", "lead"), ("检测中心", "support")]),
    ("某区大数据推进小组办公室负责日常调度。", [("某区大数据推进小组办公室", "lead")]),
    ("依托县乡村振兴工作领导小组，建立定期会商机制。", [("县乡村振兴工作领导小组", "lead")]),
    ("（牵头单位：科研管理处；配合单位：财务处、图书馆）",
     [("科研管理处", "lead"), ("财务处", "support"), ("图书馆", "support")]),
    ("由县财政局牵头，县科技局、县地方金融发展中心、县税务局等部门配合。",
     [("县财政局", "lead"), ("县科技局", "support"), ("县地方金融发展中心", "support"), ("县税务局", "support")]),
    ("本办法由县委组织部负责解释。", [("县委组织部", "lead")]),  # the doer after 由, not 本办法由…
    # … and look-alikes that end in the same characters
    ("全部要在年底前完成。", []),
    ("各项督办要及时反馈。", []),
    ("西部要加快发展。", []),
    ("学习小组要定期交流。", []),
    ("依托新时代文明实践中心，开展志愿服务。", []),
    ("支持共建联合实验室、产业研究院攻关关键技术。", []),
    ("（完成时限：6月底前）", []),
    # level words and one-character owners inside a name; a quoted formula inside a name
    ("各二级学院党委要落实主体责任。", [("二级学院党委", "lead")]),
    ("（牵头单位：校团委；配合单位：校工会、院学生会）",
     [("校团委", "lead"), ("校工会", "support"), ("院学生会", "support")]),
    ("校园周边环境要持续整治。", []),
    ("院校要加强合作。", []),
    ("辖区“两新”组织党组织要按期换届。", [("两新组织党组织", "lead")]),
    # a second office of the same owner after 、; a role after 由 does what follows
    ("学院党委书记、院长每学期至少讲授一次思政课。", [("学院党委书记", "lead"), ("院长", "lead")]),
    ("县委常委每人联系1个软弱涣散村。", [("县委常委", "lead")]),
    ("由班子成员分片包干，逐户走访。", [("班子成员", "lead")]),
    ("由于书记外出，会议延期。", []),
    ("书记、主任要带头。", []),
    # one body per span: the longest; a 各 after a quantified place starts the next name
    ("县直各部门党组（党委）理论学习中心组要严格执行学习制度。", [("县直各部门党组(党委)理论学习中心组", "lead")]),
    ("各乡镇各部门要抓好落实。", [("乡镇", "lead"), ("部门", "lead")]),
    ("县直各部门要抓好落实。", [("县直各部门", "lead")]),
    # a note member may hold 与/和 in its name; known names joined by 与 stay two members
    ("（牵头单位：财务与资产管理处；配合单位：某公司办公室）", [("财务与资产管理处", "lead"), ("某公司办公室", "support")]),
    ("（牵头单位：县财政局与县审计局）", [("县财政局", "lead"), ("县审计局", "lead")]),
    # …机构 as a class of institutions: with a modal verb or 负责, not as an object
    ("各级养老服务机构要每半年开展一次消防演练。", [("养老服务机构", "lead")]),
    ("某县检验检测机构负责样品复核。", [("某县检验检测机构", "lead")]),
    ("支持医疗机构发展远程诊疗。", []),
    ("机构改革要稳步推进。", []),
    # roles of community and health work as subjects of a frequency adverbial
    ("网格员每月走访独居老人不少于2次。", [("网格员", "lead")]),
    ("家庭医生每半年为签约居民开展一次健康评估。", [("家庭医生", "lead")]),
    ("家庭医生团队每周到示范区卫生室坐诊1天。", [("家庭医生团队", "lead")]),
    ("为辖区居民签约家庭医生。", []),
    ("组建家庭医生团队12个。", []),
    ("科研团队要加强合作。", []),
    # owners' committees and property firms in a list; 公立 keeps the class generic
    ("居委会、业委会、物业公司每季度召开一次协调会。", [("居委会", "lead"), ("业委会", "lead"), ("物业公司", "lead")]),
    ("物业服务企业要落实消防安全主体责任。", [("物业服务企业", "lead")]),
    ("某县公立医院党委每年至少专题研究一次党建工作。", [("某县公立医院党委", "lead")]),
    ("化验单、公立医院检查结果实现互认。", []),
    # officials in charge and rank brackets: roles given a duty or a quota
    ("第三，分管负责同志要盯紧问题清单。", [("分管负责同志", "lead")]),
    ("逾期未整改的，由区政府分管负责同志约谈相关单位负责人。", [("区政府分管负责同志", "lead")]),
    ("处级以上党员领导干部每年讲党课不少于1次。", [("处级以上党员领导干部", "lead")]),
    ("示范区科级以上领导干部要带头遵守规定。", [("示范区科级以上领导干部", "lead")]),
    ("机关党委专职副书记配备率达到90%。", []),
    # parties to a funded project: a class, acting with a modal verb or answering for something
    ("项目单位应当在验收后3个月内完成决算。", [("项目单位", "lead")]),
    ("监理单位对工程质量承担监理责任，施工单位应当在24小时内整改。", [("施工单位", "lead")]),
    ("监理单位对监理报告的真实性负责。", [("监理单位", "lead")]),
    ("某县财政局对拨付资金的及时性负责。", [("某县财政局", "lead")]),
    ("资金拨付至项目单位后统一结算。", []),
    ("支持施工单位采用新工艺。", []),
    ("项目单位负责人名单另行公布。", []),
    # an adverb before the verb or 配合 keeps the role
    ("某县审计局依法对资金使用情况进行审计。", [("某县审计局", "lead")]),
    ("县教育局牵头，县卫健局、县体育局等部门密切配合。",
     [("县教育局", "lead"), ("县卫健局", "support"), ("县体育局", "support")]),
    ("县文旅局要牵头，县商务局积极配合。", [("县文旅局", "lead"), ("县商务局", "support")]),
    # role nouns of schools and factories, organs of a community, units stationed in a street
    ("各中小学校长要落实课后服务“一校一案”。", [("中小学校长", "lead")]),
    ("某县中小学校要配齐心理健康教师。", [("某县中小学校", "lead")]),
    ("教育集团牵头学校要统一组织集体备课。", [("教育集团牵头学校", "lead")]),
    ("牵头学校建设取得新进展。", []),
    ("由局主要负责同志约谈相关负责人。", [("局主要负责同志", "lead")]),
    ("这一理由局限于个别情形。", []),
    ("驻区单位党组织每年至少认领公益岗位3个。", [("驻区单位党组织", "lead")]),
    ("各村人民调解委员会要及时排查化解纠纷。", [("村人民调解委员会", "lead")]),
    ("各车间主任要每周组织一次安全检查。", [("车间主任", "lead")]),
    ("班组长每班开展1次交接班检查，安全员每日巡查不少于2次。", [("班组长", "lead"), ("安全员", "lead")]),
    ("各车间设备员负责机泵日常点检。", [("车间设备员", "lead")]),
    ("车间每周开展一次综合检查。", []),  # a class of units, without a modal verb
    ("车间安全生产形势总体平稳。", []),
    ("干部要多到项目现场、企业车间开展调研。", []),  # a class of sub-units of a class: a venue
    ("安全员证书年审工作按期完成。", []),
    ("各村要建立村规民约。", [("村", "lead")]),
    # a period or an enumeration word opening the clause is no part of an unknown name after it
    ("全面提高医疗水平，年内区医院要晋升为二级甲等医院。", [("区医院", "lead")]),
    ("同时镇便民服务所负责受理群众诉求。", [("镇便民服务所", "lead")]),
    # what a higher authority says or decides is a mention: others carry it out
    ("省委明确提出，要加快建设现代化产业体系。", [("省委", "mention")]),
    ("党中央对今年工作作出了全面部署，我们要坚决贯彻落实。", [("党中央", "mention")]),
    ("县委组织部提出了三项具体措施。", [("县委组织部", "lead")]),
    # judicial organs, boards, leaders of the organ itself, a service line's number, 包联
    ("院党组书记、检察长履行第一责任人职责。", [("院党组书记", "lead"), ("检察长", "lead")]),
    ("案件管理部门牵头、各业务部门配合，年内建成监督模型。", [("案件管理部门", "lead"), ("业务部门", "support")]),
    ("董事会应当在作出重大决策前听取党委意见。", [("董事会", "lead")]),
    ("分管局领导每月听取分管科室工作汇报。", [("分管局领导", "lead")]),
    ("12345热线服务中心要在24小时内回应诉求。", [("12345热线服务中心", "lead")]),
    ("对软弱涣散党组织，实行县级领导班子成员包联。", [("县级领导班子成员", "lead")]),
    ("实行县级领导包联重点项目制度。", []),  # the arrangement's name, not its doer
    ("用人单位发布的岗位信息要及时审核。", []),  # a class of bodies issues nothing
    ("1.法规股牵头，每季度组织1次执法案卷评查。", [("法规股", "lead")]),  # after an item number
    ("严格执法监督，法规股每季度组织1次执法案卷评查。", [("法规股", "lead")]),  # how often it acts
    ("市融资担保集团要降低担保费率。", [("市融资担保集团", "lead")]),
    ("各被考核单位要于12月15日前报送自评报告。", [("被考核单位", "lead")]),
    ("责任单位：厅财务处、厅人事处", [("厅财务处", "lead"), ("厅人事处", "support")]),  # the organ's own sections
    # members of a note split at commas too, an unknown one with its own role mark (…处（牵头）)
    ("责任单位：厅公共服务处（牵头），厅财务处", [("厅公共服务处", "lead"), ("厅财务处", "support")]),
    ("社区党委牵头，组织居民委员会制定公约。", [("社区党委", "lead")]),  # 组织 is the verb here, not a stem
    # the chiefs of 河湖长制 and 林长制 are officials; the systems are not
    ("市级河湖长每季度巡河不少于1次，县级河长每月不少于1次。", [("市级河湖长", "lead"), ("县级河长", "lead")]),
    ("全面推行河长制，构建县、乡、村三级河长管理体系。", []),
    # an unknown section acting on an object at a frequency (…站对在建工程每季度开展…)
    ("县水利工程质量监督站对在建工程每季度开展1次巡查。", [("县水利工程质量监督站", "lead")]),
]

HELD_OUT = [
    ("各乡镇（街道）党（工）委书记要切实履行第一责任人职责。", [("乡镇(街道)党(工)委书记", "lead")]),
    ("县直机关工委要加强对机关党建工作的指导。", [("县直机关工委", "lead")]),
    ("（牵头单位：县委组织部；配合单位：县委宣传部、县财政局）",
     [("县委组织部", "lead"), ("县委宣传部", "support"), ("县财政局", "support")]),
    ("区委组织部会同区人社局制定人才引进办法。", [("区委组织部", "lead"), ("区人社局", "support")]),
    ("各村党支部每月召开一次支委会。", [("村党支部", "lead")]),
    ("驻村第一书记要严格落实驻村工作制度。", [("驻村第一书记", "lead")]),
    ("县卫健局党组要抓好公立医院党建工作。", [("县卫健局党组", "lead")]),
    ("开发区党工委要加大“两新”组织党建工作力度。", [("开发区党工委", "lead")]),
    ("由县委党校负责培训课程设计。", [("县委党校", "lead")]),
    ("责任单位：县委组织部、各乡镇党委", [("县委组织部", "lead"), ("乡镇党委", "support")]),
    ("公司党委每半年听取一次党支部工作汇报。", [("公司党委", "lead")]),
    ("各党总支、党支部要认真组织开展主题党日活动。", [("党总支", "lead"), ("党支部", "lead")]),
    ("国资委党委要指导监管企业落实党建工作责任制。", [("国资委党委", "lead")]),
    ("县妇联、团县委要围绕中心工作开展活动。", [("县妇联", "lead"), ("团县委", "lead")]),
    ("党员要按时足额交纳党费。", []),
    ("建立健全党委领导、政府负责的工作机制。", []),
    ("县委常委、组织部长要带头到联系点调研。", [("县委常委", "lead"), ("组织部长", "lead")]),
    ("在上级党组织的指导下，认真开展换届工作。", [("上级党组织", "mention")]),
    ("各科室负责人要认真履行“一岗双责”。", [("科室负责人", "lead")]),
    ("纪检监察组要强化对驻在部门的监督。", [("纪检监察组", "lead")]),
    ("根据县委要求，结合我局实际，制定本方案。", [("县委", "mention")]),
    ("乡镇党委书记是基层党建工作第一责任人。", [("乡镇党委书记", "lead")]),
    ("市委宣传部、市文明办负责牵头组织实施。", [("市委宣传部", "lead"), ("市文明办", "lead")]),
    ("全市各级党组织和广大党员要积极行动起来。", [("党组织", "lead")]),
    ("教育系统各级党组织要把思想政治工作贯穿教育教学全过程。", [("教育系统各级党组织", "lead")]),
]

XFAIL = [
    # a head shared by a list of full names: 子公司党支部 and 分公司党支部
    ("各子公司、分公司党支部要结合实际制定方案。", [("子公司党支部", "lead"), ("分公司党支部", "lead")]),
    # a body inside a noun phrase after a verb of responsibility
    ("强化国有企业履行战略使命评价。", []),
    # a principle rather than an assignment
    ("坚持党委统一领导、党政齐抓共管、纪委组织协调、部门各负其责。", []),
]


def ids(row) -> str:
    return row[0][:24]


def roles(text: str) -> list[tuple[str, str]]:
    return [(f.name, f.role) for f in find_bodies(text)]


@pytest.mark.parametrize("row", DEV, ids=ids)
def test_dev(row):
    text, expected = row
    assert roles(text) == expected


@pytest.mark.parametrize("row", HELD_OUT, ids=ids)
def test_held_out(row):
    text, expected = row
    assert roles(text) == expected


@pytest.mark.parametrize("row", [pytest.param(r, marks=pytest.mark.xfail(strict=True)) for r in XFAIL], ids=ids)
def test_known_failures(row):
    text, expected = row
    assert roles(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("各级党委（党组）书记", "党委(党组)书记"),
    ("各 党支部", "党支部"),
    ("全县各乡镇（街道）党（工）委", "乡镇(街道)党(工)委"),
    ("其他县级领导干部", "县级领导干部"),
    ("县直机关“两新”组织党委", "县直机关两新组织党委"),
    ("各单位", "单位"),
    ("各村", "村"),  # a one-character place is a name too: every 村
    ("各地", "各地"),  # 地 is no name: kept as written
    ("各级", "各级"),  # nothing left to name: kept as written
    ("市委各部委", "市委各部委"),  # only a leading quantifier goes
])
def test_normalise_name(text, expected):
    assert normalise_name(text) == expected


def test_alias_defined_in_the_text():
    """A short name the text defines is compared by the full name."""
    found = find_bodies("县委组织部（以下简称组织部）负责统筹协调。组织部要加强业务指导。")
    assert [(f.text, f.name, f.role) for f in found] == [
        ("县委组织部", "县委组织部", "lead"), ("组织部", "县委组织部", "lead")]


def test_alias_of_a_list_is_not_taken():
    """（以下简称…） after a list names the whole list, not its last member."""
    found = find_bodies("各乡镇和县直单位（以下简称各单位）要按时报送。")
    assert all(f.name != "县直单位" or f.text == "县直单位" for f in found)
    assert "单位" not in {f.name for f in found if f.text.startswith("各单位")}


def test_tokens_longest_first():
    assert [t.text for t in name_tokens("县委组织部门")] == ["县", "委", "组织", "部门"]
    # 部署 is a stop word, not the head 部 completing 研究 (研究部 would be a name)
    assert [(t.text, t.term.category) for t in name_tokens("研究部署")] == [("研究", "stem"), ("部署", "stop")]


def test_unit_place_names():
    """The issuing unit's own place name reads as a place."""
    text = "海湾区委组织部要牵头做好培训。"
    # 海湾 unknown: no lexicon name starts inside a word; only the rule for unknown names before a
    # cue reads the whole span, without a kind
    assert [(f.name, f.rule, f.candidate) for f in find_bodies(text)] == [("海湾区委组织部", "suffix.lead", None)]
    found = find_bodies(text, places=["海湾区"])
    assert [(f.name, f.role) for f in found] == [("海湾区委组织部", "lead")]


MARKDOWN_TABLE = """附件：任务分解表
| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
|---|---|---|---|---|
| 1 | 开展主题党日活动 | 机关党委 | 各党支部、团委 | 6月底 |
| 2 | 组织业务培训 | 人事科（牵头） | 办公室 | 全年 |"""

TAB_TABLE = "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n1\t建立台账\t县委组织部\t县财政局、县人社局\t3月底"


@pytest.mark.parametrize("text,expected", [
    (MARKDOWN_TABLE, [("机关党委", "lead"), ("党支部", "support"), ("团委", "support"),
                      ("人事科", "lead"), ("办公室", "support")]),
    (TAB_TABLE, [("县委组织部", "lead"), ("县财政局", "support"), ("县人社局", "support")]),
    # every member of a 牵头/配合 cell is a body, known to the lexicon or not
    ("序号\t重点任务\t牵头单位\t配合单位\t完成时限\n1\t建立台账\t县委组织部\t县司法所、县人社服务中心\t3月底",
     [("县委组织部", "lead"), ("县司法所", "support"), ("县人社服务中心", "support")]),
])
def test_table_columns(text, expected):
    found = find_bodies(text)
    assert [(f.name, f.role) for f in found] == expected
    assert all(f.rule.startswith("table.") for f in found if f.name != "人事科")


SAMPLE = """某县2024年党建工作要点
一、加强政治建设
（一）强化理论武装。县委理论学习中心组要每季度开展一次专题学习，各乡镇党委要结合实际抓好落实。
（二）严肃党内政治生活。各党支部要认真落实“三会一课”制度，党员领导干部要带头参加双重组织生活。
二、加强组织建设
（三）建强基层组织。县委组织部牵头，县财政局、县人社局配合，开展村级组织运转经费保障情况检查。
（四）抓好党员管理。党员要按时足额交纳党费，党支部书记是党员管理第一责任人。"""


def make_doc(text: str) -> Document:
    lines = split_lines(text)
    raw = RawDocument(doc="sample", path="sample.txt", format="txt", paragraphs=paragraphs_from_lines(lines))
    return process_raw(raw)


def test_extract_bodies_on_a_processed_document():
    doc = make_doc(SAMPLE)
    bodies = doc.bodies
    assert [(b.name, b.role) for b in bodies] == [
        ("县委理论学习中心组", "lead"), ("乡镇党委", "lead"), ("党支部", "lead"), ("党员领导干部", "lead"),
        ("县委组织部", "lead"), ("县财政局", "support"), ("县人社局", "support"), ("党支部书记", "lead"),
    ]
    for b in bodies:
        assert doc.text[b.start : b.end] == b.text  # provenance: offsets into Document.text
        assert b.doc == "sample" and b.rule
        assert b.path == doc.path_at(b.start)
    by_name = {b.name: b for b in bodies}
    assert by_name["县委组织部"].level == "县" and by_name["县委组织部"].kind == "party"
    assert by_name["县财政局"].kind == "government"
    assert by_name["党支部书记"].kind == "role" and by_name["党支部"].level == "单位"
    if doc.items:  # paths come from the outline parser
        assert by_name["县委组织部"].path.startswith("2")


def test_extract_bodies_is_a_generator_over_the_text():
    doc = Document(doc="d", path="", format="txt", text="各党支部要认真落实。")
    out = extract_bodies(doc)
    assert iter(out) is out
    assert [b.name for b in out] == ["党支部"]



# --- shortcuts that must not change results -----------------------------------------------------
# find_bodies skips runs of terms whose names no rule could make responsible (body_roles.Relevance),
# and name_tokens reuses one whole-text scan around redacted names. Both are only for speed: these
# tests compare them with the plain way on every sentence above and on the sample corpus.

def _sample_texts() -> list[str]:
    from pathlib import Path

    from policytext.io import load
    from policytext.pipeline import expand_paths

    root = Path(__file__).resolve().parents[2]
    texts = [row[0] for row in DEV + HELD_OUT + XFAIL] + [SAMPLE, MARKDOWN_TABLE, TAB_TABLE]
    for path in expand_paths([root / "corpora", root / "tests" / "data" / "heldout"]):
        if path.suffix in (".txt", ".md", ".docx"):
            texts.append(load(path).text)
    return texts


def _all(found) -> list[tuple]:
    return [(f.start, f.end, f.text, f.name, f.role, f.rule) for f in found]


def test_relevance_filter_changes_nothing(monkeypatch):
    from policytext.extract import body_roles

    texts = _sample_texts()
    filtered = [_all(find_bodies(t, places=["云岫县", "桐溪县"])) for t in texts]
    monkeypatch.setattr(body_roles.Relevance, "__call__", lambda self, runs: True)
    monkeypatch.setattr(body_roles.Relevance, "runs", lambda self, runs: [True] * len(runs))
    monkeypatch.setattr(body_roles.Relevance, "singles", lambda self, runs, terms: [True] * len(runs))
    monkeypatch.setattr(body_roles, "_trigger_first", lambda: None)  # every run is handed over
    assert [_all(find_bodies(t, places=["云岫县", "桐溪县"])) for t in texts] == filtered
    assert sum(map(len, filtered)) > 50  # the texts do hold bodies


@pytest.mark.parametrize("text", [
    "各乡镇（甲、乙）（配合）负责，县委要落实。",  # a bracket of unknown characters, a term further on
    "县委（扩大）会议、县直机关（党组）和各村（社区）“两委”要落实。",
    "市民政局（牵头），县（市、区）委，各县（市）区。",
    # the same run after a list mark that is CJK (和) and one that is not (、): names are cached by run
    "县委和局党组要落实，县委、局党组要落实，局党组要落实。",
    "组织、宣传和统战部门，宣传和统战部门",
    # a one-character organ word opens a name after 由 only: the same run after 中 and after 由
    "会议中局党组负责落实，由局党组负责落实。",
])
def test_names_read_run_by_run_as_in_one_pass(text):
    """find_names reads only the runs that may hold names; it finds what one pass over every term does."""
    from policytext.extract import body_names

    for t in [text, *_sample_texts()]:
        whole: list = []
        body_names._run_names(t, name_tokens(t), lexicon(), whole, None)
        def rows(cands: list) -> list[tuple]:
            return [(c.start, c.end, c.shape, c.scope_end, [(k.start, k.text) for k in c.tokens]) for c in cands]

        assert rows(body_names.find_names(t)) == rows(whole)


def _plain_tokens(text: str, places: list[str]) -> list[tuple[int, int, str]]:
    """name_tokens the slow way: the lexicon scanned again between the extra terms."""
    from policytext.extract import body_tokens

    lex = lexicon()
    extra = sorted(body_tokens._extra_tokens(text, places, lex), key=lambda t: (t.start, -t.end))
    out, pos = [], 0
    for rare in extra:
        if rare.start < pos:
            continue
        out += [(m.start(), m.end(), m.group()) for m in lex.name_re.finditer(text, pos, rare.start)]
        out.append((rare.start, rare.end, rare.text))
        pos = rare.end
    return out + [(m.start(), m.end(), m.group()) for m in lex.name_re.finditer(text, pos)]


@pytest.mark.parametrize("text,places", [
    ("某县委组织部、XX局党组和分管组织工作的副书记要牵头落实。", []),
    ("部分管理的事项由某某某县纪委负责，××市委宣传部配合。", []),
    ("海湾区委、海湾区人民政府和海湾区直各部门要协同推进。", ["海湾区"]),
    ("分管分管党建工作的领导班子成员，X局", []),
    ("县委部分管组织工作的副书记要带头。", []),  # 部分 would cross the start of 分管…的
])
def test_tokens_around_extra_terms(text, places):
    assert [(t.start, t.end, t.text) for t in name_tokens(text, places=places)] == _plain_tokens(text, places)


def test_tokens_around_extra_terms_in_the_sample_corpus():
    for text in _sample_texts():
        assert [(t.start, t.end, t.text) for t in name_tokens(text, places=["云岫县"])] == _plain_tokens(text, ["云岫县"])


def test_automaton_scan_is_the_regex_scan():
    """The Aho-Corasick scan (leftmost-longest) finds the terms the trie regex finds."""
    from policytext.extract import body_tokens

    lex = lexicon()
    if lex.automaton is None:
        pytest.skip("ahocorasick_rs is not installed: the regex scan is the only one")
    texts = [*_sample_texts(), "党委会议", "县委组织部（以下简称组织部）", "😀市教育局党组", ""]
    for text in texts:
        a, b = body_tokens._scan(text, lex), body_tokens._scan_regex(text, lex)
        assert (list(a.starts), list(a.ends), list(a.terms)) == (list(b.starts), list(b.ends), list(b.terms))
    assert sum(len(body_tokens._scan(t, lex).starts) for t in texts) > 1000


@pytest.mark.parametrize("text", [
    "牵头单位：县委组织部；配合单位： 县民政局", "责任人 \n：某某", "负责任人：", "牵头单位：：配合部门:",
    "实施主体：各乡镇", "配合单位\u3000：县委", "：牵头单位", "牵头单位牵头单位：",
])
def test_note_labels_found_before_colons_as_by_the_regex(text):
    from policytext.extract import bodies

    assert [m.span() for m in bodies._label_matches(text)] == [m.span() for m in bodies._NOTE_LABEL.finditer(text)]


@pytest.mark.parametrize("text", [
    "某县XX局和×市、分管组织工作的副书记", "XXX县委X", "部分分管分管党建的领导", "xx某某某某县", "",
])
def test_rare_terms_found_from_marks_as_by_the_regex(text):
    from policytext.extract import body_tokens

    assert [m.span() for m in body_tokens._rare_matches(text, lexicon())] == [m.span() for m in body_tokens._RARE.finditer(text)]


def test_marks_are_every_occurrence_of_each_word():
    """The marks are found in one leftmost-longest pass: that finds every occurrence only when no
    word can overlap another (no word ends with a character another starts with)."""
    lex = lexicon()
    words = lex.mark_words
    assert {"会同", "考核对象", "分管"} <= set(words)
    assert not {w[-1] for w in words} & {w[0] for w in words}
    text = "会同县委，分管分管考核对象：联合协同"
    assert lex.marks(text) == {w: [m.start() for m in re.finditer(re.escape(w), text)] for w in words if w in text}


def test_quick_tests_before_regexes_hold_every_start():
    """Character sets that spare a regex call: a match must start (or end) with one of them."""
    from policytext.extract import body_roles

    mentions = (body_roles._MENTION_AFTER, body_roles._LEADERSHIP, body_roles._REQUIREMENT)
    for sample in ["决策部署", "重大决策部署", "的决策部署", "各次全会精神", "会议精神", "印发", "关于", "领导下",
                   "的坚强领导下", "监督和支持下", "的有关要求", "规定", "部署"]:
        assert any(p.match(sample) for p in mentions), sample
        assert sample[0] in body_roles._mention_first(), sample
    for sample in ["一是", "二是", "其次", "同时", "另外", "此外", "特别是", "尤其是", "并"]:
        assert body_roles._ENUMERATION.search(sample) and sample[-1] in body_roles._ENUMERATION_LAST, sample


def test_trigger_first_characters():
    """The set that spares a regex call must hold the first character of every trigger."""
    from policytext.extract.body_roles import _trigger_first, _triggers

    first = _trigger_first()
    assert first is not None and {"、", "和", "（", "等", "要", "负", "的", "*"} <= first
    for sample in _TRIGGER_SAMPLES:
        for trigger in _triggers():
            assert trigger.match(sample) is None or sample[0] in first, sample


_TRIGGER_SAMPLES = {*set().union(*lexicon().words.values()),
                    "决策部署", "重大决策部署", "会议精神", "的坚强领导下", "统一领导下", "的有关要求", "是第一责任人",
                    "作为责任主体", "的部署", "，各", "以及", "：负责", "**牵头", "各次全会精神", "报告", "审批"}


def test_triggers_by_character_match_as_whole_patterns():
    """The triggers are tried by the character at a position, each with a pattern of only what can
    start with it: they must match where the whole patterns do, with the same group (but for 等
    and brackets, read past: test_triggers_read_past_etc_and_brackets)."""
    from policytext.extract.body_roles import _trigger_at, _triggers

    texts = [*_TRIGGER_SAMPLES, SAMPLE, MARKDOWN_TABLE, *(row[0] for row in DEV[:40])]
    tried = 0
    for plain, whole in ((False, _triggers()[0]), (True, _triggers()[1])):
        for text in texts:
            for pos in range(len(text)):
                if not plain and text[pos] in "等（(":
                    continue
                expected = whole.match(text, pos)
                match = _trigger_at(plain)[text[pos]]
                got = match(text, pos) if match is not None else None
                assert (got is None) == (expected is None), (text, pos)
                if got is not None:
                    assert got.lastgroup == expected.lastgroup and got.group() == expected.group(), (text, pos)
                    tried += 1
    assert tried > 200


@pytest.mark.parametrize(("text", "group"), [
    ("县委、县政府等部门负责落实", "strong"),   # past 等部门, a verb of responsibility
    ("宣传部等要落实", ""),                       # past 等, a modal verb
    ("组织部等单位", None),                       # nothing after the list
    ("组织部（牵头）", "any"),                    # a role mark
    ("组织部（以下简称组织部）", "any"),          # an alias, read for every name it follows
    ("县委（扩大）会议", None),                   # a note that no role word follows
    ("组织部（试行）负责", "strong"),             # a note and then a role word
    ("组织部（未闭合", None),                     # no bracket: no role (group_role reads none)
])
def test_triggers_read_past_etc_and_brackets(text, group):
    """After a name, 等 and a bracket give no role by themselves: what follows them decides, as in
    group_role (a list of names ends with 等部门; a bracket holds a role mark, an alias or a note)."""
    from policytext.extract.body_roles import _trigger_at

    pos = min(p for p in (text.find("等"), text.find("（")) if p >= 0)
    match = _trigger_at()[text[pos]](text, pos)
    assert (match.lastgroup or "" if match is not None else None) == group


def test_words_by_character_match_as_one_trie():
    """lexicon().word_at[ch] (the words that start with ch) matches where word_re does."""
    lex = lexicon()
    for text in [*_TRIGGER_SAMPLES, SAMPLE, *(row[0] for row in DEV[:40])]:
        for pos in range(len(text)):
            match = lex.word_at[text[pos]]
            got = match(text, pos) if match is not None else None
            expected = lex.word_re.match(text, pos)
            assert (got and got.group()) == (expected and expected.group()), (text, pos)


# --- lexicon integrity ------------------------------------------------------------------------

NAME_CATEGORIES = {"scope", "place", "mod", "stem", "head", "suffix", "role", "stop"}
WORD_CATEGORIES = {"modal", "strong", "support", "verb", "introducer", "issue", "nonverb", "partner"}
KINDS = {"", "party", "government", "role", "enterprise", "mass", "other"}
LEVELS = {"", "中央", "省", "市", "县", "乡镇", "村", "单位"}


def test_lexicon_rows_are_well_formed():
    rows = body_terms()
    assert rows, "bodies.tsv is empty"
    seen: dict[str, str] = {}
    for r in rows:
        assert r["category"] in NAME_CATEGORIES | WORD_CATEGORIES, r
        assert r["kind"] in KINDS and r["level"] in LEVELS, r
        assert set(r["flags"].split()) <= {"alone", "generic", "authority", "branch"}, r
        assert r["term"] == r["term"].strip() and "\t" not in r["term"], r
        if r["category"] in NAME_CATEGORIES:
            assert r["term"] not in seen, f"{r['term']} is both {seen.get(r['term'])} and {r['category']}"
            seen[r["term"]] = r["category"]
    suffixes = [r["term"] for r in rows if r["category"] == "suffix"]
    assert all(len(s) == 1 for s in suffixes)


def test_patterns_are_entity_ruler_lines():
    pats = body_patterns()
    ids = [p["id"] for p in pats]
    assert len(ids) == len(set(ids)), "duplicate pattern ids"
    for p in pats:
        assert {"label", "pattern", "id"} <= set(p) <= {"label", "pattern", "id", "kind"} and p["label"] in {"ORG", "GPE"}
        assert isinstance(p["pattern"], str) and p["pattern"]
        assert p.get("kind", "party") in {"party", "government"}
    assert json.loads(json.dumps(pats[0])) == pats[0]


def test_patterns_load_into_spacy_as_they_are():
    """bodies.jsonl is an EntityRuler file: the optional "kind" key must not stop spaCy from reading it."""
    spacy = pytest.importorskip("spacy")
    from importlib.resources import files

    nlp = spacy.blank("xx")  # whitespace tokens: the phrase patterns need no Chinese segmenter here
    ruler = nlp.add_pipe("entity_ruler", config={"validate": True})
    ruler.from_disk(files("policytext.lexicons") / "bodies.jsonl")
    assert len(ruler.patterns) == len(body_patterns())
    doc = nlp("国务院 印发")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [("国务院", "ORG", "central/state-council")]


def test_lexicon_compiles_and_every_term_is_found():
    lex = lexicon()
    for term in lex.terms:
        m = lex.name_re.match(term)
        assert m is not None and m.group() == term, term


# --- the seeds, read at run time ----------------------------------------------------------------


def _norm(s: str) -> str:
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))
    for prefix in ("各级", "各"):
        if s.startswith(prefix) and len(s) > len(prefix) + 1:
            return s[len(prefix):]
    return s


@pytest.mark.shared
def test_seed_documents_f1(shared_dir):
    """Type-level F1 of body names on the seed documents stays at the level reached (SPEC.md)."""
    from policytext.pipeline import process

    tp = fp = fn = 0
    for gold_path in sorted((shared_dir / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = process(shared_dir / "corpora" / "seeds" / f"{gold_path.stem}.txt")
        pred = {_norm(b.name) for b in doc.bodies}
        matched: set[str] = set()
        for g in gold["bodies"]:
            forms = {_norm(g["name"])} | {_norm(a) for a in g.get("alts", [])}
            matched |= pred & forms
            if not g.get("optional"):
                tp += bool(pred & forms)
                fn += not (pred & forms)
        fp += len(pred - matched)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.9, (tp, fp, fn)


# (sentence, name, level, kind): the level and kind of bodies, lexicon names and names read by their slot
LABELS = [
    ("认真贯彻党中央、国务院决策部署。", "国务院", "中央", "government"),
    ("认真贯彻党中央、国务院决策部署。", "党中央", "中央", "party"),
    ("县委办公室要加强督查。", "县委办公室", "县", "party"),
    ("县政府办公室要加强督查。", "县政府办公室", "县", "government"),
    ("公司党委办公室负责统筹。", "公司党委办公室", "单位", "party"),
    ("各设区市科技局要抓好落实。", "设区市科技局", "市", "government"),
    ("（牵头单位：县绩效办；配合单位：驻局纪检组）", "县绩效办", "县", ""),  # 绩效 unknown: whose office?
    ("（牵头单位：县绩效办；配合单位：驻局纪检组）", "驻局纪检组", "", "party"),
    ("（牵头单位：法务部；配合单位：派出所）", "法务部", "", ""),  # a company's department or a Party one
    ("（牵头单位：法务部；配合单位：派出所）", "派出所", "", "government"),
]


@pytest.mark.parametrize("text,name,level,kind", LABELS, ids=[f"{r[1]}" for r in LABELS])
def test_levels_and_kinds(text: str, name: str, level: str, kind: str) -> None:
    doc = Document(doc="d", path="", format="text", text=text)
    found = {b.name: b for b in extract_bodies(doc)}
    assert (found[name].level, found[name].kind) == (level, kind)
