package io.drp.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the working directory (tests run from the module or the root). */
public final class RepoRoot {

    private RepoRoot() {}

    public static Path get() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("Pulumi.yaml"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("repository root not found");
        return p;
    }
}
