#!/usr/bin/env bash
# Package consumer checks: what a user gets from the packages alone, which the solution's tests (project references)
# cannot show. .ci/run calls it after `dotnet test PromptGen.sln`; it also runs on its own from any directory.
#
#   1. pack every packable project of PromptGen.sln, with a version no earlier run used, into a local feed;
#   2. build fresh net8.0 and net10.0 applications outside the repository (warnings as errors) from that feed and the
#      public registry only, and run a generated prompt interface against the emulator, stdout compared exactly;
#   3. the README's first example, pasted as the Program.cs of a fresh net8.0 and net10.0 console app, compiles with
#      warnings as errors;
#   4. Native AOT: publish the net10.0 and net8.0 consumers, and samples/HelloBedrock both as its project file asks and with
#      -p:PublishAot=true on the command line (plus a trimmed non-AOT publish); no trimming or AOT warning allowed;
#      run every binary, stdout compared exactly, and report sizes and start-to-exit times (never asserted).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The global NuGet cache keys packages by id and version only: a version no earlier run used is the only way to be
# sure the consumers get this build, not one cached from before.
version="0.1.0-ci.$(date +%s).$$"
work=$(mktemp -d "${TMPDIR:-/tmp}/promptgen-package-tests.XXXXXX")
feed="$work/feed"
logs="$work/logs"
mkdir -p "$feed" "$logs"
packed_ids=()
report=()

# The emulator runs must not depend on the machine's AWS configuration: point it all somewhere useless.
aws_isolation=(
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME=http://127.0.0.1:9
  AWS_ENDPOINT_URL=http://127.0.0.1:9
  AWS_BEARER_TOKEN_BEDROCK=not-a-key
  AWS_PROFILE=no-such-profile
)

cleanup() {
  rm -rf "$work"
  # This run's packages are of no use to a later one (see version above); leave the cache as it was.
  local cache id
  cache=$(dotnet nuget locals global-packages --list 2>/dev/null | sed -n 's/^global-packages: //p') || true
  if [[ -n "${cache:-}" ]]; then
    for id in "${packed_ids[@]}"; do
      rm -rf "${cache%/}/${id,,}/$version"
      rmdir --ignore-fail-on-non-empty "${cache%/}/${id,,}" 2>/dev/null || true
    done
  fi
}
trap cleanup EXIT

fail() {
  echo "package tests: FAILED: $*" >&2
  exit 1
}

# Runs one step and reports how long it took.
step() {
  local name=$1 started=$SECONDS
  shift
  echo
  echo "== $name"
  "$@"
  echo "== $name: $((SECONDS - started)) s"
}

# Runs a command with its output in a log, printed whole on failure, since the log goes away with the temp folder.
logged() {
  local log=$1
  shift
  local code=0
  echo "\$ $*"
  "$@" >"$log" 2>&1 || code=$?
  if ((code != 0)); then
    cat "$log"
    fail "$* (exit code $code)"
  fi
}

# Any MSBuild warning, with a code (CS8600, NU1603, IL2026) or without one, as package targets' <Warning> tasks give:
# those stay warnings even with TreatWarningsAsErrors, so only reading the log catches them.
any_warning=': warning [A-Za-z]*[0-9]* ?:'
# Trimming and AOT analysis (ILLink, ILCompiler), reported as errors where warnings are errors.
trim_or_aot_warning='(warning|error) IL[23][0-9]{3}'

# Fails, printing them, if a build log has lines matching the pattern.
assert_no_warnings() {
  local log=$1 pattern=$2 what=$3
  if grep -Eq "$pattern" "$log"; then
    grep -E "$pattern" "$log" | sort -u >&2
    fail "$what: warnings in $(basename "$log")"
  fi
}

size_of() {
  local bytes
  bytes=$(stat -c %s "$1")
  awk -v b="$bytes" 'BEGIN { printf "%d bytes (%.1f MB)", b, b / 1048576 }'
}

# Runs a program with no input and the AWS settings neutralised, compares its stdout exactly with a file (a diff
# otherwise), and records its start-to-exit time.
run_and_compare() {
  local name=$1 expected=$2
  shift 2
  local stdout="$logs/$name.stdout" stderr="$logs/$name.stderr" started ended code=0
  started=$(date +%s%N)
  env "${aws_isolation[@]}" "$@" >"$stdout" 2>"$stderr" </dev/null || code=$?
  ended=$(date +%s%N)
  if ((code != 0)); then
    cat "$stdout" "$stderr"
    fail "$name exited with $code"
  fi
  if ! diff -u --label "expected ($(basename "$expected"))" --label "$name stdout" "$expected" "$stdout"; then
    echo "stderr:" && cat "$stderr"
    fail "$name: stdout differs from $expected"
  fi
  sed "s/^/  $name stderr: /" "$stderr"
  local ms=$(((ended - started) / 1000000))
  echo "  $name: stdout as expected, exit 0, start to exit $ms ms"
  report+=("run   $name: start to exit $ms ms")
}

