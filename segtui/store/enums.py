"""NAV option fields as integer enums: the stored value is the option's index."""
from enum import IntEnum


class ContactType(IntEnum):
    COMPANY = 0
    PERSON = 1


class CorrespondenceType(IntEnum):
    BLANK = 0
    HARD_COPY = 1
    EMAIL = 2
    FAX = 3


class InformationFlow(IntEnum):
    BLANK = 0
    OUTBOUND = 1
    INBOUND = 2


class InitiatedBy(IntEnum):
    BLANK = 0
    US = 1
    THEM = 2


class Evaluation(IntEnum):
    BLANK = 0
    VERY_POSITIVE = 1
    POSITIVE = 2
    NEUTRAL = 3
    NEGATIVE = 4
    VERY_NEGATIVE = 5


class DeliveryStatus(IntEnum):
    BLANK = 0
    IN_PROGRESS = 1
    ERROR = 2


class CriteriaLineType(IntEnum):
    ACTION = 0
    FILTER = 1


class CriteriaAction(IntEnum):
    BLANK = 0
    ADD_CONTACTS = 1
    REDUCE = 2
    REFINE = 3


class ActionOrigin(IntEnum):
    """What recorded a criteria action: typed criteria, a manual line edit, or a reuse."""
    CRITERIA = 0
    MANUAL = 1
    LOGGED_SEGMENT = 2
    SAVED_CRITERIA = 3


class HistoryAction(IntEnum):
    INSERTION = 0
    DELETION = 1


class ProfileLineType(IntEnum):
    QUESTION = 0
    ANSWER = 1


class BusinessRelationLink(IntEnum):
    BLANK = 0
    CUSTOMER = 1
    VENDOR = 2
    BANK_ACCOUNT = 3


class StorageType(IntEnum):
    EMBEDDED = 0
    DISK_FILE = 1


class WizardAction(IntEnum):
    BLANK = 0
    OPEN = 1
    IMPORT = 2
    MERGE = 3
