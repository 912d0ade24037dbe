"""The operating system's reasons in Danish.

``OSError.strerror`` is English ("Permission denied") and on Windows depends on
the system's language; a Danish sentence must not carry either. Every message
that names why a file or folder could not be used takes the reason from here.
"""

from __future__ import annotations

import errno

# errno → the reason, as it reads after "… kan ikke åbnes: ".
REASONS = {
    errno.EACCES: "du har ikke adgang til den",
    errno.EPERM: "du har ikke adgang til den",
    errno.ENOENT: "den findes ikke",
    errno.ENOTDIR: "en del af stien er en fil, ikke en mappe",
    errno.EISDIR: "det er en mappe, ikke en fil",
    errno.ENAMETOOLONG: "stien er for lang",
    errno.ENOSPC: "der er ikke plads på drevet",
    errno.EROFS: "drevet kan kun læses",
    errno.EEXIST: "den findes allerede",
    errno.EBUSY: "den er i brug af et andet program",
    errno.ETXTBSY: "den er i brug af et andet program",
    errno.EMFILE: "der er for mange åbne filer",
    errno.EIO: "drevet svarer ikke (en læse- eller skrivefejl)",
    errno.ELOOP: "stien har for mange genveje (symbolske links)",
    errno.EINVAL: "navnet er ikke gyldigt",
}
if hasattr(errno, "EDQUOT"):
    REASONS[errno.EDQUOT] = "der er ikke plads på drevet"
# Windows' own error numbers, where they say more than errno does.
WINDOWS_REASONS = {
    5: "du har ikke adgang til den",  # ERROR_ACCESS_DENIED
    32: "den er åben i et andet program",  # ERROR_SHARING_VIOLATION
    33: "den er åben i et andet program",  # ERROR_LOCK_VIOLATION
    53: "netværksstien kan ikke findes",  # ERROR_BAD_NETPATH
    112: "der er ikke plads på drevet",  # ERROR_DISK_FULL
    206: "stien er for lang",  # ERROR_FILENAME_EXCED_RANGE
}


def reason(exc: OSError) -> str:
    """Why ``exc`` happened, in Danish; a plain system error code where none is known."""
    winerror = getattr(exc, "winerror", None)
    if winerror in WINDOWS_REASONS:
        return WINDOWS_REASONS[winerror]
    if exc.errno in REASONS:
        return REASONS[exc.errno]
    name = errno.errorcode.get(exc.errno or 0) or (f"Windows {winerror}" if winerror else None)
    return f"systemfejl {name}" if name else "en ukendt systemfejl"
