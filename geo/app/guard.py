"""What keeps the app to the people and files it is meant for (no Streamlit here).

- **Requests**: the app answers only requests addressed to this machine by name
  (``localhost``, ``127.0.0.1``, ``::1``) or to a host listed in ``$GEO_ALLOWED_HOSTS``
  (comma-separated). A page on another site that rebinds its own name to 127.0.0.1 sends its
  own name as the Host header, and is refused (:func:`host_allowed`).
- **Server folders**: the Sources page reads folders only inside one root, ``$GEO_ARTICLES_ROOT``,
  else the project's ``articles/`` folder; the path is resolved, and any symbolic link on the
  way or inside is refused (:func:`server_folder_files`). The Publish page writes only inside
  ``$GEO_PUBLISH_ROOT``, else the project's ``published/`` folder, on the same terms
  (:func:`publish_folder`).
- **Editors**: with ``$GEO_AUTH_CONFIG`` naming a YAML file of users with bcrypt-hashed passwords
  (the format of ``streamlit-authenticator``), every page asks for a login and decisions are
  recorded under the editor's name; without it, the app is single-user and the editor is the
  operating system's login name (:func:`local_editor`).
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core import ROOT, ArticleError, GeoError
from ..read import ARTICLE_SUFFIXES

ALLOWED_HOSTS_VARIABLE = "GEO_ALLOWED_HOSTS"
ARTICLES_ROOT_VARIABLE = "GEO_ARTICLES_ROOT"
PUBLISH_ROOT_VARIABLE = "GEO_PUBLISH_ROOT"
AUTH_CONFIG_VARIABLE = "GEO_AUTH_CONFIG"
#: The host names that always mean this machine.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
DEFAULT_ARTICLES_ROOT = ROOT / "articles"
DEFAULT_PUBLISH_ROOT = ROOT / "published"
#: A bcrypt hash ($2a$, $2b$ or $2y$, cost, 53 characters of salt and hash).
_BCRYPT = re.compile(r"^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$")


# -- requests --------------------------------------------------------------------------------------
def allowed_hosts() -> tuple[str, ...]:
    """This machine's names and those in $GEO_ALLOWED_HOSTS, lower case."""
    extra = [h.strip().lower() for h in os.environ.get(ALLOWED_HOSTS_VARIABLE, "").split(",") if h.strip()]
    return (*LOCAL_HOSTS, *extra)


def host_name(header: str) -> str:
    """The host of a Host header, without its port: ``[::1]:8501`` → ``::1``, ``Example:80`` → ``example``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    if header.count(":") == 1:
        return header.split(":", 1)[0]
    return header


def host_allowed(header: str | None, allowed: Iterable[str] | None = None) -> bool:
    """Whether a request's Host header names this machine or an allowed host.

    No header at all is not a browser's request (a test run, bare mode) and is let through:
    a browser always sends one, and a rebinding page sends its own name.
    """
    if header is None or not header.strip():
        return True
    return host_name(header) in set(allowed if allowed is not None else allowed_hosts())


def refusal_text(header: str) -> str:
    return (
        f"This app answers only requests to this machine (localhost, 127.0.0.1) or to a host in "
        f"${ALLOWED_HOSTS_VARIABLE}; this one was addressed to “{host_name(header)}”. Open it at localhost "
        "or 127.0.0.1 on the same port, or add the name to the variable if it is yours."
    )


# -- server folders --------------------------------------------------------------------------------
def articles_root() -> Path:
    """The one folder whose contents the Sources page may read: $GEO_ARTICLES_ROOT, else articles/."""
    return Path(os.environ.get(ARTICLES_ROOT_VARIABLE) or DEFAULT_ARTICLES_ROOT).expanduser().resolve()


def server_folder(typed: str, root: Path | None = None) -> Path:
    """The folder an editor typed, inside the root (a relative path is read from the root).

    Refused: an empty path, anything outside the root once resolved, a missing folder, and a
    path with a symbolic link anywhere below the root.
    """
    root = (root or articles_root()).resolve()
    typed = typed.strip()
    if not typed:
        raise ArticleError("type a folder inside the articles folder", file=root)
    if not root.is_dir():
        raise ArticleError(
            f"the articles folder does not exist: create it or set ${ARTICLES_ROOT_VARIABLE}", file=root
        )
    lexical = _confined(
        typed,
        root,
        "articles folder",
        ARTICLES_ROOT_VARIABLE,
        ArticleError,
        "copy the articles into the folder instead",
    )
    if not lexical.is_dir():
        raise ArticleError("no such folder in the articles folder", file=typed)
    return lexical


def publish_root() -> Path:
    """The one folder the Publish page may write in: $GEO_PUBLISH_ROOT, else published/."""
    return Path(os.environ.get(PUBLISH_ROOT_VARIABLE) or DEFAULT_PUBLISH_ROOT).expanduser().resolve()


def publish_folder(typed: str, root: Path | None = None) -> Path:
    """The folder an editor typed for a publish, inside the publish root (a relative path is read
    from it), which need not exist yet; refused: an empty path, anything outside the root once
    resolved, and a symbolic link on the way. What publishing may then replace there is
    :func:`geo.publish.publish`'s to decide (only a folder an earlier publish wrote)."""
    root = (root or publish_root()).resolve()
    typed = typed.strip()
    if not typed:
        raise GeoError("type a folder to write, inside the publish folder", file=root)
    return _confined(
        typed, root, "publish folder", PUBLISH_ROOT_VARIABLE, GeoError, "write to a folder inside it instead"
    )


