#!/usr/bin/env bash
# Laver årsrapporten (Linux/macOS). Finder Python 3.11+ og kører generator/bootstrap.py.
# Every path is quoted, and "--" ends the options: the folder's name may hold spaces, $,
# quotes, a leading "-" or Danish letters, and nothing of it is ever run.
here=$(dirname -- "$0") && cd -- "$here" || exit 2
if [ ! -f generator/bootstrap.py ]; then
    echo 'Mappen "generator" blev ikke fundet ved siden af lav_afrapportering.sh. Pak hele programmet ud og prøv igen.'
    exit 2
fi
check='import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'
for candidate in python3 python; do
    if "$candidate" -c "$check" >/dev/null 2>&1; then
        exec "$candidate" ./generator/bootstrap.py "$@"
    fi
done
echo 'Programmet kræver Python 3.11 eller nyere, og det blev ikke fundet på denne computer.'
echo 'Hent den nyeste Python fra https://www.python.org/downloads/ (eller brug systemets pakkehåndtering),'
echo 'og kør derefter lav_afrapportering.sh igen.'
exit 2
