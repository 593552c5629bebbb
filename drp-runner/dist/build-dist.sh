#!/bin/sh
# Builds target/drp-<version>-linux-x64.tar.gz from target/drp.jar and target/lib: `mvn -Pdist package` runs it.
#   drp-<version>/bin/drp          POSIX sh launcher that runs the bundled runtime
#   drp-<version>/runtime/         a jlink runtime with only the modules in ./modules
#   drp-<version>/lib/             drp.jar and its runtime dependencies
#   drp-<version>/completion/drp.bash   bash/zsh completion (drp generate-completion)
#   drp-<version>/man/man1/        man pages (man -M drp-<version>/man drp), from picocli-codegen's ManPageGenerator;
#                                  man/adoc/ holds their AsciiDoc sources
# Usage: build-dist.sh stage <version> <target dir> <JDK home> <dir of picocli-codegen jar>
#        build-dist.sh archive <version> <target dir>
# Between the two, Maven turns man/adoc/*.adoc into man/man1/*.1 with AsciidoctorJ (no Ruby needed).
set -eu
step=$1 version=$2 target=$3
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
name=drp-$version
stage=$target/dist/$name

if [ "$step" = archive ]; then
  tar -C "$target/dist" -czf "$target/$name-linux-x64.tar.gz" "$name"
  # the CI templates check the download against it (sha256sum -c)
  (cd "$target" && sha256sum "$name-linux-x64.tar.gz" > "$name-linux-x64.tar.gz.sha256")
  echo "built $target/$name-linux-x64.tar.gz"
  exit 0
fi
jdk=$4 tools=$5
rm -rf "$target/dist" "$target/$name-linux-x64.tar.gz" "$target/$name-linux-x64.tar.gz.sha256"
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

# man pages: picocli-codegen writes them as AsciiDoc from drp's own command tree (Maven then renders them as roff)
"$jdk/bin/java" -cp "$stage/lib/*:$tools/*" picocli.codegen.docgen.manpage.ManPageGenerator -d "$stage/man/adoc" \
  io.drp.cli.DrpCommand
