"""Sentences and quotations per language (issue 15): each span's sentence, and whether it is
someone else's words (`quoted`, never offered for rewriting), in English, Spanish, French,
German, Portuguese and Arabic.

Every passage here is written for these tests: invented towns, officials and residents.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinsheet.model import Span
from spinsheet.passages import load_passage
from spinsheet.placement import (
    LANGUAGES,
    Quotations,
    _sentence_bounds,
    rules_for,
    sentence_ends,
    squash,
)
from spinsheet.sources import SourceFile
from spinsheet.taxonomy import Taxonomy, load_taxonomy

NBSP, THIN = "\u00a0", "\u202f"  # French typography's spaces inside « » and before ? ! : ;


@pytest.fixture(scope="module")
def taxonomy(tmp_path_factory: pytest.TempPathFactory) -> Taxonomy:
    return load_taxonomy(tmp_path_factory.mktemp("no-taxonomy"))  # the built-in one


def spans_of(taxonomy: Taxonomy, language: str, body: str) -> dict[str, Span]:
    """The spans of a passage in `language` whose body is `body`, by id."""
    text = f"---\ntitle: T\nlanguage: {language}\n---\n{body}\n"
    passage, problems = load_passage(SourceFile(Path("p.md"), "corpus/p.md", text), taxonomy)
    assert passage is not None, [str(p) for p in problems]
    return {s.id: s for s in passage.spans}


# (language, body, {span id: (its sentence, quoted)}). Spans are `[text]{.loaded #id}`.
CASES: list[tuple[str, str, dict[str, tuple[str, bool]]]] = [
    (
        "en",
        "Mr. Patel, who chairs the U.S. panel, called the plan [reckless]{.loaded #a}. "
        "Dr. Ng [disagreed]{.loaded #b}.",
        {
            "a": ("Mr. Patel, who chairs the U.S. panel, called the plan reckless.", False),
            "b": ("Dr. Ng disagreed.", False),
        },
    ),
    (
        "en",
        # A question in quotation marks, then who asked it: one sentence.
        "“Who will pay for it?” she [asked]{.loaded #a}. Nobody [answered]{.loaded #b}.",
        {
            "a": ("“Who will pay for it?” she asked.", False),
            "b": ("Nobody answered.", False),
        },
    ),
    (
        "en",
        "The coach said the team was ‘[unbeatable]{.loaded #a}’ this year. The students’ "
        "[union]{.loaded #b} doesn't agree, and the '[new]{.loaded #c}' rules stay.",
        {
            "a": ("The coach said the team was ‘unbeatable’ this year.", True),
            "b": ("The students’ union doesn't agree, and the 'new' rules stay.", False),
            "c": ("The students’ union doesn't agree, and the 'new' rules stay.", True),
        },
    ),
    (
        "en",
        "“The report calls it ‘[a disaster]{.loaded #a}’, and I agree,” the "
        '[mayor]{.loaded #b} said. He called it "[shameful]{.loaded #c}."',
        {
            "a": ("“The report calls it ‘a disaster’, and I agree,” the mayor said.", True),
            "b": ("“The report calls it ‘a disaster’, and I agree,” the mayor said.", False),
            "c": ('He called it "shameful."', True),
        },
    ),
    (
        "es",
        "El Sr. García y la Dra. López visitaron la obra, [etc]{.loaded #a}. Después hablaron "
        "con los [vecinos]{.loaded #b}, que pagaron 1.000 euros.",
        {
            "a": ("El Sr. García y la Dra. López visitaron la obra, etc.", False),
            "b": ("Después hablaron con los vecinos, que pagaron 1.000 euros.", False),
        },
    ),
    (
        "es",
        "¿Quién pagará el [nuevo]{.loaded #a} puente? ¡Qué [desastre]{.loaded #b}! "
        "Le preguntaron ¿cuánto costará? y no supo [responder]{.loaded #c}.",
        {
            "a": ("¿Quién pagará el nuevo puente?", False),
            "b": ("¡Qué desastre!", False),
            "c": ("Le preguntaron ¿cuánto costará? y no supo responder.", False),
        },
    ),
    (
        "es",
        # Dialogue: the dash and the lowercase verb after the question carry the sentence on.
        "—¿Y quién [paga]{.loaded #a}? —preguntó el concejal. Nadie [contestó]{.loaded #b}.",
        {
            "a": ("—¿Y quién paga? —preguntó el concejal.", False),
            "b": ("Nadie contestó.", False),
        },
    ),
    (
        "es",
        "La portavoz preguntó: «¿Quién [paga]{.loaded #a}?», y nadie contestó. Los vecinos "
        "lo llaman «un [despilfarro]{.loaded #b}». La obra recibió fondos de EE. UU. y de la "
        "[Unión Europea]{.loaded #c}.",
        {
            "a": ("La portavoz preguntó: «¿Quién paga?», y nadie contestó.", True),
            "b": ("Los vecinos lo llaman «un despilfarro».", True),
            "c": ("La obra recibió fondos de EE. UU. y de la Unión Europea.", False),
        },
    ),
    (
        "fr",
        "M. Dupont et Mme Martin ont visité le chantier. Le maire a parlé d'un "
        "[fiasco]{.loaded #a}, p. ex. pour les [commerces]{.loaded #b}.",
        {
            "a": ("Le maire a parlé d'un fiasco, p. ex. pour les commerces.", False),
            "b": ("Le maire a parlé d'un fiasco, p. ex. pour les commerces.", False),
        },
    ),
    (
        "fr",
        f"«{NBSP}Qui va payer{THIN}?{NBSP}» a [demandé]{{.loaded #a}} une habitante. "
        f"Le maire a répondu{NBSP}: «{NBSP}Personne ne [paiera]{{.loaded #b}}.{NBSP}» "
        f"Puis il est [parti]{{.loaded #c}}. L'État promet une aide «{NBSP}[rapide]{{.loaded #d}}{NBSP}».",
        {
            "a": ("« Qui va payer ? » a demandé une habitante.", False),
            "b": ("Le maire a répondu : « Personne ne paiera. »", True),
            "c": ("Puis il est parti.", False),
            "d": ("L'État promet une aide « rapide ».", True),
        },
    ),
    (
        "de",
        "Am 3. Oktober [sprach]{.loaded #a} Dr. Weber, bzw. die Leiterin des Amtes Nr. 2, "
        "z. B. über die Kosten. Im 19. Jahrhundert war das [anders]{.loaded #b}.",
        {
            "a": (
                "Am 3. Oktober sprach Dr. Weber, bzw. die Leiterin des Amtes Nr. 2, "
                "z. B. über die Kosten.",
                False,
            ),
            "b": ("Im 19. Jahrhundert war das anders.", False),
        },
    ),
    (
        "de",
        "„Das ist [zu teuer]{.loaded #a}“, [sagte]{.loaded #b} eine Anwohnerin. Der Sprecher "
        "sagte: „Wir [bauen]{.loaded #c} die Brücke.“ Dann [ging]{.loaded #d} er.",
        {
            "a": ("„Das ist zu teuer“, sagte eine Anwohnerin.", True),
            "b": ("„Das ist zu teuer“, sagte eine Anwohnerin.", False),
            "c": ("Der Sprecher sagte: „Wir bauen die Brücke.“", True),
            "d": ("Dann ging er.", False),
        },
    ),
    (
        "de",
        "Die Zeitung schrieb von einem »[Desaster]{.loaded #a}«, die Stadt von einem "
        "[Erfolg]{.loaded #b}. „Der Bericht nennt das ‚[unnötig]{.loaded #c}‘“, sagte der "
        "[Stadtrat]{.loaded #d}.",
        {
            "a": ("Die Zeitung schrieb von einem »Desaster«, die Stadt von einem Erfolg.", True),
            "b": ("Die Zeitung schrieb von einem »Desaster«, die Stadt von einem Erfolg.", False),
            "c": ("„Der Bericht nennt das ‚unnötig‘“, sagte der Stadtrat.", True),
            "d": ("„Der Bericht nennt das ‚unnötig‘“, sagte der Stadtrat.", False),
        },
    ),
    (
        "pt-BR",
        "O Sr. Costa e a Dra. Almeida visitaram a obra. Ambos criticaram o [atraso]{.loaded #a}. "
        "A escola fica perto da fonte d'água, disse a [diretora]{.loaded #b}.",
        {
            "a": ("Ambos criticaram o atraso.", False),
            "b": ("A escola fica perto da fonte d'água, disse a diretora.", False),
        },
    ),
    (
        "pt",
        "«Ninguém nos [avisou]{.loaded #a}», [queixou-se]{.loaded #b} um morador. O prefeito "
        "disse que a obra é “[essencial]{.loaded #c}” para a cidade. Quem vai pagar? "
        "Ninguém [sabe]{.loaded #d}.",
        {
            "a": ("«Ninguém nos avisou», queixou-se um morador.", True),
            "b": ("«Ninguém nos avisou», queixou-se um morador.", False),
            "c": ("O prefeito disse que a obra é “essencial” para a cidade.", True),
            "d": ("Ninguém sabe.", False),
        },
    ),
    (
        "ar",
        "قال د. [أحمد]{.loaded #a} إن الجسر سيغلق الشهر المقبل. ووصف السكان القرار بأنه "
        "[متسرع]{.loaded #b}. هل ستدفع البلدية؟ لا أحد [يعرف]{.loaded #c} حتى الآن.",
        {
            "a": ("قال د. أحمد إن الجسر سيغلق الشهر المقبل.", False),
            "b": ("ووصف السكان القرار بأنه متسرع.", False),
            "c": ("لا أحد يعرف حتى الآن.", False),
        },
    ),
    (
        "ar",
        "وقالت المتحدثة: «لن نغلق [الجسر]{.loaded #a} قبل الصيف». ثم [غادرت]{.loaded #b} "
        "القاعة. ووصفت الصحيفة الخطة بأنها ”[كارثية]{.loaded #c}“ للمدينة، وبلغت الكلفة "
        "3.5 مليون [دينار]{.loaded #d}۔ «من سيدفع؟» سأل أحد السكان.",
        {
            "a": ("وقالت المتحدثة: «لن نغلق الجسر قبل الصيف».", True),
            "b": ("ثم غادرت القاعة.", False),
            "c": (
                "ووصفت الصحيفة الخطة بأنها ”كارثية“ للمدينة، وبلغت الكلفة 3.5 مليون دينار۔",
                True,
            ),
            "d": (
                "ووصفت الصحيفة الخطة بأنها ”كارثية“ للمدينة، وبلغت الكلفة 3.5 مليون دينار۔",
                False,
            ),
        },
    ),
    (
        "ar",
        # Guillemets typed the other way round close as well; the closing mark after a
        # question belongs to it.
        "ووصف أحد السكان المشروع بأنه »[مهزلة]{.loaded #a}« أمام [المجلس]{.loaded #b}. "
        "«من [سيدفع]{.loaded #c}؟» سأل أحد السكان.",
        {
            "a": ("ووصف أحد السكان المشروع بأنه »مهزلة« أمام المجلس.", True),
            "b": ("ووصف أحد السكان المشروع بأنه »مهزلة« أمام المجلس.", False),
            "c": ("«من سيدفع؟»", True),
        },
    ),
]


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    CASES,
    ids=[f"{language}-{n}" for n, (language, _, _) in enumerate(CASES)],
)
def test_each_span_has_its_sentence_and_knows_whether_it_is_quoted(
    taxonomy: Taxonomy, language: str, body: str, expected: dict[str, tuple[str, bool]]
) -> None:
    spans = spans_of(taxonomy, language, body)
    assert {k: (s.sentence, s.quoted) for k, s in spans.items()} == expected


# A quotation that runs on over paragraphs: no closing mark at the end of the first, an
# opening one (» in French and Spanish) at the start of the next. The paragraph after it
# is the reporter's own words again.
RUN_ON = {
    "en": (
        "“We will rebuild the bridge,” the mayor said. “It will take two years and "
        "[cost]{.loaded #a} a lot.\n\n“The money will come from the [new]{.loaded #b} tax.”\n\n"
        "The [council]{.loaded #c} votes on Monday."
    ),
    "es": (
        "«Vamos a cerrar el puente», dijo. «Y no lo [abriremos]{.loaded #a} hasta el verano."
        "\n\n»Los [trabajos]{.loaded #b} ya han empezado», añadió.\n\n"
        "El [alcalde]{.loaded #c} no dio más detalles."
    ),
    "fr": (
        f"«{NBSP}Nous allons rouvrir le pont. Les travaux seront [terminés]{{.loaded #a}} en juin."
        f"\n\n»{NBSP}Nous ne [fermerons]{{.loaded #b}} plus aucune rue sans prévenir.{NBSP}»\n\n"
        "La [séance]{.loaded #c} a duré deux heures."
    ),
    "de": (
        "„Wir haben lange gewartet“, sagte sie. „Jetzt muss die Stadt [handeln]{.loaded #a}."
        "\n\n„Sonst [ziehen]{.loaded #b} wir weg.“\n\nDie [Stadt]{.loaded #c} antwortete nicht."
    ),
    "pt": (
        "«Vamos fechar a ponte», disse. «E não a [abriremos]{.loaded #a} antes do verão."
        "\n\n«As [obras]{.loaded #b} já começaram», acrescentou.\n\n"
        "O [prefeito]{.loaded #c} não deu mais detalhes."
    ),
    "ar": (
        "قال رئيس البلدية: «سنعيد بناء الجسر، وسيكلف ذلك [الكثير]{.loaded #a}."
        "\n\n«وسيأتي المال من [الضريبة]{.loaded #b} الجديدة».\n\nويصوت [المجلس]{.loaded #c} يوم الاثنين."
    ),
}


@pytest.mark.parametrize("language", sorted(RUN_ON))
def test_a_quotation_running_on_into_the_next_paragraph_stays_quoted(
    taxonomy: Taxonomy, language: str
) -> None:
    spans = spans_of(taxonomy, language, RUN_ON[language])
    assert {k: (s.paragraph, s.quoted) for k, s in spans.items()} == {
        "a": (1, True),
        "b": (2, True),
        "c": (3, False),
    }


def test_an_unclosed_quotation_does_not_run_on_into_a_paragraph_without_a_mark(
    taxonomy: Taxonomy,
) -> None:
    body = "“It will take two [years]{.loaded #a}.\n\nThe [council]{.loaded #b} votes on Monday."
    spans = spans_of(taxonomy, "en", body)
    # The rest of its own paragraph is taken as quoted: the safe side for rewriting.
    assert (spans["a"].quoted, spans["b"].quoted) == (True, False)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Officials [described the group as “a gang”]{.loaded #a} on Monday."),
        ("en", "The company [“blatantly” broke]{.loaded #a} the rules, the report said."),
        ("fr", "Le maire a [qualifié le projet de « folie »]{.loaded #a} hier soir."),
        ("de", "Die Ministerin [nannte den Plan „unsinnig“]{.loaded #a} am Montag."),
    ],
)
def test_a_span_that_holds_a_quotation_is_quoted(
    taxonomy: Taxonomy, language: str, body: str
) -> None:
    # Rewriting it would change the quoted words too: someone else's, not the writer's.
    assert spans_of(taxonomy, language, body)["a"].quoted


def test_quoted_words_are_never_offered_for_rewriting_in_any_language(
    taxonomy: Taxonomy,
) -> None:
    from spinsheet.catalogue import ACTIVITY_KINDS
    from spinsheet.model import Activity

    for language, body, expected in CASES:
        text = f"---\ntitle: T\nlanguage: {language}\n---\n{body}\n"
        neutral = text.replace("{.loaded", "{.loaded neutral=plain")
        passage, _ = load_passage(SourceFile(Path("p.md"), "corpus/p.md", neutral), taxonomy)
        assert passage is not None
        rewrite = Activity("rewrite", "p", None, None, None, 1)
        offered = {s.id for s in ACTIVITY_KINDS["rewrite"].eligible(rewrite, passage)}
        assert offered == {k for k, (_, quoted) in expected.items() if not quoted}, language


def test_a_language_tag_reads_by_its_primary_subtag_and_others_read_as_english() -> None:
    assert rules_for("pt-BR") is LANGUAGES["pt"] and rules_for("de-CH") is LANGUAGES["de"]
    assert rules_for("AR") is LANGUAGES["ar"] and rules_for("it") is LANGUAGES["en"]


# Properties: text made of each language's own pieces, tricky ones included.
_WORDS = {
    "en": ["the", "plan", "don't", "workers’", "Mr.", "U.S.", "3.5", "said"],
    "es": ["el", "plan", "Sr.", "Dra.", "1.000", "pág.", "núm.", "dijo"],
    "fr": ["le", "plan", "l'État", "M.", "p. ex.", "aujourd’hui", "3,5", "dit"],
    "de": ["der", "Plan", "z. B.", "Nr.", "bzw.", "Dr.", "1.000", "sagte"],
    "pt": ["o", "plano", "d'água", "Sr.", "Dra.", "1.000", "disse", "etc"],
    "ar": ["قال", "الخطة", "د.", "3.5", "المدينة", "،", "هـ.", "الجسر"],
}
# Every sentence ends on a plain word: none ends on an abbreviation's full stop.
_LAST = {"en": "today", "es": "hoy", "fr": "hier", "de": "heute", "pt": "hoje", "ar": "اليوم"}
_CAPITALS = {"en": "Then", "es": "Luego", "fr": "Puis", "de": "Dann", "pt": "Depois", "ar": "ثم"}
_STOPS = {"en": ".?!", "es": ".?!", "fr": ".?!", "de": ".?!", "pt": ".?!", "ar": ".؟!۔"}
_PAIRS = {
    "en": [("“", "”"), ("‘", "’"), ('"', '"')],
    "es": [("«", "»"), ("“", "”")],
    "fr": [(f"«{NBSP}", f"{NBSP}»"), ("“", "”")],
    "de": [("„", "“"), ("»", "«"), ("‚", "‘")],
    "pt": [("«", "»"), ("“", "”")],
    "ar": [("«", "»"), ("»", "«"), ("“", "”"), ("”", "“")],
}


@st.composite
def paragraphs(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, bool]]]:
    """A language and a paragraph in it, written as sentences of words, some in quotation
    marks, one word of each sentence a span: returns (language, body) and each span's
    (id, its sentence as printed, whether it is quoted)."""
    language = draw(st.sampled_from(sorted(_WORDS)))
    sentences: list[str] = []
    expected: list[tuple[str, str, bool]] = []
    for n in range(draw(st.integers(1, 5))):
        words = draw(st.lists(st.sampled_from(_WORDS[language]), min_size=1, max_size=6))
        spot = draw(st.integers(0, len(words)))
        quoted = draw(st.booleans())
        opening, closing = draw(st.sampled_from(_PAIRS[language]))
        span = f"[target]{{.loaded #s{n}}}"
        if quoted:
            span = f"{opening}{span}{closing}"
        words.insert(spot, span)
        words.append(_LAST[language])
        stop = draw(st.sampled_from(_STOPS[language]))
        if language == "es" and stop in "?!":
            opening_mark = "¿" if stop == "?" else "¡"
            sentence = f"{opening_mark}{_CAPITALS[language]} {' '.join(words)}{stop}"
        else:
            sentence = f"{_CAPITALS[language]} {' '.join(words)}{stop}"
        sentences.append(sentence)
        printed = sentence.replace(f"[target]{{.loaded #s{n}}}", "target")
        expected.append((f"s{n}", printed, quoted))
    return f"{language}\n{' '.join(sentences)}", expected


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same cases every run: `make test` is reproducible
    suppress_health_check=[HealthCheck.too_slow],
)
@given(paragraphs())
def test_generated_sentences_and_quotations_are_read_as_written(
    taxonomy: Taxonomy, case: tuple[str, list[tuple[str, str, bool]]]
) -> None:
    written, expected = case
    language, body = written.split("\n", 1)
    spans = spans_of(taxonomy, language, body)
    got = [(k, s.sentence.replace(NBSP, " "), s.quoted) for k, s in spans.items()]
    assert got == [(k, sentence.replace(NBSP, " "), q) for k, sentence, q in expected]


_ALPHABET = st.sampled_from(
    [*"aZé ول.!?…؟۔,;:\"'“”‘’„‚«»¿¡()3", NBSP, THIN, "\n", "Mr", "Sr", "z. B", "د"]
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.sampled_from(sorted(LANGUAGES)),
    st.lists(_ALPHABET, max_size=60).map("".join),
    st.data(),
)
def test_every_span_lands_in_exactly_one_sentence_that_holds_it(
    language: str, text: str, data: st.DataObject
) -> None:
    rules = rules_for(language)
    ends = sentence_ends(text, rules)
    # Sentences in order, each followed only by white space before the next.
    cuts = [0] + [i for end in ends for i in end] + [len(text)]
    assert cuts == sorted(cuts)
    for stop, start in ends:
        assert text[stop:start].strip() == ""
    sentences = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    assert all(first < last for first, last in sentences[:-1])  # none empty but the last
    # A span within one sentence is placed in that sentence, and only in it.
    if not sentences[0][1] and len(sentences) == 1:
        return
    first, last = data.draw(st.sampled_from([s for s in sentences if s[0] < s[1]] or [(0, 0)]))
    start = data.draw(st.integers(first, last))
    end = data.draw(st.integers(start, last))
    assert _sentence_bounds(ends, len(text), start, end) == (first, last)
    # Reading the quotation marks never fails, and a text without any has none open.
    quotes = Quotations(text, rules, [])
    if not any(mark in text for mark in "\"'“”‘’„‚«»"):
        assert not quotes.open_at(start) and quotes.left_open == []


_PROSE = st.sampled_from(
    [*"aZé ول.!?…؟۔,;:\"'“”‘’„‚«»¿¡3", NBSP, "Dr.", "Sr.", "z. B.", "د.", "l'État", "\n\n"]
)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.sampled_from(sorted(LANGUAGES)),
    st.lists(_PROSE, max_size=40).map("".join),
    st.lists(_PROSE, max_size=40).map("".join),
)
def test_a_span_in_any_text_is_inside_the_sentence_it_is_given(
    taxonomy: Taxonomy, language: str, before: str, after: str
) -> None:
    body = f"Word {before} [the target]{{.loaded #t}} {after} end."
    span = spans_of(taxonomy, language, body)["t"]
    assert span.text == "the target"
    assert span.before + span.text + span.after == span.sentence
    # The sentence is a stretch of the paragraph the span is in, as printed.
    paragraph = next(p for p in body.split("\n\n") if "[the target]" in p)
    printed = squash(paragraph.replace("[the target]{.loaded #t}", "the target"))
    assert span.sentence.strip() in printed
