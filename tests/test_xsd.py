"""The official QTI 2.1 and content-packaging XSDs, checked offline (tests/xsd.py).

These pin what the schemas accept and refuse, so that the `build --format qti` tests can
trust a clean validation: a hand-made item using every interaction the worksheets need is
valid, and the mistakes an exporter makes (order, unknown elements, missing attributes,
wrong enumerations) are caught with a message that names them.
"""

from __future__ import annotations

import time

from xsd import (
    CP_NAMESPACE,
    QTI_NAMESPACE,
    manifest_schema,
    qti_schema,
    validate_manifest,
    validate_qti,
)

QTI = "{" + QTI_NAMESPACE + "}"
CP = "{" + CP_NAMESPACE + "}"

DECLARATIONS = """\
  <responseDeclaration identifier="LOADED" cardinality="multiple" baseType="identifier">
    <correctResponse><value>reckless</value></correctResponse>
  </responseDeclaration>
  <responseDeclaration identifier="KIND" cardinality="single" baseType="identifier">
    <correctResponse><value>emotive</value></correctResponse>
  </responseDeclaration>
  <responseDeclaration identifier="PAIRS" cardinality="multiple" baseType="directedPair">
    <correctResponse>
      <value>reckless emotive</value>
      <value>experts vague</value>
    </correctResponse>
  </responseDeclaration>
  <responseDeclaration identifier="WHO" cardinality="single" baseType="string">
    <correctResponse><value>council</value></correctResponse>
  </responseDeclaration>
  <responseDeclaration identifier="WHY" cardinality="single" baseType="string"/>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">
    <defaultValue><value>0</value></defaultValue>
  </outcomeDeclaration>
"""

HOTTEXT = """\
    <hottextInteraction responseIdentifier="LOADED" maxChoices="0">
      <prompt>Click each word that judges before it shows.</prompt>
      <p>The mayor's <hottext identifier="reckless">reckless</hottext> plan was
        <hottext identifier="announced">announced</hottext> on Monday.</p>
    </hottextInteraction>
"""

BODY = f"""\
  <itemBody>
{HOTTEXT}\
    <choiceInteraction responseIdentifier="KIND" shuffle="false" maxChoices="1">
      <prompt>What kind of problem is “reckless”?</prompt>
      <simpleChoice identifier="emotive">Emotive language</simpleChoice>
      <simpleChoice identifier="vague">Vague attribution</simpleChoice>
    </choiceInteraction>
    <matchInteraction responseIdentifier="PAIRS" shuffle="false" maxAssociations="2">
      <prompt>Match each phrase to its problem.</prompt>
      <simpleMatchSet>
        <simpleAssociableChoice identifier="reckless" matchMax="1">reckless</simpleAssociableChoice>
        <simpleAssociableChoice identifier="experts" matchMax="1">Experts agree</simpleAssociableChoice>
      </simpleMatchSet>
      <simpleMatchSet>
        <simpleAssociableChoice identifier="emotive" matchMax="1">emotive language</simpleAssociableChoice>
        <simpleAssociableChoice identifier="vague" matchMax="1">vague attribution</simpleAssociableChoice>
      </simpleMatchSet>
    </matchInteraction>
    <p>Whose report would settle it? <textEntryInteraction responseIdentifier="WHO" expectedLength="20"/></p>
    <extendedTextInteraction responseIdentifier="WHY" expectedLines="4">
      <prompt>Why does the word “reckless” matter here?</prompt>
    </extendedTextInteraction>
    <rubricBlock view="scorer">
      <p>Full marks: the answer says the word judges the plan before any fact about it is given.</p>
    </rubricBlock>
  </itemBody>
"""

