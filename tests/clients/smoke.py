"""The integrator's first hour, through the Python client that
openapi-python-client generated from openapi/openapi.json: log in, create a
case, accept it, upload a paper, read it back, read the change feed.

Run by scripts/client-smoke.sh against a live `tgpl serve` with demo data
(TGPL_URL). Any failure raises: the exit status says whether the contract
holds for a generated client.
"""

import datetime
import hashlib
import io
import os
import sys

from tgpl_client import AuthenticatedClient, Client
from tgpl_client.api.auth import auth_login
from tgpl_client.api.cases import cases_accept, cases_create, cases_read
from tgpl_client.api.documents import documents_content, documents_upload
from tgpl_client.api.events import events_feed
from tgpl_client.api.organisations import organisations_list
from tgpl_client.models import (
    AcceptCase,
    CaseCreated,
    CaseFileDto,
    ChangeFeedPage,
    CreateCase,
    DocumentDto,
    DocumentKind,
    LoginRequest,
    OrgKind,
    Problem,
    UploadForm,
)
from tgpl_client.types import File

BASE = os.environ["TGPL_URL"]
PASSWORD = "Demo@2026tgpl"


def check(value, want, what):
    if isinstance(value, Problem) or not isinstance(value, want):
        sys.exit(f"{what}: expected {want.__name__}, got {value!r}")
    return value


def login(username):
    token = check(
        auth_login.sync(
            client=Client(base_url=BASE),
            body=LoginRequest(username=username, password=PASSWORD),
        ),
        object,
        f"login {username}",
    )
    return AuthenticatedClient(base_url=BASE, token=token.access_token)


def main():
    clerk = login("vt.hanoi")
    centres = organisations_list.sync(client=clerk, province="01", kind=OrgKind.CENTRE)
    centre = centres.items[0]

    # A 17-year-old accused: eligible under clause 5 on the request date.
    born = datetime.date.today().replace(year=datetime.date.today().year - 17)
    created = check(
        cases_create.sync(
            client=clerk,
            body=CreateCase.from_dict(
                {
                    "organisation_id": str(centre.id),
                    "channel": "in_person",
                    "form_of_aid": "litigation_defence",
                    "field_of_law": "criminal",
                    "summary": "Bị can 17 tuổi bị khởi tố, gia đình đề nghị cử người bào chữa.",
                    "eligibility": [
                        {
                            "code": "5",
                            "proof_documents_present": True,
                            "financial_hardship_proven": False,
                        }
                    ],
                    "parties": [
                        {
                            "role": "beneficiary",
                            "full_name": "Trần Văn Khách",
                            "date_of_birth": born.isoformat(),
                            "procedural_role": "accused",
                        }
                    ],
                }
            ),
        ),
        CaseCreated,
        "create a case",
    )
    case = created.case
    assert case.status == "received", case.status

    accepted = cases_accept.sync(
        case.id, client=clerk, body=AcceptCase(), if_match=f'"{case.version}"'
    )
    assert not isinstance(accepted, Problem), accepted
    assert accepted.status == "accepted", accepted.status
    assert accepted.code and accepted.code.startswith("TT."), accepted.code

    paper = b"%PDF-1.4\n% Don yeu cau tro giup phap ly\n%%EOF\n"
    doc = check(
        documents_upload.sync(
            case.id,
            client=clerk,
            body=UploadForm(
                kind=DocumentKind.REQUEST_PAPERS,
                file=File(
                    payload=io.BytesIO(paper),
                    file_name="don-yeu-cau.pdf",
                    mime_type="application/pdf",
                ),
            ),
        ),
        DocumentDto,
        "upload a paper",
    )
    assert doc.sha256 == hashlib.sha256(paper).hexdigest(), doc.sha256

    content = documents_content.sync_detailed(case.id, doc.id, client=clerk)
    assert content.status_code == 200, content.status_code
    assert content.content == paper, "the paper read back differs"

    file = check(cases_read.sync(case.id, client=clerk), CaseFileDto, "read the case file")
    assert file.code == accepted.code

    admin = login("admin")
    feed = check(events_feed.sync(client=admin, after=0, limit=1000), ChangeFeedPage, "change feed")
    seen = feed
    types = []
    while True:
        types += [e.type_ for e in seen.items if e.case_id == case.id]
        if not seen.next_:
            break
        seen = events_feed.sync(client=admin, after=int(seen.next_), limit=1000)
    assert types[:2] == ["case.received", "case.accepted"], types
    print(f"python client: case {accepted.code} created, accepted, paper uploaded and read; feed {types}")


if __name__ == "__main__":
    main()
