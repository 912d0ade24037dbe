@echo off
rem Dobbeltklik for at lave årsrapporten. Finder Python 3.11+ og kører generator\bootstrap.py.
rem The folder's name may hold spaces, percent signs, exclamation marks, ampersands, brackets
rem and Danish letters: every path stays in double quotes, and delayed expansion is off, so
rem an exclamation mark in a name is never read as a variable.
setlocal EnableExtensions DisableDelayedExpansion
chcp 65001 >nul
rem pushd, not cd: it also enters a network folder, through a temporary drive letter.
pushd "%~dp0" || goto :nofolder
if not exist "generator\bootstrap.py" goto :zip
set "PY=py -3"
%PY% -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)" >nul 2>&1 && goto :run
set "PY=python"
%PY% -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)" >nul 2>&1 && goto :run
echo Programmet kræver Python 3.11 eller nyere, og det blev ikke fundet på denne computer.
echo.
echo Sådan får du Python:
echo   1. Gå til https://www.python.org/downloads/ og hent den nyeste Python.
echo   2. Kør installationen, og sæt flueben i "Add python.exe to PATH" nederst i første vindue.
echo   Du kan også installere Python fra Microsoft Store (søg efter "Python 3").
echo.
echo Dobbeltklik derefter på Lav_afrapportering.bat igen.
echo.
pause
exit /b 2
:nofolder
echo Programmets mappe kunne ikke åbnes: "%~dp0"
echo Kopiér hele mappen til en mappe på computeren, fx Dokumenter, og prøv igen.
echo.
pause
exit /b 2
:zip
echo Mappen "generator" blev ikke fundet ved siden af Lav_afrapportering.bat.
echo Er programmet stadig i en zip-fil? Højreklik på zip-filen, vælg "Udpak alle", og kør filen fra den udpakkede mappe.
echo.
pause
exit /b 2
:run
rem Standard output is the program's alone, tjek --json is one JSON document, so the
rem blank line and the pause prompt go to standard error, which the window shows too.
%PY% "generator\bootstrap.py" %*
set "RC=%ERRORLEVEL%"
popd
echo. 1>&2
pause 1>&2
exit /b %RC%
