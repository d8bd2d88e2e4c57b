"""The grading engine: plain Python, no Django. Families in, a text in, a GradingResult out."""

from grading.engine.data import (
    CellData,
    CriterionData,
    ElementData,
    FamilyData,
    LevelData,
    RecognitionData,
    SectionData,
    TrackData,
)
from grading.engine.matching import ENGINE_VERSION, CatalogueIndex, IndexDeadlinePassed, build_index, grade
from grading.engine.setting import SettingData, SystemData
from grading.engine.result import CriterionResult, Evidence, FamilyScore, GradingResult, Position, Reason, Signal

VERSION = ENGINE_VERSION

__all__ = [
    "ENGINE_VERSION",
    "VERSION",
    "CatalogueIndex",
    "CellData",
    "CriterionData",
    "CriterionResult",
    "ElementData",
    "Evidence",
    "FamilyData",
    "FamilyScore",
    "GradingResult",
    "IndexDeadlinePassed",
    "LevelData",
    "Position",
    "Reason",
    "Signal",
    "RecognitionData",
    "SectionData",
    "SettingData",
    "SystemData",
    "TrackData",
    "build_index",
    "grade",
]
