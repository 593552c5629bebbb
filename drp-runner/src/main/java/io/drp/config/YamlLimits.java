package io.drp.config;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Limits for every YAML file drp reads (drp.yaml and the Pulumi stack files), so that a hostile or broken file
 * is one config error, never a crash. snakeyaml-engine composes and constructs recursively and has no depth
 * setting: about 3,000 nested {@code [} overflow the stack. Its parser, though, keeps its state on a heap
 * stack, so {@link #checkDepth} walks the parser's events first and refuses a file nested too deep before
 * anything recursive sees it. Aliases are limited too: each alias of a collection can double what a reader
 * that expands it (such as {@code String.valueOf}) has to walk.
 */
public final class YamlLimits {

    /** drp.yaml nests about 6 levels and a Pulumi stack file about 4; 64 leaves room and stays far from the stack's end. */
    public static final int MAX_DEPTH = 64;
    /** At most 2^10 expansions of an aliased collection: a "billion laughs" file stays small. */
    public static final int MAX_COLLECTION_ALIASES = 20;
    /** 4 Mi code points: far beyond any real configuration. */
    public static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

    private YamlLimits() {}

    /** Settings with drp's limits, for snakeyaml-engine's Load or Composer. */
    public static LoadSettings settings(String label) {
        return LoadSettings.builder()
                .setLabel(label)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
    }

    /**
     * Refuses a file whose collections nest deeper than {@link #MAX_DEPTH}, naming the line where the limit is
     * crossed. Syntax errors surface here as snakeyaml-engine's own exceptions, for the caller to report.
     */
    public static void checkDepth(String label, String text) {
        LoadSettings settings = settings(label);
        Parser parser = new ParserImpl(settings, new StreamReader(settings, text));
        int depth = 0;
        while (parser.hasNext()) {
            Event e = parser.next();
            switch (e.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (++depth > MAX_DEPTH) {
                        int line = e.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                        throw new ConfigException(label, line, "", "YAML nested more than " + MAX_DEPTH
                                + " levels deep; a drp or stack configuration needs only a few, so flatten the lists and mappings here");
                    }
                }
                case SequenceEnd, MappingEnd -> depth--;
                default -> { }
            }
        }
    }
}
