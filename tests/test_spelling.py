"""Spelling (LL201-LL203): prose extraction, each layer, each skip condition, fix safety."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, needs_corpus
from listlint.config import Config, config_from_table
from listlint.document import parse_text
from listlint.document.prose import Prose, block_ranges, words
from listlint.engine import Selection
from listlint.fix import fix_source
from listlint.inputs import Prepared, RunInputs
from listlint.lint import check_text
from listlint.model import Applicability
from listlint.rules.spelling.english import WordList
from listlint.rules.spelling.known import KnownMisspellings, codespell_dictionary, typos_binary
from listlint.rules.spelling.vocabulary import match_case
from listlint.source import Source

needs_typos = pytest.mark.skipif(typos_binary() is None, reason="typos is not installed")

# a paragraph that makes "inference", "scheduling" and "serving" frequent words of the file
CONTEXT = (
    "Intro: inference serving and scheduling. Inference is hard; inference serving needs "
    "scheduling, and scheduling needs inference serving. More inference, more scheduling.\n\n"
)


def found(text: str, select: str = "LL2", config: Config | None = None) -> list[tuple[str, str]]:
    """(code, word) of every spelling diagnostic."""
    src = Source.from_text(text)
    return [(d.code, src.text[d.start:d.end]) for d in check_text(text, select=[select],
                                                                   config=config)]


def diags(text: str, select: str = "LL2", config: Config | None = None):
    return check_text(text, select=[select], config=config)


def fixed(text: str, *, unsafe: bool = False, config: Config | None = None) -> str:
    config = config or Config()
    rules = Selection(select=["LL2"]).rules(config)
    return fix_source(Source.from_text(text), config, rules, unsafe=unsafe).text


def prose(text: str) -> list[tuple[str, str]]:
    return [(w.text, w.context) for w in words(parse_text(text))]


# -- prose extraction -------------------------------------------------------------------------
def test_prose_contexts_and_offsets():
    text = ("# Fast Serving\n\nSome intro text.\n\n"
            "- [PICE: Semantic Scheduling](https://arxiv.org/abs/2401.00001): a good paper\n")
    ws = list(words(parse_text(text)))
    got = [(w.text, w.context, w.name) for w in ws]
    assert ("Fast", "heading", False) in got
    assert ("intro", "paragraph", False) in got
    assert ("PICE", "title", True) in got  # a system name before the colon
    assert ("Semantic", "title", False) in got
    assert ("paper", "description", False) in got
    for w in ws:  # exact offsets into the text
        assert text[w.start:w.end] == w.text


def test_prose_never_yields_urls_code_html_or_badges():
    text = (
        "See https://exmaple.com/guidence and www.guidence.org, `guidence code` and\n"
        "<span title=\"guidence\">ok</span> <!-- guidence --> &guidence; \\*\n\n"
        "- [Tool ![guidence](https://img.shields.io/guidence.svg)](https://x.io/guidence) - a"
        " [ref text][guidence] <https://guidence.example>\n\n"
        "```\nguidence in a fence\n```\n\n"
        "[guidence]: https://example.com/guidence\n"
    )
    assert "guidence" not in {w.lower() for w, _ in prose(text)}
    assert ("ref", "link") in prose(text)


def test_prose_skips_digits_and_splits_hyphens():
    got = [w for w, _ in prose("Use fp16 and H100 with multi-GPU state-of-the-art v1.2 code.\n")]
    assert "fp" not in got and "H" not in got and "v" not in got
    assert {"multi", "GPU", "state", "of", "the", "art"} <= set(got)


def test_prose_ticked_checkbox_is_not_a_word():
    got = [w for w, _ in prose("- [x] [Paper](https://a.example): fine\n")]
    assert got == ["Paper", "fine"]


def test_match_case():
    assert match_case("guidence", "guidance") == "guidance"
    assert match_case("Guidence", "guidance") == "Guidance"
    assert match_case("GUIDENCE", "guidance") == "GUIDANCE"


# -- layer 1: known misspellings (typos) ------------------------------------------------------
@needs_typos
def test_known_misspelling_with_safe_fix():
    text = "- [Medusa](https://a.example/1): a guidence for decoding\n"
    [d] = diags(text)
    assert d.code == "LL201"
    assert d.message == '"guidence" is a known misspelling of "guidance" (typos)'
    assert d.fix is not None and d.fix.applicability is Applicability.SAFE
    assert fixed(text) == "- [Medusa](https://a.example/1): a guidance for decoding\n"


@needs_typos
def test_known_misspelling_keeps_case():
    assert fixed("Guidence for readers.\n") == "Guidance for readers.\n"


@needs_typos
def test_several_candidates_are_suggestions_only():
    [d] = diags("Runs on many divices at once.\n")
    assert d.code == "LL201" and '"devices"' in d.message and '"divides"' in d.message
    assert d.fix is None


@needs_typos
def test_heading_fix_is_unsafe():
    [d] = diags("## Guidence\n\ntext\n")
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE


@needs_typos
def test_known_misspelling_repeated_is_still_reported():
    text = "a guidence here.\n\nanother guidence there.\n"
    assert found(text) == [("LL201", "guidence"), ("LL201", "guidence")]


def test_without_typos_binary_nothing_breaks():
    text = "a guidence here.\n"
    inputs = RunInputs(prepared={"LL2": Prepared(KnownMisspellings(None))})
    assert [d.code for d in check_text(text, select=["LL201"], inputs=inputs)] == []


def test_codespell_dictionary_is_read_not_imported(tmp_path, monkeypatch):
    pkg = tmp_path / "codespell_lib"
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("raise ImportError('never imported')\n")
    (pkg / "data" / "dictionary.txt").write_text("wrnog->wrong\nmaks->mask, make,\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    codespell_dictionary.cache_clear()
    try:
        assert codespell_dictionary() == {"wrnog": ("wrong",), "maks": ("mask", "make")}
        known = KnownMisspellings(None, codespell=True)
        assert known.lookup(["wrnog", "right"]) == {"wrnog": (("wrong",), "codespell")}
        inputs = RunInputs(prepared={"LL2": Prepared(known)})
        [d] = check_text("This is wrnog.\n", select=["LL201"], inputs=inputs)
        assert d.message == '"wrnog" is a known misspelling of "wrong" (codespell)'
        assert "codespell_lib" not in sys.modules
    finally:
        codespell_dictionary.cache_clear()


@needs_typos
def test_typos_lookups_are_cached_for_the_process():
    known = KnownMisspellings(typos_binary())
    assert known.lookup(["guidence", "guidance"]) == {"guidence": (("guidance",), "typos")}
    known.binary = None  # a second lookup of the same words needs no typos
    assert known.lookup(["guidence"]) == {"guidence": (("guidance",), "typos")}
    assert known.lookup([]) == {}


def test_word_list_survives_its_cache_file(tmp_path):
    built = WordList.build({"colour": 12, "color": 40, "café": 3, "run": 5000, "ran": 3000})
    path = tmp_path / "english.words"
    path.write_bytes(built.dump())
    for words_ in (built, WordList.load(path.read_bytes()), WordList.open(path)):
        assert words_ is not None and words_
        assert "colour" in words_ and words_.get("color") == 40 and words_.get("café") == 3
        assert "colo" not in words_ and "" not in words_ and words_.get("xyz", -1) == -1
        assert words_.common("r") == ("ran", "run") and words_.common("c") == ()
    assert WordList.load(b"not a word list") is None
    (tmp_path / "empty").write_bytes(b"")
    assert WordList.open(tmp_path / "empty") is None
    assert not WordList.empty() and "run" not in WordList.empty()


def test_british_spellings_of_every_pattern():
    from listlint.rules.spelling.vocabulary import american

    british = ["colour", "organise", "organisations", "analysed", "centre", "travelled",
               "catalogue", "model", "is"]
    assert [american(w) for w in british] == ["color", "organize", "organizations", "analyzed",
                                               "center", "traveled", "catalog", "model", "is"]


# -- layer 2: novel misspellings --------------------------------------------------------------
def test_novel_typo_of_a_frequent_word_of_the_file():
    text = CONTEXT + "- [Paper](https://a.example/1): fast infernece on one GPU\n"
    [d] = diags(text, "LL202")
    assert d.message == '"infernece": did you mean "inference" (used 5 times in this file)?'
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE
    assert fixed(text) == text  # unsafe: not applied by default
    assert "fast inference on one GPU" in fixed(text, unsafe=True)


def test_novel_typo_of_a_common_english_word():
    [d] = diags("I hope to conlude these works.\n", "LL202")
    assert '"conclude"' in d.message and "a common English word" in d.message


def test_words_run_together():
    [d] = diags("It is asurvey on serving.\n", "LL202")
    assert d.message == '"asurvey": did you mean "a survey" (two words run together)?'
    assert found("Use async and inplace ops.\n", "LL202") == []  # jargon, not run together


def test_jargon_used_twice_is_the_files_vocabulary():
    text = "Goodput matters.\n\nWe measure goodput and prefill time; prefill is slow.\n"
    assert found(text, "LL202") == []


def test_jargon_near_a_dictionary_word_is_not_a_typo():
    # "lossy" is not "lousy", "qubits" not "quits", "datetime" not "daytime"
    text = "A lossy codec for qubits, with a datetime library.\n"
    assert found(text, "LL202") == []


def test_british_spelling_is_not_a_typo():
    assert found("We analyse the behaviour of organisations.\n", "LL202") == []


# -- skip conditions --------------------------------------------------------------------------
@pytest.mark.parametrize("word", ["INFERNECE", "InferNece", "inferNece", "infernece2"])
def test_allcaps_camelcase_and_digits_are_skipped(word):
    text = CONTEXT + f"- [Paper](https://a.example/1): fast {word} on one GPU\n"
    assert found(text) == []


@needs_typos
@pytest.mark.parametrize("word", ["GUIDENCE", "GuiDence", "guiDence"])
def test_known_misspelling_in_allcaps_or_camelcase_is_a_name(word):
    assert found(f"{word} is a system.\n") == []


@needs_typos
def test_short_names_and_affixes_are_not_known_misspellings():
    assert found("By Ryan Rossi, Trung Bui and others; a REST-ful API for Dota 2.\n") == []
    assert found("Teh end.\n") == [("LL201", "Teh")]  # a sentence starts with it: checked
    # a capitalised word inside a sentence is reported only one typing slip from the fix
    assert found("See the Instituto Nacional and the Univesity of Oxford.\n") == [
        ("LL201", "Univesity")]


def test_capitalised_word_inside_a_sentence_is_a_name():
    text = CONTEXT + "- [Paper](https://a.example/1): runs on Infernece and more\n"
    assert found(text, "LL202") == []


@needs_typos
def test_system_name_before_the_colon_is_skipped():
    text = "- [PICE: A Semantic Approach](https://a.example/1): a paper\n"
    assert found(text) == []


@needs_typos
def test_code_spans_and_urls_are_skipped():
    text = "Use `guidence` or see https://example.com/guidence for it.\n"
    assert found(text) == []


@needs_typos
def test_config_words_are_skipped():
    text = "a guidence here.\n"
    assert found(text, config=Config(words=["Guidence"])) == []


@needs_typos
def test_inline_disable():
    text = "<!-- listlint-disable-next-line misspelling -->\na guidence here.\n\nguidence again.\n"
    assert [d.code for d in diags(text)] == ["LL201"]
    assert "LL201" not in {d.code for d in diags(
        "<!-- listlint-disable-next-line LL2 -->\na guidence here.\n")}


def test_spelling_config_table_is_validated():
    cfg = config_from_table({"spelling": {"known-count": 3, "codespell": True}}, None)
    assert cfg.extra["spelling"]["known-count"] == 3
    from listlint.config import ConfigError

    with pytest.raises(ConfigError, match="spelling.typo"):
        config_from_table({"spelling": {"typo": True}}, None)


# -- titles: LL203, never fixed ---------------------------------------------------------------
@needs_typos
def test_title_typo_is_reported_never_fixed():
    text = "- [Speculative Decodin for Fast Serving](https://a.example/1): a guidence\n"
    got = diags(text)
    assert [(d.code, text[d.start:d.end]) for d in got] == [("LL203", "Decodin"),
                                                            ("LL201", "guidence")]
    title = got[0]
    assert title.fix is None and "titles are not fixed automatically" in title.message
    after = fixed(text, unsafe=True)
    assert "Decodin for Fast Serving" in after and "a guidance" in after


def test_short_link_text_is_a_name():
    text = CONTEXT + "- [infernece](https://a.example/1) - a package\n"
    assert found(text) == []


# -- listlint words ---------------------------------------------------------------------------
def test_words_command(cli, md):
    path = md(CONTEXT + "Tokenizer and tokenizer, with vllm.\n\nfast infernece here.\n")
    result = cli("words", path)
    assert result.exit_code == 0, result.output
    out = result.output
    assert 'words = [' in out and out.rstrip().endswith("]")
    assert '    "tokenizer",  # 2' in out
    assert '    "vllm",  # 1' in out
    assert '    # "infernece",  # 1: did you mean "inference"?' in out


def test_words_command_leaves_out_config_words(cli, md, tmp_path):
    path = md("Tokenizer and tokenizer, with vllm.\n")
    (tmp_path / ".listlint.toml").write_text('words = ["tokenizer"]\n')
    out = cli("words", path).output
    assert "tokenizer" not in out and '"vllm"' in out


# -- the corpus -------------------------------------------------------------------------------
@needs_corpus
@needs_typos
def test_corpus_no_report_inside_urls_or_code():
    from listlint.document.prose import code_spans
    from listlint.lint import check_source

    for path in sorted(Path(CORPUS).glob("*.md")):
        src = Source.read(str(path))
        config = Config()
        checked = check_source(src, config, Selection(select=["LL2"]).rules(config))
        doc = checked.document
        bad = [(lk.url_span.start, lk.url_span.end) for lk in doc.links if lk.url_span]
        bad += code_spans(src.text, 0, len(src.text))
        for d in checked.diagnostics:
            assert not any(a <= d.start < b for a, b in bad), (path.name, d)
            assert src.text[d.start:d.end].isalpha(), (path.name, d)


@needs_corpus
@needs_typos
@pytest.mark.parametrize("name", ["sindresorhus__awesome.md", "sindresorhus__awesome-nodejs.md"])
def test_clean_lists_get_only_a_handful(name):
    text = (Path(CORPUS) / name).read_text(encoding="utf-8")
    assert len(check_text(text, select=["LL2"])) <= 5


def test_prose_survives_an_escaped_backtick_run():
    # the shared link scanner raises on "\\```" (reported); prose skips such a block
    assert [w.text for w in words(parse_text("Good text.\n\nA \\```\n"))][:2] == ["Good", "text"]


# -- properties -------------------------------------------------------------------------------
_PIECES = ["word", "Typo", "guidence", "`code`", "[link](https://a.example/x)", "![b](i.png)",
           "<b>", "</b>", "https://u.example/y", "- ", "* [ ] ", "# ", "\n", "\n\n", " ", ":",
           "-", "_", "*", "[", "]", "(", ")", "`", "\\*", "'", "’", "é", "2x", "&amp;", "|",
           "<!-- c -->", "```\n", "> ", "1. "]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_prose_words_are_exact_slices_of_the_text(pieces):
    text = "".join(pieces)
    for w in words(parse_text(text)):
        assert text[w.start:w.end] == w.text
        assert w.text.replace("'", "").replace("’", "").isalpha() and w.text.isascii()
    check_text(text, select=["LL2"])  # never raises


_ENTRY_PIECES = [*_PIECES, "- [Name: a long title here](https://x.example) - ", "it's ",
                 "multi-GPU ", "[[pdf]](https://p.example)", ". ", "Word: ", "word.", "a-b-c "]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_ENTRY_PIECES), max_size=40), st.data(), st.sampled_from([1, 3]))
def test_prose_finds_the_wanted_words_as_a_full_scan_does(pieces, data, min_length):
    doc = parse_text("".join(pieces))
    every = words(doc, min_length)
    texts = sorted({w.text for w in every} | {"word", "zzz"})
    wanted = set(data.draw(st.lists(st.sampled_from(texts), unique=True)))
    prose = Prose(doc, min_length)
    assert prose.counts == Counter(w.text for w in every)
    assert prose.words(wanted) == [w for w in every if w.text in wanted]


# -- conservative LL201 fixes (newcomer report) ------------------------------------------------
def _fix_kind(text: str, word: str) -> Applicability | None:
    src = Source.from_text(text)
    for d in diags(text, "LL201"):
        if src.text[d.start:d.end] == word:
            assert d.fix is not None
            return d.fix.applicability
    raise AssertionError(f"{word!r} not reported: {found(text)}")


@needs_typos
def test_word_of_the_entry_title_or_url_is_not_reported():
    text = ("- [gost-crypto](https://github.com/r/gost-crypto) - Russian GOST standards, "
            "backed by OpenSSL gost-engine.\n")
    assert found(text, "LL201") == []
    assert fixed(text) == text


@needs_typos
def test_word_of_a_link_target_elsewhere_is_not_reported():
    text = ("- [A paper](https://a.example/papers/vertica-7-years.pdf) - Column stores.\n"
            "- [B](https://a.example/b) - Vertica is the commercial product.\n")
    assert found(text, "LL201") == []


@needs_typos
@pytest.mark.parametrize(("description", "word"), [
    ("Goals from Bundesliga, Serie A and more.", "Serie"),  # a name inside a sentence
    ("Football standings: la liga, serie a.", "serie"),  # letters added to a short word
    ("Global and countrywise data of cases.", "countrywise"),  # two English words
])
def test_risky_known_misspelling_gets_an_unsafe_fix(description, word):
    text = f"- [Data](https://a.example/d) - {description}\n"
    assert _fix_kind(text, word) is Applicability.UNSAFE
    assert fixed(text) == text


@needs_typos
def test_plain_known_misspelling_keeps_its_safe_fix():
    text = "- [Tool](https://a.example/t) - a guidence for parallel decoding.\n"
    assert _fix_kind(text, "guidence") is Applicability.SAFE


# -- the start of a description is the start of a sentence -------------------------------------
@needs_typos
def test_short_capitalised_typo_at_the_start_of_a_description():
    assert found("- [A](https://github.com/a/a) - Teh first tool.\n", "LL201") \
        == [("LL201", "Teh")]
    assert found("- [Tool](https://github.com/a/a): Teh first tool.\n", "LL201") \
        == [("LL201", "Teh")]
    assert found("- Wiht tools.\n", "LL201") == [("LL201", "Wiht")]


def test_first_word_of_a_description_starts_a_sentence():
    doc = parse_text("- [A](https://github.com/a/a) - Teh first tool.\n")
    first = [w for w in words(doc) if w.context == "description"][0]
    assert first.text == "Teh" and first.sentence_start


# -- listlint words: a slip of a frequent word is commented out --------------------------------
def test_words_block_comments_out_a_repeated_slip():
    from listlint.rules.spelling.family import analyse_document, words_block

    text = ("Impressive results. An impressive model, impressive speed.\n\n"
            "Most imporessive work.\n\nAn imporessive paper.\n\nWith vllm.\n")
    config = config_from_table({"spelling": {"typos": False}}, None)
    out = words_block(analyse_document(parse_text(text), config), "README.md")
    assert '    "vllm",  # 1' in out
    assert '    # "imporessive",  # 2: did you mean "impressive"?' in out
    assert '    "imporessive",' not in out


# -- words of the language the English list lacks ----------------------------------------------
def test_clipped_word_is_not_a_typo():
    text = "- [Book](https://a.example/b) - Golang ebook intro how to build a web app.\n"
    assert found(text, "LL202") == []


def test_curated_technical_word_is_not_a_typo():
    text = ("- [setuptools](https://a.example/s) - The most widely used pyproject build "
            "backend.\n- [a](https://a.example/a) - A project, a project and a project.\n")
    assert found(text, "LL202") == []


REUSE_CASES = [
    "# List\n\n- [Foo](https://foo.example) - A tool for [bar][] and [baz] things.\n"
    "- [Qux](https://qux.example) - Teh best `[not](a link)` here.\n",
    "# Refs\n\n- [Foo][foo] - Uses [bar][] and [Baz].\n\n[foo]: https://foo.example\n"
    "[baz]: https://baz.example\n",
    "# Odd\n\n- [a](<b c>) [d][e] ![img](i.png) <https://auto.example> [x](y \"title [z]\") words\n",
]


def _prose_words(doc):
    return [(w.text, w.start, w.context, w.entry) for w in Prose(doc, 1).words()]


@pytest.mark.parametrize("text", REUSE_CASES)
def test_prose_reusing_the_models_link_scans_reads_the_same_words(text):
    """Prose reuses the document model's link scans where they must agree; forgetting them
    (every block rescanned) gives exactly the same words."""
    doc = parse_text(text)
    again = parse_text(text)
    again.link_scans.clear()
    assert _prose_words(doc) == _prose_words(again)


@needs_corpus
def test_prose_reuse_of_link_scans_on_the_corpus():
    for path in sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md"):
        text = path.read_text(encoding="utf-8")
        doc, again = parse_text(text), parse_text(text)
        # the model scanned blocks that prose reads again (not kept when the file defines
        # references: the prose scans every block itself then)
        assert bool(doc.link_scans) != bool(doc.references)
        again.link_scans.clear()
        assert _prose_words(doc) == _prose_words(again), path.name


@pytest.mark.parametrize("text", REUSE_CASES)
def test_prose_takes_the_link_scans_out_of_the_document(text):
    """The prose is the scans' last reader: once it is built the document no longer holds
    the scan of any block it read, and a second prose (which scans again) reads the same."""
    doc = parse_text(text)
    if doc.references:
        assert doc.link_scans == {}  # never kept: the prose could not reuse them
    first = _prose_words(doc)
    assert not set(doc.link_scans) & {(a, b) for a, b, _ in block_ranges(doc)}
    assert _prose_words(doc) == first


def test_prose_blocks_keep_their_ranges_as_flat_offsets():
    """A block's pieces and link texts are flat (start, end, ...) offsets that read back as
    the ranges: the prose between the links, and each link's text."""
    from listlint.document.prose_blocks import pairs as _pairs

    text = "- [Foo](https://foo.example) - A [bar](https://bar.example) tool ![i](i.png) end.\n"
    prose = Prose(parse_text(text), 1)
    assert len(prose.blocks) == 1
    block = prose.blocks[0]
    assert [text[a:b] for a, b in _pairs(block.pieces)] == ["[Foo", " - A [bar", " tool ",
                                                             " end."]
    assert [text[a:b] for a, b in _pairs(block.link_texts)] == ["Foo", "bar"]
    assert list(_pairs(())) == []
    # each piece's chunks end where the array of piece ends says (machine ints, in order)
    _ = prose.counts
    ends = prose._piece_ends
    assert block.first_piece == 0 and len(ends) == len(block.pieces) // 2
    starts = [0, *ends[:-1]]
    assert [prose._chunks[s:e] for s, e in zip(starts, ends)] == [
        ["Foo"], ["-", "A", "bar"], ["tool"], ["end."]]


def test_token_parts_and_url_words_read_batches_as_one_text(monkeypatch):
    """The words of many texts searched a batch at a time are those of all of them joined."""
    import listlint.rules.spelling.vocabulary as vocabulary
    from listlint.rules.spelling.vocabulary import token_parts, url_words

    texts = [f"https://github.com/OpenSSL{i}/gost-engine{i % 7}" for i in range(50)] + ["", "x"]
    whole = token_parts(texts), url_words(texts)
    monkeypatch.setattr(vocabulary, "_BATCH", 3)
    assert (token_parts(iter(texts)), url_words(iter(texts))) == whole
    assert {"open", "ssl", "openssl", "gost", "engine"} <= whole[0]