def _confined(
    typed: str, root: Path, folder: str, variable: str, error: type[GeoError], instead: str
) -> Path:
    """``typed`` as a path inside ``root`` (relative: from the root): refused with ``error`` if it
    leaves the root, lexically or once resolved, or if any part of it below the root is a
    symbolic link (a link could point anywhere)."""
    given = Path(typed).expanduser()
    given = given if given.is_absolute() else root / given
    lexical = Path(os.path.normpath(given))
    if not lexical.is_relative_to(root):
        raise error(f"is outside the {folder} {root} (${variable}): refused", file=typed)
    step = root
    for part in lexical.relative_to(root).parts:
        step = step / part
        if step.is_symlink():
            raise error(f"is a symbolic link: refused ({instead})", file=step)
    if lexical.resolve() != lexical or not lexical.resolve().is_relative_to(root):
        raise error(f"is outside the {folder} {root}: refused", file=typed)
    return lexical


def server_folder_files(typed: str, root: Path | None = None) -> list[Path | ArticleError]:
    """The article files of a folder inside the root, without following any symbolic link:
    a link inside (to a file or a folder) is reported as an error and not read."""
    root = (root or articles_root()).resolve()
    folder = server_folder(typed, root)
    found: list[Path | ArticleError] = []
    for here, folders, files in os.walk(folder, followlinks=False):
        here_path = Path(here)
        for name in sorted(folders):
            if (here_path / name).is_symlink():
                found.append(ArticleError("is a symbolic link: not followed", file=here_path / name))
        folders[:] = sorted(f for f in folders if not (here_path / f).is_symlink() and not f.startswith("."))
        for name in sorted(files):
            path = here_path / name
            if (
                name.startswith(".")
                or name.upper().startswith("README")
                or path.suffix.lower() not in ARTICLE_SUFFIXES
            ):
                continue
            if path.is_symlink():
                found.append(ArticleError("is a symbolic link: not read", file=path))
            elif path.is_file() and path.resolve().is_relative_to(root):
                found.append(path)
    return found


# -- editors ---------------------------------------------------------------------------------------
def local_editor() -> str:
    """The single user of a local app: the operating system's login name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "local user"


@dataclass(frozen=True)
class AuthConfig:
    """The newsroom's users (streamlit-authenticator's ``credentials``) and its login cookie."""

    credentials: dict
    cookie_name: str
    cookie_key: str
    cookie_days: float


def auth_config_path() -> Path | None:
    value = os.environ.get(AUTH_CONFIG_VARIABLE)
    return Path(value) if value else None


def load_auth_config(path: Path) -> AuthConfig:
    """Read the users file; refused (one clear message) if it is unreadable, has no users, a
    password that is not a bcrypt hash, or no cookie key of at least 32 characters."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GeoError(f"cannot read the users file: {exc}", file=path) from None
    users = ((data or {}).get("credentials") or {}).get("usernames") if isinstance(data, dict) else None
    if not isinstance(users, dict) or not users:
        raise GeoError("names no users (credentials: usernames: ...)", file=path)
    for username, user in users.items():
        if not isinstance(user, dict) or not _BCRYPT.match(str(user.get("password", ""))):
            raise GeoError(
                f"the password of {username!r} is not a bcrypt hash: store hashes only "
                "(see the README, “Editors and logins”)",
                file=path,
            )
    cookie = data.get("cookie") or {}
    key = str(cookie.get("key", ""))
    if len(key) < 32:
        raise GeoError("cookie: key must be a random secret of at least 32 characters", file=path)
    return AuthConfig(
        {"usernames": users}, str(cookie.get("name") or "geo_login"), key, float(cookie.get("expiry_days", 1))
    )


def hash_password(password: str) -> str:
    """A bcrypt hash for the users file."""
    import bcrypt

    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")
