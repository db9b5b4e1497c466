"""Pure NLP: article text and metadata in, domain objects out. No database, no web."""

from app.extract.pipeline import PIPELINE_VERSION, ExtractionInput, ExtractionLimits, Extractor

__all__ = ["PIPELINE_VERSION", "ExtractionInput", "ExtractionLimits", "Extractor"]
