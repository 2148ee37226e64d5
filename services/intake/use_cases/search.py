"""Finding clients: the search at intake and the lookup of names for a worklist. One transaction each, each audited.

The database narrows (office scope, exact criteria, and for each word of the name a name token of the client
that sounds alike or shares its first letters; all indexed);
the domain ranks what it returns. At most MAX_CANDIDATES rows are ranked: a search that narrows less than
that (a postcode alone in a large town) shows only part of its matches, in the order of their names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlmodel import col

from services.intake.domain.names import NameToken
from services.intake.domain.search import Candidate, Hit, SearchCriteria, after, check_criteria, rank
from services.intake.tables import ClientNameTokenRow, ClientRow, search_audit
from services.platform.auth.staff import StaffUser
from services.platform.cursors import FIELD, decode_cursor, encode_cursor
from services.platform.errors import RuleViolation
from services.platform.privacy.cipher import FieldCipher
from services.platform.privacy.searches import Search, record_search
from services.platform.unit_of_work import Transaction

MAX_CANDIDATES = 5000
_CANDIDATE_COLUMNS = (
    col(ClientRow.client_id),
    col(ClientRow.client_number),
    col(ClientRow.given_name),
    col(ClientRow.family_name),
    col(ClientRow.birth_date),
    col(ClientRow.postcode),
    col(ClientRow.office_id),
)


@dataclass(frozen=True)
class HitPage:
    items: list[Hit]
    next_cursor: str | None


@dataclass(frozen=True)
class Audited:
    """Where a use case records who searched what: the service's search audit, sealed with its key ring."""

    cipher: FieldCipher
    purpose: str


def _token_matches(token: NameToken) -> ColumnElement[bool]:
    folded = col(ClientNameTokenRow.folded)
    # Folded tokens hold only a–z: a range on the indexed column finds those that start with the prefix.
    return or_(
        col(ClientNameTokenRow.phonetic) == token.phonetic,
        and_(folded >= token.prefix, folded <= token.prefix + "z" * 200),
    )


def candidates_query(
    criteria: SearchCriteria, tokens: Sequence[NameToken], offices: frozenset[str] | None
) -> Select[UUID, str, str, str, date, str, str]:
    query = select(*_CANDIDATE_COLUMNS).where(col(ClientRow.merged_into).is_(None))  # merged away: not found
    if offices is not None:
        query = query.where(col(ClientRow.office_id).in_(sorted(offices)))
    if criteria.birth_date is not None:
        query = query.where(col(ClientRow.birth_date) == criteria.birth_date)
    if criteria.postcode is not None:
        query = query.where(col(ClientRow.postcode) == criteria.postcode)
    if criteria.client_number is not None:
        query = query.where(col(ClientRow.client_number) == criteria.client_number)
    for token in tokens:  # each word of the query must find a name of the client, as the ranking demands
        named = select(col(ClientNameTokenRow.client_id)).where(_token_matches(token))
        query = query.where(col(ClientRow.client_id).in_(named))
    order = (col(ClientRow.family_name), col(ClientRow.given_name), col(ClientRow.client_number))
    return query.order_by(*order).limit(MAX_CANDIDATES)


def _page_key(cursor: str | None) -> tuple[int, str, str, str] | None:
    if cursor is None:
        return None
    score, family, given, number = decode_cursor(cursor, 4)
    if not (isinstance(score, int) and all(isinstance(v, str) for v in (family, given, number))):
        raise RuleViolation(FIELD, "not a cursor of this listing")
    return score, family, given, number


async def search_clients(
    tx: Transaction, criteria: SearchCriteria, by: StaffUser, audited: Audited, cursor: str | None, limit: int
) -> HitPage:
    """The clients that match, best first, within the caller's offices (one narrowing query, then ranking)."""
    tokens = check_criteria(criteria)
    offices = by.visible_offices(criteria.office_id)
    key = _page_key(cursor)
    rows = (await tx.session.execute(candidates_query(criteria, tokens, offices))).all()
    hits = after(rank(criteria, (Candidate(*row) for row in rows)), key)
    page = hits[:limit]
    shown = [h.candidate.client_id for h in page]
    criteria_json = {k: (str(v) if v is not None else None) for k, v in asdict(criteria).items()}
    await record_search(
        tx.session, search_audit, audited.cipher, Search(by, audited.purpose, offices, criteria_json, shown)
    )
    return HitPage(page, encode_cursor(page[-1].order_key) if len(hits) > limit else None)


async def clients_by_ids(
    tx: Transaction, client_ids: Sequence[UUID], by: StaffUser, audited: Audited
) -> list[Candidate]:
    """The named clients the caller may see, in the order asked; others' offices and unknown ids are left out."""
    offices = by.visible_offices()
    query = select(*_CANDIDATE_COLUMNS).where(col(ClientRow.client_id).in_(list(dict.fromkeys(client_ids))))
    if offices is not None:
        query = query.where(col(ClientRow.office_id).in_(sorted(offices)))
    found = {row[0]: Candidate(*row) for row in (await tx.session.execute(query)).all()}
    shown = [found[c] for c in dict.fromkeys(client_ids) if c in found]
    criteria = {"client_ids": [str(c) for c in dict.fromkeys(client_ids)]}
    await record_search(
        tx.session,
        search_audit,
        audited.cipher,
        Search(by, audited.purpose, offices, criteria, [c.client_id for c in shown]),
    )
    return shown


async def record_shown(
    tx: Transaction, by: StaffUser, audited: Audited, criteria: Mapping[str, str | None], shown: Sequence[UUID]
) -> None:
    """The search audit of a read that named clients without a search (a worklist, a duplicate check)."""
    search = Search(by, audited.purpose, by.visible_offices(), criteria, list(dict.fromkeys(shown)))
    await record_search(tx.session, search_audit, audited.cipher, search)
