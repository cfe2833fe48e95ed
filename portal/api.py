"""The JSON API for a mini-program or partner site; the schema is at `/api/openapi.json`.

Every list endpoint answers `{"items": [...], "count": N}` and takes `limit` and `offset`.
"""

from typing import Any

from ninja import Field, NinjaAPI, Schema
from ninja.pagination import PaginationBase

from django.db.models import QuerySet

MAX_LIMIT = 100
DEFAULT_LIMIT = 20


class LimitOffset(PaginationBase):
    """Limit/offset pagination that clamps out-of-range values instead of refusing them."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, description=f"Items per response, 1 to {MAX_LIMIT}.")
        offset: int = Field(0, description="Items to skip.")

    class Output(Schema):
        items: list[Any]
        count: int

    def paginate_queryset(self, queryset: QuerySet, pagination: Input, **params):
        limit = min(max(pagination.limit, 1), MAX_LIMIT)
        offset = max(pagination.offset, 0)
        return {"items": list(queryset[offset : offset + limit]), "count": queryset.count()}


api = NinjaAPI(
    title="质量基础设施一站式服务平台 API",
    version="1",
    description="服务目录、典型案例、共享仪器、开放资源和全站搜索的查询接口，以及需求提交、附件上传和进度查询接口。",
    urls_namespace="api",
)


def _register_routers():
    from resources.api import router as resources_router
    from search.api import router as search_router
    from services.api import router as services_router
    from services.views.api import router as requests_router

    api.add_router("/services/", services_router)
    api.add_router("/requests", requests_router)
    api.add_router("/", search_router)
    api.add_router("/", resources_router)


_register_routers()
