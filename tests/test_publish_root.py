"""The Publish page writes only inside one folder ($GEO_PUBLISH_ROOT, else published/): an
editor's typing cannot make the app create folders and files anywhere the server may write."""

from __future__ import annotations

import pytest

from geo.app import guard
from geo.core import GeoError


def test_a_relative_folder_is_read_from_the_root_and_need_not_exist(tmp_path):
    assert guard.publish_folder("site", tmp_path) == tmp_path.resolve() / "site"
    assert guard.publish_folder(f"  {tmp_path}/a/b  ", tmp_path) == tmp_path.resolve() / "a" / "b"


@pytest.mark.parametrize("typed", ["/etc/cron.d", "../outside", "site/../../outside", "~/anything"])
def test_a_folder_outside_the_root_is_refused_naming_the_root(tmp_path, typed):
    root = tmp_path / "published"
    with pytest.raises(GeoError, match="outside the publish folder") as refused:
        guard.publish_folder(typed, root)
    assert (
        str(root.resolve()) in refused.value.message and guard.PUBLISH_ROOT_VARIABLE in refused.value.message
    )


def test_a_symbolic_link_inside_the_root_is_refused(tmp_path):
    root, away = tmp_path / "published", tmp_path / "away"
    root.mkdir()
    away.mkdir()
    (root / "site").symlink_to(away, target_is_directory=True)
    with pytest.raises(GeoError, match="symbolic link"):
        guard.publish_folder("site/new", root)
    with pytest.raises(GeoError, match="symbolic link"):
        guard.publish_folder("site", root)


def test_an_empty_folder_name_is_refused(tmp_path):
    with pytest.raises(GeoError, match="type a folder"):
        guard.publish_folder("   ", tmp_path)


def test_the_root_is_the_variable_else_the_projects_published_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(guard.PUBLISH_ROOT_VARIABLE, str(tmp_path))
    assert guard.publish_root() == tmp_path.resolve()
    monkeypatch.delenv(guard.PUBLISH_ROOT_VARIABLE)
    assert guard.publish_root() == guard.DEFAULT_PUBLISH_ROOT.resolve()
