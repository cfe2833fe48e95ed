"""Sample institutions and experts. Fictional: names, phones and addresses are invented."""

INSTITUTIONS = [
    {
        "slug": "demo-metrology-institute",
        "name": "示例市计量检定测试院（示例）",
        "short_name": "示例计量院",
        "kind": "metrology_institute",
        "qi_elements": ["metrology"],
        "qualifications": ["legal_metrology", "CNAS-L"],
        "district": "huli",
        "address": "示例市湖里区计量路1号（虚构）",
        "phone": "0592-0000001",
        "email": "jl@example.cn",
        "website": "",
        "description": "依法设置的法定计量检定机构，开展计量器具检定、校准和计量技术服务。",
    },
]

EXPERTS = [
    {
        "name": "陈示例",
        "title": "高级工程师",
        "institution": "demo-metrology-institute",
        "domains": ["metrology"],
        "industries": ["C"],
        "specialties": "长度计量、测量不确定度评定",
        "bio": "长期从事几何量计量检定校准工作，熟悉测量管理体系建设。（示例专家）",
        "phone": "13800000001",
        "email": "expert1@example.cn",
    },
]
