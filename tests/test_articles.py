"""Reading articles: text, Markdown, HTML, batch metadata, and every kind of bad file."""

from datetime import date

import pytest

from geo.core import ArticleError
from geo.read import MAX_BYTES, Article, load_articles, read_article, read_meta_csv

BODY = "Government troops entered the district on Friday.\n\nResidents said the shelling had stopped.\n"


def write(folder, name, content):
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_plain_text_keeps_its_headline_and_has_no_invented_date(tmp_path):
    article = read_article(write(tmp_path, "a.txt", "Troops enter the district\n\n" + BODY))
    assert article.title == "Troops enter the district"
    assert article.text.startswith("Troops enter the district")
    assert article.published is None and article.published_basis == ""


def test_markdown_front_matter_gives_metadata_and_is_not_text(tmp_path):
    path = write(
        tmp_path,
        "a.md",
        '---\ntitle: "Troops enter"\nsource: Example Wire\n'
        "url: https://example.org/a\npublished: 2016-12-02\n---\n" + BODY,
    )
    article = read_article(path)
    assert (article.title, article.source, article.url) == (
        "Troops enter",
        "Example Wire",
        "https://example.org/a",
    )
    assert article.published == date(2016, 12, 2) and article.published_basis == "metadata"
    assert not article.text.startswith("---") and "title:" not in article.text


def test_a_given_date_wins_over_metadata(tmp_path):
    path = write(tmp_path, "a.md", "---\npublished: 2016-12-02\n---\n" + BODY)
    article = read_article(path, published=date(2016, 12, 3))
    assert article.published == date(2016, 12, 3) and article.published_basis == "given"


def test_a_dateline_is_used_but_marked_inferred(tmp_path):
    article = read_article(write(tmp_path, "a.txt", "Troops enter\n\nBeirut, 2 December 2016\n\n" + BODY))
    assert article.published == date(2016, 12, 2)
    assert article.published_basis.startswith("inferred")


def test_html_main_text_and_metadata(tmp_path):
    html = (
        "<html><head><title>Troops enter - Example News</title>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta property='article:published_time' content='2016-12-02T08:00:00Z'></head>"
        "<body><nav>Home | World | Sport</nav><article><h1>Troops enter</h1>"
        "<p>Government troops entered the district on Friday after a week of shelling, "
        "the army said in a statement read on television.</p>"
        "<p>Residents said the shelling had stopped and that shops had opened again.</p>"
        "</article><footer>All rights reserved</footer></body></html>"
    )
    article = read_article(write(tmp_path, "a.html", html))
    assert "Government troops entered the district" in article.text
    assert "All rights reserved" not in article.text and "Sport" not in article.text
    assert article.published == date(2016, 12, 2) and article.source == "Example News"


def test_meta_csv_fills_articles_and_keeps_the_inferred_basis(tmp_path):
    write(tmp_path, "a.txt", BODY)
    csv_path = write(
        tmp_path,
        "meta.csv",
        "file,title,source,published,published_basis\n"
        "a.txt,Troops enter,Example Wire,2016-12-02,inferred: 'yesterday' was a Thursday\n",
    )
    (article,) = list(load_articles([tmp_path / "a.txt"], meta_csv=csv_path))
    assert isinstance(article, Article)
    assert (article.title, article.published) == ("Troops enter", date(2016, 12, 2))
    assert article.published_basis.startswith("inferred")
    # no paths: the files the CSV lists
    assert [a.title for a in load_articles([], meta_csv=csv_path)] == ["Troops enter"]


