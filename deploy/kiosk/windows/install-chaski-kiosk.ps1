# A kiosk on Windows 10/11: Microsoft Edge (or Chrome) full screen on Chaski at every logon of
# the kiosk's account, as a Task Scheduler task. Run once, in an administrator PowerShell:
#   powershell -ExecutionPolicy Bypass -File install-chaski-kiosk.ps1 -Url https://chaski.example.pe/ -User biblioteca
# Remove with: Unregister-ScheduledTask -TaskName "Chaski kiosk" -Confirm:$false
param(
  [Parameter(Mandatory = $true)][string]$Url,
  [string]$User = $env:USERNAME,
  [ValidateSet('edge', 'chrome')][string]$Browser = 'edge'
)
$ErrorActionPreference = 'Stop'
if (-not $Url.StartsWith('https://')) { throw 'Chaski needs an https address: a service worker only runs in a secure context (deploy/README.md).' }

if ($Browser -eq 'edge') {
  $exe = "${env:ProgramFiles(x86)}\Microsoft\Edge\Application\msedge.exe"
  # fullscreen: no address bar, no way out but Ctrl+Alt+Del.
  $arguments = "--kiosk $Url --edge-kiosk-type=fullscreen --no-first-run --noerrdialogs --disable-session-crashed-bubble"
} else {
  $exe = "$env:ProgramFiles\Google\Chrome\Application\chrome.exe"
  $arguments = "--kiosk $Url --no-first-run --noerrdialogs --disable-session-crashed-bubble"
}
if (-not (Test-Path $exe)) { throw "Not found: $exe" }

$action = New-ScheduledTaskAction -Execute $exe -Argument $arguments
$trigger = New-ScheduledTaskTrigger -AtLogOn -User $User
# Started again if it stops (a patron closing the window), every minute, without end.
$settings = New-ScheduledTaskSettingsSet -RestartInterval (New-TimeSpan -Minutes 1) -RestartCount 9999 -ExecutionTimeLimit ([TimeSpan]::Zero) -AllowStartIfOnBatteries
$principal = New-ScheduledTaskPrincipal -UserId $User -LogonType Interactive
Register-ScheduledTask -TaskName 'Chaski kiosk' -Action $action -Trigger $trigger -Settings $settings -Principal $principal -Force | Out-Null
Write-Host "Chaski opens at $Url when $User logs on. Set that account to log on automatically (netplwiz)."
