package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.model.Controls;
import io.drp.model.Finding;
import io.drp.pipeline.RunGuard;
import io.drp.pipeline.Step;
import io.drp.pipeline.Timeline;
import io.drp.storage.BlobAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * Step 6, after verify: the negative controls, the answer to an auditor's "could this drill have been red?". Three
 * faults are planted in a scratch container of the recovery account ({@link ControlPlot}) and the verifier that passed
 * the restored data ({@link ContainerVerifier}: the same listing, merge-join, hashing and attribute comparison) is run
 * on them:
 * <ul>
 *   <li>flipped-byte: a copy of a restored object with one bit of one byte flipped, expected with the original's hash
 *   and size, so only the hash comparison can see it;</li>
 *   <li>left-out: an expected object never planted, so only the merge-join can see it;</li>
 *   <li>content-type: the exact bytes with another Content-Type, so only the attribute comparison can see it.</li>
 * </ul>
 * A fault counts as caught only when the verifier names it for its own reason. One not caught is a blocking
 * {@code VERIFIER_BLIND} finding: a verifier that cannot fail proves nothing about the data it passed. The controls
 * always hash (full mode), whatever mode verify ran in, and run after the RTO clock stopped: they are evidence, not
 * recovery. The container is deleted before the step ends, whatever the teardown policy, so a kept drill or a restore
 * leaves nothing of it; the engine's teardown retries a deletion that failed here.
 */
final class ControlsStep implements Step<RecoveryState> {

    static final String FLIPPED = "flipped-byte", LEFT_OUT = "left-out", CONTENT_TYPE = "content-type";
    /** What the content-type control is planted with; the expected type is the source's. */
    static final String ODD_TYPE = "application/x-drp-control";

    private final ExecutorService pool;
    private final ContainerVerifier.Comparison comparison;

    ControlsStep(ExecutorService pool, ContainerVerifier.Comparison comparison) {
        this.pool = pool;
        this.comparison = comparison;
    }

    @Override
    public String name() {
        return "controls";
    }

    /** Why a run plants no controls, as the report says it; empty when it does. */
    static Optional<String> whyNot(RecoveryRequest req) {
        if (req.restore() != null && req.restore().destination() == RestoreSpec.Destination.PRODUCTION) {
            return Optional.of("a restore into production plants no controls: drp writes nothing there beyond the recovery point");
        }
        if (!req.controls()) return Optional.of("--no-controls: this run did not show that its verifier can fail");
        return Optional.empty();
    }

    @Override
    public Optional<String> skipReason(RecoveryState st) {
        return whyNot(st.request);
    }

