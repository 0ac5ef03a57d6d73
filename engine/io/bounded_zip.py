"""Reading members of an untrusted zip (a .docx) within a budget of members, bytes and ratio.

A zip's directory states how many members it has and how large each unpacks, and
both may lie; deflate turns a few kilobytes into gigabytes. So nothing is trusted:

* the member count (stated by the end record, and counted in the directory, which a
  lying record may understate) is checked before `zipfile` builds its table (400,000
  entries cost 2.7 s and 290 MB of `ZipInfo` objects);
* only the compression methods Word writes (stored, deflate) are opened: bzip2 and
  LZMA members inflate slowly and no Word file uses them;
* a member's declared size is checked first, then its actual size as it streams out
  in 1 MB pieces, along with its compression ratio: reading stops at the first piece
  over the budget, so memory stays flat whatever the directory claims.

Every refusal is an `InputError` naming the file, in one line.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import InputError

CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ZipBudget:
    max_members: int = 5_000  # a long Word file with many images has a few hundred
    max_ratio: int = 200  # unpacked / packed; real XML packs 5-30x, a bomb 1000x
    ratio_after: int = 1 << 20  # the ratio is judged once a member has unpacked this much


DEFAULT_BUDGET = ZipBudget()


def member_count(data: bytes) -> int:
    """Members of the zip: the larger of what its end record states and the directory
    entries actually present (a record may understate them; ~20 ms on 64 MB)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65536 - 22))
    stated = struct.unpack_from("<H", data, at + 10)[0] if 0 <= at <= len(data) - 22 else 0
    # 0xFFFF means "see the zip64 record": far beyond any budget anyway.
    return max(stated, data.count(b"PK\x01\x02"))


def open_zip(data: bytes, name: str, budget: ZipBudget = DEFAULT_BUDGET) -> zipfile.ZipFile:
    """A ZipFile over `data`, once the member count is within budget."""
    count = member_count(data)
    if count > budget.max_members:
        raise InputError(name, f"is not a document Storydiff can read (a zip of {count:,} parts; "
                               f"the limit is {budget.max_members:,})")
    return zipfile.ZipFile(io.BytesIO(data))


def stream_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, max_bytes: int,
                  budget: ZipBudget = DEFAULT_BUDGET) -> Iterator[bytes]:
    """The member's bytes in pieces of at most 1 MB, stopping with an InputError at the budget."""
    part = info.filename
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise InputError(name, f"is not a document Storydiff can read ({part} uses a compression "
                               "Word never writes)")
    too_large = f"is too large to read ({part} unpacks to over {max_bytes / 1e6:.0f} MB)"
    if info.file_size > max_bytes:
        raise InputError(name, too_large)
    packed = max(1, info.compress_size)
    done = 0
    with z.open(info) as fh:
        while True:
            # Read one byte past the budget at most: the check below then fires.
            chunk = fh.read(min(CHUNK, max_bytes + 1 - done))
            if not chunk:
                return
            done += len(chunk)
            if done > max_bytes:
                raise InputError(name, too_large)
            if done > budget.ratio_after and done > budget.max_ratio * packed:
                raise InputError(name, f"is not a document Storydiff can read ({part} unpacks "
                                       f"{done // packed:,} times its packed size: a zip bomb?)")
            yield chunk
