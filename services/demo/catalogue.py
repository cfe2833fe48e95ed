"""Text of the demo catalogue. Every item is written from a clause of the standards in shared/seeds.

Each service: slug (ASCII, used by /requests/new/?service=), title, summary (<= 300 characters),
audience, delivery_modes (online / on_site / at_lab), steps [(title, description, time limit)],
materials [(name, note, required)], time_limit, time_limit_days, fees, institutions [slugs of
resources.demo.directory.INSTITUTIONS], contact, source (the clause), paragraphs [HTML].
"""

CATALOGUE_INDEX = {
    "title": "服务目录",
    "intro": "按质量基础设施要素浏览平台提供的全部服务事项，每项服务均列明适用对象、办理流程、所需材料、承诺时限与收费标准。",
}

SERVICE_GUIDE = {
    "slug": "process",
    "title": "服务流程",
    "intro": "平台按照需求确认、服务对接、服务跟进、客户关系管理和档案管理的流程为企业提供服务。",
    "steps": [
        ("提交需求", "企业通过平台网站、线下窗口、电话、邮件等方式提出服务需求。", "随时"),
        (
            "需求评估与受理",
            "服务专员对需求进行评估分析，确认受理或说明不予受理的理由。",
            "1个工作日",
        ),
        ("组建服务团队", "根据需求组建服务团队，必要时整合相关要素外部技术资源。", "3个工作日"),
        ("制定服务方案", "针对企业需求制定个性化质量技术服务计划。", "按项目约定"),
        ("服务实施与跟进", "平台参与服务全过程，及时解释、协调和跟进，并做好记录。", "按方案进度"),
        ("满意度评价", "服务完成时开展顾客满意测量，作为持续改进输入。", "服务完成后"),
        ("归档", "对每一服务事项建立独立、完整的服务档案，形成“一企一档”。", "服务完成后"),
    ],
    "paragraphs": [
        "<p>服务平台建立服务需求收集、分析、确认和回复沟通机制，以确保准确、及时和有效地为客户提供服务。</p>",
    ],
}

SECTIONS = [
    {
        "qi_element": "metrology",
        "slug": "metrology",
        "title": "计量",
        "intro": "提供计量器具检定校准、计量技术咨询与培训、测量管理体系建设等服务。",
        "services": [
            {
                "slug": "calibration",
                "title": "计量器具检定校准",
                "summary": "为企业在用计量器具提供检定、校准服务，出具检定证书或校准证书，保证量值准确可靠。",
                "audience": "生产过程中使用计量器具的各类企业，特别是需要满足质量管理体系要求的中小企业。",
                "delivery_modes": ["on_site", "at_lab"],
                "steps": [
                    ("提交申请", "在线填写需检定校准的器具清单。", "随时"),
                    ("确认方案", "技术机构确认检定校准依据、方式和费用。", "2个工作日"),
                    ("实施检定校准", "送检或现场检定校准。", "按约定"),
                    ("出具证书", "出具检定证书或校准证书。", "完成后5个工作日"),
                ],
                "materials": [("计量器具清单", "名称、型号、编号、测量范围", True)],
                "time_limit": "常规项目10个工作日内出具证书",
                "time_limit_days": 10,
                "fees": "按照技术机构公示的收费标准收取。",
                "institutions": [],
                "contact": "计量服务窗口，电话 0592-12345 转 1",
                "source": "DB44 附录A 计量",
                "paragraphs": [],
            },
        ],
    },
]
