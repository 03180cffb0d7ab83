"""The kop surat printed on every document: a deployment setting, Kota Cilegon by default.

Read from the environment (LETTERHEAD_GOVERNMENT, LETTERHEAD_AGENCY, LETTERHEAD_ADDRESS) so that
another city, a province, or a renamed agency needs configuration, not code.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TypedDict


class Letterhead(TypedDict):
    government: str
    agency: str
    address: str


CILEGON = Letterhead(
    government="PEMERINTAH KOTA CILEGON",
    agency="BADAN PERENCANAAN PEMBANGUNAN DAERAH, PENELITIAN DAN PENGEMBANGAN",
    # A neutral placeholder: the real street address, telephone and e-mail belong in
    # LETTERHEAD_ADDRESS of the deployment, not in code.
    address="Kota Cilegon, Provinsi Banten",
)


def load(environ: Mapping[str, str] | None = None) -> Letterhead:
    """The letterhead of this deployment; an unset or empty variable keeps the default."""
    env = os.environ if environ is None else environ
    return Letterhead(
        government=env.get("LETTERHEAD_GOVERNMENT") or CILEGON["government"],
        agency=env.get("LETTERHEAD_AGENCY") or CILEGON["agency"],
        address=env.get("LETTERHEAD_ADDRESS") or CILEGON["address"],
    )
