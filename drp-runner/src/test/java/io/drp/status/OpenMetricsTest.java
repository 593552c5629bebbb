package io.drp.status;

import io.drp.config.ScenarioObjectives;
import io.drp.config.ServiceConfig;
import io.drp.config.ServiceHours;
import io.drp.ledger.LedgerRecord;
import io.drp.model.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exposition parses line by line as OpenMetrics text: families declared once before their samples, # EOF last. */
class OpenMetricsTest {

    private static final Pattern SAMPLE = Pattern.compile("([a-z_]+)(\\{service=\"([^\"\\\\]|\\\\.)*\"})? (-?[0-9.]+(e[0-9]+)?|\\+Inf|NaN)");

    @Test
    void everySampleBelongsToADeclaredGaugeAndCarriesTheFigures() {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        ServiceConfig orders = new ServiceConfig("orders", List.of("orders"),
                Map.of("level-1", new ScenarioObjectives("level-1", Duration.ofMinutes(30), Duration.ofHours(1), 0, 0)));
        LedgerRecord last = new LedgerRecord(3, "d1", Verdict.PASSED, "level-1", now.minusSeconds(7200), now.minusSeconds(3600),
                1.0, 1.0, "c/000001", "a", "b", "c", "drill", null);
        RecoveryStatus s = StatusEvaluator.evaluate(List.of(orders), BackupFacts.point("c/000001", now.minusSeconds(90)), List.of(last),
                Duration.ofDays(7), now, ServiceHours.plansDefault().at(now));

        String text = OpenMetrics.render(s);
        List<String> lines = List.of(text.split("\n"));
        assertEquals("# EOF", lines.get(lines.size() - 1));
        Set<String> declared = new HashSet<>();
        List<String> samples = new ArrayList<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                assertEquals("gauge", p[3]);
                assertTrue(declared.add(p[2]), "declared once: " + p[2]);
            } else if (!line.startsWith("# HELP ")) {
                Matcher m = SAMPLE.matcher(line);
                assertTrue(m.matches(), "not a sample line: " + line);
                assertTrue(declared.contains(m.group(1)), "sample before its TYPE: " + line);
                samples.add(line);
            }
        }
        assertTrue(samples.contains("drp_recovery_point_age_seconds{service=\"orders\"} 90"), samples.toString());
        assertTrue(samples.contains("drp_rpo_objective_seconds{service=\"orders\"} 3600"), samples.toString());
        assertTrue(samples.contains("drp_last_drill_timestamp_seconds " + (now.getEpochSecond() - 3600)), samples.toString());
        assertTrue(samples.contains("drp_last_drill_passed 1"));
        assertTrue(samples.contains("drp_service_window_open 1"), "Tuesday noon is inside the restoration window");
        assertTrue(samples.contains("drp_status_healthy 1"));
    }

    @Test
    void labelValuesAreEscaped() {
        assertEquals("a\\\"b\\\\c\\n", OpenMetrics.escape("a\"b\\c\n"));
    }
}
