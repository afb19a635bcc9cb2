import re

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """Passwords mix at least three of: lower case, upper case, digits, symbols."""

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < 3:
            raise ValidationError(
                _(
                    "The password must mix at least three of: lower case, upper case, digits, "
                    "symbols."
                ),
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("Mix at least three of: lower case, upper case, digits, symbols.")


# Keyboard rows and columns of the US layout Chinese offices use; a run along one of them in
# either direction ("qwer", "1qaz", "zaq1") is a pattern, not a secret.
_ROWS = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"]
_COLUMNS = ["1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik", "9ol", "0p"]
_SEQUENCES = ["abcdefghijklmnopqrstuvwxyz", "01234567890"]
_SHIFTED = dict(zip("!@#$%^&*()", "1234567890", strict=True))
_LEET = {
    "@": "a",
    "4": "a",
    "0": "o",
    "1": "i",
    "!": "i",
    "3": "e",
    "$": "s",
    "5": "s",
    "7": "t",
    "+": "t",
}
# Words and pinyin that Chinese users put in passwords, plus the platform's own name.
_WORDS = [
    "password",
    "passwd",
    "pass",
    "admin",
    "administrator",
    "root",
    "user",
    "guest",
    "test",
    "demo",
    "welcome",
    "login",
    "qwerty",
    "iloveyou",
    "love",
    "china",
    "woaini",
    "aini",
    "nihao",
    "zhongguo",
    "beijing",
    "shanghai",
    "mima",
    "anquan",
    "anjian",
    "zhangsan",
    "lisi",
    "wangwu",
    "sb",
    "abc",
]
_LUCKY = ["5201314", "1314", "520", "888", "666", "168"]
_MIN_RUN = 3
_MIN_OWN = 4


def _mark_runs(text: str, lines: list[str], covered: list[bool], found: set, name: str) -> None:
    for line in lines:
        for seq in (line, line[::-1]):
            for length in range(len(seq), _MIN_RUN - 1, -1):
                for start in range(len(seq) - length + 1):
                    piece = seq[start : start + length]
                    at = text.find(piece)
                    while at != -1:
                        for i in range(at, at + length):
                            covered[i] = True
                        found.add(name)
                        at = text.find(piece, at + 1)


def _mark_words(text: str, words: list[str], covered: list[bool], found: set, name: str) -> None:
    for word in words:
        if len(word) < 2:
            continue
        at = text.find(word)
        while at != -1:
            for i in range(at, at + len(word)):
                covered[i] = True
            found.add(name)
            at = text.find(word, at + 1)


def password_patterns(password: str, username: str = "") -> tuple[set[str], int]:
    """The kinds of pattern found in `password` and how many characters are left outside them."""
    lower = password.lower()
    keys = "".join(_SHIFTED.get(c, c) for c in lower)
    leet = "".join(_LEET.get(c, c) for c in lower)
    covered = [False] * len(password)
    found: set[str] = set()
    _mark_runs(keys, _ROWS + _COLUMNS, covered, found, "keyboard")
    _mark_runs(lower, _SEQUENCES, covered, found, "sequence")
    for text in (lower, leet):
        _mark_words(text, _WORDS, covered, found, "word")
    if len(username) >= 3:
        for text in (lower, leet):
            _mark_words(text, [username.lower()], covered, found, "username")
    _mark_words(lower, _LUCKY, covered, found, "sequence")
    for match in re.finditer(r"(?:19|20)\d\d", lower):
        covered[match.start() : match.end()] = [True] * 4
        found.add("year")
    for match in re.finditer(r"(.)\1{2,}", lower):
        covered[match.start() : match.end()] = [True] * (match.end() - match.start())
        found.add("repeat")
    # A symbol between patterns ("Admin@123") adds nothing a guesser would not try first.
    own = sum(1 for c, hit in zip(password, covered, strict=True) if not hit and c.isalnum())
    return found, own


class PatternValidator:
    """Refuse passwords made of guessable pieces: keyboard runs (qwer, 1qaz2wsx), sequences
    (abc, 123), years (19xx, 20xx), the user name, `admin` and common words or pinyin.

    A password passes when at least four letters or digits lie outside every such piece, so
    `Admin@123`, `Abc@12345`, `Qwer@1234`, `1qaz@WSX` and `P@ssw0rd` are refused.
    """

    def validate(self, password: str, user=None) -> None:
        found, own = password_patterns(password, getattr(user, "username", "") or "")
        if own < _MIN_OWN:
            names = {
                "keyboard": _("keyboard runs"),
                "sequence": _("sequences such as abc or 123"),
                "year": _("years"),
                "username": _("the user name"),
                "word": _("common words such as admin or password"),
                "repeat": _("repeated characters"),
            }
            kinds = "、".join(str(names[k]) for k in sorted(found)) or _("patterns")
            raise ValidationError(
                _(
                    "The password is made of guessable patterns (%(kinds)s); add at least four "
                    "letters or digits of your own."
                )
                % {"kinds": kinds},
                code="password_pattern",
            )

    def get_help_text(self) -> str:
        return _("No keyboard runs, sequences, years, your user name or common words.")


class HistoryValidator:
    """The new password may not be one of the last five (the current one included)."""

    def validate(self, password: str, user=None) -> None:
        if user is None or not getattr(user, "pk", None):
            return
        from django.conf import settings

        from anjian.accounts.models import PasswordHistory

        hashes = [
            user.password,
            *PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[
                : settings.PASSWORD_HISTORY
            ],
        ]
        if any(h and check_password(password, h) for h in hashes):
            raise ValidationError(
                _("The password may not be one of your last %(count)d passwords.")
                % {"count": settings.PASSWORD_HISTORY},
                code="password_reused",
            )

    def get_help_text(self) -> str:
        return _("Not one of your last five passwords.")
