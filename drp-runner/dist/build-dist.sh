#!/bin/sh
# Builds target/drp-<version>-linux-x64.tar.gz from target/drp.jar and target/lib: `mvn -Pdist package` runs it.
#   drp-<version>/bin/drp          POSIX sh launcher that runs the bundled runtime
#   drp-<version>/runtime/         a jlink runtime with only the modules in ./modules
#   drp-<version>/lib/             drp.jar and its runtime dependencies
#   drp-<version>/completion/drp.bash   bash/zsh completion (drp generate-completion)
#   drp-<version>/man/             man pages from picocli-codegen's ManPageGenerator
# Usage: build-dist.sh <version> <target dir> <JDK home> <dir of picocli-codegen jar>
set -eu
version=$1 target=$2 jdk=$3 tools=$4
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
name=drp-$version
stage=$target/dist/$name
rm -rf "$target/dist" "$target/$name-linux-x64.tar.gz"
mkdir -p "$stage/bin" "$stage/lib" "$stage/completion" "$stage/man/man1"

# The module list is kept by hand (modules): jdeps over ~150 jars takes minutes on a small machine, and it cannot see
# what is loaded by name: jdk.crypto.ec holds the elliptic curves of TLS to Azure, jdk.charsets the PDF fonts' charsets.
"$jdk/bin/jlink" --add-modules "$(tr -d ' \n' < "$here/modules")" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$stage/runtime"

cp "$target/drp.jar" "$target"/lib/*.jar "$stage/lib/"
cp "$here/drp" "$stage/bin/drp"
chmod 755 "$stage/bin/drp"

# completion, from drp itself on the bundled runtime: this is also the first proof that the runtime runs drp
"$stage/bin/drp" generate-completion > "$stage/completion/drp.bash"

# man pages: picocli-codegen writes AsciiDoc man pages; asciidoctor (when installed) turns them into roff for man(1)
"$jdk/bin/java" -cp "$stage/lib/*:$tools/*" picocli.codegen.docgen.manpage.ManPageGenerator -d "$stage/man/adoc" \
  io.drp.cli.DrpCommand
if command -v asciidoctor >/dev/null 2>&1; then
  asciidoctor -b manpage -D "$stage/man/man1" "$stage/man/adoc"/*.adoc
fi

tar -C "$target/dist" -czf "$target/$name-linux-x64.tar.gz" "$name"
echo "built $target/$name-linux-x64.tar.gz"
