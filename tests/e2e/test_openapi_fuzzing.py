"""Every API fuzzed from its own OpenAPI document against the running platform (Schemathesis).

The four services and the worker's journeys API run as processes over real Kafka, Temporal and
databases (the e2e platform; this module sorts after the journey tests, so its data cannot
disturb them). Each operation gets a bounded, derandomized set of valid and invalid requests
signed by a staff member with every role in every office, and valid requests again on
resources that exist (random ids only reach the 404s). Checks: no 5xx, every reply matches the
response schema of its operation, and its status code is one the document declares (the problem
answers every route may give included: they are declared where the routers are included).
Findings are collected per API and reported together, each with a curl line to replay it.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import httpx
import hypothesis
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase
from hypothesis.strategies import SearchStrategy
from schemathesis import GenerationMode
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from services.platform.auth.staff import Role
from tests.e2e import steps
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

pytestmark = pytest.mark.e2e
APIS = ("intake", "coaching", "placement", "benefits", "reporting", "journeys")
CHECKS = [schemathesis.checks.not_a_server_error, response_schema_conformance, status_code_conformance]
# Bounded for CI (well under two minutes on two cores for all five APIs); derandomized, so a run repeats.
EXAMPLES = {GenerationMode.POSITIVE: 15, GenerationMode.NEGATIVE: 6}
EXAMPLES_ON_KNOWN = 20
SETTINGS = hypothesis.settings(
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)
REQUEST_TIMEOUT = 30


@dataclass(frozen=True)
class Finding:
    operation: str
    check: str
    status: int
    detail: str
    curl: str

    def __str__(self) -> str:
        return f"{self.operation} [{self.check}] → {self.status}: {self.detail}\n    {self.curl}"


@dataclass
class Fuzzing:
    """One API's run: operations, requests sent, and findings (the first of each kind per operation)."""

    api: str
    operations: int = 0
    requests: int = 0
    findings: dict[tuple[str, str, str], Finding] = field(default_factory=dict)

    def record(self, finding: Finding) -> None:
        self.findings.setdefault((finding.operation, finding.check, finding.detail[:80]), finding)

    def summary(self, seconds: float) -> str:
        kinds = Counter(f.check for f in self.findings.values())
        return (
            f"{self.api}: {self.operations} operations, {self.requests} requests, "
            f"{len(self.findings)} findings {dict(kinds)} in {seconds:.1f} s"
        )


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as http:
        yield http


@pytest.fixture(scope="module")
async def known(platform: Platform) -> dict[str, str]:
    """Resources that exist, for the path parameters: a client with a case, a journey and a household,
    an employer and a vacancy."""
    async with httpx.AsyncClient(timeout=30) as http:
        staff = StaffApps(platform, http)
        client = await steps.register_single_parent(staff, given_name="Fuzz")
        await steps.enter_household(staff, client, date.today().replace(day=1))
        await steps.assigned_case_worker(staff, client["client_id"])
        employer = await steps.add_employer(staff, name="Fuzz GmbH")
        vacancy = await steps.add_vacancy(staff, employer["employer_id"], "Pflegehilfe", "08:30")
    return {
        "client_id": client["client_id"],
        "household_id": client["household_id"],
        "office_id": steps.OFFICE,
        "employer_id": employer["employer_id"],
        "vacancy_id": vacancy["vacancy_id"],
    }


@pytest.mark.parametrize("api", APIS)
def test_every_operation_answers_without_a_server_error_and_as_its_openapi_document_says(
    platform: Platform, session: requests.Session, known: dict[str, str], api: str
) -> None:
    started = time.monotonic()
    _wait_until_serving(session, platform.url(api))
    schema = schemathesis.openapi.from_url(f"{platform.url(api)}/openapi.json")
    headers = platform.headers(*Role)
    fuzzing = Fuzzing(api)
    for result in schema.get_all_operations():
        operation = result.ok()
        fuzzing.operations += 1
        for mode, examples in EXAMPLES.items():
            _fuzz(operation.as_strategy(generation_mode=mode), mode, examples, headers, session, fuzzing)
        names = {parameter.name for parameter in operation.path_parameters}
        if names and names <= known.keys():
            strategy = operation.as_strategy(path_parameters={name: known[name] for name in names})
            _fuzz(strategy, GenerationMode.POSITIVE, EXAMPLES_ON_KNOWN, headers, session, fuzzing)
    print(f"\n{fuzzing.summary(time.monotonic() - started)}")
    assert not fuzzing.findings, "\n".join(map(str, fuzzing.findings.values()))


def _fuzz(
    strategy: SearchStrategy[schemathesis.Case],
    mode: GenerationMode,
    examples: int,
    headers: dict[str, str],
    session: requests.Session,
    fuzzing: Fuzzing,
) -> None:
    @hypothesis.given(case=strategy)
    @hypothesis.settings(SETTINGS, max_examples=examples)
    def run(case: schemathesis.Case) -> None:
        sent = {**headers, "Idempotency-Key": f"fuzz-{uuid.uuid4()}"}
        response = case.call(headers=sent, session=session, timeout=REQUEST_TIMEOUT)
        fuzzing.requests += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=sent)
        except FailureGroup as group:
            failures: list[Failure] = list(group.exceptions)
        except Failure as failure:
            failures = [failure]
        else:
            return
        for failure in failures:
            fuzzing.record(_finding(case, response.status_code, failure))

    try:
        run()
    except hypothesis.errors.Unsatisfiable:
        if mode is GenerationMode.POSITIVE:
            raise
        # Nothing about the operation can be invalid (no parameters, no body): nothing to send.


def _finding(case: schemathesis.Case, status: int, failure: Failure) -> Finding:
    detail = " ".join(str(failure.message or failure.title).split())[:400]
    curl = case.as_curl_command(headers={"Authorization": "Bearer <token>"})
    return Finding(case.operation.label, type(failure).__name__, status, detail, curl[:600])


def _wait_until_serving(session: requests.Session, url: str, timeout: float = 60) -> None:
    """The services are healthy once the platform has started; the worker's API may still be starting."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if session.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        assert time.monotonic() < deadline, f"{url} did not come up"
        time.sleep(0.2)
