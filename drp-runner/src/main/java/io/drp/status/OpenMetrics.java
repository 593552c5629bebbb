package io.drp.status;

import java.util.Locale;

/**
 * {@link RecoveryStatus} in the OpenMetrics text exposition (what Prometheus scrapes), so the monitoring
 * stack alerts on recoverability itself, e.g. {@code drp_recovery_point_age_seconds > drp_rpo_objective_seconds}.
 * A missing point is an age of +Inf and a missing drill a timestamp of 0: both then fire the obvious alert
 * rather than silently dropping out of the query.
 */
public final class OpenMetrics {

    public static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private OpenMetrics() {}

    public static String render(RecoveryStatus s) {
        StringBuilder out = new StringBuilder();
        family(out, "drp_recovery_point_age_seconds", "gauge", "Age of the newest restorable backup point.");
        for (RecoveryStatus.ServiceStatus svc : s.services()) {
            sample(out, "drp_recovery_point_age_seconds", svc.service(), svc.ageSeconds() == null ? Double.POSITIVE_INFINITY : svc.ageSeconds());
        }
        family(out, "drp_rpo_objective_seconds", "gauge", "The service's tightest recovery point objective.");
        for (RecoveryStatus.ServiceStatus svc : s.services()) sample(out, "drp_rpo_objective_seconds", svc.service(), svc.rpoSeconds());
        family(out, "drp_recovery_point_within_rpo", "gauge", "1 when the newest restorable point is within the service's RPO.");
        for (RecoveryStatus.ServiceStatus svc : s.services()) sample(out, "drp_recovery_point_within_rpo", svc.service(), svc.withinRpo() ? 1 : 0);
        family(out, "drp_backup_chain_healthy", "gauge", "1 when a full snapshot is restorable and no newer point is broken.");
        sample(out, "drp_backup_chain_healthy", null, s.backups().fullSnapshotPresent() && s.backups().linksIntact() ? 1 : 0);
        family(out, "drp_backup_incomplete_points", "gauge", "Points with data but no manifest after the newest complete one.");
        sample(out, "drp_backup_incomplete_points", null, s.backups().incompletePoints().size());
        RecoveryStatus.LastDrill d = s.lastDrill();
        family(out, "drp_last_drill_timestamp_seconds", "gauge", "When the last drill finished (Unix seconds; 0: never).");
        sample(out, "drp_last_drill_timestamp_seconds", null, d == null ? 0 : d.finishedAt().toEpochMilli() / 1000.0);
        family(out, "drp_last_drill_passed", "gauge", "1 when the last drill passed.");
        sample(out, "drp_last_drill_passed", null, d != null && d.verdict() == io.drp.model.Verdict.PASSED ? 1 : 0);
        family(out, "drp_drill_max_age_seconds", "gauge", "drill.maxAge: how old the last drill may be.");
        sample(out, "drp_drill_max_age_seconds", null, d == null ? 0 : d.maxAgeSeconds());
        if (s.serviceWindow() != null) {
            family(out, "drp_service_window_open", "gauge", "1 inside an SLA guaranteed window (restoration or intervention).");
            sample(out, "drp_service_window_open", null, s.serviceWindow().open() ? 1 : 0);
        }
        if (s.ledger() != null) {
            family(out, "drp_ledger_intact", "gauge", "1 when every ledger record verifies; 0: the last drill is the last one before the break.");
            sample(out, "drp_ledger_intact", null, s.ledger().intact() ? 1 : 0);
        }
        if (s.leftoverSnapshots() != null) {
            family(out, "drp_production_leftover_snapshots", "gauge", "Snapshots drp backups left in production (they block a plain delete).");
            sample(out, "drp_production_leftover_snapshots", null, s.leftoverSnapshots());
        }
        family(out, "drp_status_healthy", "gauge", "1 when drp status would exit 0.");
        sample(out, "drp_status_healthy", null, s.healthy() ? 1 : 0);
        out.append("# EOF\n");
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    }

    private static void sample(StringBuilder out, String name, String service, double value) {
        out.append(name);
        if (service != null) out.append("{service=\"").append(escape(service)).append("\"}");
        out.append(' ').append(number(value)).append('\n');
    }

    static String number(double v) {
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** Label values escape backslash, double quote and newline (the exposition format's rule). */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
