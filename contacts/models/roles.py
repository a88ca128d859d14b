from django.db import models


class Role(models.TextChoices):
    """Standard roles, so that offices and unnamed counterparts can be compared."""

    HEAD_OF_STATE = "head_of_state", "Head of state"
    HEAD_OF_GOVERNMENT = "head_of_government", "Head of government"
    DEPUTY_HEAD = "deputy_head", "Deputy head of state or government"
    FOREIGN_MINISTER = "foreign_minister", "Foreign minister"
    DEFENCE_MINISTER = "defence_minister", "Defence minister"
    MINISTER = "minister", "Other minister"
    MILITARY_COMMANDER = "military_commander", "Military commander"
    AMBASSADOR = "ambassador", "Ambassador"
    SPOKESPERSON = "spokesperson", "Spokesperson"
    PARTY_LEADER = "party_leader", "Party leader"
    SENIOR_OFFICIAL = "senior_official", "Senior official"
    INTERNATIONAL_OFFICIAL = "international_official", "International official"
    OTHER = "other", "Other"
