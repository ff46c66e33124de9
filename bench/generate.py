#!/usr/bin/env python3
"""Synthetic permit catalogues in the FORMAT.md §1 CSV, for benchmarks and diff tests.

First version of a catalogue (N items):

    python bench/generate.py --n 100000 --seed 1 -o v1.csv

A later version of it (items changed, removed and added at random):

    python bench/generate.py --from v1.csv --seed 2 --change 0.01 --add 0.005 \\
        --remove 0.005 -o v2.csv [--changed-codes truth.txt]

Output is UTF-8 with a BOM, one header row with the Chinese headers, one row per item, written
with the csv module; lists inside a cell (basis, materials, fees) are joined by line breaks.

Everything is a function of the seed (random.Random(seed)): the same command line gives the same
bytes, whatever PYTHONHASHSEED is. Both modes stream: rows are made and written one at a time, and
memory does not grow with the number of items.

Item codes are 12 digits, kept as text: a 3-digit department number (001-040, so every code has a
leading zero) and a 9-digit serial number unique in the file. Items added by the second mode get
serials above the highest serial of the source file (a running maximum, not a set of codes), so
their codes are new even when versions are chained (v3 from v2 from v1).

Defects are planted at realistic rates (each kind on at most about a fifth of the items): missing
basis, citations with no article or no book-title marks, repealed and non-setting instruments,
catch-all and repeated materials, empty and unparsable time limits, promises not shorter than the
statutory limit, fees without basis, floating fees, charges above the catalogue standard, locally
set charges, missing department or procedure, and about 1% of names repeated (`--repeat-names P`
sets that share; with `--repeat-from K` the repeats take the names of the first K items, so that they
gather in K large groups of one name: `--n 100000 --repeat-names 0.05 --repeat-from 10`).
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import re
import sys
from bisect import bisect_right
from random import Random

HEADERS = [
    "事项编码",
    "事项名称",
    "实施机关",
    "事项类型",
    "设定依据",
    "申请材料",
    "办理流程",
    "法定时限",
    "承诺时限",
    "收费项目",
    "备注",
]
KEYS = [
    "code",
    "name",
    "department",
    "category",
    "basis",
    "materials",
    "procedure",
    "statutory_limit",
    "promised_limit",
    "fees",
    "notes",
]

# Headers accepted for each key (FORMAT.md §1), used to read a source file in the second mode.
HEADER_ALIASES = {
    "code": ["事项编码", "编码", "项目编码"],
    "name": ["事项名称", "项目名称", "名称"],
    "department": ["实施机关", "实施部门", "承办部门", "主管部门"],
    "category": ["事项类型", "事项类别", "类别"],
    "basis": ["设定依据", "设立依据", "法律依据", "依据"],
    "materials": ["申请材料", "申报材料", "材料"],
    "procedure": ["办理流程", "审批程序", "办理程序", "程序"],
    "statutory_limit": ["法定时限", "法定期限"],
    "promised_limit": ["承诺时限", "承诺期限"],
    "fees": ["收费项目", "收费", "收费标准"],
    "notes": ["备注"],
}

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

# Action words by kind of object; a base item name is object + action.
ACTIONS = {
    "P": ["许可", "许可证核发", "许可证延续", "许可证变更", "许可证补办", "许可证注销"],
    "A": ["审批", "核准", "审核", "审查", "批准"],
    "R": ["登记", "备案", "变更登记", "注销登记", "登记证核发"],
    "C": ["资格认定", "资质认定", "资质核准", "证书核发", "资格注册"],
    "S": ["认定", "确认", "证明办理", "申领", "审核确认"],
    "Q": ["认定", "核准", "证书核发", "延续", "变更"],  # objects ending in 资质 / 资格
    "Z": ["核发", "补发", "换发", "变更", "注销"],  # objects that are a certificate
    "X": ["检查", "审批", "许可", "核查"],
}

# Department: (name, [(object, kind)], [(instrument title, number of articles, kind)]).
# Instrument kind: S = may set a permit (law, administrative regulation, State Council decision,
# local regulation), W = may not (departmental rule, normative document, provincial rule),
# R = repealed.
DEPARTMENTS = [
    (
        "县市场监督管理局",
        [
            ("食品经营", "P"),
            ("食品生产", "P"),
            ("食品小作坊", "R"),
            ("小餐饮", "R"),
            ("药品零售企业经营", "P"),
            ("第二类医疗器械经营", "R"),
            ("特种设备使用", "R"),
            ("计量标准器具", "A"),
            ("个体工商户", "R"),
            ("工业产品生产", "P"),
            ("广告发布", "R"),
        ],
        [
            ("中华人民共和国食品安全法", 154, "S"),
            ("中华人民共和国药品管理法", 155, "S"),
            ("中华人民共和国特种设备安全法", 101, "S"),
            ("中华人民共和国计量法", 34, "S"),
            ("中华人民共和国广告法", 74, "S"),
            ("医疗器械监督管理条例", 107, "S"),
            ("工业产品生产许可证管理条例", 71, "S"),
            ("中华人民共和国市场主体登记管理条例", 56, "S"),
            ("江岭省食品小作坊小餐饮及食品摊贩管理条例", 48, "S"),
            ("食品经营许可和备案管理办法", 58, "W"),
            ("个体工商户条例", 30, "R"),
            ("中华人民共和国食品卫生法", 57, "R"),
        ],
    ),
    (
        "县住房和城乡建设局",
        [
            ("建筑工程施工", "P"),
            ("商品房预售", "P"),
            ("城镇污水排入排水管网", "P"),
            ("燃气经营", "P"),
            ("建设工程消防设计", "A"),
            ("建设工程消防验收", "A"),
            ("建筑业企业资质", "Q"),
            ("房屋建筑工程竣工验收", "R"),
            ("临时占用城市道路", "A"),
            ("挖掘城市道路", "A"),
        ],
        [
            ("中华人民共和国建筑法", 85, "S"),
            ("中华人民共和国城市房地产管理法", 73, "S"),
            ("城镇排水与污水处理条例", 59, "S"),
            ("城镇燃气管理条例", 53, "S"),
            ("城市道路管理条例", 45, "S"),
            ("建设工程质量管理条例", 82, "S"),
            ("物业管理条例", 67, "S"),
            ("建筑工程施工许可管理办法", 20, "W"),
            ("江岭省建设工程造价管理办法", 40, "W"),
            ("城市房屋拆迁管理条例", 40, "R"),
        ],
    ),
    (
        "县自然资源局",
        [
            ("建设工程规划", "P"),
            ("建设用地规划", "P"),
            ("乡村建设规划", "P"),
            ("建设项目用地预审", "A"),
            ("临时用地", "A"),
            ("采矿权", "R"),
            ("不动产", "R"),
            ("测绘资质", "Q"),
            ("农村村民宅基地", "A"),
        ],
        [
            ("中华人民共和国城乡规划法", 70, "S"),
            ("中华人民共和国土地管理法", 87, "S"),
            ("中华人民共和国土地管理法实施条例", 66, "S"),
            ("中华人民共和国矿产资源法", 53, "S"),
            ("不动产登记暂行条例", 35, "S"),
            ("中华人民共和国测绘法", 68, "S"),
            ("江岭省城乡规划条例", 72, "S"),
            ("不动产登记暂行条例实施细则", 107, "W"),
            ("中华人民共和国城市规划法", 46, "R"),
        ],
    ),
    (
        "县交通运输局",
        [
            ("道路旅客运输经营", "P"),
            ("道路货物运输经营", "P"),
            ("巡游出租汽车经营", "P"),
            ("机动车维修经营", "R"),
            ("公路超限运输", "A"),
            ("涉路施工", "A"),
            ("道路运输从业人员", "C"),
            ("机动车驾驶员培训", "R"),
        ],
        [
            ("中华人民共和国道路运输条例", 80, "S"),
            ("中华人民共和国公路法", 98, "S"),
            ("公路安全保护条例", 77, "S"),
            ("道路旅客运输及客运站管理规定", 107, "W"),
            ("巡游出租汽车经营服务管理规定", 58, "W"),
        ],
    ),
    (
        "县卫生健康局",
        [
            ("医疗机构执业", "P"),
            ("医师执业", "R"),
            ("护士执业", "R"),
            ("公共场所卫生", "P"),
            ("放射诊疗", "P"),
            ("母婴保健技术服务", "P"),
            ("饮用水供水单位卫生", "P"),
            ("乡村医生执业", "R"),
        ],
        [
            ("医疗机构管理条例", 53, "S"),
            ("中华人民共和国医师法", 67, "S"),
            ("护士条例", 35, "S"),
            ("公共场所卫生管理条例", 14, "S"),
            ("中华人民共和国传染病防治法", 80, "S"),
            ("中华人民共和国母婴保健法", 39, "S"),
            ("乡村医生从业管理条例", 49, "S"),
            ("放射诊疗管理规定", 45, "W"),
            ("医疗机构管理条例实施细则", 94, "W"),
            ("中华人民共和国执业医师法", 48, "R"),
        ],
    ),
    (
        "县教育局",
        [
            ("民办学校办学", "P"),
            ("幼儿园设立", "A"),
            ("教师资格", "Q"),
            ("校外培训机构设立", "A"),
            ("学生资助", "S"),
            ("民办学校章程修改", "A"),
        ],
        [
            ("中华人民共和国教育法", 86, "S"),
            ("中华人民共和国民办教育促进法", 67, "S"),
            ("中华人民共和国教师法", 43, "S"),
            ("教师资格条例", 23, "S"),
            ("幼儿园管理条例", 32, "S"),
            ("中华人民共和国民办教育促进法实施条例", 68, "S"),
            ("江岭省民办学校设置标准", 30, "W"),
        ],
    ),
    (
        "县公安局",
        [
            ("户口迁移", "A"),
            ("烟花爆竹道路运输", "P"),
            ("剧毒化学品购买", "P"),
            ("民用爆炸物品购买", "P"),
            ("旅馆业特种行业", "P"),
            ("公章刻制业特种行业", "P"),
            ("大型群众性活动安全", "P"),
            ("第二类易制毒化学品运输", "P"),
            ("养犬", "R"),
        ],
        [
            ("中华人民共和国居民身份证法", 23, "S"),
            ("中华人民共和国户口登记条例", 23, "S"),
            ("烟花爆竹安全管理条例", 44, "S"),
            ("危险化学品安全管理条例", 102, "S"),
            ("民用爆炸物品安全管理条例", 55, "S"),
            ("旅馆业治安管理办法", 24, "S"),
            ("大型群众性活动安全管理条例", 26, "S"),
            ("易制毒化学品管理条例", 45, "S"),
            ("印章业治安管理办法", 20, "W"),
        ],
    ),
    (
        "县民政局",
        [
            ("社会团体", "R"),
            ("民办非企业单位", "R"),
            ("婚姻", "R"),
            ("殡葬设施建设", "A"),
            ("养老机构", "R"),
            ("慈善组织公开募捐资格", "S"),
            ("地名命名", "A"),
        ],
        [
            ("社会团体登记管理条例", 37, "S"),
            ("民办非企业单位登记管理暂行条例", 32, "S"),
            ("婚姻登记条例", 22, "S"),
            ("殡葬管理条例", 24, "S"),
            ("中华人民共和国慈善法", 112, "S"),
            ("地名管理条例", 43, "S"),
            ("养老机构管理办法", 49, "W"),
        ],
    ),
    (
        "县人力资源和社会保障局",
        [
            ("劳务派遣经营", "P"),
            ("人力资源服务", "P"),
            ("民办职业培训学校设立", "A"),
            ("企业实行不定时工作制和综合计算工时工作制", "A"),
            ("社会保险", "R"),
            ("失业保险金", "S"),
            ("技能人员职业资格", "Q"),
            ("职工参保信息", "R"),
        ],
        [
            ("中华人民共和国劳动法", 107, "S"),
            ("中华人民共和国劳动合同法", 98, "S"),
            ("人力资源市场暂行条例", 50, "S"),
            ("中华人民共和国社会保险法", 98, "S"),
            ("中华人民共和国就业促进法", 69, "S"),
            ("失业保险条例", 33, "S"),
            ("劳务派遣行政许可实施办法", 37, "W"),
            ("关于企业实行不定时工作制和综合计算工时工作制的审批办法", 11, "W"),
        ],
    ),
    (
        "县生态环境分局",
        [
            ("建设项目环境影响评价文件", "A"),
            ("排污", "P"),
            ("危险废物经营", "P"),
            ("辐射安全", "P"),
            ("防治污染设施拆除或闲置", "A"),
            ("固体废物跨区域转移", "A"),
        ],
        [
            ("中华人民共和国环境影响评价法", 37, "S"),
            ("中华人民共和国水污染防治法", 103, "S"),
            ("中华人民共和国大气污染防治法", 127, "S"),
            ("排污许可管理条例", 51, "S"),
            ("中华人民共和国固体废物污染环境防治法", 126, "S"),
            ("危险废物经营许可证管理办法", 33, "S"),
            ("放射性同位素与射线装置安全和防护条例", 69, "S"),
            ("排污许可管理办法", 67, "W"),
        ],
    ),
    (
        "县水利局",
        [
            ("取水", "P"),
            ("河道管理范围内建设项目", "A"),
            ("生产建设项目水土保持方案", "A"),
            ("洪水影响评价", "A"),
            ("河道采砂", "P"),
            ("农村集体经济组织修建水库", "A"),
        ],
        [
            ("中华人民共和国水法", 82, "S"),
            ("中华人民共和国防洪法", 65, "S"),
            ("取水许可和水资源费征收管理条例", 58, "S"),
            ("中华人民共和国水土保持法", 60, "S"),
            ("中华人民共和国河道管理条例", 51, "S"),
            ("江岭省实施〈中华人民共和国水土保持法〉办法", 40, "S"),
            ("江岭省河道采砂管理办法", 32, "W"),
        ],
    ),
    (
        "县农业农村局",
        [
            ("农作物种子生产经营", "P"),
            ("农药经营", "P"),
            ("兽药经营", "P"),
            ("动物防疫条件合格证", "Z"),
            ("生鲜乳收购站", "P"),
            ("渔业捕捞", "P"),
            ("水产苗种生产", "P"),
            ("拖拉机和联合收割机", "R"),
            ("生猪定点屠宰", "P"),
        ],
        [
            ("中华人民共和国种子法", 92, "S"),
            ("中华人民共和国动物防疫法", 113, "S"),
            ("农药管理条例", 66, "S"),
            ("兽药管理条例", 75, "S"),
            ("中华人民共和国渔业法", 50, "S"),
            ("生猪屠宰管理条例", 45, "S"),
            ("乳品质量安全监督管理条例", 64, "S"),
            ("中华人民共和国农业机械化促进法", 35, "S"),
            ("农作物种子生产经营许可管理办法", 43, "W"),
        ],
    ),
    (
        "县林业局",
        [
            ("林木采伐", "P"),
            ("使用林地", "A"),
            ("林草种子生产经营", "P"),
            ("野生动物人工繁育", "P"),
            ("植物检疫证书", "Z"),
            ("森林防火期内野外用火", "A"),
            ("古树名木移植", "A"),
        ],
        [
            ("中华人民共和国森林法", 84, "S"),
            ("中华人民共和国森林法实施条例", 48, "S"),
            ("中华人民共和国野生动物保护法", 64, "S"),
            ("植物检疫条例", 24, "S"),
            ("森林防火条例", 56, "S"),
            ("中华人民共和国草原法", 75, "S"),
            ("江岭省古树名木保护办法", 28, "W"),
        ],
    ),
    (
        "县文化广电和旅游局",
        [
            ("营业性演出", "A"),
            ("娱乐场所经营活动", "A"),
            ("互联网上网服务营业场所", "P"),
            ("旅行社设立", "P"),
            ("文物保护单位建设控制地带内建设工程", "A"),
            ("出版物零售", "P"),
            ("印刷经营", "P"),
            ("卫星电视广播地面接收设施安装", "P"),
            ("广播电视节目制作经营", "P"),
        ],
        [
            ("中华人民共和国旅游法", 112, "S"),
            ("旅行社条例", 68, "S"),
            ("营业性演出管理条例", 58, "S"),
            ("娱乐场所管理条例", 58, "S"),
            ("互联网上网服务营业场所管理条例", 37, "S"),
            ("中华人民共和国文物保护法", 80, "S"),
            ("出版管理条例", 73, "S"),
            ("印刷业管理条例", 48, "S"),
            ("广播电视管理条例", 53, "S"),
            ("卫星电视广播地面接收设施管理规定", 13, "S"),
            ("出版物市场管理规定", 42, "W"),
        ],
    ),
    (
        "县商务局",
        [
            ("对外贸易经营者", "R"),
            ("成品油零售经营", "P"),
            ("单用途商业预付卡", "R"),
            ("报废机动车回收企业资质", "Q"),
            ("拍卖企业", "R"),
        ],
        [
            ("中华人民共和国对外贸易法", 70, "S"),
            ("报废机动车回收管理办法", 29, "S"),
            ("中华人民共和国拍卖法", 69, "S"),
            ("单用途商业预付卡管理办法（试行）", 45, "W"),
            ("成品油市场管理办法", 46, "R"),
        ],
    ),
    (
        "县应急管理局",
        [
            ("危险化学品经营", "P"),
            ("烟花爆竹经营", "P"),
            ("非煤矿山安全生产", "P"),
            ("建设项目安全设施设计", "A"),
            ("特种作业人员操作", "C"),
            ("安全生产管理人员", "C"),
        ],
        [
            ("中华人民共和国安全生产法", 119, "S"),
            ("危险化学品安全管理条例", 102, "S"),
            ("安全生产许可证条例", 24, "S"),
            ("烟花爆竹安全管理条例", 44, "S"),
            ("中华人民共和国矿山安全法", 50, "S"),
            ("危险化学品经营许可证管理办法", 39, "W"),
        ],
    ),
    (
        "县城市管理局",
        [
            ("城市建筑垃圾处置", "A"),
            ("设置大型户外广告", "A"),
            ("临时占用城市绿地", "A"),
            ("砍伐城市树木", "A"),
            ("城市生活垃圾经营性清扫收集运输", "P"),
            ("占用城市道路设置摊点", "A"),
        ],
        [
            ("城市市容和环境卫生管理条例", 39, "S"),
            ("城市绿化条例", 33, "S"),
            ("城市道路管理条例", 45, "S"),
            ("江岭省城市市容和环境卫生管理条例", 60, "S"),
            ("城市建筑垃圾管理规定", 28, "W"),
            ("临川县人民政府关于印发〈临川县城区户外广告设置管理办法〉的通知", 30, "W"),
        ],
    ),
    (
        "县发展和改革局",
        [
            ("企业投资项目", "A"),
            ("固定资产投资项目节能", "A"),
            ("政府投资项目建议书", "A"),
            ("企业投资项目", "R"),
            ("粮食收购", "R"),
        ],
        [
            ("企业投资项目核准和备案管理条例", 23, "S"),
            ("政府投资条例", 39, "S"),
            ("中华人民共和国节约能源法", 87, "S"),
            ("中华人民共和国招标投标法", 68, "S"),
            ("粮食流通管理条例", 55, "S"),
            ("固定资产投资项目节能审查办法", 32, "W"),
        ],
    ),
    (
        "县财政局",
        [
            ("代理记账机构设立", "A"),
            ("政府采购进口产品", "A"),
            ("会计专业技术资格", "Q"),
            ("行政事业单位国有资产处置", "A"),
        ],
        [
            ("中华人民共和国会计法", 50, "S"),
            ("中华人民共和国政府采购法", 88, "S"),
            ("中华人民共和国政府采购法实施条例", 79, "S"),
            ("代理记账管理办法", 33, "W"),
        ],
    ),
    (
        "县司法局",
        [
            ("基层法律服务工作者执业", "C"),
            ("律师事务所设立", "A"),
            ("法律援助", "S"),
            ("公证员执业", "A"),
            ("人民调解员", "R"),
        ],
        [
            ("中华人民共和国律师法", 60, "S"),
            ("中华人民共和国法律援助法", 71, "S"),
            ("中华人民共和国公证法", 47, "S"),
            ("中华人民共和国人民调解法", 35, "S"),
            ("基层法律服务工作者管理办法", 57, "W"),
            ("律师事务所管理办法", 92, "W"),
        ],
    ),
    (
        "县退役军人事务局",
        [("退役军人", "S"), ("残疾军人伤残等级", "S"), ("烈士遗属", "S"), ("退役士兵安置", "S")],
        [
            ("军人抚恤优待条例", 54, "S"),
            ("烈士褒扬条例", 55, "S"),
            ("退役士兵安置条例", 60, "S"),
            ("中华人民共和国退役军人保障法", 85, "S"),
        ],
    ),
    (
        "县医疗保障局",
        [("医疗保障定点医药机构", "R"), ("异地就医", "R"), ("门诊慢特病待遇", "S"), ("医疗救助", "S")],
        [
            ("中华人民共和国社会保险法", 98, "S"),
            ("医疗保障基金使用监督管理条例", 50, "S"),
            ("社会救助暂行办法", 70, "S"),
            ("医疗机构医疗保障定点管理暂行办法", 46, "W"),
        ],
    ),
    (
        "县税务局",
        [
            ("增值税专用发票最高开票限额", "A"),
            ("发票领用", "S"),
            ("税务", "R"),
            ("纳税人延期缴纳税款", "A"),
            ("减免税", "R"),
        ],
        [
            ("中华人民共和国税收征收管理法", 94, "S"),
            ("中华人民共和国发票管理办法", 45, "S"),
            ("中华人民共和国税收征收管理法实施细则", 113, "S"),
            ("中华人民共和国契税法", 17, "S"),
            ("税务登记管理办法", 50, "W"),
        ],
    ),
    (
        "县气象局",
        [
            ("雷电防护装置设计", "A"),
            ("雷电防护装置竣工验收", "A"),
            ("升放无人驾驶自由气球或者系留气球活动", "A"),
            ("新建扩建改建建设工程避免危害气象探测环境", "A"),
        ],
        [
            ("中华人民共和国气象法", 45, "S"),
            ("气象灾害防御条例", 45, "S"),
            ("通用航空飞行管制条例", 49, "S"),
            ("气象设施和气象探测环境保护条例", 32, "S"),
            ("防雷减灾管理办法", 41, "W"),
        ],
    ),
    (
        "县消防救援大队",
        [("公众聚集场所投入使用营业前消防安全", "X"), ("大型群众性活动消防安全", "X"), ("消防技术服务机构", "R")],
        [("中华人民共和国消防法", 74, "S"), ("大型群众性活动安全管理条例", 26, "S"), ("消防监督检查规定", 44, "W")],
    ),
    (
        "县烟草专卖局",
        [("烟草专卖零售", "P"), ("烟草专卖品准运", "P"), ("烟草专卖零售许可证", "Z")],
        [
            ("中华人民共和国烟草专卖法", 42, "S"),
            ("中华人民共和国烟草专卖法实施条例", 65, "S"),
            ("烟草专卖许可证管理办法", 70, "W"),
        ],
    ),
    (
        "县人民防空办公室",
        [
            ("应建防空地下室的民用建筑项目", "A"),
            ("拆除人民防空工程", "A"),
            ("人防工程易地建设", "A"),
            ("人民防空警报设施拆除", "A"),
        ],
        [
            ("中华人民共和国人民防空法", 53, "S"),
            ("江岭省实施〈中华人民共和国人民防空法〉办法", 38, "S"),
            ("江岭省人民防空工程管理办法", 35, "W"),
        ],
    ),
    (
        "县档案馆",
        [("档案查询", "S"), ("档案利用", "S"), ("档案出境", "A")],
        [("中华人民共和国档案法", 53, "S"), ("中华人民共和国档案法实施条例", 50, "S"), ("机关档案管理规定", 69, "W")],
    ),
    (
        "县民族宗教事务局",
        [
            ("宗教活动场所设立", "A"),
            ("宗教临时活动地点", "A"),
            ("宗教活动场所内改建或者新建建筑物", "A"),
            ("宗教教职人员", "R"),
        ],
        [("宗教事务条例", 77, "S"), ("江岭省宗教事务条例", 66, "S"), ("宗教活动场所设立审批和登记办法", 21, "W")],
    ),
    (
        "县科学技术局",
        [("技术合同", "R"), ("高新技术企业", "S"), ("科技型中小企业", "R"), ("实验动物生产", "P")],
        [
            ("中华人民共和国科学技术进步法", 117, "S"),
            ("中华人民共和国促进科技成果转化法", 52, "S"),
            ("实验动物管理条例", 35, "S"),
            ("技术合同认定登记管理办法", 23, "W"),
        ],
    ),
    (
        "县工业和信息化局",
        [
            ("无线电台（站）设置", "A"),
            ("电力设施保护区内施工作业", "A"),
            ("工业企业技术改造项目", "R"),
            ("民用爆炸物品销售", "P"),
        ],
        [
            ("中华人民共和国无线电管理条例", 82, "S"),
            ("电力设施保护条例", 32, "S"),
            ("中华人民共和国电力法", 75, "S"),
            ("民用爆炸物品安全管理条例", 55, "S"),
            ("江岭省工业企业技术改造投资项目备案管理办法", 25, "W"),
        ],
    ),
    (
        "县统计局",
        [("部门统计调查项目", "A"), ("涉外调查", "A"), ("统计执法证", "Z")],
        [
            ("中华人民共和国统计法", 50, "S"),
            ("中华人民共和国统计法实施条例", 56, "S"),
            ("部门统计调查项目管理办法", 40, "W"),
        ],
    ),
    (
        "县住房公积金管理中心",
        [("住房公积金提取", "S"), ("住房公积金贷款", "A"), ("住房公积金缴存", "R")],
        [("住房公积金管理条例", 47, "S"), ("江岭省住房公积金提取管理办法", 30, "W")],
    ),
    (
        "县体育局",
        [
            ("经营高危险性体育项目", "P"),
            ("临时占用公共体育设施", "A"),
            ("举办健身气功活动", "A"),
            ("体育类民办非企业单位", "R"),
        ],
        [
            ("中华人民共和国体育法", 122, "S"),
            ("全民健身条例", 40, "S"),
            ("公共文化体育设施条例", 36, "S"),
            ("经营高危险性体育项目许可管理办法", 29, "W"),
        ],
    ),
    (
        "县残疾人联合会",
        [("残疾人证", "Z"), ("残疾人就业保障金减免", "S"), ("残疾人辅助器具适配补贴", "S")],
        [
            ("中华人民共和国残疾人保障法", 68, "S"),
            ("残疾人就业条例", 30, "S"),
            ("中华人民共和国残疾人证管理办法", 25, "W"),
        ],
    ),
    (
        "县地震局",
        [("建设工程地震安全性评价结果", "A"), ("地震监测设施和观测环境保护范围内建设工程", "A")],
        [("中华人民共和国防震减灾法", 93, "S"), ("地震安全性评价管理条例", 27, "S"), ("地震监测管理条例", 39, "S")],
    ),
    (
        "县邮政管理局",
        [("快递业务经营", "P"), ("邮政普遍服务营业场所停止办理业务", "A")],
        [("中华人民共和国邮政法", 87, "S"), ("快递暂行条例", 48, "S"), ("快递业务经营许可管理办法", 40, "W")],
    ),
    (
        "县行政审批服务局",
        [
            ("企业设立", "R"),
            ("分支机构设立", "R"),
            ("农民专业合作社", "R"),
            ("外商投资企业", "R"),
            ("个人独资企业设立", "R"),
        ],
        [
            ("中华人民共和国市场主体登记管理条例", 56, "S"),
            ("中华人民共和国公司法", 266, "S"),
            ("中华人民共和国农民专业合作社法", 74, "S"),
            ("中华人民共和国外商投资法", 42, "S"),
            ("中华人民共和国个人独资企业法", 48, "S"),
            ("企业名称登记管理规定", 29, "S"),
            ("临川县人民政府办公室关于进一步规范行政审批工作的通知", 20, "W"),
        ],
    ),
    (
        "县粮食和物资储备局",
        [("粮食收购资格", "R"), ("粮食仓储", "R"), ("地方储备粮轮换", "A")],
        [("粮食流通管理条例", 55, "S"), ("中华人民共和国粮食安全保障法", 74, "S"), ("粮食质量安全监管办法", 40, "W")],
    ),
    (
        "县综合行政执法局",
        [("户外广告设施设置", "A"), ("城市道路挖掘", "A"), ("临时搭建建筑物", "A"), ("城市供水水源开发利用", "A")],
        [
            ("城市市容和环境卫生管理条例", 39, "S"),
            ("城市供水条例", 38, "S"),
            ("城市道路管理条例", 45, "S"),
            ("江岭省城市管理综合执法条例", 50, "S"),
            ("城市管理执法办法", 43, "W"),
        ],
    ),
]

# Instruments every department may cite. (title, articles, kind); articles 0 = cited by item
# number of its annex instead of by article.
GENERAL_INSTRUMENTS = [
    ("中华人民共和国行政许可法", 83, "S"),
    ("国务院对确需保留的行政审批项目设定行政许可的决定", 0, "S"),
    ("江岭省行政许可事项目录管理办法", 24, "W"),
]
# A county list, cited now and then by its annex's item number.
COUNTY_LIST = ("临川县人民政府关于公布县级行政权力清单的通知", 0, "W")
DOC_NUMBERS = {
    "国务院对确需保留的行政审批项目设定行政许可的决定": "（国务院令第412号）",
    "临川县人民政府关于公布县级行政权力清单的通知": "（临政发〔2018〕7号）",
    "临川县人民政府办公室关于进一步规范行政审批工作的通知": "（临政办发〔2019〕23号）",
}

# Discriminators that make names unique: sub-item suffixes, scope prefixes, level suffixes.
NAME_SUFFIXES = [
    "（新办）",
    "（换发）",
    "（补办）",
    "（变更）",
    "（注销）",
    "（延续）",
    "（首次申请）",
    "（增项）",
    "（迁移）",
    "（法定代表人变更）",
    "（名称变更）",
    "（地址变更）",
    "（许可范围变更）",
    "（个人）",
    "（企业）",
    "（个体工商户）",
    "（内资）",
    "（外资）",
    "（含临时建设）",
    "（技术改造）",
    "（告知承诺制）",
    "（简易程序）",
    "（一般程序）",
    "（含分支机构）",
    "（到期换证）",
]
NAME_PREFIXES = [
    "小型",
    "临时",
    "新建",
    "改建",
    "扩建",
    "农村",
    "城镇",
    "一级",
    "二级",
    "三级",
    "甲类",
    "乙类",
    "丙类",
    "个体",
    "外商投资",
    "跨区域",
    "乡镇",
    "社区",
    "集体",
    "民营",
    "国有",
    "中外合资",
    "连锁",
    "季节性",
    "流动",
    "固定场所",
    "区域性",
    "专项",
    "简易",
    "重点",
]
NAME_LEVELS = [
    "（县级）",
    "（市级/县级）",
    "（县级行使）",
    "（乡镇）",
    "（街道）",
    "（城关镇）",
    "（东城街道）",
    "（西城街道）",
    "（南关镇）",
    "（北山乡）",
    "（开发区）",
    "（工业园区）",
]

GENERAL_MATERIALS = [
    "营业执照复印件",
    "法定代表人身份证明",
    "申请人身份证复印件",
    "授权委托书及受托人身份证明",
    "场所产权证明或租赁合同",
    "承诺书",
    "原许可证正本及副本",
    "变更事项证明材料",
    "章程",
    "股东会或董事会决议",
    "统一社会信用代码证书",
    "经营场所平面布局图",
    "相关部门审查意见",
    "申请人书面报告",
    "现场照片",
    "组织机构代码证复印件",
]
KIND_MATERIALS = {
    "P": [
        "设备设施清单",
        "管理制度文本",
        "专业技术人员资格证明",
        "安全评价报告",
        "检验检测报告",
        "从业人员健康证明",
        "工艺流程说明",
        "消防验收意见书",
    ],
    "A": [
        "项目设计方案",
        "可行性研究报告",
        "建设工程设计图纸",
        "土地使用权证明",
        "规划条件",
        "环境影响评价文件",
        "施工合同",
        "资金证明",
        "项目批准文件",
    ],
    "R": ["登记申请表", "住所使用证明", "名称预先核准通知书", "身份证明", "成员名册", "备案表"],
    "C": ["学历证明", "培训合格证明", "工作经历证明", "体检合格证明", "近期免冠照片", "职称证书复印件", "考试合格证明"],
    "S": ["身份证明", "户口簿", "相关证明材料", "银行账户信息", "医疗机构诊断证明", "申请表"],
    "X": ["消防安全制度", "灭火和应急疏散预案", "场所平面布置图", "消防设施检测报告", "员工消防培训记录"],
    "Q": [
        "资质申请表",
        "专业技术人员名单及证书",
        "近三年业绩证明",
        "质量管理体系文件",
        "学历证明",
        "考试合格证明",
        "近期免冠照片",
    ],
    "Z": ["原证件", "遗失声明", "检疫申报单", "近期免冠照片", "核查意见", "身份证明"],
}
CATCH_ALL = [
    "其他相关材料",
    "法律、法规规定的其他材料",
    "审批机关认为需要提交的其他材料",
    "其它有关材料",
    "按规定需要提交的其他材料",
    "其他证明材料等材料",
]

PROCEDURE_STEPS = [
    ["申请", "受理", "审查", "决定", "送达"],
    ["申请", "受理", "审查", "现场核查", "决定", "颁证"],
    ["申请", "受理", "审核", "公示", "决定"],
    ["网上申报", "窗口受理", "审查", "决定", "发证"],
    ["申请", "受理", "办结"],
    ["提交材料", "受理", "技术审查", "专家评审", "审批", "送达"],
]
PROCEDURE_SENTENCES = [
    "申请人向{dept}窗口提交申请材料；窗口工作人员当场作出是否受理的决定；承办股室在{n}个工作日内完成审查；作出准予或者不予许可的决定并送达申请人。",
    "申请人通过政务服务网或窗口提交材料，材料齐全、符合法定形式的予以受理，经审查符合条件的，{n}个工作日内作出决定。",
    "1.申请；2.受理；3.审查；4.决定；5.送达。",
    "窗口受理后转承办股室审查，需要现场勘验的组织现场勘验，审查通过后报分管领导审批，办结后通知申请人领取。",
    "申请人提出申请，{dept}对申请材料进行审查，符合条件的予以办理，不符合条件的书面告知理由。",
]
PROCEDURE_JOINERS = ["—", "→", "、", "－", "-"]

NOTES = [
    "即办件",
    "承诺件",
    "已进驻政务服务中心",
    "可网上办理",
    "2023年新增事项",
    "告知承诺制事项",
    "需现场勘验",
    "联办事项",
    "下放至乡镇实施",
    "涉及中介服务：技术评估",
    "受委托实施",
    "含{n}个子项",
    "与相关事项合并实施",
    "按规定实行容缺受理",
    "全程网办",
]

# Charges of the national fee catalogue: (name, standard, basis, whole amount or None,
# department that levies it).
CATALOGUE_FEES = [
    ("不动产登记费", "80元/件", "发改价格规〔2016〕2559号", 80, "县自然资源局"),
    ("不动产登记费", "550元/件", "发改价格规〔2016〕2559号", 550, "县自然资源局"),
    ("居民身份证工本费", "20元/证", "发改价格〔2003〕2322号", 20, "县公安局"),
    ("机动车号牌工本费", "100元/副", "发改价格〔2004〕2831号", 100, "县公安局"),
    ("机动车行驶证工本费", "10元/本", "发改价格〔2004〕2831号", 10, "县公安局"),
    ("机动车驾驶证工本费", "10元/本", "发改价格〔2004〕2831号", 10, "县公安局"),
    ("森林植被恢复费", "10元/平方米", "财税〔2015〕122号", 10, "县林业局"),
    ("水土保持补偿费", "1.4元/平方米", "发改价格〔2014〕886号", None, "县水利局"),
    ("防空地下室易地建设费", "按规定标准收取", "计价格〔2000〕474号", None, "县人民防空办公室"),
    ("耕地开垦费", "按规定标准收取", "财综〔2001〕77号", None, "县自然资源局"),
    ("考试考务费", "70元/科", "发改价格〔2015〕1217号", 70, "县人力资源和社会保障局"),
    ("考试考务费", "70元/科", "发改价格〔2015〕1217号", 70, "县教育局"),
]
LOCAL_FEES = [
    ("档案查询费", "20元/次"),
    ("资料费", "30元/份"),
    ("工本费", "10元/本"),
    ("证书费", "15元/证"),
    ("审查费", "200元/件"),
    ("图纸审查费", "300元/项"),
    ("技术服务费", "500元/次"),
    ("评审费", "1000元/项"),
    ("现场勘验费", "150元/次"),
]
LOCAL_FEE_BASES = ["临价〔2012〕15号", "县物价局文件", "临发改收费〔2010〕8号", "江价费〔2009〕101号"]
NO_FEE_WORDS = ["无", "无", "无", "无", "无", "无", "无", "无", "不收费", "免费", "", "——"]

# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """Chinese numeral for 0 <= n < 10000, as article numbers are written (第一百一十条)."""
    d = _CN_DIGITS
    if n < 10:
        return d[n]
    if n < 20:
        return "十" + (d[n % 10] if n % 10 else "")
    if n < 100:
        return d[n // 10] + "十" + (d[n % 10] if n % 10 else "")
    if n < 1000:
        head, rest = d[n // 100] + "百", n % 100
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + d[rest]
        if rest < 20:
            return head + "一" + cn_number(rest)
        return head + cn_number(rest)
    head, rest = d[n // 1000] + "千", n % 1000
    if rest == 0:
        return head
    if rest < 100:
        return head + "零" + (("一" + cn_number(rest)) if 10 <= rest < 20 else cn_number(rest))
    return head + cn_number(rest)


_CN = [cn_number(i) for i in range(1000)]  # hot-path table
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CN_MARKERS = [cn_number(i) for i in range(1, 31)]
_CIRCLED = [chr(0x2460 + i) for i in range(20)]  # ①..⑳


def marker(style: str, i: int) -> str:
    """List marker number i (0-based) in a style."""
    if style == "dot":
        return f"{i + 1}."
    if style == "dun":
        return f"{i + 1}、"
    if style == "paren":
        return f"（{i + 1}）"
    if style == "circled":
        return _CIRCLED[i] if i < 20 else f"{i + 1}."
    if style == "cnparen":
        return f"（{_CN_MARKERS[i]}）" if i < 30 else f"{i + 1}."
    if style == "cndun":
        return f"{_CN_MARKERS[i]}、" if i < 30 else f"{i + 1}."
    return ""


_MARKER_TABLE = {
    style: [marker(style, i) for i in range(20)] for style in ("dot", "dun", "paren", "circled", "cnparen", "cndun")
}


def render_list(entries, style: str, joiner: str = "\n") -> str:
    if not style:
        return joiner.join(entries)
    if len(entries) <= 20:
        return joiner.join([m + e for m, e in zip(_MARKER_TABLE[style], entries)])
    return joiner.join([marker(style, i) + e for i, e in enumerate(entries)])


_MARKER_RE = re.compile(
    r"^(?:(?P<dot>\d+\.(?!\d))|(?P<dun>\d+、)|(?P<paren>（\d+）)|(?P<circled>[①-⑳])"
    r"|(?P<cnparen>（[一二三四五六七八九十]+）)|(?P<cndun>[一二三四五六七八九十]+、))"
)


def split_list(cell: str):
    """Split a generated list cell into (entries without markers, marker style, joiner)."""
    if "\n" in cell:
        joiner = "\n"
    elif "；" in cell:
        joiner = "；"
    else:
        joiner = "\n"
    parts = [p for p in cell.split(joiner) if p.strip()]
    style = ""
    if parts:
        m = _MARKER_RE.match(parts[0])
        if m:
            style = m.lastgroup
    if style:
        out = []
        for p in parts:
            m = _MARKER_RE.match(p)
            out.append(p[m.end() :] if m else p)
        parts = out
    return parts, style, joiner


def is_empty_cell(cell: str, fees: bool = False) -> bool:
    s = cell.strip()
    if s in ("", "无", "暂无", "没有", "空", "（空）", "/", "／"):
        return True
    if s and all(ch in "-—－–―" for ch in s):
        return True
    return fees and s in ("免费", "不收费", "免收", "不收取")


class Weighted:
    """Weighted choice driven by one random() call (bisect on cumulative weights)."""

    __slots__ = ("items", "cum", "total", "last")

    def __init__(self, pairs):
        self.items = [p[0] for p in pairs]
        acc, cum = 0.0, []
        for _, w in pairs:
            acc += w
            cum.append(acc)
        self.cum, self.total, self.last = cum, acc, len(cum) - 1

    def pick(self, r: float):
        i = bisect_right(self.cum, r * self.total)
        return self.items[i if i <= self.last else self.last]


def _coprime_multiplier(rng: Random, m: int) -> int:
    if m <= 1:
        return 1
    a = rng.randrange(1, m)
    while math.gcd(a, m) != 1:
        a = a + 1 if a + 1 < m else 1
    return a


# --------------------------------------------------------------------------------------------
# Names: an injective map from item index to name
# --------------------------------------------------------------------------------------------


class NameSpace:
    """Maps indexes 0..N-1 one-to-one onto distinct names.

    Names come in tiers: base names (object + action), then base + sub-item suffix, scope prefix +
    base, prefix + base + suffix, prefix + base + suffix + level, then numbered copies. Index i is
    first permuted over 0..N-1 (affine map modulo N), which picks its tier; its offset in the tier
    is permuted again over the tier's size and decoded in mixed radix. The smaller the catalogue,
    the larger its share of plain names, spread over all departments; nothing is stored per item.
    """

    def __init__(self, rng: Random, n: int):
        seen = set()
        bases = []  # (name, department index, object kind, object)
        for di, (_, objects, _) in enumerate(DEPARTMENTS):
            for obj, kind in objects:
                for act in ACTIONS[kind]:
                    name = obj + act
                    if name not in seen:
                        seen.add(name)
                        bases.append((name, di, kind, obj))
        self.bases = bases
        b, s, p, lv = len(bases), len(NAME_SUFFIXES), len(NAME_PREFIXES), len(NAME_LEVELS)
        self.tiers = []  # (start, size, a, c, kind)
        start = 0
        for kind, size in (("b", b), ("bs", b * s), ("pb", p * b), ("pbs", p * b * s), ("pbsl", p * b * s * lv)):
            a = _coprime_multiplier(rng, size)
            c = rng.randrange(size)
            self.tiers.append((start, size, a, c, kind))
            start += size
        self.total = start
        self.n = max(n, 1)
        self.a = _coprime_multiplier(rng, self.n)
        self.c = rng.randrange(self.n)

    def decode(self, j: int):
        """Name and base entry of position j of the tiered name space (j >= 0)."""
        extra = ""
        if j >= self.total:
            extra = f"（{j // self.total + 1}）"
            j %= self.total
        for start, size, a, c, kind in self.tiers:  # noqa: B007 (used after the loop)
            if j < start + size:
                o = (a * (j - start) + c) % size
                break
        bases = self.bases
        nb = len(bases)
        base = bases[o % nb]
        o //= nb
        if kind == "b":
            return base[0] + extra, base
        if kind == "bs":
            return base[0] + NAME_SUFFIXES[o] + extra, base
        pre = NAME_PREFIXES[o % len(NAME_PREFIXES)]
        o //= len(NAME_PREFIXES)
        if kind == "pb":
            return pre + base[0] + extra, base
        suf = NAME_SUFFIXES[o % len(NAME_SUFFIXES)]
        o //= len(NAME_SUFFIXES)
        if kind == "pbs":
            return pre + base[0] + suf + extra, base
        return pre + base[0] + suf + NAME_LEVELS[o] + extra, base

    def of_index(self, i: int):
        """Name of item i: distinct for distinct i (the same for i and i + N)."""
        return self.decode((self.a * (i % self.n) + self.c) % self.n)

    def random_deep(self, rng: Random):
        """A name from the prefix + base + suffix + level tier, for items added later."""
        start, size = self.tiers[-1][0], self.tiers[-1][1]
        return self.decode(start + rng.randrange(size))


# --------------------------------------------------------------------------------------------
# Item generator
# --------------------------------------------------------------------------------------------


class ItemMaker:
    """Makes the cells of one item at a time from a Random."""

    def __init__(self, rng: Random):
        self.rng = rng
        self.r = rng.random
        self.dept_instruments = []
        for _, _, instruments in DEPARTMENTS:
            strong = [x for x in instruments if x[2] == "S"]
            weak = [x for x in instruments if x[2] == "W"] + [x for x in GENERAL_INSTRUMENTS if x[2] == "W"]
            repealed = [x for x in instruments if x[2] == "R"]
            strong_all = strong + [x for x in GENERAL_INSTRUMENTS if x[2] == "S"]
            self.dept_instruments.append((strong, strong_all, weak, repealed))
        self.kind_materials = {k: GENERAL_MATERIALS + v for k, v in KIND_MATERIALS.items()}
        dept_index = {d[0]: i for i, d in enumerate(DEPARTMENTS)}
        self.dept_fees = [[] for _ in DEPARTMENTS]
        for fee in CATALOGUE_FEES:
            self.dept_fees[dept_index[fee[4]]].append(fee)
        self.fees_with_amount = [fee for fee in CATALOGUE_FEES if fee[3] is not None]
        self.category_by_kind = {
            "S": Weighted(
                [("公共服务", 45), ("行政确认", 25), ("行政给付", 10), ("其他行政权力", 10), ("行政许可", 8), ("", 2)]
            ),
            "R": Weighted(
                [
                    ("行政许可", 45),
                    ("行政确认", 20),
                    ("其他行政权力", 20),
                    ("公共服务", 10),
                    ("非行政许可审批", 3),
                    ("", 2),
                ]
            ),
        }
        self.category_default = Weighted(
            [
                ("行政许可", 86),
                ("其他行政权力", 5),
                ("非行政许可审批", 3),
                ("行政确认", 2),
                ("公共服务", 2),
                ("行政裁决", 1),
                ("", 1),
            ]
        )
        self.days = Weighted(
            [(20, 40), (15, 10), (10, 8), (30, 8), (60, 6), (45, 3), (5, 8), (7, 5), (3, 4), (90, 2), (0, 6)]
        )
        self.n_citations = Weighted([(1, 55), (2, 30), (3, 15)])
        self.n_materials = Weighted([(2, 15), (3, 25), (4, 25), (5, 20), (6, 15)])
        self.list_style_multi = Weighted([("dot", 35), ("cnparen", 20), ("dun", 15), ("", 30)])
        self.material_style = Weighted([("dot", 30), ("dun", 25), ("paren", 15), ("circled", 5), ("", 25)])
        self.unparsable_limits = [
            "视情况而定",
            "按规定",
            "5-7个工作日",
            "2.5个工作日",
            "法律法规未规定",
            "根据实际情况确定",
            "当场办结",
        ]

    # -- fields -------------------------------------------------------------------------------

    def department(self, di: int) -> str:
        if self.r() < 0.03:
            return ""
        return DEPARTMENTS[di][0]

    def category(self, kind: str) -> str:
        w = self.category_by_kind.get(kind, self.category_default)
        return w.pick(self.r())

    def article(self, count: int) -> str:
        """`第…条` with optional 款/项, for an instrument with `count` articles."""
        r = self.r
        n = 1 + int(r() * count)
        x = r()
        if x < 0.03:
            text = f"第{n}条"
        else:
            text = "第" + _CN[n] + "条"
        x = r()
        if x < 0.25:
            text += "第" + _CN[1 + int(r() * 4)] + "款"
        elif x < 0.32:
            text += "第（" + _CN[1 + int(r() * 6)] + "）项"
        return text

    def citation(self, inst, marks: bool = True, with_article: bool = True) -> str:
        title, count, _ = inst
        r = self.r
        if "〈" in title and r() < 0.3:
            title = title.replace("〈", "《").replace("〉", "》")
        text = "《" + title + "》" if marks else title
        doc = DOC_NUMBERS.get(inst[0])
        if doc:
            text += doc
        if count == 0:
            # Decisions and lists are cited by item number, which is no article.
            if with_article and r() < 0.8:
                if r() < 0.5:
                    text += "第" + str(1 + int(r() * 500)) + "项"
                else:
                    text += "附件第" + _CN[1 + int(r() * 300)] + "项"
            return text
        if with_article:
            text += self.article(count)
            if r() < 0.08:
                text += "：“……应当依法取得许可。”"
            elif r() < 0.05:
                text += "。"
        return text

    def basis(self, di: int) -> str:
        r = self.r
        x = r()
        if x < 0.04:
            return ("", "无", "——", "暂无")[int(r() * 4)]
        strong, strong_all, weak, repealed = self.dept_instruments[di]
        k = self.n_citations.pick(r())
        entries = []
        used = []
        only_weak = r() < 0.06  # no instrument that may set a permit
        for i in range(k):
            inst = self._instrument(i, only_weak, strong, strong_all, weak, repealed)
            if inst in used:
                inst = self._instrument(i, only_weak, strong, strong_all, weak, repealed)
                if inst in used:
                    continue
            used.append(inst)
            z = r()
            if z < 0.03:
                entries.append(self.citation(inst, marks=False))
            elif z < 0.075:
                entries.append(self.citation(inst, with_article=False))
            else:
                entries.append(self.citation(inst))
        if len(entries) >= 2 and r() < 0.08:
            # Two instruments in one entry: 《A》第十条、《B》第五条 or 《A》和《B》.
            second = entries.pop()
            entries[-1] += ("、", "和")[int(r() * 2)] + second
        if r() < 0.13:
            entries[0] = ("依据", "根据", "依据：")[int(r() * 3)] + entries[0]
        style = self.list_style_multi.pick(r()) if len(entries) > 1 else ("dot" if r() < 0.05 else "")
        joiner = "；" if r() < 0.05 else "\n"
        return render_list(entries, style, joiner)

    def _instrument(self, i, only_weak, strong, strong_all, weak, repealed):
        """The instrument of citation i of a basis cell."""
        r = self.r
        y = r()
        if only_weak:
            return weak[int(r() * len(weak))] if y < 0.9 else COUNTY_LIST
        if i == 0:
            if repealed and y < 0.03:
                return repealed[int(r() * len(repealed))]
            return strong[int(r() * len(strong))]
        if y < 0.55:
            return strong_all[int(r() * len(strong_all))]
        if y < 0.6:
            return COUNTY_LIST
        if y < 0.95 or not repealed:
            return weak[int(r() * len(weak))]
        return repealed[int(r() * len(repealed))]

    def material(self, kind: str, exclude=()) -> str:
        pool = self.kind_materials[kind]
        for _ in range(8):
            m = pool[int(self.r() * len(pool))]
            if m not in exclude:
                return m
        return "补充说明材料" if "补充说明材料" not in exclude else "情况说明"

    def materials(self, kind: str, base_name: str) -> str:
        r = self.r
        if r() < 0.04:
            return ("", "无", "见附件")[int(r() * 3)]
        k = self.n_materials.pick(r())
        entries = []
        if r() < 0.6:
            entries.append(base_name + "申请表")
            k -= 1
        elif r() < 0.5:
            entries.append(("申请书", "行政许可申请书", "书面申请")[int(r() * 3)])
            k -= 1
        pool = self.kind_materials[kind]
        size = len(pool)
        chosen = []
        while len(chosen) < k:  # k distinct entries of the pool (k is far below its size)
            m = pool[int(r() * size)]
            if m not in chosen:
                chosen.append(m)
        entries.extend(chosen)
        if r() < 0.10:
            entries.append(CATCH_ALL[int(r() * len(CATCH_ALL))])
        if r() < 0.03:
            dup = entries[int(r() * len(entries))]
            entries.append(dup if r() < 0.5 else dup[:1] + " " + dup[1:])
        style = self.material_style.pick(r())
        joiner = "；" if r() < 0.04 else "\n"
        return render_list(entries, style, joiner)

    def procedure(self, di: int) -> str:
        r = self.r
        x = r()
        if x < 0.05:
            return ("", "无")[int(r() * 2)]
        if x < 0.6:
            steps = PROCEDURE_STEPS[int(r() * len(PROCEDURE_STEPS))]
            return PROCEDURE_JOINERS[int(r() * len(PROCEDURE_JOINERS))].join(steps)
        tpl = PROCEDURE_SENTENCES[int(r() * len(PROCEDURE_SENTENCES))]
        return tpl.format(dept=DEPARTMENTS[di][0], n=(5, 10, 15, 20)[int(r() * 4)])

    def limit_text(self, days: int) -> str:
        r = self.r
        x = r()
        if days == 0:
            if x < 0.88:
                return "即办"
            return ("0", "0个工作日", "0日")[int(r() * 3)]
        if x < 0.64:
            return f"{days}个工作日"
        if x < 0.76:
            return ("两" if days == 2 else _CN[days]) + "个工作日"
        if x < 0.84:
            return f"{days}日"
        if x < 0.89:
            return f"{days}天"
        if x < 0.94:
            return str(days)
        if x < 0.97:
            return f"{days} 个工作日"
        return f"{days}个工作日".translate(_FULLWIDTH)

    def limits(self):
        r = self.r
        statutory = self.days.pick(r())
        x = r()
        if x < 0.08:
            stat_text = ("", "", "无", "——")[int(r() * 4)]
            statutory = None
        elif x < 0.10:
            stat_text = self.unparsable_limits[int(r() * len(self.unparsable_limits))]
            statutory = None
        else:
            stat_text = self.limit_text(statutory)
        y = r()
        if y < 0.06:
            return stat_text, ("", "", "无")[int(r() * 3)]
        if y < 0.075:
            return stat_text, self.unparsable_limits[int(r() * len(self.unparsable_limits))]
        base = statutory if statutory is not None else (0, 5, 10, 20)[int(r() * 4)]
        if base == 0 or y < 0.15:
            promised = 0
        elif y < 0.72:
            promised = max(1, int(base * (0.15 + 0.35 * r())))  # at most half
        elif y < 0.86:
            promised = max(1, int(base * (0.55 + 0.4 * r())))  # reduced, but not by half
        elif y < 0.95:
            promised = base  # not reduced at all
        else:
            promised = base + 1 + int(r() * 10)  # exceeds the statutory limit
        return stat_text, self.limit_text(promised)

    def _catalogue_fee(self, di: int, with_amount: bool = False):
        r = self.r
        own = self.dept_fees[di] if di >= 0 else []
        if with_amount:
            own = [fee for fee in own if fee[3] is not None]
        if own and r() < 0.8:
            return own[int(r() * len(own))]
        pool = self.fees_with_amount if with_amount else CATALOGUE_FEES
        return pool[int(r() * len(pool))]

    def fee_entry(self, di: int = -1) -> str:
        """One fee entry `名称|标准|依据`, with the defects fee rules look for."""
        r = self.r
        x = r()
        if x < 0.50:
            name, std, basis = self._catalogue_fee(di)[:3]
            return f"{name}|{std}|{basis}"
        if x < 0.58:
            # Above the catalogue standard.
            name, std, basis, amount, _ = self._catalogue_fee(di, with_amount=True)
            unit = std[std.index("元") :]
            return f"{name}|{amount + 10 * (1 + int(r() * 20))}{unit}|{basis}"
        if x < 0.70:
            # Floating fee.
            lo = (10, 20, 50, 100)[int(r() * 4)]
            hi = lo * (2 + int(r() * 4))
            form = int(r() * 3)
            std = (f"{lo}-{hi}元/次", f"{lo}～{hi}元", f"{lo}元至{hi}元/件")[form]
            name = self._catalogue_fee(di)[0] if r() < 0.5 else LOCAL_FEES[int(r() * len(LOCAL_FEES))][0]
            return f"{name}|{std}|{LOCAL_FEE_BASES[int(r() * len(LOCAL_FEE_BASES))]}"
        if x < 0.84:
            # No basis.
            name, std = LOCAL_FEES[int(r() * len(LOCAL_FEES))]
            form = int(r() * 3)
            return (f"{name}|{std}|", name, f"{name}|{std}")[form]
        if x < 0.94:
            # Locally set charge (自定收费) with a local document.
            name, std = LOCAL_FEES[int(r() * len(LOCAL_FEES))]
            return f"{name}|{std}|{LOCAL_FEE_BASES[int(r() * len(LOCAL_FEE_BASES))]}"
        name = LOCAL_FEES[int(r() * len(LOCAL_FEES))][0]
        return f"{name}|按规定标准收取|{LOCAL_FEE_BASES[int(r() * len(LOCAL_FEE_BASES))]}"

    def fees(self, di: int) -> str:
        r = self.r
        # Departments that levy catalogue charges charge more often.
        if r() < (0.60 if self.dept_fees[di] else 0.85):
            return NO_FEE_WORDS[int(r() * len(NO_FEE_WORDS))]
        entries = [self.fee_entry(di)]
        if r() < 0.15:
            entries.append(self.fee_entry(di))
        if r() < 0.03:
            entries.append("不收费")
        style = "dot" if len(entries) > 1 and r() < 0.4 else ""
        if r() < 0.05:
            entries = [e.replace("|", "｜") for e in entries]
        return render_list(entries, style)

    def notes(self) -> str:
        r = self.r
        if r() < 0.8:
            return ""
        return NOTES[int(r() * len(NOTES))].format(n=2 + int(r() * 4))

    def row(self, code: str, name: str, base) -> list:
        _, di, kind, _ = base
        stat, prom = self.limits()
        return [
            code,
            name,
            self.department(di),
            self.category(kind),
            self.basis(di),
            self.materials(kind, base[0]),
            self.procedure(di),
            stat,
            prom,
            self.fees(di),
            self.notes(),
        ]


def styled_name(r, name: str) -> str:
    """Realistic variants of how a name is typed: half-width brackets, stray spaces."""
    x = r()
    if x < 0.02 and "（" in name:
        return name.replace("（", "(").replace("）", ")")
    if x < 0.025:
        return name + " "
    return name


def make_code(dept_no: int, serial: int) -> str:
    return f"{dept_no:03d}{serial:09d}"


# --------------------------------------------------------------------------------------------
# Mode 1: a new catalogue
# --------------------------------------------------------------------------------------------


def generate(n: int, seed: int, out, repeat: float = 0.01, repeat_from: int = 0) -> None:
    """n items; each but the first repeats an earlier item's name with probability `repeat`, the name
    of one of the first `repeat_from` items when that is given (so repeats gather in large groups)."""
    rng = Random(seed)
    names = NameSpace(rng, n)
    maker = ItemMaker(rng)
    r = rng.random
    w = csv.writer(out)
    w.writerow(HEADERS)
    writerow = w.writerow
    of_index = names.of_index
    row = maker.row
    for i in range(n):
        if i and r() < repeat:
            # A repeated name: the name of an earlier item (recomputed, not stored).
            name, base = of_index(int(r() * (min(i, repeat_from) if repeat_from else i)))
        else:
            name, base = of_index(i)
        writerow(row(make_code(base[1] + 1, i + 1), styled_name(r, name), base))


# --------------------------------------------------------------------------------------------
# Mode 2: a later version of a catalogue
# --------------------------------------------------------------------------------------------


def _norm_header(h: str) -> str:
    return h.strip(" \u3000\t\ufeff").lower()


def header_index(header):
    idx = {}
    for col, h in enumerate(header):
        nh = _norm_header(h)
        for key, aliases in HEADER_ALIASES.items():
            if key not in idx and (nh == key or nh in [a.lower() for a in aliases]):
                idx[key] = col
    return idx


_ARTICLE_RE = re.compile(r"第([一二三四五六七八九十百千零两\d]+)条")
_TITLE_RE = re.compile(r"《([^《》]*)》")
ARTICLE_COUNTS = {
    title.replace("〈", "").replace("〉", ""): count
    for _, _, instruments in DEPARTMENTS
    for title, count, _ in instruments
}
ARTICLE_COUNTS.update((t, c) for t, c, _ in GENERAL_INSTRUMENTS)
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")


class Changer:
    """Applies one or two field changes to a row; every change alters the row."""

    KINDS = ["name", "materials", "limit", "fee", "basis"]

    def __init__(self, rng: Random, maker: ItemMaker, names: NameSpace, idx: dict):
        self.rng, self.r, self.maker, self.names, self.idx = rng, rng.random, maker, names, idx
        self.kinds = [k for k in self.KINDS if self._column(k) is not None]

    def _column(self, kind):
        if kind == "limit":
            return self.idx.get("statutory_limit", self.idx.get("promised_limit"))
        return self.idx.get({"fee": "fees"}.get(kind, kind))

    def change(self, row: list) -> None:
        r = self.r
        kinds = self.kinds
        if not kinds:
            return
        first = kinds[int(r() * len(kinds))]
        todo = [first]
        if len(kinds) > 1 and r() < 0.3:
            second = kinds[int(r() * len(kinds))]
            if second == first:
                second = kinds[(kinds.index(first) + 1) % len(kinds)]
            todo.append(second)
        for kind in todo:
            getattr(self, "change_" + kind)(row)

    def _base_for(self, row):
        """Some base entry to draw vocabulary from (by the code's department number)."""
        code = row[self.idx["code"]]
        di = int(code[:3]) - 1 if code[:3].isdigit() and 1 <= int(code[:3]) <= len(DEPARTMENTS) else 0
        for base in self.names.bases:
            if base[1] == di:
                return base
        return self.names.bases[0]

    def change_name(self, row):
        col = self.idx["name"]
        name = row[col]
        r = self.r
        stripped = name.rstrip()
        if stripped.endswith(("）", ")")) and r() < 0.5:
            cut = max(stripped.rfind("（"), stripped.rfind("("))
            if cut > 0:
                row[col] = stripped[:cut]
                return
        suffix = NAME_SUFFIXES[int(r() * len(NAME_SUFFIXES))]
        if stripped.endswith(suffix):
            suffix = "（调整）"
        row[col] = stripped + suffix

    def change_materials(self, row):
        col = self.idx["materials"]
        cell = row[col]
        base = self._base_for(row)
        r = self.r
        if is_empty_cell(cell):
            row[col] = self.maker.material(base[2])
            return
        entries, style, joiner = split_list(cell)
        if len(entries) >= 2 and r() < 0.5:
            del entries[int(r() * len(entries))]
        else:
            new = self.maker.material(base[2], exclude=set(entries))
            entries.insert(int(r() * (len(entries) + 1)), new)
        row[col] = render_list(entries, style, joiner)

    def change_limit(self, row):
        r = self.r
        cols = [self.idx[k] for k in ("statutory_limit", "promised_limit") if k in self.idx]
        col = cols[int(r() * len(cols))]
        old = row[col]
        for _ in range(20):
            new = self.maker.limit_text(self.maker.days.pick(r()))
            if new != old:
                row[col] = new
                return
        row[col] = "30个工作日" if old != "30个工作日" else "即办"

    def change_fee(self, row):
        col = self.idx["fees"]
        cell = row[col]
        r = self.r
        if is_empty_cell(cell, fees=True):
            row[col] = self.maker.fee_entry(self._base_for(row)[1])
            return
        entries, style, joiner = split_list(cell)
        with_std = [i for i, e in enumerate(entries) if len(re.split("[|｜]", e)) >= 2]
        if not with_std:
            i = int(r() * len(entries))
            entries[i] = entries[i].rstrip("|｜") + "|20元/次|"
        else:
            i = with_std[int(r() * len(with_std))]
            sep = "｜" if "｜" in entries[i] else "|"
            parts = entries[i].split(sep)
            std = parts[1]
            m = _NUMBER_RE.search(std)
            if m:
                old = m.group()
                new = old
                while new == old:
                    value = float(old) * (0.5, 1.5, 2.0, 0.8)[int(r() * 4)] + (0 if r() < 0.5 else 10)
                    new = str(int(value)) if value >= 1 else "0"
                parts[1] = std[: m.start()] + new + std[m.end() :]
            else:
                parts[1] = "100元/件"
            entries[i] = sep.join(parts)
        row[col] = render_list(entries, style, joiner)

    def change_basis(self, row):
        col = self.idx["basis"]
        cell = row[col]
        base = self._base_for(row)
        di = base[1]
        r = self.r
        strong, strong_all, weak, repealed = self.maker.dept_instruments[di]
        if is_empty_cell(cell):
            row[col] = self.maker.citation(strong[int(r() * len(strong))])
            return
        entries, style, joiner = split_list(cell)
        x = r()
        if len(entries) >= 2 and x < 0.3:
            del entries[int(r() * len(entries))]
        elif x < 0.6:
            inst = strong_all[int(r() * len(strong_all))] if r() < 0.7 else weak[int(r() * len(weak))]
            entries.append(self.maker.citation(inst))
            if not style and len(entries) == 2 and joiner == "\n" and r() < 0.5:
                style = "dot"
        else:
            order = list(range(len(entries)))
            self.rng.shuffle(order)
            for i in order:
                m = _ARTICLE_RE.search(entries[i])
                if m:
                    old = m.group()
                    titles = _TITLE_RE.findall(entries[i], 0, m.start())
                    title = titles[-1].replace("〈", "").replace("〉", "") if titles else ""
                    count = max(2, ARTICLE_COUNTS.get(title, 60))
                    new = old
                    while new == old:
                        new = "第" + cn_number(1 + int(r() * count)) + "条"
                    entries[i] = entries[i][: m.start()] + new + entries[i][m.end() :]
                    break
            else:
                entries.append(self.maker.citation(strong[int(r() * len(strong))]))
        row[col] = render_list(entries, style, joiner)


def evolve(source: str, seed: int, change: float, add: float, remove: float, out, truth=None) -> tuple:
    rng = Random(seed)
    names = NameSpace(rng, 1)
    maker = ItemMaker(rng)
    r = rng.random
    with open(source, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise SystemExit(f"{source}: empty file")
        idx = header_index(header)
        if "code" not in idx or "name" not in idx:
            raise SystemExit(f"{source}: no code or name column in the header")
        code_col, width = idx["code"], len(header)
        changer = Changer(rng, maker, names, idx)
        w = csv.writer(out)
        w.writerow(header)
        n = changed = removed = 0
        max_serial = 0
        for row in reader:
            if not any(c.strip() for c in row):
                continue
            if len(row) < width:
                row = row + [""] * (width - len(row))
            n += 1
            code = row[code_col]
            if len(code) >= 4 and code.isdigit() and code.isascii():
                serial = int(code[3:])
                if serial > max_serial:
                    max_serial = serial
            x = r()
            if x < remove:
                removed += 1
                if truth:
                    truth.write(f"removed,{code}\n")
                continue
            if x < remove + change:
                original = list(row)
                changer.change(row)
                if row == original:  # cannot happen with the changes above; stay truthful anyway
                    changer.change_name(row)
                if row != original:
                    changed += 1
                    if truth:
                        truth.write(f"changed,{code}\n")
            w.writerow(row)
        added = round(n * add)
        for k in range(added):
            name, base = names.random_deep(rng)
            code = make_code(base[1] + 1, max_serial + 1 + k)
            cells = maker.row(code, name, base)
            if width == len(KEYS) and idx == {key: i for i, key in enumerate(KEYS)}:
                out_row = cells
            else:
                out_row = [""] * width
                for key, value in zip(KEYS, cells):
                    if key in idx:
                        out_row[idx[key]] = value
            w.writerow(out_row)
            if truth:
                truth.write(f"added,{code}\n")
    return n, changed, added, removed


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def _probability(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not a probability between 0 and 1")
    return value


def _fraction(text: str) -> float:
    value = float(text)
    if not value >= 0.0 or math.isinf(value):
        raise argparse.ArgumentTypeError(f"{text} is not a fraction of 0 or more")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def main(argv=None) -> int:
    p = argparse.ArgumentParser(
        description="Write a synthetic permit catalogue (FORMAT.md CSV), or a later version of one."
    )
    p.add_argument("--n", type=_count, help="number of items of a new catalogue")
    p.add_argument("--from", dest="source", metavar="FILE", help="write a later version of this catalogue instead")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument(
        "--repeat-names",
        type=_probability,
        default=None,
        help="with --n: probability that an item repeats an earlier item's name (default 0.01)",
    )
    p.add_argument(
        "--repeat-from",
        type=_count,
        default=0,
        metavar="K",
        help="with --n: repeated names are those of the first K items (default: of any earlier item)",
    )
    p.add_argument("--change", type=_probability, default=0.0, help="with --from: probability that an item is changed")
    p.add_argument(
        "--add",
        type=_fraction,
        default=0.0,
        help="with --from: items added at the end, as a fraction of the source's items",
    )
    p.add_argument("--remove", type=_probability, default=0.0, help="with --from: probability that an item is removed")
    p.add_argument(
        "--changed-codes", metavar="FILE", help="with --from: write 'kind,code' lines (changed, added, removed) to FILE"
    )
    p.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    args = p.parse_args(argv)

    if (args.n is None) == (args.source is None):
        p.error("give exactly one of --n and --from")
    if args.source is None and (args.change or args.add or args.remove or args.changed_codes):
        p.error("--change, --add, --remove and --changed-codes go with --from")
    if args.source is not None and (args.repeat_names is not None or args.repeat_from):
        p.error("--repeat-names and --repeat-from go with --n")
    if args.change + args.remove > 1.0:
        p.error("--change plus --remove is more than 1")

    to_stdout = args.output == "-"
    if to_stdout:
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8-sig", newline="")
    else:
        out = open(args.output, "w", encoding="utf-8-sig", newline="")
    try:
        if args.source is None:
            repeat = 0.01 if args.repeat_names is None else args.repeat_names
            generate(args.n, args.seed, out, repeat, args.repeat_from)
        else:
            truth = open(args.changed_codes, "w", encoding="utf-8", newline="\n") if args.changed_codes else None
            try:
                n, changed, added, removed = evolve(
                    args.source, args.seed, args.change, args.add, args.remove, out, truth
                )
            finally:
                if truth:
                    truth.close()
            print(
                f"changed={changed} added={added} removed={removed} (source {n} items, written {n - removed + added})",
                file=sys.stderr,
            )
    finally:
        if to_stdout:
            out.flush()
            out.detach()
        else:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
