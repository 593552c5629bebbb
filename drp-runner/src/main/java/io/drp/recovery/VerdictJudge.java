package io.drp.recovery;

import io.drp.model.Finding;
import io.drp.model.Mismatch;
import io.drp.model.ObjectiveResult;
import io.drp.model.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict rules, pure so that each one is unit-tested: ABORTED when a step could not complete;
 * PASSED only when every objective is met and no finding is blocking; FAILED otherwise, naming what was missed.
 */
final class VerdictJudge {

    private VerdictJudge() {}

    record Judgement(Verdict verdict, String reason, List<Finding> findings) {
        Judgement {
            findings = List.copyOf(findings);
        }
    }

    /**
     * @param abortReason the aborted step and why, or null when every step ran
     * @param mismatches  objects not restored exactly, sorted by name
     * @param judged      false for a real recovery run without a scenario: only integrity and blocking findings count
     */
    static Judgement judge(List<ObjectiveResult> results, List<Finding> findings, String abortReason, List<Mismatch> mismatches,
                           boolean judged) {
        List<Finding> all = new ArrayList<>(findings);
        if (!judged) {
            if (abortReason != null) return new Judgement(Verdict.ABORTED, abortReason, all);
            if (mismatches.isEmpty() && all.stream().noneMatch(f -> f.severity() == Finding.Severity.BLOCKING)) {
                return new Judgement(Verdict.PASSED, "everything restored was verified (no --scenario: objectives not judged)", all);
            }
            results = List.of();
        }
        for (ObjectiveResult r : results) {
            if (!r.met() && r.measured() != null) {
                all.add(new Finding(Finding.Severity.BLOCKING, "OBJECTIVE_MISSED_" + r.kind(),
                        r.service() + ": " + r.kind() + " " + r.detail(), fixFor(r.kind())));
            }
        }
        if (abortReason != null) return new Judgement(Verdict.ABORTED, abortReason, all);
        boolean blocking = all.stream().anyMatch(f -> f.severity() == Finding.Severity.BLOCKING);
        if (results.stream().allMatch(ObjectiveResult::met) && !blocking) {
            return new Judgement(Verdict.PASSED, "every objective met", all);
        }
        List<String> missed = new ArrayList<>();
        if (!mismatches.isEmpty() && results.isEmpty()) missed.add("integrity");
        results.stream().filter(r -> !r.met()).forEach(r -> missed.add(r.service() + " " + r.kind()));
        all.stream().filter(f -> f.severity() == Finding.Severity.BLOCKING && !f.code().startsWith("OBJECTIVE_MISSED_"))
                .map(f -> f.code().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).distinct().forEach(missed::add);
        String reason = "missed: " + String.join(", ", missed);
        if (!mismatches.isEmpty()) {
            reason += "; " + mismatches.size() + " object(s) not restored exactly, first: " + mismatches.get(0);
        }
        return new Judgement(Verdict.FAILED, reason, all);
    }

    static String fixFor(ObjectiveResult.Kind kind) {
        return switch (kind) {
            case RPO -> "Back up more often (backup.incrementalEvery) or check that the scheduled backup job is running.";
            case RTO -> "Shorten recovery: raise drill.parallelism (the report's evidence shows the value used), use metadata "
                    + "verification for very large sets, or revisit the objective.";
            case INTEGRITY -> "Check the mismatched and lost objects listed under integrity; corrupt backups must be re-taken.";
        };
    }
}
