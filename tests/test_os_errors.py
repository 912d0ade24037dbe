"""The operating system's reasons reach the author in Danish."""

import errno

from generator.core.os_errors import reason


def test_a_denied_file_is_told_in_danish():
    assert reason(PermissionError(errno.EACCES, "Permission denied")) == (
        "du har ikke adgang til den"
    )


def test_a_windows_sharing_violation_says_the_file_is_open():
    """winerror 32 is Excel holding the file; errno alone would say 'access denied'."""
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = 32
    assert reason(exc) == "den er åben i et andet program"


def test_an_unknown_error_names_its_code_not_its_english_text():
    assert reason(OSError(errno.ENXIO, "No such device or address")) == "systemfejl ENXIO"
    assert reason(OSError("no errno at all")) == "en ukendt systemfejl"
