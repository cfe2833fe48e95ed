"""Sample typical cases in the structure of 001 Annex F, written from the problem types of Annex C.

Every enterprise is fictional and marked （示例）. `services` lists catalogue slugs; the loader links
those that exist, so the cases follow the catalogue as it grows.
"""

CASE_INDEX = {
    "title": "典型案例",
    "intro": (
        "质量技术帮扶成果典型案例：同类企业遇到了什么问题、专家怎样问诊、企业如何整改、取得了哪些成效。"
        "可按行业、质量基础设施要素、地区和所用服务筛选。案例中的企业均为示例。"
    ),
}

CASES = [
    {
        "slug": "faucet-lead-leaching",
        "title": "卫浴水嘴金属污染物析出量不合格的帮扶整改（示例）",
        "enterprise_name": "示例同安卫浴五金有限公司（示例）",
        "profile": "成立于2012年，主要生产铜合金水嘴和角阀，员工约120人，年产水嘴约60万只，产品以内销为主。"
        "企业设有铸造、机加工、抛光电镀外协和装配工序，设有简易检验室，可开展外观、流量和密封性检验。",
        "date": "2026-03-18",
        "industry": "C",
        "qi_elements": ["testing", "quality"],
        "district": "tongan",
        "services": [
            "product-testing",
            "quality-analysis-risk-monitoring",
            "quality-technical-assistance",
        ],
        "diagnosis": "企业产品在省级监督抽查中“金属污染物析出（铅）”项目不合格。工作组到企业调阅原料采购记录、"
        "进货检验记录和铸造工艺文件，按人、机、料、法、环、测逐项排查。\n"
        "发现：铜棒由两家供应商供货，其中一家价格较低但未提供材质报告；进货检验只核对规格和数量，"
        "未对铅含量进行抽检；铸件内腔清洗工序时间不足，残留铅未有效去除。",
        "assistance": "专家协助企业修订《供应商评价与选择程序》，对两家供应商开展现场评价，暂停未能提供材质证明的供应商；"
        "制定铜棒进货检验规程，每批次送检铅含量；在清洗工序增加内腔去铅处理并固化工艺参数。\n"
        "同时对质检人员开展产品标准和抽样检验培训，帮助企业建立批次追溯记录。",
        "follow_up": "三个月后工作组回访，查看了整改后6个批次的进货检验报告和成品自检记录，"
        "并组织复查抽样，金属污染物析出项目复查合格。企业已将铅含量控制纳入月度质量例会通报。",
        "expert_advice": "建立合格供应商名录并每年评价；原材料关键有害元素按批次抽检；"
        "清洗、去铅等特殊过程应确认工艺参数并保留记录；关注国家标准更新，及时调整企业检验项目。",
        "enterprise_actions": "更换铜棒供应商一家；新增进货检验项目2项；修订作业指导书4份；培训质检和生产人员36人次。",
        "management_benefit": "供应商管理、进货检验和过程参数记录形成闭环，质量问题可追溯到批次。",
        "economic_benefit": "减少不合格品返工和退货损失约18万元/年。",
        "social_benefit": "涉水产品卫生安全风险降低，消费者使用更放心。",
        "industry_problems": "中小卫浴企业普遍存在原材料采购重价格、轻质量，进货检验流于形式的问题；"
        "铸造和清洗等特殊过程参数未确认、未记录；对产品标准中的卫生安全项目认识不足。",
    },
    {
        "slug": "cable-conductor-resistance",
        "title": "电线电缆导体电阻超标的原因分析与改进（示例）",
        "enterprise_name": "示例集美线缆科技有限公司（示例）",
        "profile": "主要生产额定电压450/750V及以下聚氯乙烯绝缘电线，拥有拉丝、绞线、挤塑和成圈生产线各2条，"
        "员工80余人，持有工业产品生产许可证。产品主要供应建筑装修市场。",
        "date": "2026-04-22",
        "industry": "C",
        "qi_elements": ["metrology", "testing"],
        "district": "jimei",
        "services": [
            "calibration",
            "metrology-calibration",
            "product-testing",
            "process-testing-guidance",
        ],
        "diagnosis": "生产许可证后续核查中，一批2.5 mm²电线“导体电阻”项目不合格。工作组现场查看拉丝、退火工序和出厂检验。"
        "发现拉丝模具使用超过规定寿命，线径偏小；退火温度记录不全；出厂检验用的直流电阻测试仪校准已过期两个月，"
        "测量结果偏小，未能发现问题产品。",
        "assistance": "专家帮助企业建立拉丝模具寿命台账，规定按米数更换；对退火炉温度实施每班记录；"
        "指导企业对直流电阻测试仪、千分尺等测量设备送计量机构校准，建立测量设备周期检定（校准）计划。\n"
        "工作组借助平台共享的计量设备，对企业自检结果进行了比对验证。",
        "follow_up": "两个月后回访，企业连续3批产品导体电阻自检和比对结果一致且合格，复查抽检合格。"
        "企业已将测量设备校准有效期纳入设备管理系统到期提醒。",
        "expert_advice": "关键工装模具按寿命管理；测量设备按 000 6.2.3 建立校准（检定）要求，过期设备不得使用；"
        "出厂检验应覆盖导体电阻等关键项目并逐批记录。",
        "enterprise_actions": "建立模具台账和测量设备台账；送检测量设备12台；修订出厂检验规程；关键岗位考核上岗。",
        "management_benefit": "测量设备管理和工艺记录规范化，出厂检验真实有效。",
        "economic_benefit": "避免一次产品召回，减少铜材浪费约3%。",
        "social_benefit": "降低线缆发热引起火灾的安全风险。",
        "industry_problems": "线缆行业“偷工减料”与工装磨损造成的截面不足并存，测量设备未及时校准导致出厂检验失效，"
        "是导体电阻不合格的共性原因。",
    },
    {
        "slug": "food-contact-plastic-migration",
        "title": "塑料食品接触制品总迁移量不合格的帮扶（示例）",
        "enterprise_name": "示例海沧塑料制品厂（示例）",
        "profile": "从事聚丙烯餐盒、保鲜盒注塑生产的小微企业，员工35人，设有注塑车间和包装车间，"
        "产品通过批发市场和电商平台销售，企业尚未建立完整的原辅料控制制度。",
        "date": "2026-05-09",
        "industry": "C",
        "qi_elements": ["testing", "standardization"],
        "district": "haicang",
        "services": ["product-testing", "standard-search", "standard-implementation"],
        "diagnosis": "产品在食品相关产品监督抽查中“总迁移量”项目不合格。工作组核查原料采购和配料记录，"
        "发现企业为降低成本混用了非食品级回收料和色母，部分批次原料无合格证明；配料比例凭经验掌握，无书面配方。",
        "assistance": "专家依据食品相关产品质量安全监督管理要求，帮助企业建立原辅料控制制度，明确只使用食品接触用原料，"
        "逐批核查供应商资质和合格证明；制定产品配方和配料记录表；组织对产品执行标准进行查新，更新检验项目。",
        "follow_up": "回访时企业已停用回收料，新批次产品委托检验总迁移量合格，复查合格。企业主动在产品标签上完善了材质和使用温度标识。",
        "expert_advice": "食品接触制品原辅料必须符合食品安全国家标准要求；配方变更须经评审；定期委托检验迁移量等安全项目。",
        "enterprise_actions": "停用回收料和不合格色母；建立原辅料合格供方名单；新增配料记录和批次留样。",
        "management_benefit": "建立原辅料控制和配方管理制度，满足食品相关产品监管要求。",
        "economic_benefit": "恢复两家电商渠道销售，月销售额回升约20%。",
        "social_benefit": "减少有害物质迁移进入食品的风险。",
        "industry_problems": "小微塑料制品企业原料来源复杂、使用回收料，配方管理缺失，对食品接触材料标准了解不足。",
    },
    {
        "slug": "led-luminaire-emc",
        "title": "LED 灯具传导骚扰超标：从设计验证入手（示例）",
        "enterprise_name": "示例翔安光电照明有限公司（示例）",
        "profile": "研发生产LED筒灯、面板灯和驱动电源，员工150人，设有研发部和SMT生产线，产品内外销各半，"
        "主要产品已取得强制性产品认证。",
        "date": "2026-06-15",
        "industry": "C",
        "qi_elements": ["testing", "certification"],
        "district": "xiangan",
        "services": ["product-testing", "product-certification", "equipment-time-share"],
        "diagnosis": "产品在认证监督抽样中“传导骚扰”项目超标。工作组与研发人员一起复盘，发现驱动电源为降成本更换了输入滤波电感，"
        "设计变更未经评审，也未做电磁兼容摸底试验；样机验证只做了光电参数测试。",
        "assistance": "专家帮助企业建立设计更改控制程序，规定影响安全和电磁兼容的元器件变更须重新验证；"
        "企业预约平台共享的传导骚扰测试系统和半电波暗室，经三轮整改优化滤波电路，使裕量达到6 dB以上。",
        "follow_up": "回访时企业已完成认证变更申请，复查抽样合格。研发部门把EMC摸底测试列入新产品开发节点评审清单。",
        "expert_advice": "影响认证关键元器件的变更必须评审、验证并向认证机构申报；新产品开发应在样机阶段进行EMC预测试；"
        "利用共享设备降低测试成本。",
        "enterprise_actions": "修订设计开发控制程序；建立关键元器件清单；预约共享EMC设备测试18小时；培训研发人员12人。",
        "management_benefit": "设计验证和变更评审纳入开发流程，减少量产后问题。",
        "economic_benefit": "避免认证暂停带来的出口订单损失，测试费用较外送节省约40%。",
        "social_benefit": "减少对电网和其他电子设备的电磁干扰。",
        "industry_problems": "照明和小家电企业常因降本更换元器件而未重新验证，设计更改管理薄弱；中小企业缺少EMC测试条件。",
    },
    {
        "slug": "outdoor-furniture-uv-ageing",
        "title": "户外塑料桌椅开裂投诉：设计阶段未考虑环境因素（示例）",
        "enterprise_name": "示例翔安户外家具有限公司（示例）",
        "profile": "生产户外塑料桌椅和遮阳伞，员工60人，产品主要销往沿海地区度假村和餐饮门店，"
        "近两年多次收到客户关于椅腿开裂的投诉。",
        "date": "2026-07-02",
        "industry": "C",
        "qi_elements": ["standardization", "testing", "quality"],
        "district": "xiangan",
        "services": [
            "standard-implementation",
            "equipment-time-share",
            "quality-technical-assistance",
        ],
        "diagnosis": "工作组分析退货样品，断口呈脆性开裂。查阅设计资料发现，产品设计时只考虑了静载荷，"
        "未考虑沿海地区强紫外线、高温高湿对塑料老化的影响，配方中未添加抗紫外剂；产品也未做耐候性验证。",
        "assistance": "专家帮助企业补充设计输入，将使用环境（紫外、温湿度、盐雾）纳入设计要求；"
        "调整配方增加光稳定剂，并利用共享的高低温交变湿热试验箱和盐雾试验箱开展对比试验；"
        "对照户外家具相关标准补做强度和耐久性试验。",
        "follow_up": "半年后回访，新配方产品未再收到开裂投诉，企业已将耐候试验列为新品定型条件。",
        "expert_advice": "设计开发应识别产品全寿命期的使用环境；采用FMEA识别失效模式；新材料、新配方需经可靠性验证后再批量生产。",
        "enterprise_actions": "修订设计输入清单；调整原料配方；建立新品定型试验项目表；处理并补偿已售问题产品。",
        "management_benefit": "设计开发过程引入可靠性设计和验证环节。",
        "economic_benefit": "退货率由6%降至1%以下。",
        "social_benefit": "减少因桌椅断裂导致的人身伤害风险。",
        "industry_problems": "户外用品企业普遍忽视环境因素对材料寿命的影响，缺少耐候性和可靠性验证。",
    },
    {
        "slug": "corrugated-box-storage",
        "title": "瓦楞纸箱抗压强度不足：库存与运输环境的改进（示例）",
        "enterprise_name": "示例同安包装材料有限公司（示例）",
        "profile": "生产三层、五层瓦楞纸箱，为周边电子、食品企业配套，员工70人，原纸全部外购，"
        "仓库为普通平房，雨季湿度较高。",
        "date": "2026-08-05",
        "industry": "C",
        "qi_elements": ["quality", "testing"],
        "district": "tongan",
        "services": ["product-testing", "quality-technical-assistance"],
        "diagnosis": "下游客户反映纸箱码垛后塌陷。工作组检测发现纸箱含水率偏高、边压强度不足。"
        "排查发现原纸在仓库直接落地堆放，无防潮措施，库存时间最长超过4个月；成品纸箱露天装车，遇雨未遮盖。",
        "assistance": "专家帮助企业划分原纸库区，配置垫板和除湿设备，实施温湿度记录；按先进先出原则管理原纸库存；"
        "制定成品防护和装运要求；增加原纸含水率和成品边压强度的进货与出厂检验。",
        "follow_up": "三个月后回访，原纸含水率稳定在规定范围，客户投诉消除。",
        "expert_advice": "为不同物料提供适宜的存储条件，控制库存时间；运输过程采取防护和环境控制；关键性能指标逐批检验。",
        "enterprise_actions": "改造原纸仓库；购置含水率测定仪；建立库存台账和先进先出标识。",
        "management_benefit": "仓储和物流环节纳入质量控制。",
        "economic_benefit": "减少客户索赔约10万元/年。",
        "social_benefit": "保障下游企业产品运输安全，减少包装浪费。",
        "industry_problems": "包装企业对原材料储存环境和库存时间控制不足，物流运输防护不到位。",
    },
    {
        "slug": "fastener-hardness-testing",
        "title": "高强度紧固件硬度不合格：检测能力与人员能力提升（示例）",
        "enterprise_name": "示例海沧紧固件制造有限公司（示例）",
        "profile": "生产8.8级、10.9级六角头螺栓，员工90人，热处理工序自有，主要为工程机械企业配套。"
        "企业设有检验科，配有硬度计、拉力机等检测设备。",
        "date": "2026-09-12",
        "industry": "C",
        "qi_elements": ["metrology", "quality"],
        "district": "haicang",
        "services": [
            "calibration",
            "metrology-calibration",
            "metrology-management-system",
            "testing-staff-training",
        ],
        "diagnosis": "客户来料检验发现一批10.9级螺栓硬度偏低。工作组检查发现企业硬度计未定期校准，标准硬度块已过期；"
        "检验员未经培训，测试位置和方法不符合标准；热处理炉温度只在开炉时检查，过程缺少监测点。",
        "assistance": "专家协助企业对硬度计、拉力机进行校准，购置有效标准硬度块；对检验员开展标准方法培训并考核；"
        "在淬火和回火工序设置温度监测点，实施每小时记录；运用控制图分析硬度数据。",
        "follow_up": "回访时企业连续10批产品硬度合格，控制图显示过程稳定；检验员3人取得内部上岗资格。",
        "expert_advice": "检测设备和标准物质要在有效期内使用；检验人员须培训考核上岗；在关键工序设置监测点并用统计方法分析数据。",
        "enterprise_actions": "校准检测设备6台；培训检验员5人；新增热处理过程监测点2个；建立质量数据月度分析制度。",
        "management_benefit": "建立测量管理和人员能力评价制度。",
        "economic_benefit": "批量报废减少约25万元/年。",
        "social_benefit": "提高工程机械连接件安全可靠性。",
        "industry_problems": "紧固件企业普遍存在检测设备校准不及时、检验人员能力不足和热处理过程监测不够的问题。",
    },
    {
        "slug": "appliance-after-sales-response",
        "title": "小家电售后响应慢导致投诉集中：建立售后服务机制（示例）",
        "enterprise_name": "示例思明小家电服务有限公司（示例）",
        "profile": "销售并维修自有品牌电热水壶、电饭煲等小家电，员工45人，其中售后维修人员8人，"
        "通过电商平台和线下门店销售，年销量约30万台。",
        "date": "2026-10-10",
        "industry": "O",
        "qi_elements": ["quality", "brand"],
        "district": "siming",
        "services": ["quality-technical-assistance", "service-certification"],
        "diagnosis": "市场监管部门收到多起关于维修不及时、维修后再次故障的投诉。工作组调研发现企业没有统一的售后受理渠道，"
        "维修记录靠纸质登记，平均响应时间超过5天；维修人员未经系统培训，常见故障判断不准。",
        "assistance": "专家依据投诉处理和售后服务相关标准，帮助企业建立售后响应机制：统一受理电话和在线渠道，"
        "规定24小时内响应、72小时内处理；建立维修记录和质量反馈台账，每月将故障数据反馈研发和生产；"
        "组织维修人员培训和技能考核。",
        "follow_up": "回访时平均响应时间缩短至1天以内，返修率下降，投诉数量明显减少。",
        "expert_advice": "参照 GB/T 19012 建立投诉处理过程；用售后数据驱动产品改进；定期开展顾客满意测量。",
        "enterprise_actions": "开通统一售后热线；上线维修工单系统；培训维修人员8人；每月召开质量反馈会。",
        "management_benefit": "售后、研发和生产之间形成质量反馈闭环。",
        "economic_benefit": "二次维修成本降低约30%。",
        "social_benefit": "消费者投诉减少，品牌口碑提升。",
        "industry_problems": "中小家电企业售后响应机制不健全，维修服务质量不高，售后数据未用于质量改进。",
    },
    {
        "slug": "garment-standard-consistency",
        "title": "针织服装企业标准与国家标准不一致的整改（示例）",
        "enterprise_name": "示例湖里针织服饰有限公司（示例）",
        "profile": "生产针织T恤和运动服，员工200人，自主设计品牌，主要通过电商平台销售，执行企业自行制定的产品标准。",
        "date": "2026-10-28",
        "industry": "C",
        "qi_elements": ["standardization", "testing"],
        "district": "huli",
        "services": ["standard-search", "standard-self-declaration", "product-testing"],
        "diagnosis": "电商平台抽检中纤维含量和耐水色牢度不合格。工作组查阅企业标准，发现部分指标低于现行国家标准，"
        "企业标准多年未复审，引用的检测方法标准已废止；面料进货未检验色牢度。",
        "assistance": "专家组织标准查新，帮助企业对照现行国家标准修订企业标准并重新自我声明公开；"
        "建立面料进货检验项目，关键面料逐批送检色牢度；调整染整工艺要求。",
        "follow_up": "回访时企业标准已更新公开，新批次产品委托检验全部合格，电商平台恢复销售。",
        "expert_advice": "企业标准不得低于强制性国家标准，应定期复审；引用标准须保持现行有效；面料关键指标应逐批验证。",
        "enterprise_actions": "修订企业标准2项；建立标准有效性定期查新制度；新增面料进货检验项目3项。",
        "management_benefit": "标准化管理纳入质量管理体系。",
        "economic_benefit": "避免下架损失，退货率下降约35%。",
        "social_benefit": "服装标识真实，保障消费者知情权。",
        "industry_problems": "服装企业标准长期不复审、引用废止标准，企业质量标准与国家标准不一致。",
    },
]