# Custom processing (no template): a point per part, the essay left to the scorer.
PROCESSING = """\
  <responseProcessing>
    <responseCondition>
      <responseIf>
        <member>
          <baseValue baseType="identifier">reckless</baseValue>
          <variable identifier="LOADED"/>
        </member>
        <setOutcomeValue identifier="SCORE">
          <sum><variable identifier="SCORE"/><baseValue baseType="float">1</baseValue></sum>
        </setOutcomeValue>
      </responseIf>
    </responseCondition>
    <responseCondition>
      <responseIf>
        <match><variable identifier="KIND"/><correct identifier="KIND"/></match>
        <setOutcomeValue identifier="SCORE">
          <sum><variable identifier="SCORE"/><baseValue baseType="float">1</baseValue></sum>
        </setOutcomeValue>
      </responseIf>
    </responseCondition>
    <responseCondition>
      <responseIf>
        <match><variable identifier="PAIRS"/><correct identifier="PAIRS"/></match>
        <setOutcomeValue identifier="SCORE">
          <sum><variable identifier="SCORE"/><baseValue baseType="float">1</baseValue></sum>
        </setOutcomeValue>
      </responseIf>
      <responseElse>
        <setOutcomeValue identifier="SCORE">
          <sum><variable identifier="SCORE"/><baseValue baseType="float">0</baseValue></sum>
        </setOutcomeValue>
      </responseElse>
    </responseCondition>
    <responseCondition>
      <responseIf>
        <stringMatch caseSensitive="false">
          <variable identifier="WHO"/><correct identifier="WHO"/>
        </stringMatch>
        <setOutcomeValue identifier="SCORE">
          <sum><variable identifier="SCORE"/><baseValue baseType="float">1</baseValue></sum>
        </setOutcomeValue>
      </responseIf>
    </responseCondition>
  </responseProcessing>
"""


def item(declarations: str = DECLARATIONS, body: str = BODY, processing: str = PROCESSING) -> bytes:
    return f"""\
<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="{QTI_NAMESPACE}"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="{QTI_NAMESPACE} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
    identifier="town-row-1" title="A Small Town Row" xml:lang="en"
    adaptive="false" timeDependent="false">
{declarations}{body}{processing}</assessmentItem>
""".encode()


def test_an_item_with_every_interaction_the_sheets_use_is_valid() -> None:
    assert validate_qti(item()) == []


def test_declarations_out_of_order_are_refused() -> None:
    responses, outcome = DECLARATIONS.split("  <outcomeDeclaration", 1)
    errors = validate_qti(item(declarations="  <outcomeDeclaration" + outcome + responses))
    assert len(errors) == 1
    assert f"Element '{QTI}responseDeclaration': This element is not expected." in errors[0]


def test_body_before_declarations_is_refused() -> None:
    errors = validate_qti(item(declarations="", body=BODY + DECLARATIONS))
    assert f"Element '{QTI}responseDeclaration': This element is not expected." in errors[0]


def test_an_unknown_interaction_is_refused() -> None:
    body = BODY.replace("<itemBody>", '<itemBody>\n    <spotInteraction responseIdentifier="X"/>')
    errors = validate_qti(item(body=body))
    assert len(errors) == 1
    assert f"Element '{QTI}spotInteraction': This element is not expected." in errors[0]


def test_an_element_of_no_namespace_is_refused() -> None:
    body = BODY.replace("<itemBody>", "<itemBody>\n    <p xmlns=''>plain</p>")
    errors = validate_qti(item(body=body))
    assert len(errors) == 1
    assert "Element 'p': This element is not expected." in errors[0]


def test_a_hottext_straight_in_the_item_body_is_refused() -> None:
    # hottext is inline content: the body takes only blocks.
    errors = validate_qti(item(body='  <itemBody><hottext identifier="x">x</hottext></itemBody>\n'))
    assert len(errors) == 1
    assert f"Element '{QTI}hottext': This element is not expected." in errors[0]


def test_a_hottext_outside_a_hottext_interaction_is_not_caught_by_the_schema() -> None:
    # The XSD admits <hottext> wherever inline content goes, even inside another hottext:
    # that it belongs in a hottextInteraction is in the specification's prose only, so the
    # exporter's own tests have to check it.
    stray = BODY.replace(
        "<p>Whose report", '<p><hottext identifier="stray">stray</hottext> Whose report'
    )
    assert validate_qti(item(body=stray)) == []
    nested = BODY.replace(
        '<hottext identifier="announced">announced</hottext>',
        '<hottext identifier="announced"><hottext identifier="on">announced</hottext></hottext>',
    )
    assert validate_qti(item(body=nested)) == []


