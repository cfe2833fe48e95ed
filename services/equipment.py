"""The one place that asks the resources app about instruments.

resources.Equipment arrives with the resources work; until then nothing is bookable by id and a
booking names its instrument in words. At merge this becomes the foreign key's lookup.
"""

from django.apps import apps


def get_bookable_equipment(equipment_id):
    """The instrument with this id if it exists and may be booked now, else None."""
    try:
        model = apps.get_model("resources", "Equipment")
    except LookupError:
        return None
    try:
        equipment = model.objects.filter(pk=int(equipment_id)).first()
    except (TypeError, ValueError):
        return None
    if equipment is None:
        return None
    bookable = getattr(equipment, "is_bookable", False)
    if callable(bookable):
        bookable = bookable()
    return equipment if bookable else None
