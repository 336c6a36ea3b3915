"""Evidence intake, parsing layer: files into tables, tables into typed records.

``open_tables`` reads a CSV/TXT/TSV, Excel workbook or HTML "xls" into :class:`Table` s;
``auto_map`` proposes which column holds which field; ``bank_records``, ``call_records``
and ``register_records`` turn rows into records or :class:`RejectedRow` s with a reason.
"""

from .columns import (
    BANK_FIELDS,
    CALL_FIELDS,
    FIELD_LABELS,
    KINDS,
    REGISTER_FIELDS,
    REQUIREMENTS,
    SYNONYMS,
    Mapping,
    auto_map,
    clean_header,
    guess_kind,
    header_signature,
    is_known_header,
    mapping_from_dict,
    mapping_to_dict,
    normalize_header,
)
from .read import Table, UnreadableFileError, detect_delimiter, detect_encoding, open_tables
from .records import (
    BankRecord,
    CallRecord,
    RegisterRecord,
    RejectedRow,
    bank_records,
    call_records,
    register_records,
    row_problems,
)
from .values import (
    CALL_TYPES,
    ValueParseError,
    format_amount,
    parse_amount,
    parse_call_type,
    parse_datetime,
    parse_direction,
    parse_duration,
)

__all__ = [
    "BANK_FIELDS",
    "CALL_FIELDS",
    "CALL_TYPES",
    "FIELD_LABELS",
    "KINDS",
    "REGISTER_FIELDS",
    "REQUIREMENTS",
    "SYNONYMS",
    "BankRecord",
    "CallRecord",
    "Mapping",
    "RegisterRecord",
    "RejectedRow",
    "Table",
    "UnreadableFileError",
    "ValueParseError",
    "auto_map",
    "bank_records",
    "call_records",
    "clean_header",
    "detect_delimiter",
    "detect_encoding",
    "format_amount",
    "guess_kind",
    "header_signature",
    "is_known_header",
    "mapping_from_dict",
    "mapping_to_dict",
    "normalize_header",
    "open_tables",
    "parse_amount",
    "parse_call_type",
    "parse_datetime",
    "parse_direction",
    "parse_duration",
    "register_records",
    "row_problems",
]
