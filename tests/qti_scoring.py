"""A QTI 2.1 response-processing interpreter for the subset spinsheet writes, after the spec.

Tests run an item's own <responseProcessing> on scripted responses with this, so what
is checked is the XML an LMS would run, not the Python that wrote it. NULL follows the
spec: an operator given NULL gives NULL (except `isNull`, and `or`/`and` when another
operand already settles them), and a condition that is NULL counts as false.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
MAP_RESPONSE = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"
Value = Any  # None (NULL), a str, int or float, or a list for a multiple container


def _local(element: etree._Element) -> str:
    return str(etree.QName(element).localname)


def _children(element: etree._Element) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str)]


class Item:
    """One assessmentItem, ready to score responses."""

    def __init__(self, xml: bytes) -> None:
        self.root = etree.fromstring(xml)
        self.declarations = {
            d.get("identifier"): d for d in self.root.iter(f"{{{QTI}}}responseDeclaration")
        }

    def score(self, responses: dict[str, Value]) -> float:
        """SCORE after the item's response processing, given each response's value."""
        self.responses = {k: self._typed(k, v) for k, v in responses.items()}
        self.outcomes: dict[str, Value] = {}
        for declaration in self.root.iter(f"{{{QTI}}}outcomeDeclaration"):
            default = declaration.find(f"{{{QTI}}}defaultValue/{{{QTI}}}value")
            self.outcomes[declaration.get("identifier") or ""] = (
                float(default.text or 0) if default is not None and _is_float(declaration) else None
            )
        processing = self.root.find(f"{{{QTI}}}responseProcessing")
        if processing is not None and _children(processing):
            self._rules(_children(processing))
        elif processing is not None and processing.get("template") == MAP_RESPONSE:
            # The standard template: NULL scores 0, anything else what the mapping gives it.
            given = self.responses.get("RESPONSE")
            self.outcomes["SCORE"] = 0.0 if given is None else self._map("RESPONSE")
        elif processing is not None:
            raise AssertionError(
                f"template not in spinsheet's subset: {processing.get('template')}"
            )
        return float(self.outcomes.get("SCORE") or 0.0)

    def _typed(self, identifier: str, value: Value) -> Value:
        declaration = self.declarations[identifier]
        if value in (None, "", []):
            return None
        if declaration.get("baseType") == "integer":
            try:
                return int(str(value).strip())
            except ValueError:
                return None  # not a number: no valid response
        return value

    def _rules(self, rules: list[etree._Element]) -> None:
        for rule in rules:
            name = _local(rule)
            if name == "setOutcomeValue":
                self.outcomes[rule.get("identifier") or ""] = self._eval(_children(rule)[0])
            elif name == "responseCondition":
                for branch in _children(rule):
                    if _local(branch) == "responseElse":
                        self._rules(_children(branch))
                        break
                    condition, *body = _children(branch)
                    if self._eval(condition) is True:
                        self._rules(body)
                        break
            else:
                raise AssertionError(f"rule not in spinsheet's subset: {name}")

    def _eval(self, e: etree._Element) -> Value:
        name, args = _local(e), _children(e)
        if name == "baseValue":
            text = (e.text or "").strip()
            base = e.get("baseType")
            return float(text) if base == "float" else int(text) if base == "integer" else text
        if name == "variable":
            identifier = e.get("identifier") or ""
            return (
                self.responses.get(identifier)
                if identifier in self.declarations
                else self.outcomes.get(identifier)
            )
        if name == "correct":
            values = self.declarations[e.get("identifier") or ""].findall(
                f"{{{QTI}}}correctResponse/{{{QTI}}}value"
            )
            return values[0].text if len(values) == 1 else [v.text for v in values]
        if name == "mapResponse":
            return self._map(e.get("identifier") or "")
        values = [self._eval(a) for a in args]
        if name == "isNull":
            return values[0] is None
        if name == "or":
            return True if True in values else (None if None in values else False)
        if name == "and":
            return False if False in values else (None if None in values else True)
        if None in values:
            return None
        if name == "not":
            return not values[0]
        if name == "member":
            return values[0] in values[1]
        if name == "match":
            return values[0] == values[1]
        if name == "gte":
            return values[0] >= values[1]
        if name == "lte":
            return values[0] <= values[1]
        if name == "sum":
            return float(sum(values))
        raise AssertionError(f"expression not in spinsheet's subset: {name}")

    def _map(self, identifier: str) -> float:
        mapping = self.declarations[identifier].find(f"{{{QTI}}}mapping")
        assert mapping is not None
        entries = {m.get("mapKey"): float(m.get("mappedValue") or 0) for m in mapping}
        default = float(mapping.get("defaultValue") or 0)
        given = self.responses.get(identifier)
        values = given if isinstance(given, list) else [] if given is None else [given]
        # Each distinct value counts once (the spec), looked up in the mapping.
        total = sum(entries.get(str(value), default) for value in dict.fromkeys(values))
        if mapping.get("lowerBound") is not None:
            total = max(total, float(mapping.get("lowerBound") or 0))
        if mapping.get("upperBound") is not None:
            total = min(total, float(mapping.get("upperBound") or 0))
        return total


def _is_float(declaration: etree._Element) -> bool:
    return declaration.get("baseType") in ("float", "integer")
