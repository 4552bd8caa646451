@echo off
rem The shortcut way, without Task Scheduler: put this file (or a shortcut to it) in the kiosk
rem account's Startup folder (Win+R, shell:startup). Edit the address below.
start "" "%ProgramFiles(x86)%\Microsoft\Edge\Application\msedge.exe" --kiosk https://chaski.example.pe/ --edge-kiosk-type=fullscreen --no-first-run --noerrdialogs --disable-session-crashed-bubble
