#!/usr/bin/env bash
# Runs every test: unit, component, integration and browser. Installs what the browser tests need (Debian's chromium).
# Ends with the plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Dashboard.sln -c Release --nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
# One run and one results folder per test project: reports of a shared folder are named by timestamp and two
# started in the same instant could overwrite each other, silently dropping a project from the count.
results="$(pwd)/TestResults"
rm -rf "$results"
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test --project "$project" -c Release --no-build -- --report-xunit-trx --results-directory "$results/$name" || status=1
done

passed=0
failed=0
reports=0
while IFS= read -r trx; do
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done < <(find "$results" -name '*.trx')

projects=$(find tests -name '*.csproj' | wc -l)
if [ "$reports" -ne "$projects" ]; then
  echo "Expected a test report from each of the $projects test projects, found $reports."
  failed=$((failed + 1))
  [ "$status" -eq 0 ] && status=1
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without a failed test (a crash, a build problem): count it, never report a clean run.
  failed=1
fi
echo "$passed passed, $failed failed"
exit "$status"
