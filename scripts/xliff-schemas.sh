#!/bin/sh
# Fetches the OASIS XLIFF 1.2 (strict) and 2.0 schemas that Debian ships in php-symfony-translation,
# without installing PHP: the .deb is only downloaded and unpacked. xmllint then validates Qalam's
# XLIFF offline, with an XML catalog resolving the schemas' import of http://www.w3.org/2001/xml.xsd.
#
# Usage: scripts/xliff-schemas.sh [CACHE_DIR]   (default: node_modules/.cache/xliff-schemas)
# Prints the schema directory on stdout. Idempotent: a filled cache is reused.
# Needs apt-get (with `apt-get update` run once), dpkg-deb and xmllint (libxml2-utils).
set -eu

cache_dir=${1:-node_modules/.cache/xliff-schemas}
mkdir -p "$cache_dir"
cache_dir=$(cd "$cache_dir" && pwd)
schema_dir="$cache_dir/schemas"
catalog="$cache_dir/catalog.xml"

if [ -f "$schema_dir/xliff-core-1.2-strict.xsd" ] && [ -f "$schema_dir/xliff-core-2.0.xsd" ] \
  && [ -f "$schema_dir/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd" ] && [ -f "$catalog" ]; then
  echo "$schema_dir"
  exit 0
fi

work=$(mktemp -d "$cache_dir/tmp.XXXXXX")
trap 'rm -rf "$work"' EXIT

# apt-get download writes into the current directory; it warns (harmlessly) when run as root.
(cd "$work" && apt-get download -q php-symfony-translation >/dev/null 2>"$work/apt.log") || {
  cat "$work/apt.log" >&2
  echo "xliff-schemas: 'apt-get download php-symfony-translation' failed (run 'apt-get update' once?)" >&2
  exit 1
}
deb=$(ls "$work"/php-symfony-translation_*.deb)
dpkg-deb -x "$deb" "$work/root"

# Look the files up rather than hard-coding the path, in case a later package moves them.
find_one() {
  found=$(find "$work/root" -type f -name "$1" | head -n 1)
  if [ -z "$found" ]; then
    echo "xliff-schemas: $1 not found in $(basename "$deb")" >&2
    exit 1
  fi
  echo "$found"
}
xsd12=$(find_one xliff-core-1.2-strict.xsd)
xsd20=$(find_one xliff-core-2.0.xsd)
xmlxsd=$(find_one xml.xsd)

rm -rf "$schema_dir"
mkdir -p "$schema_dir/informativeCopiesOf3rdPartySchemas/w3c"
cp "$xsd12" "$xsd20" "$schema_dir/"
# The 2.0 schema imports xml.xsd by this relative path; the 1.2 schema by URL (see the catalog).
cp "$xmlxsd" "$schema_dir/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"

cat >"$catalog.tmp" <<EOF
<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="http://www.w3.org/2001/xml.xsd" uri="file://$schema_dir/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"/>
  <uri name="http://www.w3.org/2001/xml.xsd" uri="file://$schema_dir/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"/>
</catalog>
EOF
mv "$catalog.tmp" "$catalog"
echo "$schema_dir"
