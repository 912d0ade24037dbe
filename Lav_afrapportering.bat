@echo off
rem Dobbeltklik for at lave årsrapporten. Finder Python 3.11+ og kører generator\bootstrap.py.
chcp 65001 >nul
cd /d "%~dp0"
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
:zip
echo Mappen "generator" blev ikke fundet ved siden af Lav_afrapportering.bat.
echo Er programmet stadig i en zip-fil? Højreklik på zip-filen, vælg "Udpak alle", og kør filen fra den udpakkede mappe.
echo.
pause
exit /b 2
:run
rem Standard output is the program's alone (tjek --json is one JSON document), so the
rem blank line and the pause prompt go to standard error, which the window shows too.
%PY% generator\bootstrap.py %*
set "RC=%ERRORLEVEL%"
echo. 1>&2
pause 1>&2
exit /b %RC%