pack_packages() {
  # Every project the solution marks packable, so a package added later is packed and consumed without editing this.
  local project packable
  while read -r project; do
    [[ "$project" == *.csproj ]] || continue
    packable=$(dotnet msbuild "$repo/$project" -getProperty:IsPackable)
    [[ "$packable" == "true" ]] || continue
    packed_ids+=("$(dotnet msbuild "$repo/$project" -getProperty:PackageId)")
    logged "$logs/pack-$(basename "$project" .csproj).log" \
      dotnet pack "$repo/$project" -c Release -p:Version="$version" -o "$feed" -tl:off
  done < <(dotnet sln "$repo/PromptGen.sln" list)

  ((${#packed_ids[@]} > 0)) || fail "no packable project in PromptGen.sln"
  echo "packed version $version: ${packed_ids[*]}"
  local package
  for package in "$feed"/*.nupkg "$feed"/*.snupkg; do
    [[ -e "$package" ]] || continue
    echo "  $(basename "$package"): $(size_of "$package")"
    report+=("package $(basename "$package"): $(size_of "$package")")
  done
}

# A consumer folder outside the repository: the template, its framework and the CI version in its own
# Directory.Build.props (which also stops MSBuild looking further up for one), and nothing central-package.
write_consumer() {
  local framework=$1 dir="$work/consumer-$1"
  mkdir -p "$dir"
  cp "$here/Consumer/Consumer.csproj" "$here/Consumer/"*.cs "$dir/"
  cat >"$dir/Directory.Build.props" <<EOF
<Project>
  <PropertyGroup>
    <ConsumerTargetFramework>$framework</ConsumerTargetFramework>
    <PromptGenVersion>$version</PromptGenVersion>
  </PropertyGroup>
</Project>
EOF
  echo '<Project />' >"$dir/Directory.Packages.props"
  echo '<Project />' >"$dir/Directory.Build.targets"
}

write_consumers() {
  # Only this run's feed and the public registry; PromptGen ids may come from the feed alone, so a package of the same
  # name on the registry can never stand in for this build.
  cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="PromptGen" />
      <package pattern="PromptGen.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
EOF
  echo '<Project />' >"$work/Directory.Build.props"
  echo '<Project />' >"$work/Directory.Packages.props"
  write_consumer net8.0
  write_consumer net10.0
  echo "consumers in $work (nuget.config: the local feed and the public registry only)"
}

test_consumer_net10() {
  local dir="$work/consumer-net10.0"
  logged "$logs/consumer-net10.0-build.log" dotnet build "$dir" -c Release -tl:off
  assert_no_warnings "$logs/consumer-net10.0-build.log" "$any_warning" "net10.0 consumer build"
  run_and_compare consumer-net10.0 "$here/consumer.stdout.txt" dotnet "$dir/bin/Release/net10.0/Consumer.dll"
}

test_consumer_net8() {
  local dir="$work/consumer-net8.0"
  logged "$logs/consumer-net8.0-build.log" dotnet build "$dir" -c Release -tl:off
  assert_no_warnings "$logs/consumer-net8.0-build.log" "$any_warning" "net8.0 consumer build"
  # The machine has only the .NET 10 runtime: self-contained, the net8.0 build runs on the .NET 8 runtime it targets.
  logged "$logs/consumer-net8.0-publish.log" \
    dotnet publish "$dir" -c Release -r linux-x64 --self-contained -o "$work/consumer-net8.0-publish" -tl:off
  assert_no_warnings "$logs/consumer-net8.0-publish.log" "$any_warning" "net8.0 consumer publish"
  run_and_compare consumer-net8.0 "$here/consumer.stdout.txt" "$work/consumer-net8.0-publish/Consumer"
}

# The README promises that its first example compiles as pasted into a Program.cs: take the first C# block under
# "## A first prompt", exactly as written, and build it in a fresh app with PromptGen and PromptGen.Bedrock only.
test_readme_example() {
  local framework dir
  for framework in net8.0 net10.0; do
    dir="$work/readme-$framework"
    mkdir -p "$dir"
    awk '/^## A first prompt/ { section = 1; next }
         section && /^```csharp/ { code = 1; next }
         code && /^```/ { exit }
         code { print }' "$repo/README.md" >"$dir/Program.cs"
    [[ -s "$dir/Program.cs" ]] || fail "no C# block under '## A first prompt' in README.md"
    cat >"$dir/Readme.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>$framework</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="PromptGen" Version="$version" />
    <PackageReference Include="PromptGen.Bedrock" Version="$version" />
  </ItemGroup>
</Project>
EOF
    logged "$logs/readme-$framework-build.log" dotnet build "$dir" -c Release -tl:off
    assert_no_warnings "$logs/readme-$framework-build.log" "$any_warning" "README example ($framework)"
    echo "  README example builds on $framework ($(wc -l <"$dir/Program.cs") lines)"
  done
}

# Native AOT links with clang (falling back to gcc): install what a fresh Debian CI machine lacks.
ensure_native_toolchain() {
  local packages=() sudo=()
  command -v clang >/dev/null 2>&1 || packages+=(clang)
  # .NET 8's ILCompiler links the system zlib (-lz, from zlib1g-dev); .NET 10's links the copy in its runtime pack.
  # Ask this SDK's ILCompiler which system libraries it will link; if it cannot say, assume it needs zlib.
  local libraries framework system_zlib=no
  for framework in net8.0 net10.0; do
    if libraries=$(dotnet msbuild "$work/consumer-$framework" -restore '-t:ResolveFrameworkReferences;SetupOSSpecificProps' \
      -getItem:NativeSystemLibrary -p:Configuration=Release -p:RuntimeIdentifier=linux-x64 -p:PublishAot=true 2>&1); then
      grep -q '"Identity": "z"' <<<"$libraries" && system_zlib=yes
    else
      [[ "$system_zlib" == yes ]] || system_zlib=unknown
    fi
  done
  if [[ "$system_zlib" != no && ! -e /usr/include/zlib.h ]]; then
    packages+=(zlib1g-dev)
  fi
  if ((${#packages[@]} > 0)); then
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    echo "installing ${packages[*]}"
    logged "$logs/apt-update.log" "${sudo[@]}" apt-get update
    logged "$logs/apt-install.log" "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}"
  fi
  echo "linker: $(clang --version | head -n 1); ILCompiler links the system zlib: $system_zlib"
}

publish_consumer_aot() {
  local framework=$1
  local dir="$work/consumer-$framework" out="$work/consumer-aot-$framework" log="$logs/consumer-aot-$framework-publish.log"
  logged "$log" dotnet publish "$dir" -c Release -r linux-x64 -p:PublishAot=true -o "$out" -tl:off
  assert_no_warnings "$log" "$any_warning" "$framework consumer Native AOT publish"
  echo "  Consumer $framework (Native AOT): $(size_of "$out/Consumer")"
  report+=("size  consumer-aot-$framework: $(size_of "$out/Consumer")")
  run_and_compare "consumer-aot-$framework" "$here/consumer.stdout.txt" "$out/Consumer"
}

# Publishes samples/HelloBedrock with extra properties and runs the result; trimming and AOT warnings fail it.
publish_hello_bedrock() {
  local name=$1 binary=$2
  shift 2
  local out="$work/$name" log="$logs/$name-publish.log"
  logged "$log" dotnet publish "$repo/samples/HelloBedrock" -c Release -r linux-x64 "$@" -o "$out" -tl:off
  assert_no_warnings "$log" "$trim_or_aot_warning" "HelloBedrock publish $*"
  assert_no_warnings "$log" "$any_warning" "HelloBedrock publish $*"
  [[ -x "$out/HelloBedrock" ]] || fail "no HelloBedrock executable in $out"
  if [[ "$binary" == native ]]; then
    # Native AOT leaves exactly one executable and no managed HelloBedrock.dll beside it.
    [[ ! -e "$out/HelloBedrock.dll" ]] || fail "$name: HelloBedrock.dll published, so this was not a Native AOT build"
    echo "  HelloBedrock (Native AOT): $(size_of "$out/HelloBedrock")"
    report+=("size  $name: $(size_of "$out/HelloBedrock")")
  else
    local bytes
    bytes=$(du -sb "$out" | cut -f1)
    echo "  HelloBedrock (trimmed, self-contained folder): $bytes bytes"
    report+=("size  $name (whole folder): $(awk -v b="$bytes" 'BEGIN { printf "%d bytes (%.1f MB)", b, b / 1048576 }')")
  fi
  run_and_compare "$name" "$here/hello-bedrock.stdout.txt" "$out/HelloBedrock" --emulator
}

main() {
  local started=$SECONDS
  echo "package tests: version $version, work folder $work"
  step "pack" pack_packages
  step "write consumers" write_consumers
  step "net10.0 consumer" test_consumer_net10
  step "net8.0 consumer" test_consumer_net8
  step "README example" test_readme_example
  step "native toolchain" ensure_native_toolchain
  step "net10.0 consumer, Native AOT" publish_consumer_aot net10.0
  step "net8.0 consumer, Native AOT" publish_consumer_aot net8.0
  step "HelloBedrock, Native AOT from its project file" publish_hello_bedrock hello-aot-project native
  step "HelloBedrock, Native AOT from the command line" publish_hello_bedrock hello-aot-cli native -p:PublishAot=true
  step "HelloBedrock, trimmed without AOT" publish_hello_bedrock hello-trimmed jit -p:PublishAot=false -p:PublishTrimmed=true

  echo
  printf '%s\n' "${report[@]}"
  echo "package tests: PASSED in $((SECONDS - started)) s"
}

main "$@"
