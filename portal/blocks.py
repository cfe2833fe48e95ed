"""The base stream block every page body is built on (bakerydemo base/blocks.py)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A section heading inside the page body")
        preview_value = {"text": "服务流程", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout_block.html"
        description = _("A highlighted notice, such as what to prepare before applying")
        preview_value = {"title": "温馨提示", "text": "<p>请提前准备营业执照复印件。</p>"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "blocks/quote_block.html"
        description = _("A quotation with its source, e.g. a clause of a standard")
        preview_value = {
            "text": "以需求为导向，积极了解企业质量发展的需求和难点。",
            "source": "质量基础设施“一站式”服务规范",
        }


class BaseStreamBlock(blocks.StreamBlock):
    """Blocks every body field offers; app block sets extend this."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        description=_("Running text"),
        preview_value="<p>服务平台应根据市场需求，结合自身服务能力，提供匹配的质量基础设施服务。</p>",
    )
    image = ImageBlock(label=_("Image"), description=_("An image with alternative text"))
    callout = CalloutBlock()
    quote = QuoteBlock()
    table = TableBlock(label=_("Table"), description=_("A simple table"))

    class Meta:
        label = _("Body")
