package io.drp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The conventions users bring from az, AzCopy, kubectl and Velero, applied once to the whole command tree so that
 * no command can forget them: enum values in lower case (help, completion, errors), examples that wrap between
 * words, never inside one, and {@code DRP_CONFIG} / {@code DRP_WORK_DIR} as the defaults of -c and --work-dir.
 */
final class CliConventions {

    /** Picocli's default usage width; an example line longer than this would be cut wherever the column ends. */
    static final int WIDTH = 80;

    private CliConventions() {}

    static void apply(CommandLine root, Map<String, String> env) {
        root.setDefaultValueProvider(new EnvDefaults(env));
        apply(root);
    }

    private static void apply(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        lowerCaseEnums(spec);
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) spec.usageMessage().footer(wrap(footer, WIDTH - 2).toArray(String[]::new));
        cmd.getSubcommands().values().forEach(CliConventions::apply);
    }

    /**
     * Every enum option, rebuilt with lower-case candidates (what help and the completion script show) and a
     * converter that accepts any case and names the candidates in lower case when it refuses a value.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void lowerCaseEnums(CommandSpec spec) {
        for (OptionSpec o : new ArrayList<>(spec.options())) {
            if (!o.type().isEnum() || o.group() != null || o.inherited()) continue;
            Class<? extends Enum> type = (Class<? extends Enum>) o.type();
            List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
            CommandLine.ITypeConverter<?> converter = text -> Arrays.stream(type.getEnumConstants())
                    .filter(e -> e.name().equalsIgnoreCase(text)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException(
                            "expected one of " + String.join(", ", names) + " but was '" + text + "'"));
            spec.remove(o);
            spec.addOption(o.toBuilder().completionCandidates(names).converters(converter).build());
        }
    }

    /**
     * Long example lines broken at spaces with a shell continuation ("\"), so a copied example still runs; the
     * continuation is indented under the command. A single word longer than the width is left whole.
     */
    static List<String> wrap(String[] lines, int width) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.length() <= width) {
                out.add(line);
                continue;
            }
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            String next = indent + "    ";
            StringBuilder current = new StringBuilder(indent);
            boolean comment = false; // a continuation inside a "# ..." comment would not continue: comments stay whole
            for (String word : line.strip().split(" +")) {
                boolean fresh = current.toString().isBlank();
                comment |= word.startsWith("#");
                if (!fresh && !comment && current.length() + 1 + word.length() + 2 > width) {
                    out.add(current + " \\");
                    current = new StringBuilder(next);
                    fresh = true;
                }
                current.append(fresh ? "" : " ").append(word);
            }
            out.add(current.toString());
        }
        return out;
    }

    /** {@code -c} and {@code --work-dir} default to $DRP_CONFIG and $DRP_WORK_DIR when set (not for the demo's own --work-dir). */
    record EnvDefaults(Map<String, String> env) implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec o)) return null;
            String variable = switch (o.longestName()) {
                case "--config" -> "DRP_CONFIG";
                case "--work-dir" -> o.command() != null && "demo".equals(o.command().name()) ? null : "DRP_WORK_DIR";
                default -> null;
            };
            String value = variable == null ? null : env.get(variable);
            return value == null || value.isBlank() ? null : value;
        }
    }
}
