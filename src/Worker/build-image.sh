#!/usr/bin/env bash
# Publishes fleetbook-worker (self-contained, linux-x64) and layers it onto your program's image.
#
#   src/Worker/build-image.sh <base image> <tag> [docker build options...]
#   src/Worker/build-image.sh cellprofiler/cellprofiler:4.2.8 me/myprogram-fleetbook
#
# Needs the .NET SDK and docker (DOCKER_HOST is honoured). Push the result where ECS can pull it (ECR or Docker Hub).
set -euo pipefail

if [ $# -lt 2 ]; then
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi

base_image=$1
tag=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)

# A small build context of its own: the publish output and the Dockerfile, nothing else from the repository.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

dotnet publish "$here/Fleetbook.Worker.csproj" -c Release -r linux-x64 --self-contained \
    -p:DebugType=none -p:GenerateDocumentationFile=false --nologo -o "$stage/publish"
cp "$here/Dockerfile" "$stage/Dockerfile"
docker build --build-arg "BASE_IMAGE=$base_image" -t "$tag" "$@" "$stage"
echo "built $tag on $base_image"