def test_a_missing_required_attribute_is_refused() -> None:
    body = BODY.replace('<choiceInteraction responseIdentifier="KIND" ', "<choiceInteraction ")
    errors = validate_qti(item(body=body))
    assert len(errors) == 1
    assert "The attribute 'responseIdentifier' is required but missing." in errors[0]


def test_a_rubric_view_outside_the_list_is_refused() -> None:
    body = BODY.replace('<rubricBlock view="scorer">', '<rubricBlock view="teacher">')
    errors = validate_qti(item(body=body))
    assert any(
        f"Element '{QTI}rubricBlock', attribute 'view'" in error and "'teacher'" in error
        for error in errors
    )


def test_response_processing_needs_a_rule_not_bare_expressions() -> None:
    processing = "  <responseProcessing>\n    <sum><baseValue baseType='float'>1</baseValue></sum>\n  </responseProcessing>\n"
    errors = validate_qti(item(processing=processing))
    assert len(errors) == 1
    assert f"Element '{QTI}sum': This element is not expected." in errors[0]


def test_xml_that_is_not_well_formed_is_an_error_not_an_exception() -> None:
    errors = validate_qti(item().replace(b"</itemBody>", b""))
    assert len(errors) == 1
    assert "not well-formed" in errors[0]


MANIFEST = """\
<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2"
    xmlns:imsqti="http://www.imsglobal.org/xsd/imsqti_metadata_v2p1"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
    identifier="MANIFEST-town-row">
  <metadata>
    <schema>QTIv2.1 Package</schema>
    <schemaversion>1.0.0</schemaversion>
    <imsmd:lom>
      <imsmd:general>
        <imsmd:title><imsmd:langstring xml:lang="en">Spot It</imsmd:langstring></imsmd:title>
      </imsmd:general>
    </imsmd:lom>
  </metadata>
  <organizations/>
  <resources>
    <resource identifier="town-row-1" type="imsqti_item_xmlv2p1" href="items/town-row-1.xml">
      <metadata>
        <imsqti:qtiMetadata>
          <imsqti:interactionType>hottextInteraction</imsqti:interactionType>
          <imsqti:interactionType>choiceInteraction</imsqti:interactionType>
        </imsqti:qtiMetadata>
      </metadata>
      <file href="items/town-row-1.xml"/>
    </resource>
    <resource identifier="town-row-2" type="imsqti_item_xmlv2p1" href="items/town-row-2.xml">
      <file href="items/town-row-2.xml"/>
      <dependency identifierref="town-row-1"/>
    </resource>
  </resources>
</manifest>
"""


def test_a_manifest_for_two_items_is_valid() -> None:
    assert validate_manifest(MANIFEST.encode()) == []


def test_a_resource_without_a_type_is_refused() -> None:
    broken = MANIFEST.replace(' type="imsqti_item_xmlv2p1" href="items/town-row-2.xml"', "")
    errors = validate_manifest(broken.encode())
    assert len(errors) == 1
    assert "The attribute 'type' is required but missing." in errors[0]


def test_a_manifest_without_organizations_is_refused() -> None:
    errors = validate_manifest(MANIFEST.replace("  <organizations/>\n", "").encode())
    assert len(errors) == 1
    assert (
        f"Element '{CP}resources': This element is not expected. Expected is ( {CP}organizations )."
        in errors[0]
    )


def test_ims_metadata_is_checked_since_the_schema_imports_it() -> None:
    broken = MANIFEST.replace("<imsmd:title>", "<imsmd:titel>").replace(
        "</imsmd:title>", "</imsmd:titel>"
    )
    errors = validate_manifest(broken.encode())
    assert any("titel" in error for error in errors)


def test_schemas_are_compiled_once() -> None:
    assert qti_schema() is qti_schema()
    assert manifest_schema() is manifest_schema()


def test_validating_is_quick_once_the_schemas_are_loaded() -> None:
    qti_schema()
    manifest_schema()
    started = time.perf_counter()
    assert validate_qti(item()) == []
    assert validate_manifest(MANIFEST.encode()) == []
    assert time.perf_counter() - started < 0.5
