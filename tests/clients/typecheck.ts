// Type-checks a TypeScript integrator's use of the types openapi-typescript
// generated from openapi/openapi.json (scripts/client-smoke.sh): the acts
// have their own bodies with required fields, pages name their items, and
// problems carry a code. `tsc --noEmit --strict` fails when the contract
// loses any of this.
import type { components, operations, paths } from "./generated/tgpl";

type Schemas = components["schemas"];

const accept: Schemas["AcceptCase"] = { version: 1 };
const refuse: Schemas["RefuseCase"] = { refusal_ground: "beneficiary_died" };
// @ts-expect-error a refusal names its Art. 30(3) ground
const refuseWithoutGround: Schemas["RefuseCase"] = {};
// @ts-expect-error a field of another act is not part of the body
const acceptWithDate: Schemas["AcceptCase"] = { occurred_on: "2026-01-05" };

type CaseList =
  paths["/api/v1/cases"]["get"]["responses"][200]["content"]["application/json"];
const firstCode = (page: CaseList): string | null | undefined => page.items[0]?.code;

type AssignBody =
  operations["cases_assign"]["requestBody"]["content"]["application/json"];
const assign: AssignBody = { practitioner_id: "0190f000-0000-7000-8000-000000000000" };

type Conflict =
  operations["cases_accept"]["responses"][409]["content"]["application/problem+json"];
const problemCode = (p: Conflict): string => p.code;

export { accept, refuse, refuseWithoutGround, acceptWithDate, firstCode, assign, problemCode };
