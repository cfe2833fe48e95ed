"""Blocks of the resource pages, built on the shared base stream block."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from portal.blocks import BaseStreamBlock


class KeyPointBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Point"), max_length=80)
    text = blocks.TextBlock(label=_("Explanation"))

    class Meta:
        icon = "tick"
        label = _("Key point")
        template = "blocks/key_point_block.html"
        description = _("One main point of a policy or standard, in a sentence or two")
        preview_value = {
            "title": "适用范围",
            "text": "本文件适用于工业产品经营主体开展质量技术帮扶工作。",
        }


class ResourceBodyBlock(BaseStreamBlock):
    """Body of news, policies, standards information and science popularisation."""

    key_point = KeyPointBlock()
