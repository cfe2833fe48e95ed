"""Demo synonyms: terms an enterprise may type for the same thing (editors manage them later)."""

SYNONYMS = [
    "实验室认可, CNAS, CNAS认可",
    "资质认定, CMA, 计量认证",
    "质量管理体系, ISO 9001, GB/T 19001",
    "环境管理体系, ISO 14001, GB/T 24001",
    "测量管理体系, ISO 10012, GB/T 19022",
    "计量, 测量",
    "5S, 现场管理, 6S",
    "知识产权, IP",
    "专利, 发明专利",
    "强制性产品认证, 3C, CCC",
    "技术性贸易措施, TBT",
    "首席质量官, CQO",
    "特种设备, 锅炉, 压力容器, 电梯, 起重机械",
    "设备共享, 仪器共享, 共享仪器",
    "质量管家, 质量顾问",
    "检验检测, 检测, 检验",
    "卓越绩效, 质量奖",
]


def load_synonyms():
    """Create the demo synonym groups that do not exist yet; editors' groups are left alone."""
    from search.models import SearchSynonym

    existing = {synonym.terms for synonym in SearchSynonym.objects.all()}
    for terms in SYNONYMS:
        if terms not in existing:
            SearchSynonym.objects.create(terms=terms)
