"""The OpenAPI schema's shared parts: the Bearer token's security scheme, anonymous access on
open reads, and the standard error responses every operation can give (docs/api.md, "Errors").

``add_error_responses`` is a drf-spectacular postprocessing hook: it adds to each operation the
errors it can return, unless the operation documents that status itself:

- 401 (a bad, expired or revoked token; no person where one is needed), 403, 406 and 429: all;
- 404: operations with a path parameter or a page cursor (an unknown cursor is a 404);
- 400: writes, and reads with query parameters (filters);
- 413 and 415: operations with a request body.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import SAFE_METHODS

from healthmatch.api.permissions import ApiAccess, SignedIn

ERROR = "ApiError"
VALIDATION_ERROR = "ApiValidationError"
WRITE_METHODS = {"post", "put", "patch"}

COMPONENTS = {
    ERROR: {
        "type": "object",
        "description": "Every error but a validation error.",
        "properties": {"detail": {"type": "string", "description": "What went wrong."}},
        "required": ["detail"],
    },
    VALIDATION_ERROR: {
        "type": "object",
        "description": (
            "Each field maps to its messages (a list of strings, or for nested data the same "
            "shape again); messages about the whole body are under `non_field_errors`. A body "
            "that is not valid JSON gives `detail` instead."
        ),
        "additionalProperties": {},
        "example": {"title": ["This field is required."], "non_field_errors": ["Closed need."]},
    },
}

STANDARD = {
    "400": ("Invalid input: fields and their messages.", VALIDATION_ERROR, {}),
    "401": (
        "No person where one is needed, or a bad, expired or revoked token.",
        ERROR,
        {"WWW-Authenticate": 'Bearer realm="api"'},
    ),
    "403": (
        "Not allowed: a read-only token writing, a session without its CSRF token, or a rule.",
        ERROR,
        {},
    ),
    "404": ("Not found, or not shared with you; or an unknown page cursor.", ERROR, {}),
    "406": ("The Accept header asks for something other than JSON.", ERROR, {}),
    "413": ("The request body is too large.", ERROR, {}),
    "415": ("The body is not JSON (Content-Type: application/json).", ERROR, {}),
    "429": (
        "Too many requests: wait the seconds in Retry-After.",
        ERROR,
        {"Retry-After": "Seconds to wait."},
    ),
}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "healthmatch.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "hm_<prefix>_<secret>",
            "description": "A personal API token, created at /account/api-tokens/.",
        }


class AutoSchema(SpectacularAutoSchema):
    """Marks reads that anonymous visitors may make (the default permission) as such."""

    def get_auth(self):
        auths = super().get_auth()
        permissions = self.view.get_permissions()
        open_read = self.method in SAFE_METHODS and any(
            isinstance(p, ApiAccess) and not isinstance(p, SignedIn) for p in permissions
        )
        if open_read and {} not in auths:
            auths.append({})
        return auths


def _codes(method: str, operation: dict) -> list[str]:
    parameters = operation.get("parameters", [])
    in_path = any(p.get("in") == "path" for p in parameters)
    in_query = [p.get("name") for p in parameters if p.get("in") == "query"]
    codes = ["401", "403", "406", "429"]
    if in_path or "cursor" in in_query or "page" in in_query:
        codes.append("404")
    if method in WRITE_METHODS or in_query:
        codes.append("400")
    if "requestBody" in operation:
        codes += ["413", "415"]
    return sorted(codes)


def _response(description: str, component: str, headers: dict) -> dict:
    response = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }
    if headers:
        response["headers"] = {
            name: {"schema": {"type": "string"}, "description": example or name}
            for name, example in headers.items()
        }
    return response


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code in _codes(method, operation):
                if code not in responses:
                    responses[code] = _response(*STANDARD[code])
    return result
