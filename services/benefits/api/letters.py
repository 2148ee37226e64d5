"""HTTP routes of decision letters: the household's recipient, and a decision as its letter (PDF)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response

from services.benefits.api import BenefitsClerk, sealing
from services.benefits.letters.letterheads import Letterheads
from services.benefits.letters.printer import LetterPrinter
from services.benefits.schemas.recipients import RecipientIn, RecipientOut
from services.benefits.use_cases import letters
from services.platform.http.replies import reply
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

router = APIRouter(tags=["decisions"])
PDF = "application/pdf"


def _printer(request: Request) -> LetterPrinter:
    printer: LetterPrinter = request.app.state.letter_printer
    return printer


def _letterheads(request: Request) -> Letterheads:
    heads: Letterheads = request.app.state.letterheads
    return heads


PrinterDep = Annotated[LetterPrinter, Depends(_printer)]
LetterheadsDep = Annotated[Letterheads, Depends(_letterheads)]


@router.put(
    "/households/{household_id}/recipient",
    response_model=RecipientOut,
    tags=["households"],
    summary="Enter whom the household's letters go to",
)
async def enter_recipient(
    household_id: UUID,
    body: RecipientIn,
    runtime: RuntimeDep,
    user: BenefitsClerk,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
) -> RecipientOut:
    """Name and postal address for the decision letters, stored sealed (each write and read audited); a
    later PUT replaces them. Events never carry them. 404 while intake's registration has not arrived."""
    async with runtime.uow.transaction() as tx:
        return await reply(
            RecipientOut, letters.enter_recipient(tx, household_id, body.to_domain(), sealing(user, vault, purpose))
        )


@router.get(
    "/households/{household_id}/recipient",
    response_model=RecipientOut,
    tags=["households"],
    summary="Whom the household's letters go to",
)
async def get_recipient(
    household_id: UUID, runtime: RuntimeDep, user: BenefitsClerk, vault: SpecialCategoriesDep, purpose: Purpose
) -> RecipientOut:
    """The recipient as entered (an audited read); 404 while none is entered."""
    async with runtime.uow.transaction() as tx:
        return await reply(RecipientOut, letters.household_recipient(tx, household_id, sealing(user, vault, purpose)))


@router.get(
    "/decisions/{decision_id}/letter",
    response_class=Response,
    responses={
        200: {
            "description": "the decision letter (Bescheid), A4, tagged PDF (PDF/UA-1)",
            "content": {PDF: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
    summary="A decision as its letter (PDF)",
)
async def decision_letter(
    decision_id: UUID,
    runtime: RuntimeDep,
    user: BenefitsClerk,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    printer: PrinterDep,
    heads: LetterheadsDep,
) -> Response:
    """The German letter of a stored decision: letterhead of the office, recipient, kind (Bewilligungs-,
    Änderungs-, Aufhebungsbescheid), approval period, the monthly amount per person and month, reasons, notice
    of legal remedy, and the calculation sheet with every line of the explanation and its paragraph. For the
    benefits clerks of the decision's office; the read of the computation and the recipient is audited.
    409 while no recipient is entered (`PUT /households/{household_id}/recipient`)."""
    async with runtime.uow.transaction() as tx:
        letter = await letters.decision_letter(tx, decision_id, sealing(user, vault, purpose), heads)
    pdf = await printer.pdf_off_loop(letter)
    filename = f"bescheid-{letter.dated.isoformat()}-{decision_id}.pdf"
    return Response(pdf, media_type=PDF, headers={"Content-Disposition": f'inline; filename="{filename}"'})