    @Override
    public Map<String, Object> run(RecoveryState st, Timeline timeline) {
        ControlPlot plot = new ControlPlot(st.environment.account(), st.request.runId());
        st.controlPlot = plot;
        Controls done;
        try {
            done = plantAndVerify(st, plot);
        } catch (RunGuard.Stopped e) {
            throw e;
        } catch (RuntimeException e) {
            if (st.guard.stopReason() != null) throw e;
            // the restored data stays verified; what is missing is the proof that the verifier could have failed
            String why = "the controls could not be planted or verified: " + StepFailure.describe(e);
            st.findings.add(new Finding(Finding.Severity.WARNING, "CONTROLS_NOT_RUN", why,
                    "Check that the recovery account accepts writes to container " + plot.name + ", then run again."));
            done = new Controls(false, why, plot.name, null, null, List.of(), false);
        }
        boolean deleted = deleteQuietly(st, plot);
        st.controls = new Controls(done.ran(), done.notRunBecause(), done.container(), done.source(), done.mode(), done.planted(), deleted);
        List<Controls.Control> blind = done.planted().stream().filter(Predicate.not(Controls.Control::caught)).toList();
        if (!blind.isEmpty()) {
            st.findings.add(new Finding(Finding.Severity.BLOCKING, "VERIFIER_BLIND", "the verifier passed planted fault(s) "
                    + String.join(", ", blind.stream().map(c -> c.fault() + " (" + c.object() + ")").toList())
                    + ", so its checks of the restored data prove nothing",
                    "Do not trust this run's integrity figures: drp's verifier, or the storage answering it, did not see a fault it "
                            + "was shown. Report it with this report attached."));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("container", plot.name);
        d.put("planted", done.planted().size());
        d.put("caught", done.planted().stream().filter(Controls.Control::caught).count());
        d.put("containerDeleted", deleted);
        return d;
    }

    private Controls plantAndVerify(RecoveryState st, ControlPlot plot) {
        ControlPlot.Source src = plot.source(st);
        byte[] flipped = src.bytes().clone();
        int at = flipped.length / 2;
        flipped[at] ^= 0x01;
        String type = src.attributes().contentType();
        String odd = ODD_TYPE.equals(type) ? "text/x-drp-control" : ODD_TYPE;
        var oddAttributes = new BlobAttributes(odd, src.attributes().contentEncoding(), src.attributes().contentLanguage(),
                src.attributes().contentDisposition(), src.attributes().cacheControl(), null, src.attributes().metadata(), null, null);
        plot.create();
        plot.put(FLIPPED, flipped, src.attributes());
        plot.put(CONTENT_TYPE, src.bytes(), oddAttributes);
        // what the verifier is told to expect: the source as the point records it, under each control's name (sorted)
        List<ManifestEntry> expected = new ArrayList<>();
        for (String n : List.of(CONTENT_TYPE, FLIPPED, LEFT_OUT)) {
            expected.add(new ManifestEntry(ManifestEntry.Op.PUT, plot.name, n, src.bytes().length, src.sha256(), null, null, 0, src.attributes()));
        }
        BoundedTasks checks = new BoundedTasks(pool, 2, st.guard);
        ContainerVerifier v = new ContainerVerifier(st.environment.account(), comparison, checks,
                new ContainerVerifier.Mode(true, false, e -> null), (n, b) -> { });
        v.verify(plot.name, plot.name, expected.iterator());
        checks.awaitAll();
        String size = src.bytes().length + " bytes";
        List<Controls.Control> planted = List.of(
                control(v, plot.name, FLIPPED, "the source's bytes with bit 0 of byte " + at + " flipped",
                        "sha256 " + src.sha256() + ", " + size, r -> r.startsWith("restored content differs")),
                control(v, plot.name, LEFT_OUT, "nothing", "present, sha256 " + src.sha256() + ", " + size,
                        r -> r.startsWith("missing")),
                control(v, plot.name, CONTENT_TYPE, "the source's exact bytes with Content-Type " + odd, "Content-Type " + type,
                        r -> r.startsWith("restored attributes differ") && r.contains("contentType")));
        return new Controls(true, null, plot.name, src.description(), "full: each planted object listed, re-read and hashed, its "
                + "attributes compared, by the code that verified the restored data", planted, false);
    }

    /** Caught only when one of the verifier's reasons for the object is the one this fault can only be seen by. */
    private static Controls.Control control(ContainerVerifier v, String container, String fault, String planted, String expected,
                                            Predicate<String> seenBy) {
        List<String> said = ControlPlot.reasons(v, container + "/" + fault);
        return new Controls.Control(fault, container + "/" + fault, planted, expected, said.stream().anyMatch(seenBy), said);
    }

    /** Deletes the scratch container; a failure is a warning (the engine's teardown tries once more). */
    static boolean deleteQuietly(RecoveryState st, ControlPlot plot) {
        try {
            boolean gone = plot.delete();
            if (gone) st.controlPlot = null;
            return gone;
        } catch (RuntimeException e) {
            st.findings.add(new Finding(Finding.Severity.WARNING, "CONTROL_CONTAINER_LEFT", "scratch container " + plot.name
                    + " could not be deleted: " + StepFailure.describe(e), "Delete container " + plot.name + " in the recovery account."));
            return false;
        }
    }
}
