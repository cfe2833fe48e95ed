"""Blocks of the service catalogue, built on the shared base stream block."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from portal.blocks import BaseStreamBlock


class ProcessStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=80)
    description = blocks.TextBlock(label=_("What happens"), required=False)
    time_limit = blocks.CharBlock(label=_("Time limit"), max_length=40, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Process step")
        template = "blocks/process_step_block.html"
        description = _("One step of how the service is delivered")
        preview_value = {
            "title": "需求受理",
            "description": "服务专员核对企业信息和需求，确认是否受理。",
            "time_limit": "1个工作日",
        }


class ProcessStepsBlock(blocks.StreamBlock):
    step = ProcessStepBlock()

    class Meta:
        label = _("Process steps")


class MaterialBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Material"), max_length=120)
    note = blocks.CharBlock(label=_("Note"), max_length=200, required=False)
    required = blocks.BooleanBlock(label=_("Required"), required=False, default=True)

    class Meta:
        icon = "doc-full"
        label = _("Material")
        template = "blocks/material_block.html"
        description = _("A document or sample the enterprise brings")
        preview_value = {"name": "营业执照复印件", "note": "加盖公章", "required": True}


class MaterialsBlock(blocks.StreamBlock):
    material = MaterialBlock()

    class Meta:
        label = _("Materials to bring")


class ServiceBodyBlock(BaseStreamBlock):
    """Free body of a service page: the shared blocks plus an inline process overview."""

    process = ProcessStepsBlock(label=_("Process steps"))
