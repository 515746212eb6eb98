"""Validate QTI 2.1 items and IMS content-package manifests against the official XSDs, offline.

`validate_qti(xml)` checks a document against imsqti_v2p1.xsd, `validate_manifest(xml)`
checks an imsmanifest.xml against imscp_v1p1.xsd; each gives its errors as
"line N: message" strings, an empty list when the document is valid.

The schemas are the files in tests/schemas (see its README for where each came from).
They are kept byte for byte as published, so their imports still name the web addresses
IMS and the W3C serve them from; a resolver answers those addresses with the local copies
and refuses any other, and every parser here has the network switched off. A schema is
compiled once per process, on first use: the QTI one takes a good part of a second.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"

QTI_NAMESPACE = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NAMESPACE = "http://www.imsglobal.org/xsd/imscp_v1p1"

# What the schemas' <xs:import schemaLocation="..."> name, and the copy that answers each.
# The W3C addresses are included as well as IMS's mirrors of them: a schema edited later
# to name the W3C's own copy still resolves, rather than silently going to the network.
LOCAL_COPIES: dict[str, str] = {
    "http://www.imsglobal.org/xsd/w3/2001/xml.xsd": "w3/xml.xsd",
    "http://www.w3.org/2001/xml.xsd": "w3/xml.xsd",
    "http://www.imsglobal.org/xsd/w3/2001/XInclude.xsd": "w3/XInclude.xsd",
    "http://www.w3.org/2001/XInclude.xsd": "w3/XInclude.xsd",
    "http://www.w3.org/Math/XMLSchema/mathml2/mathml2.xsd": "mathml2/mathml2.xsd",
    "http://www.imsglobal.org/profile/apip/apipv1p0/apipv1p0_qtiextv2p1_v1p0.xsd": (
        "apipv1p0_qtiextv2p1_v1p0.xsd"
    ),
}


class OfflineResolver(etree.Resolver):  # type: ignore[misc]
    """Answers a schema's imports from tests/schemas; any other web address is an error.

    Relative imports (MathML's includes, the manifest schema's) resolve against the local
    file that names them, so they reach lxml as file paths under tests/schemas: those pass
    through. Anything else would mean a schema this module does not know about.
    """

    def resolve(self, system_url: str, public_id: str | None, context: Any) -> Any:
        local = LOCAL_COPIES.get(system_url)
        if local is not None:
            return self.resolve_filename(str(SCHEMAS / local), context)
        if "://" in system_url and not system_url.startswith("file:"):
            raise LookupError(f"schema import not available offline: {system_url}")
        return None


def _parser() -> Any:
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(OfflineResolver())
    return parser


@functools.cache
def _schema(filename: str) -> Any:
    """The compiled schema, once per process (functools.cache is the module-level cache)."""
    document = etree.parse(str(SCHEMAS / filename), _parser())
    return etree.XMLSchema(document)


def qti_schema() -> Any:
    return _schema("imsqti_v2p1.xsd")


def manifest_schema() -> Any:
    return _schema("imscp_v1p1.xsd")


def _validate(schema: Any, xml: bytes) -> list[str]:
    # A document that is not well-formed XML is reported like a schema error, not raised:
    # callers want one list of what is wrong with the bytes they were given.
    instance_parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    try:
        document = etree.fromstring(xml, instance_parser).getroottree()
    except etree.XMLSyntaxError as error:
        return [f"line {error.lineno}: not well-formed: {error.msg}"]
    if schema.validate(document):
        return []
    return [f"line {entry.line}: {entry.message}" for entry in schema.error_log]


def validate_qti(xml: bytes) -> list[str]:
    """Errors against imsqti_v2p1.xsd (the QTI 2.1 final release); empty when valid."""
    return _validate(qti_schema(), xml)


def validate_manifest(xml: bytes) -> list[str]:
    """Errors against imscp_v1p1.xsd (IMS Content Packaging 1.1.4); empty when valid.

    The schema lets any element of another namespace into metadata, resources and files
    (xs:any namespace="##other" processContents="lax"), so QTI metadata in a resource's
    <metadata> is accepted unchecked, as the packaging specification allows. IMS metadata
    (imsmd_v1p2) is checked, since this copy of the schema imports its schema.
    """
    return _validate(manifest_schema(), xml)
