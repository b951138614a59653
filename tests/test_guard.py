"""Issue 14, item 3: the app reads no server file outside one folder, answers only requests to
this machine, listens on 127.0.0.1, and takes the editor's name from a login (or, by default,
from the operating system's login name), never from a text box.
"""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.app import editing, guard
from geo.core import ArticleError, GeoError
from geo.store import Store
from tests.app_dispatches import build_store
from tests.conftest import ALEPPO

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 180
ARTICLE = "Government forces captured Karm al-Jabal on Thursday, the army said.\n"


# -- listening and answering -----------------------------------------------------------------------
def test_streamlit_listens_on_this_machine_only():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"].get("enableXsrfProtection", True) is True
    recipe = re.search(r"^app:.*?\n\t(.+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    assert "--server.address 127.0.0.1" in recipe and "$(PORT)" in recipe


@pytest.mark.parametrize(
    "host", ["localhost:8501", "127.0.0.1:8501", "[::1]:8501", "LOCALHOST", "127.0.0.1", None, ""]
)
def test_requests_to_this_machine_are_answered(host, monkeypatch):
    monkeypatch.delenv(guard.ALLOWED_HOSTS_VARIABLE, raising=False)
    assert guard.host_allowed(host)


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example:8501",
        "attacker.example",
        "127.0.0.1.attacker.example:8501",
        "localhost.attacker.example",
        "[2001:db8::1]:8501",
        "10.0.0.5:8501",
    ],
)
def test_requests_to_another_host_name_are_refused(host, monkeypatch):
    monkeypatch.delenv(guard.ALLOWED_HOSTS_VARIABLE, raising=False)
    assert not guard.host_allowed(host)
    assert guard.host_name(host) in guard.refusal_text(host)


def test_a_newsroom_names_its_own_hosts(monkeypatch):
    monkeypatch.setenv(guard.ALLOWED_HOSTS_VARIABLE, "maps.newsroom.example, 10.0.0.5")
    assert guard.host_allowed("maps.newsroom.example:443") and guard.host_allowed("10.0.0.5:8501")
    assert not guard.host_allowed("attacker.example:8501")


# -- server folders --------------------------------------------------------------------------------
@pytest.fixture
def root(tmp_path, monkeypatch):
    """An articles root with one folder of articles, and a secret file outside it."""
    root = tmp_path / "articles"
    (root / "december").mkdir(parents=True)
    (root / "december" / "jabal.txt").write_text(ARTICLE)
    secret = tmp_path / "secret.txt"
    secret.write_text("Rebels took the server room on Monday, the password file said.\n")
    monkeypatch.setenv(guard.ARTICLES_ROOT_VARIABLE, str(root))
    return root


def test_a_folder_inside_the_root_is_read(root):
    (article,) = editing.folder_articles("december")
    assert "Karm al-Jabal" in article.text
    assert [a.text for a in editing.folder_articles(str(root / "december"))] == [article.text]


@pytest.mark.parametrize("typed", ["/etc", "..", "december/../..", "~", "/"])
def test_a_folder_outside_the_root_is_refused(root, typed):
    with pytest.raises(ArticleError, match="outside the articles folder"):
        editing.folder_articles(typed)


