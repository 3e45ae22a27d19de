@echo off
rem databricks-sync launcher of the release archive (Windows): finds Java 21 or newer (a JRE is enough)
rem in JAVA_HOME, else on PATH, and runs lib\databricks-sync.jar. Extra JVM options: DATABRICKS_SYNC_JAVA_OPTS.
setlocal EnableDelayedExpansion
set "JAR=%~dp0..\lib\databricks-sync.jar"
set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA for %%j in (java.exe) do if not "%%~$PATH:j"=="" set "JAVA=%%~$PATH:j"
if not defined JAVA goto nojava
set "MAJOR="
for /f "tokens=2 delims==" %%v in ('""!JAVA!" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version""') do set "MAJOR=%%v"
if not defined MAJOR goto nojava
set "MAJOR=!MAJOR: =!"
for /f "delims=." %%m in ("!MAJOR!") do set "MAJOR=%%m"
if !MAJOR! LSS 21 goto oldjava
"!JAVA!" %DATABRICKS_SYNC_JAVA_OPTS% -jar "%JAR%" %*
exit /b !ERRORLEVEL!

:oldjava
echo databricks-sync needs Java 21 or newer; "!JAVA!" is Java !MAJOR!. Install Java 21+ (e.g. Temurin 21) and set JAVA_HOME. 1>&2
exit /b 1

:nojava
echo databricks-sync needs Java 21 or newer; none was found in JAVA_HOME or on PATH. Install one (e.g. Temurin 21) and set JAVA_HOME. 1>&2
exit /b 1