def test_folders_give_their_article_files(tmp_path):
    write(tmp_path, "b.txt", BODY)
    write(tmp_path, "a.md", BODY)
    write(tmp_path, "README.md", "About this folder\n")
    write(tmp_path, "notes.csv", "x\n")
    names = [a.path.rsplit("/", 1)[-1] for a in load_articles([tmp_path])]
    assert names == ["a.md", "b.txt"]


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Troops entered Bustan al-Qasr \u2014 caf\u00e9".encode("cp1252"), "UTF-8"),
        ("date.md", b"---\npublished: 2016-02-30\n---\nText of the article.\n", "2016-02-30"),
        ("frontmatter.md", b"---\njust words\n---\nText.\n", "front matter"),
    ],
)
def test_bad_files_are_refused_naming_the_file(tmp_path, name, content, words):
    path = write(tmp_path, name, content)
    with pytest.raises(ArticleError) as error:
        read_article(path)
    assert name in error.value.message and words in error.value.message


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: no 20 MB written to disk
    with pytest.raises(ArticleError, match="huge.txt.*too large"):
        read_article(path)


def test_meta_csv_errors_name_file_and_row(tmp_path):
    bad_date = write(
        tmp_path, "m1.csv", "file,title,source,published\na.txt,T,S,2016-12-01\nb.txt,T,S,2016-02-30\n"
    )
    with pytest.raises(ArticleError) as error:
        read_meta_csv(bad_date)
    assert "m1.csv, row 3" in error.value.message and "2016-02-30" in error.value.message
    no_column = write(tmp_path, "m2.csv", "file,title,published\na.txt,T,2016-12-01\n")
    with pytest.raises(ArticleError, match="m2.csv, row 1: missing column.*source"):
        read_meta_csv(no_column)


def test_a_batch_goes_on_past_bad_files_and_missing_csv_rows(tmp_path):
    write(tmp_path, "good.txt", BODY)
    write(tmp_path, "empty.txt", b"")
    csv_path = write(
        tmp_path,
        "meta.csv",
        "file,title,source,published\ngood.txt,Good,S,2016-12-01\ngone.txt,Gone,S,2016-12-01\n",
    )
    results = list(
        load_articles(
            [tmp_path / "good.txt", tmp_path / "empty.txt", tmp_path / "nowhere.txt"], meta_csv=csv_path
        )
    )
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r.message for r in results if isinstance(r, ArticleError)]
    assert [a.title for a in articles] == ["Good"]
    assert any("meta.csv, row 3" in e and "gone.txt" in e for e in errors)
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("nowhere.txt" in e and "not found" in e for e in errors)
    assert len(errors) == 3


def test_an_email_style_header_before_a_rule_is_metadata_and_not_text(tmp_path):
    path = write(
        tmp_path,
        "h.txt",
        "url: https://example.org/story\ntitle: Troops reach the river\n"
        "published: 2017-03-04\nsource: Example Wire\nnotes: retold in our own words\n---\n" + BODY,
    )
    article = read_article(path)
    assert (article.title, article.source, article.url) == (
        "Troops reach the river",
        "Example Wire",
        "https://example.org/story",
    )
    assert article.published == date(2017, 3, 4) and article.published_basis == "metadata"
    assert article.text == BODY  # offsets count from the body's first character


def test_a_header_saying_the_date_is_unknown_gives_no_date(tmp_path):
    article = read_article(
        write(tmp_path, "h.txt", "title: Undated report\npublished: unknown\n---\n" + BODY)
    )
    assert article.title == "Undated report" and article.published is None and article.text == BODY


def test_colon_lines_without_a_known_key_or_without_the_rule_stay_text(tmp_path):
    unknown_keys = "Update: the road reopened\nNote: times are local\n---\n" + BODY
    assert read_article(write(tmp_path, "u.txt", unknown_keys)).text == unknown_keys
    no_rule = "title: Not a header after all\n\n" + BODY
    assert read_article(write(tmp_path, "r.txt", no_rule)).text == no_rule


def test_a_meta_row_is_taken_by_file_name_when_the_csv_sits_elsewhere(tmp_path):
    (tmp_path / "articles").mkdir()
    write(tmp_path / "articles", "good.txt", BODY)
    csv_path = write(tmp_path, "meta.csv", "file,title,source,published\ngood.txt,Good,S,2016-12-01\n")
    results = list(load_articles([tmp_path / "articles"], meta_csv=csv_path))
    assert [(r.title, r.published) for r in results] == [("Good", date(2016, 12, 1))]