def test_symbolic_links_are_refused_on_the_way_and_inside(root, tmp_path):
    (root / "december" / "passwd.txt").symlink_to(tmp_path / "secret.txt")
    (root / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    (root / "december" / "more").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(ArticleError, match="symbolic link"):
        editing.folder_articles("elsewhere")
    found = editing.folder_articles("december")
    read = [a for a in found if not isinstance(a, ArticleError)]
    refused = [e for e in found if isinstance(e, ArticleError)]
    assert [a.text.strip() for a in read] == [ARTICLE.strip()]
    assert sorted(Path(e.file).name for e in refused) == ["more", "passwd.txt"]
    assert all("symbolic link" in e.message for e in refused)
    assert not any("server room" in a.text for a in read)


def test_without_a_configured_root_the_project_articles_folder_is_the_root(monkeypatch):
    monkeypatch.delenv(guard.ARTICLES_ROOT_VARIABLE, raising=False)
    assert guard.articles_root() == (ROOT / "articles").resolve()


# -- the pages ------------------------------------------------------------------------------------
@pytest.fixture
def app(tmp_path, monkeypatch):
    """The app's test set-up (tests/test_app.py): a store of invented dispatches and a gazetteer copy."""
    gazetteer = tmp_path / "gazetteer"
    gazetteer.mkdir()
    for name in ("gazetteer.json", "places.csv", "regions.csv", "baseline.csv", "boundaries.geojson"):
        shutil.copyfile(ALEPPO / name, gazetteer / name)
    db = build_store(tmp_path / "geo.db")
    monkeypatch.setenv("GEO_DB", str(db))
    monkeypatch.setenv("GEO_GAZETTEER", str(gazetteer))
    monkeypatch.delenv(guard.AUTH_CONFIG_VARIABLE, raising=False)
    st.cache_resource.clear()
    yield db
    st.cache_resource.clear()


def page(name: str = "app.py") -> AppTest:
    at = AppTest.from_file(ROOT / "app.py", default_timeout=TIMEOUT)
    if name != "app.py":
        at.switch_page(name)
    return at.run()


def test_the_sources_page_reads_no_folder_outside_the_root(app, root, tmp_path):
    (root / "december" / "passwd.txt").symlink_to(tmp_path / "secret.txt")
    at = page("pages/1_Sources.py")
    for typed in ("/etc", str(tmp_path)):
        at.text_input(key="folder-path").input(typed)
        at.button[2].click().run()
        assert not at.exception and "outside the articles folder" in at.error[0].value
    at.text_input(key="folder-path").input("december")
    at.button[2].click().run()
    assert not at.exception
    assert "Added 1 article" in at.success[0].value and "symbolic link" in at.error[0].value
    texts = [a.text for a in Store(app).articles()]
    assert ARTICLE.strip() in [t.strip() for t in texts] and not any("server room" in t for t in texts)


# -- logins ---------------------------------------------------------------------------------------
def users_file(folder: Path, password: str | None = None) -> Path:
    """A users file as the README describes it: one editor, a bcrypt hash (or a plain password)."""
    path = folder / "users.yaml"
    path.write_text(
        "credentials:\n  usernames:\n    ana:\n      name: Ana Haddad\n"
        f"      password: '{password or guard.hash_password('correct horse')}'\n"
        f"cookie:\n  name: geo_login\n  key: '{'k' * 40}'\n  expiry_days: 1\n",
        encoding="utf-8",
    )
    return path


def test_with_a_users_file_nothing_shows_before_a_login(app, tmp_path, monkeypatch):
    monkeypatch.setenv(guard.AUTH_CONFIG_VARIABLE, str(users_file(tmp_path)))
    at = page()
    assert not at.exception
    assert [w.label for w in at.text_input] == ["Username", "Password"]
    assert not at.get("select_slider") and "Karm" not in str(at.get("html"))
    at.text_input[0].input("ana")
    at.text_input[1].input("wrong")
    at.button[0].click().run()
    assert "Wrong name or password" in at.error[0].value and not at.get("select_slider")


def test_a_logged_in_editor_s_name_is_recorded_on_the_decision(app, tmp_path, monkeypatch):
    monkeypatch.setenv(guard.AUTH_CONFIG_VARIABLE, str(users_file(tmp_path)))
    at = page("pages/2_Review.py")
    at.text_input[0].input("ana")
    at.text_input[1].input("correct horse")
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert "Ana Haddad" in "\n".join(c.value for c in at.sidebar.caption)
    key = at.selectbox(key="claim").value
    at.radio[0].set_value("accepted")
    next(b for b in at.button if b.label == "Save decision").click().run()
    assert not at.exception
    assert Store(app).decisions()[key].by == "Ana Haddad (ana)"


def test_an_editor_logs_out_and_meets_the_login_again(app, tmp_path, monkeypatch):
    monkeypatch.setenv(guard.AUTH_CONFIG_VARIABLE, str(users_file(tmp_path)))
    at = page()
    at.text_input[0].input("ana")
    at.text_input[1].input("correct horse")
    at.button[0].click().run()
    assert at.get("select_slider")
    next(b for b in at.sidebar.button if b.label == "Log out").click().run()
    assert not at.exception
    at.run()
    assert [w.label for w in at.text_input] == ["Username", "Password"] and not at.get("select_slider")


def test_a_users_file_with_a_plain_password_is_refused(app, tmp_path, monkeypatch):
    monkeypatch.setenv(guard.AUTH_CONFIG_VARIABLE, str(users_file(tmp_path, password="correct horse")))
    at = page()
    assert not at.exception
    assert "is not a bcrypt hash" in at.error[0].value
    assert not at.text_input  # no login form, nothing of the app
    with pytest.raises(GeoError, match="not a bcrypt hash"):
        guard.load_auth_config(tmp_path / "users.yaml")


def test_a_users_file_needs_a_long_cookie_key(tmp_path):
    path = users_file(tmp_path)
    path.write_text(path.read_text().replace("k" * 40, "short"))
    with pytest.raises(GeoError, match="at least 32 characters"):
        guard.load_auth_config(path)


def test_without_a_users_file_the_editor_is_the_os_login_name(app, monkeypatch):
    import getpass

    assert guard.local_editor() == getpass.getuser()
    at = page("pages/2_Review.py")
    assert f"**{getpass.getuser()}**" in "\n".join(m.value for m in at.sidebar.caption)
    assert "editor" not in [w.key for w in at.text_input]
    assert os.environ.get(guard.AUTH_CONFIG_VARIABLE) is None
