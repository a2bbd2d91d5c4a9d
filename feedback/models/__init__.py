"""The feedback app's models: instruments and their responses; import them from here."""

from feedback.models.instruments import (
    LIKERT_LABELS,
    YES_PARTLY_NO,
    Imputation,
    Instrument,
    InstrumentPurpose,
    InstrumentVersion,
    InstrumentVersionQuerySet,
    Item,
    ItemKind,
    ScoringMethod,
    VersionStatus,
)
from feedback.models.responses import (
    Answer,
    FeedbackLink,
    FeedbackLinkQuerySet,
    FeedbackResponse,
    FeedbackResponseQuerySet,
    RespondentRole,
    ResponseAction,
    ResponseEvent,
    token_digest,
)

__all__ = [
    "InstrumentPurpose",
    "Instrument",
    "VersionStatus",
    "ScoringMethod",
    "Imputation",
    "InstrumentVersionQuerySet",
    "InstrumentVersion",
    "ItemKind",
    "LIKERT_LABELS",
    "YES_PARTLY_NO",
    "Item",
    "RespondentRole",
    "FeedbackResponseQuerySet",
    "FeedbackResponse",
    "Answer",
    "token_digest",
    "FeedbackLinkQuerySet",
    "FeedbackLink",
    "ResponseAction",
    "ResponseEvent",
]
