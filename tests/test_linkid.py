"""Link identity: every rule in both directions (what must be equal, what must stay apart)."""

from __future__ import annotations

import pytest

from listlint.linkid import arxiv_id, describe_identity, doi, link_identity, paper_identity

SAME = [
    # scheme, host case, www., default ports, trailing slash, index page
    ("http://example.com/a", "https://example.com/a"),
    ("https://EXAMPLE.com/a", "https://example.com/a"),
    ("https://www.example.com/a", "https://example.com/a"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("http://example.com:80/a", "https://example.com/a"),
    ("https://example.com/a/", "https://example.com/a"),
    ("https://example.com/", "https://example.com"),
    ("https://example.com/docs/index.html", "https://example.com/docs/"),
    # fragments (not single-page-app routes)
    ("https://example.com/a#install", "https://example.com/a"),
    ("https://github.com/o/r#readme", "https://github.com/o/r"),
    # tracking parameters, and the order of the others
    ("https://example.com/a?utm_source=x&utm_medium=y", "https://example.com/a"),
    ("https://example.com/a?ref=github", "https://example.com/a"),
    ("https://example.com/a?fbclid=1&gclid=2&msclkid=3", "https://example.com/a"),
    ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ("https://example.com/a?q=1&utm_campaign=z", "https://example.com/a?q=1"),
    # percent-escapes of unreserved characters
    ("https://example.com/%7Euser", "https://example.com/~user"),
    # arXiv
    ("https://arxiv.org/abs/2407.12391", "https://arxiv.org/pdf/2407.12391"),
    ("https://arxiv.org/abs/2407.12391", "https://arxiv.org/pdf/2407.12391.pdf"),
    ("https://arxiv.org/abs/2407.12391", "https://arxiv.org/pdf/2407.12391v2.pdf"),
    ("https://arxiv.org/abs/2407.12391", "https://arxiv.org/abs/2407.12391v3"),
    ("https://arxiv.org/abs/2407.12391", "https://arxiv.org/html/2407.12391v1"),
    ("https://arxiv.org/abs/2407.12391", "http://export.arxiv.org/abs/2407.12391"),
    ("https://arxiv.org/abs/2407.12391", "https://www.arxiv.org/abs/2407.12391/"),
    ("https://arxiv.org/abs/2407.12391", "https://doi.org/10.48550/arXiv.2407.12391"),
    ("https://arxiv.org/abs/2407.12391", "https://arxiv.org/abs/2407.12391#S3"),
    ("https://arxiv.org/abs/hep-th/9901001", "https://arxiv.org/pdf/hep-th/9901001v2"),
    # DOI
    ("https://doi.org/10.1145/3600006.3613165", "https://dx.doi.org/10.1145/3600006.3613165"),
    ("https://doi.org/10.1145/3600006.3613165", "http://doi.org/10.1145/3600006.3613165/"),
    ("https://doi.org/10.1145/3600006.3613165", "doi:10.1145/3600006.3613165"),
    ("https://doi.org/10.1145/3600006.3613165", "https://dl.acm.org/doi/10.1145/3600006.3613165"),
    ("https://doi.org/10.1145/3600006.3613165",
     "https://dl.acm.org/doi/abs/10.1145/3600006.3613165"),
    ("https://doi.org/10.1145/3600006.3613165",
     "https://dl.acm.org/doi/full/10.1145/3600006.3613165"),
    ("https://doi.org/10.1145/3600006.3613165",
     "https://dl.acm.org/doi/pdf/10.1145/3600006.3613165"),
    ("https://doi.org/10.1145/3600006.3613165",
     "https://dl.acm.org/doi/epdf/10.1145/3600006.3613165"),
    ("https://doi.org/10.1002/ABC.123", "https://onlinelibrary.wiley.com/doi/full/10.1002/abc.123"),
    ("https://doi.org/10.1007/978-3-030-58452-8_13",
     "https://link.springer.com/chapter/10.1007/978-3-030-58452-8_13"),
    # OpenReview
    ("https://openreview.net/forum?id=RUaMUu7vMX", "https://openreview.net/pdf?id=RUaMUu7vMX"),
    ("https://openreview.net/forum?id=RUaMUu7vMX",
     "https://openreview.net/forum?id=RUaMUu7vMX&noteId=XYZ"),
    # IEEE Xplore, ACL Anthology, NeurIPS / MLSys proceedings
    ("https://ieeexplore.ieee.org/document/11078403",
     "https://ieeexplore.ieee.org/abstract/document/11078403/"),
    ("https://ieeexplore.ieee.org/document/11078403",
     "https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=11078403"),
    ("https://aclanthology.org/2023.acl-long.1/", "https://aclanthology.org/2023.acl-long.1.pdf"),
    ("https://proceedings.neurips.cc/paper/2020/hash/1457c0d6bfcb4967418bfb8ac142f64a-Abstract"
     ".html", "https://proceedings.neurips.cc/paper/2020/file/1457c0d6bfcb4967418bfb8ac142f64a-"
     "Paper.pdf"),
    # GitHub: owner and repository are case-blind, .git and #readme do not count
    ("https://github.com/vllm-project/vllm", "https://github.com/vLLM-Project/VLLM"),
    ("https://github.com/vllm-project/vllm", "https://github.com/vllm-project/vllm.git"),
    ("https://github.com/vllm-project/vllm", "http://www.github.com/vllm-project/vllm/"),
    # relative links
    ("./papers/x.pdf", "papers/x.pdf"),
]

DIFFERENT = [
    ("https://example.com/a", "https://example.com/b"),
    ("https://example.com/A", "https://example.com/a"),  # paths are case-sensitive
    ("https://example.com:8080/a", "https://example.com/a"),  # a non-default port
    ("https://sub.example.com/a", "https://example.com/a"),  # only www. is dropped
    ("https://example.com/a?id=1", "https://example.com/a?id=2"),  # real parameters count
    ("https://example.com/a?page=2", "https://example.com/a"),
    ("https://example.com/#/settings", "https://example.com/#/about"),  # SPA routes
    ("https://arxiv.org/abs/2407.12391", "https://arxiv.org/abs/2407.12392"),
    ("https://arxiv.org/abs/2407.12391", "https://arxiv.org/abs/2407.1239"),
    ("https://arxiv.org/list/cs.LG/recent", "https://arxiv.org/list/cs.CL/recent"),
    ("https://doi.org/10.1145/3600006.3613165", "https://doi.org/10.1145/3600006.3613166"),
    ("https://doi.org/10.1145/3600006.3613165", "https://arxiv.org/abs/2309.06180"),
    ("https://openreview.net/forum?id=RUaMUu7vMX", "https://openreview.net/forum?id=rUaMUu7vMX"),
    ("https://openreview.net/forum?id=RUaMUu7vMX", "https://openreview.net/group?id=ICLR.cc"),
    ("https://ieeexplore.ieee.org/document/11078403", "https://ieeexplore.ieee.org/document/1"),
    ("https://aclanthology.org/2023.acl-long.1/", "https://aclanthology.org/2023.acl-long.2/"),
    # a repository is not a folder, a file or a branch of it; paths below it keep their case
    ("https://github.com/o/r", "https://github.com/o/r/tree/main/sub"),
    ("https://github.com/o/r", "https://github.com/o/r/blob/main/README.md"),
    ("https://github.com/o/r/tree/main/Sub", "https://github.com/o/r/tree/main/sub"),
    ("https://github.com/o/r", "https://github.com/o/r2"),
    ("https://github.com/o/r", "https://github.com/o2/r"),
    ("https://github.com/o/r", "https://gitlab.com/o/r"),
    ("mailto:a@example.com", "mailto:b@example.com"),
    ("papers/a.pdf", "papers/b.pdf"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_identity(a: str, b: str) -> None:
    assert link_identity(a) == link_identity(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_identity(a: str, b: str) -> None:
    assert link_identity(a) != link_identity(b)


def test_keys_are_readable() -> None:
    assert link_identity("https://arxiv.org/pdf/2407.12391v2.pdf") == "arxiv:2407.12391"
    assert link_identity("https://dl.acm.org/doi/abs/10.1145/3706418") == "doi:10.1145/3706418"
    assert link_identity("https://openreview.net/pdf?id=X1") == "openreview:X1"
    assert link_identity("https://GitHub.com/O/R.git#readme") == "//github.com/o/r"
    assert link_identity("") == ""


def test_helpers() -> None:
    assert arxiv_id("https://export.arxiv.org/pdf/2407.12391v3.pdf") == "2407.12391"
    assert arxiv_id("https://doi.org/10.48550/arXiv.2407.12391") == "2407.12391"
    assert arxiv_id("https://example.com/2407.12391") is None
    assert doi("https://dl.acm.org/doi/epdf/10.1145/3600006.3613165") == "10.1145/3600006.3613165"
    assert doi("https://doi.org/10.48550/arXiv.2407.12391") is None  # an arXiv paper
    assert doi("https://example.com/doi") is None
    assert paper_identity("https://openreview.net/forum?id=X1") == "openreview:X1"
    assert paper_identity("https://github.com/o/r") is None
    assert paper_identity("mailto:a@example.com") is None


def test_describe_identity() -> None:
    assert describe_identity("arxiv:2407.12391") == "arXiv id 2407.12391"
    assert describe_identity("doi:10.1145/1") == "DOI 10.1145/1"
    assert describe_identity("//github.com/o/r") == "GitHub repository o/r"
    assert describe_identity("//example.com/a") == "link example.com/a"


@pytest.mark.parametrize("url", [
    "https://[::1", "http://example.com:99999/", "https://", "http://%zz", "#", "   ",
    "https://arxiv.org/abs/" + "1" * 5000, "https://x.org/doi/" + "10." * 3000,
])
def test_odd_input_does_not_raise(url: str) -> None:
    assert isinstance(link_identity(url), str)


@pytest.mark.parametrize("url", [
    "https://Example.COM./A/b?Q=1&utm_source=x#Frag", "http://www.github.com/O/R.git/",
    "https://example.com", "https://example.com?x#y?z", "https://example.com#/route/",
    "https://example.com:8080/a", "https://user@example.com/a", "https://[::1]:8080/a",
    "https://ex%41mple.com/a", "https://example.com/a b", "https://exämple.com/a",
    "https://example.com/a\tb", "HTTPS://EXAMPLE.com/a", "https:///a", "https://[::1",
])
def test_plain_urls_split_as_urlsplit_does(url: str) -> None:
    """The regex shortcut for plain web URLs gives urlsplit's parts (or its error)."""
    from urllib.parse import urlsplit

    from listlint.linkid import _split

    try:
        parts = urlsplit(url)
        expected = (parts.scheme.lower(), parts.hostname or "", parts.port, parts.path,
                    parts.query, parts.fragment)
    except ValueError:
        with pytest.raises(ValueError):
            _split(url)
        return
    assert _split(url) == expected
