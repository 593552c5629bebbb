package io.drp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.drp.config.ConfigException;
import io.drp.config.ConfigWarning;
import io.drp.config.DrpConfig;
import io.drp.config.ScenarioObjectives;
import io.drp.config.ServiceConfig;
import io.drp.ledger.LedgerRecord;
import io.drp.model.Finding;
import io.drp.report.ReportJson;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/**
 * The JSON documents {@code --format json} prints. Scripts depend on them, so they are records with a
 * {@code schemaVersion}: fields may be added within version 1, never renamed or removed. Keys are sorted and
 * durations are seconds, like the drill report. The README ("Machine-readable output") documents them.
 */
final class JsonDocuments {

    static final int SCHEMA_VERSION = 1;

    private JsonDocuments() {}

    static void print(PrintWriter out, Object document) {
        try {
            out.println(ReportJson.mapper().writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + document.getClass().getSimpleName(), e);
        }
    }

    static double seconds(java.time.Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** {@code drp history}: the shown records, oldest first, and how many the ledger holds. */
    record History(int schemaVersion, String ledger, int total, int passed, List<LedgerRecord> records, LedgerState verification) {
        static History of(String ledger, int total, List<LedgerRecord> shown, io.drp.ledger.LedgerRead read) {
            int passed = (int) shown.stream().filter(r -> r.verdict() == io.drp.model.Verdict.PASSED).count();
            return new History(SCHEMA_VERSION, ledger, total, passed, shown, LedgerState.of(read));
        }
    }

    /**
     * What the ledger's verification says: {@code total} and the records count only the verified records;
     * {@code unverified} is null when intact, else the line saying where it breaks and that what follows is not shown.
     */
    record LedgerState(boolean intact, int verifiedRecords, String signing, String unverified, String tornTail) {
        static LedgerState of(io.drp.ledger.LedgerRead read) {
            var v = read.verification();
            return new LedgerState(v.intact(), read.records().size(), v.signing(), read.unverifiedNote(), v.tornTail());
        }
    }

    /** {@code drp assess}: the verdict and every finding, most severe first. */
    record Assessment(int schemaVersion, boolean ready, String config, String productionConfig, String recoveryConfig, List<Finding> findings) {}

    /** {@code drp validate}: either the parsed objectives or the one error, never both. */
    record Validation(int schemaVersion, boolean valid, String file, Problem error, List<Problem> warnings, Summary config) {

        static Validation of(DrpConfig cfg) {
            List<Problem> warnings = cfg.warnings().stream().map(Problem::of).toList();
            List<Service> services = cfg.services().stream().map(Service::of).toList();
            Backup backup = new Backup(cfg.backup().container(), seconds(cfg.backup().fullEvery()),
                    cfg.backup().incrementalEvery() == null ? null : seconds(cfg.backup().incrementalEvery()), cfg.backup().retainChains());
            return new Validation(SCHEMA_VERSION, true, cfg.file() == null ? null : cfg.file().toString(), null, warnings,
                    new Summary(cfg.storage().isPresent() ? "configured" : "embedded", backup, cfg.scenarios(), services));
        }

        static Validation of(ConfigException e) {
            return new Validation(SCHEMA_VERSION, false, e.file(), new Problem(e.file(), e.line(), e.field(), e.getMessage()), List.of(), null);
        }
    }

    /** {@code message} is the one line drp prints for it: file:line: field: problem. */
    record Problem(String file, int line, String field, String message) {
        static Problem of(ConfigWarning w) {
            return new Problem(w.file(), w.line(), w.field(), w.toString());
        }
    }

    /** {@code storage} is "configured" (accounts in drp.yaml) or "embedded" (the emulator drp starts). */
    record Summary(String storage, Backup backup, List<String> scenarios, List<Service> services) {}

    record Backup(String container, double fullEverySeconds, Double incrementalEverySeconds, int retainChains) {}

    record Service(String name, List<String> containers, double slo, List<Objective> objectives) {
        static Service of(ServiceConfig s) {
            return new Service(s.name(), s.containers(), s.sloPercent(), s.objectives().values().stream()
                    .sorted(Comparator.comparing(ScenarioObjectives::scenario))
                    .map(o -> new Objective(o.scenario(), seconds(o.rto()), seconds(o.rpo()), o.maxLostObjects(),
                            io.drp.config.IncidentLevel.ofScenario(o.scenario()).map(io.drp.config.IncidentLevel::number).orElse(null),
                            o.line() == 0)).toList());
        }
    }

    /** {@code builtIn}: an incident level the file does not mention, so the plan's defaults apply. */
    record Objective(String scenario, double rtoSeconds, double rpoSeconds, long maxLostObjects, Integer incidentLevel, boolean builtIn) {}
}
