"""Decision letters (Bescheide) typeset per second, against WeasyPrint on a bare HTML page of the same size.

Run: `python -m bench.decision_letters [--letters N] [--processes 1,2] [--seed S]`

What is measured, over N generated decisions (households of one to six persons, with and without pay;
grants, changes and ends; composed before timing, like the service composes them from the stored row):

letter  `LetterPrinter.pdf(letter)`: the Jinja2 template with the calculation sheet, the months table and
        the stylesheet, typeset by WeasyPrint as tagged PDF/UA-1 — what `GET /decisions/{id}/letter`
        spends in CPU besides its two row reads.
bare    WeasyPrint on a bare HTML page holding the same text (the same number of characters, as
        paragraphs; no template, no stylesheet, no tagging): the typesetter's own limit in this run.

letter/bare is the share of the bare rate the letters keep. Then the same letters with a pool of P
processes (each loads the template once), and the wall time projected from that measured rate for the
letters of a 17,500-household payment month (the payment run's size, README "Payments"). On a box of
two shared cores more processes than cores cannot help; that is the CPU, not the design.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

from weasyprint import HTML

from services.benefits.domain import EarnedIncome, Household, Housing, Member, Role, compute_entitlement
from services.benefits.domain.approval import approval_period
from services.benefits.domain.letters import DecisionOnFile, Letter, Recipient, compose_letter
from services.benefits.domain.snapshots import inputs_json
from services.benefits.domain.views import Computation, Decision
from services.benefits.letters.letterheads import Letterheads
from services.benefits.letters.printer import LetterPrinter
from services.benefits.rule_tables import load_rule_tables

PAYMENT_MONTH = 17_500
MONTH = date(2026, 9, 1)
OFFICES = ("plon", "preetz", "heikendorf", "lutjenburg", "celle")


def _household(rng: random.Random) -> Household:
    def born(low: int, high: int) -> date:
        return MONTH - timedelta(days=rng.randint(low * 365 + 30, high * 365 - 30))

    gross = Decimal(rng.choice([0, 0, 520, 1200, 1800, 3600]))
    pay = (EarnedIncome(gross, (gross * Decimal("0.78")).quantize(Decimal("0.01")), MONTH),) if gross else ()
    children = rng.randint(0, 4)
    members = [Member("applicant", Role.ADULT, born(25, 60), single_parent=children > 0, earned_income=pay)]
    if rng.random() < 0.4:
        members.append(Member("partner", Role.PARTNER, born(25, 60)))
    members += [Member(f"child-{i}", Role.CHILD, born(1, 17), receives_child_benefit=True) for i in range(children)]
    rent = Decimal(rng.randint(350, 800))
    return Household(tuple(members), Housing(rent, Decimal(rng.randint(60, 150)), Decimal(600), in_grace_period=False))


def generate(count: int, seed: int) -> list[Letter]:
    rng, heads = random.Random(seed), Letterheads.load()
    letters = []
    for _ in range(count):
        household = _household(rng)
        result = compute_entitlement(household, MONTH)
        kind = "end" if result.payment == 0 else rng.choice(["grant", "change"])
        previous = Decimal(0) if kind == "grant" else result.payment + Decimal(rng.randint(50, 600))
        decision = Decision(
            uuid4(), uuid4(), rng.choice(OFFICES), 2, kind, "employment_started", None, MONTH, MONTH, previous,
            result.payment, result.income_covers_need, rng.random() < 0.2, approval_period(MONTH, False, True),
            None, "bench", datetime.now(UTC), None, inputs_json(household, MONTH), Computation.of(result),
        )  # fmt: skip
        if kind == "grant":
            decision = replace(decision, cause="household_change")
        on_file = DecisionOnFile(decision, MONTH + timedelta(days=9), MONTH - timedelta(days=31))
        office = decision.office_id
        to = Recipient("Marie Luise Kraska", "Am Markt 7", "24321", "Lütjenburg")
        letters.append(compose_letter(on_file, heads.of(office), heads.objections_for(office), to))
    return letters


def bare_page(printer: LetterPrinter, letter: Letter) -> str:
    """A page with the letter's text and nothing else: as many characters, as plain paragraphs."""
    text = re.sub(r"<[^>]+>", " ", printer.html(letter).split("</style>", 1)[1])
    words = " ".join(text.split())
    paragraphs = "".join(f"<p>{words[i : i + 400]}</p>" for i in range(0, len(words), 400))
    return f"<!DOCTYPE html><html><body>{paragraphs}</body></html>"


def _rate(count: int, started: float) -> float:
    return count / (time.perf_counter() - started)


def letters_per_second(printer: LetterPrinter, letters: Sequence[Letter]) -> tuple[float, int]:
    started, size = time.perf_counter(), 0
    for letter in letters:
        size += len(printer.pdf(letter))
    return _rate(len(letters), started), size // len(letters)


def bare_per_second(pages: Sequence[str]) -> float:
    started = time.perf_counter()
    for page in pages:
        HTML(string=page).write_pdf()
    return _rate(len(pages), started)


_PRINTER: LetterPrinter | None = None


def _render_in_worker(letter: Letter) -> int:
    global _PRINTER
    _PRINTER = _PRINTER or LetterPrinter()
    return len(_PRINTER.pdf(letter))


def pooled_per_second(letters: Sequence[Letter], processes: int) -> float:
    with ProcessPoolExecutor(processes) as pool:
        list(pool.map(_render_in_worker, letters[:processes]))  # warm: template and fonts loaded once each
        started = time.perf_counter()
        list(pool.map(_render_in_worker, letters))
        return _rate(len(letters), started)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=20)
    parser.add_argument("--processes", default="1,2", help="pool sizes to measure, comma-separated")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    load_rule_tables().install()  # as the service does at start-up: the statutory figures are data
    letters, printer = generate(args.letters, args.seed), LetterPrinter()
    pages = [bare_page(printer, letter) for letter in letters]
    printer.pdf(letters[0]), HTML(string=pages[0]).write_pdf()  # warm: fonts, template, first layout
    letter_rate, size = letters_per_second(printer, letters)
    bare_rate = bare_per_second(pages)
    persons = sum(len(letter.persons) for letter in letters) / len(letters)
    print(f"decision letters: {args.letters} letters, {persons:.1f} persons each, {size / 1024:.0f} KiB PDF each")
    print(f"{'':10}{'letters/s':>12}{'ms/letter':>12}")
    print(f"{'letter':10}{letter_rate:12.1f}{1000 / letter_rate:12.1f}")
    print(f"{'bare':10}{bare_rate:12.1f}{1000 / bare_rate:12.1f}")
    print(f"letter/bare: {letter_rate / bare_rate:.2f}x of WeasyPrint's rate on a bare page of the same text")
    print(f"\n{'processes':>10}{'letters/s':>12}{f'{PAYMENT_MONTH:,} letters':>20}")
    for processes in (int(p) for p in args.processes.split(",")):
        rate = pooled_per_second(letters, processes)
        print(f"{processes:>10}{rate:12.1f}{PAYMENT_MONTH / rate / 60:>16.1f} min")


if __name__ == "__main__":
    main()
