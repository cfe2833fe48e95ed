"""Sample open resources (003 8.4.3): news, policies, standards information, science popularisation.

News items are samples written for the demo. Standards and policies are real documents named in the
seed standards' normative references and bibliography; statuses are as the demo describes them.
"""

RESOURCE_INDEX = {
    "title": "开放资源",
    "intro": (
        "面向行业和区域开放共享技术标准、政策法规、行业动态和质量科普资讯。"
        "可按类别筛选，最新发布的排在最前；行业资讯可通过 Atom 订阅。"
    ),
}

# slug, category, title, date, summary, extra fields, body paragraphs (key points for policies/standards)
RESOURCES = [
    # Industry news (samples)
    {
        "slug": "news-quality-assistance-campaign-launch",
        "category": "news",
        "title": "“提质强企”质量技术帮扶专项行动启动（示例）",
        "date": "2026-11-10",
        "summary": "市场监管部门联合检验检测机构启动新一轮质量技术帮扶专项行动，对监督抽查不合格企业开展“一对一”问诊帮扶。",
        "issuer": "示例市市场监督管理局（示例）",
        "paragraphs": [
            "专项行动以监督抽查、生产许可核查和风险监测中发现的不合格产品为线索，组织质量专家深入企业，"
            "从人、机、料、法、环、测等方面查找不合格原因，制定帮扶方案，并在整改完成后组织复查。",
            "企业可通过本平台在线提交质量技术帮扶申请，服务专员将在一个工作日内联系确认需求。",
        ],
    },
    {
        "slug": "news-instrument-sharing-list-updated",
        "category": "news",
        "title": "区域共享仪器清单更新，新增电磁兼容和材料分析设备（示例）",
        "date": "2026-11-03",
        "summary": "平台共享仪器清单完成季度更新，新增电磁兼容、材料成分分析等设备，企业可在线查询并预约机时。",
        "issuer": "示例市科学仪器共享服务中心（示例）",
        "paragraphs": [
            "本次更新覆盖计量、检验检测机构和高校分析测试中心的多台大型仪器，清单列明设备型号、检测能力、"
            "共享方式、收费标准、开放时间和校准有效期。",
            "校准已过期或处于维护中的设备暂停预约，恢复后将在平台上重新开放。",
        ],
    },
    {
        "slug": "news-quality-month-activities",
        "category": "news",
        "title": "“质量月”系列活动走进产业园区（示例）",
        "date": "2026-09-18",
        "summary": "质量月期间，质量协会联合计量、标准、检测机构在三个产业园区开展质量开放日、质量讲堂和现场咨询。",
        "issuer": "示例市质量协会（示例）",
        "paragraphs": [
            "活动设置计量器具免费检查、标准查询咨询、产品质量问题会诊等服务台，并开放实验室供企业参观。",
            "质量讲堂围绕质量管理体系有效运行、常见质量问题的过程控制等主题，面向中小企业质量负责人授课。",
        ],
    },
    {
        "slug": "news-follow-up-visit-results",
        "category": "news",
        "title": "帮扶企业跟踪回访：复查合格率明显提升（示例）",
        "date": "2026-08-26",
        "summary": "对上半年接受质量技术帮扶的企业开展跟踪回访，复查产品合格率和企业满意度均有提升。",
        "issuer": "示例市产品质量检验研究院（示例）",
        "paragraphs": [
            "回访采用座谈、问卷和抽检合格率统计相结合的方式，从合规性、实操性、经济效益和社会效益等维度评估帮扶效果。",
            "回访中收集到的共性问题已汇总进平台知识库和典型案例，供同行业企业参考。",
        ],
    },
    {
        "slug": "news-standard-service-window",
        "category": "news",
        "title": "标准化服务窗口开通线上标准查新（示例）",
        "date": "2026-07-15",
        "summary": "企业可在线提交标准查新需求，标准化机构在三个工作日内反馈所用标准的现行、废止和即将实施情况。",
        "issuer": "示例市标准化研究院（示例）",
        "paragraphs": [
            "查新结果列明标准编号、名称、状态、实施日期和替代关系，帮助企业及时更新产品执行标准和检验依据。",
        ],
    },
    {
        "slug": "news-sme-consulting-program",
        "category": "news",
        "title": "中小企业质量提升咨询服务项目开放申报（示例）",
        "date": "2026-06-20",
        "summary": "面向中小企业的质量提升咨询服务项目开放申报，覆盖质量诊断、体系建设、标准化和品牌培育等类型。",
        "issuer": "示例市市场监督管理局（示例）",
        "paragraphs": [
            "项目按需求征集、服务机构遴选、诊断、方案评审、实施和效果评价的流程开展，结束后进行满意度测评和跟踪回访。",
        ],
    },
    # Policies and regulations (real documents named in 001's bibliography)
    {
        "slug": "policy-product-quality-law",
        "category": "policy",
        "title": "中华人民共和国产品质量法",
        "date": "2018-12-29",
        "summary": "规定生产者、销售者的产品质量责任和义务，以及产品质量的监督管理。2018年第二次修正。",
        "issuer": "全国人民代表大会常务委员会",
        "document_number": "中华人民共和国主席令第22号",
        "key_points": [
            (
                "主体责任",
                "生产者、销售者应当建立健全内部产品质量管理制度，严格实施岗位质量规范、质量责任以及相应的考核办法。",
            ),
            ("监督抽查", "国家对产品质量实行以抽查为主要方式的监督检查制度。"),
        ],
    },
    {
        "slug": "policy-supervision-sampling-measures",
        "category": "policy",
        "title": "产品质量监督抽查管理暂行办法",
        "date": "2019-11-21",
        "summary": "规范产品质量监督抽查的组织、抽样、检验、异议处理和结果处理。",
        "issuer": "国家市场监督管理总局",
        "document_number": "国家市场监督管理总局令第18号",
        "key_points": [
            ("结果处理", "对抽查不合格的生产者、销售者，责令限期改正，并组织复查。"),
        ],
    },
    {
        "slug": "policy-production-licence-measures",
        "category": "policy",
        "title": "中华人民共和国工业产品生产许可证管理条例实施办法",
        "date": "2022-09-29",
        "summary": "规定实行生产许可证制度的工业产品的许可程序、证书管理和监督检查。",
        "issuer": "国家市场监督管理总局",
        "document_number": "国家市场监督管理总局令第61号",
        "key_points": [
            (
                "许可条件",
                "企业应具备与所生产产品相适应的生产条件和检验检疫手段，并有健全有效的质量管理制度和责任制度。",
            ),
        ],
    },
    {
        "slug": "policy-food-contact-products-measures",
        "category": "policy",
        "title": "食品相关产品质量安全监督管理暂行办法",
        "date": "2022-10-08",
        "summary": "规范食品相关产品生产、销售的质量安全管理和监督检查，自2023年3月1日起施行。",
        "issuer": "国家市场监督管理总局",
        "document_number": "国家市场监督管理总局令第62号",
        "key_points": [
            ("原辅料控制", "生产者应建立原辅料控制制度，核查供应商资质和原辅料合格证明。"),
        ],
    },
    {
        "slug": "policy-producer-responsibility-rules",
        "category": "policy",
        "title": "工业产品生产单位落实质量安全主体责任监督管理规定",
        "date": "2023-04-04",
        "summary": "要求工业产品生产单位配备质量安全总监和质量安全员，建立日管控、周排查、月调度工作机制。",
        "issuer": "国家市场监督管理总局",
        "document_number": "国家市场监督管理总局令第75号",
        "key_points": [
            (
                "日管控、周排查、月调度",
                "生产单位应建立基于质量安全风险防控的动态管理机制，落实风险管控清单。",
            ),
        ],
    },
    {
        "slug": "policy-seller-responsibility-rules",
        "category": "policy",
        "title": "工业产品销售单位落实质量安全主体责任监督管理规定",
        "date": "2023-04-04",
        "summary": "明确工业产品销售单位的质量安全责任，要求建立进货查验、存储和销售管理制度。",
        "issuer": "国家市场监督管理总局",
        "document_number": "国家市场监督管理总局令第76号",
        "key_points": [
            ("进货查验", "销售单位应建立并执行进货检查验收制度，验明产品合格证明和其他标识。"),
        ],
    },
    {
        "slug": "policy-quality-assistance-three-year-plan",
        "category": "policy",
        "title": "质量技术帮扶“提质强企”三年行动方案（2023—2025年）",
        "date": "2023-09-12",
        "summary": "部署以质量技术帮扶推动企业质量提升，聚焦产品质量问题多发的行业和中小企业开展精准帮扶。",
        "issuer": "国家市场监督管理总局办公厅",
        "document_number": "市监质监发〔2023〕92号",
        "key_points": [
            ("帮扶对象", "重点面向监督抽查不合格、质量问题多发的中小企业和产业集群。"),
        ],
    },
    # Standards information (standards named in the seed documents)
    {
        "slug": "standard-gb-t-19001",
        "category": "standard",
        "title": "质量管理体系 要求",
        "date": "2016-12-30",
        "summary": "规定质量管理体系要求，适用于需要证实其具有稳定提供满足顾客要求及适用法律法规要求的产品和服务能力的组织。",
        "standard_number": "GB/T 19001-2016",
        "standard_status": "current",
        "implementation_date": "2017-07-01",
        "issuer": "国家质量监督检验检疫总局、国家标准化管理委员会",
    },
    {
        "slug": "standard-gb-t-19004",
        "category": "standard",
        "title": "质量管理 组织的质量 实现持续成功指南",
        "date": "2020-11-19",
        "summary": "为组织增强实现持续成功的能力提供指南，与 GB/T 19001 配合使用，帮助组织超越体系要求持续改进。",
        "standard_number": "GB/T 19004-2020",
        "standard_status": "current",
        "implementation_date": "2021-06-01",
        "issuer": "国家市场监督管理总局、国家标准化管理委员会",
    },
    {
        "slug": "standard-gb-t-19012",
        "category": "standard",
        "title": "质量管理 顾客满意 组织投诉处理指南",
        "date": "2019-08-30",
        "summary": "为组织内的投诉处理过程提供指南，包括策划、设计、运行、维护和改进。平台投诉处理参照本标准执行。",
        "standard_number": "GB/T 19012-2019",
        "standard_status": "current",
        "implementation_date": "2020-03-01",
        "issuer": "国家市场监督管理总局、国家标准化管理委员会",
    },
    {
        "slug": "standard-gb-t-19014",
        "category": "standard",
        "title": "质量管理 顾客满意 监视和测量指南",
        "date": "2019-08-30",
        "summary": "为组织监视和测量顾客满意提供指南。平台在服务项目完成时和定期开展的满意度测评参照本标准。",
        "standard_number": "GB/T 19014-2019",
        "standard_status": "current",
        "implementation_date": "2020-03-01",
        "issuer": "国家市场监督管理总局、国家标准化管理委员会",
    },
    {
        "slug": "standard-gb-t-19000-2008",
        "category": "standard",
        "title": "质量管理体系 基础和术语（2008版）",
        "date": "2008-10-29",
        "summary": "2008 版质量管理体系基础和术语，已被 GB/T 19000-2016 代替，引用时请使用现行版本。",
        "standard_number": "GB/T 19000-2008",
        "standard_status": "withdrawn",
        "implementation_date": "2009-05-01",
        "issuer": "国家质量监督检验检疫总局、国家标准化管理委员会",
    },
    {
        "slug": "standard-gb-t-27922-revision",
        "category": "standard",
        "title": "商品售后服务评价体系（修订）",
        "date": "2026-10-20",
        "summary": "售后服务评价体系标准修订版已发布，规定商品售后服务评价的指标、方法和等级划分，将于明年实施（示例状态）。",
        "standard_number": "GB/T 27922",
        "standard_status": "upcoming",
        "implementation_date": "2027-05-01",
        "issuer": "国家市场监督管理总局、国家标准化管理委员会",
    },
    # Science popularisation (samples)
    {
        "slug": "science-what-is-calibration",
        "category": "science",
        "title": "校准证书过期了，仪器还能用吗？（示例）",
        "date": "2026-10-08",
        "summary": "用通俗的语言讲清楚检定、校准和校准有效期，以及为什么过期的测量设备不能用于出具检测数据。",
        "paragraphs": [
            "测量设备在使用中会漂移。校准是把设备的示值与更高等级的计量标准比对，确定误差；"
            "校准有效期是企业根据设备稳定性和使用频次确定的复校间隔。",
            "超过有效期的设备，其准确度已无法证明，用它测得的数据不能作为产品合格判定的依据。"
            "这也是平台共享仪器校准过期后暂停预约的原因。",
        ],
    },
    {
        "slug": "science-5m1e",
        "category": "science",
        "title": "人、机、料、法、环、测：六个角度找准质量问题原因（示例）",
        "date": "2026-08-12",
        "summary": "介绍因果图和 5W2H 方法，以及如何从人员、机器、原料、方法、环境、测量六个方面分析产品不合格原因。",
        "paragraphs": [
            "产品不合格往往不是单一原因造成的。画因果图时，把“不合格项目”写在鱼头，"
            "六根大骨分别是人、机、料、法、环、测，逐项追问“为什么”，直到找到可以采取措施的根本原因。",
            "平台知识库按生产阶段和六个因素整理了常见质量问题及其控制要求，可作为分析时的检查清单。",
        ],
    },
]
