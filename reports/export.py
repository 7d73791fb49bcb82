"""The pack as a file: the workbook or the PDF, and the "export" it makes in the audit log.

The Quarterly report page's downloads and ``mittari report`` both export
through ``export_pack``, so every pack that leaves the app is in the log, by
whom, of which programme and quarter, in which format.
"""

from __future__ import annotations

from db import accounts
from reports.pdf import pack_pdf
from reports.workbook import pack_workbook

FORMATS = {"xlsx": pack_workbook, "pdf": pack_pdf}
"""The formats a pack is exported in, each with the function that writes it."""


def export_pack(
    pack: dict, kind: str, lang: str, username: str, *, with_cents: bool = False, url: str | None = None
) -> bytes:
    """The pack (``reports.quarterly.quarterly_pack``, with any extra section) as ``kind``'s bytes, recorded.

    The audit event "export" goes under ``username`` with the pack's programme
    and quarter and the format, once the file is written (a pack that fails to
    print is not logged as exported). Euros are whole unless ``with_cents``.
    """
    content = FORMATS[kind](pack, lang, with_cents)
    accounts.pack_exported(username, pack["programme"], pack["quarter"], kind, url=url)
    return content
