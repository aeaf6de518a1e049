@echo off
rem The `lanyard` CLI of the installed Lanyard app (Windows). It runs Lanyard.exe as Node
rem (ELECTRON_RUN_AS_NODE=1) on the CLI bundled in the app, so no separate Node is needed.
rem Lanyard writes this file's path into credential_process lines.
setlocal
set "ELECTRON_RUN_AS_NODE=1"
"%~dp0..\..\Lanyard.exe" "%~dp0..\app.asar.unpacked\bin\lanyard.js" %*
exit /b %ERRORLEVEL%
