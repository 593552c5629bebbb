package io.drp.recovery.rebuild;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.events.StepEventMetadata;
import com.pulumi.automation.events.SummaryEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns the engine events of one update into per-resource timings. Each event is stamped on receipt with
 * drp's clock: the engine's own {@code timestamp} is in whole seconds, too coarse for a resource that takes
 * two. Resources the update leaves unchanged ({@code same}) are not timed: they cost nothing to rebuild.
 */
public final class ResourceTimeline implements Consumer<EngineEvent> {

    private record Open(String type, String name, String op, Instant start) {}

    private final Clock clock;
    private final Map<String, Open> open = new LinkedHashMap<>();
    private final List<ResourceTiming> done = new ArrayList<>();
    /** The provider's messages arrive as diagnostics on the resource's URN, before its failure event. */
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final List<String> planned = new ArrayList<>();
    private SummaryEvent summary;

    public ResourceTimeline(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void accept(EngineEvent e) {
        Instant now = clock.instant();
        if (e.resourcePreEvent() != null) {
            StepEventMetadata m = e.resourcePreEvent().metadata();
            if (counts(m)) {
                if (Boolean.TRUE.equals(e.resourcePreEvent().planning())) planned.add(op(m) + " " + m.type() + " " + name(m.urn()));
                else open.put(m.urn(), new Open(m.type(), name(m.urn()), op(m), now));
            }
        } else if (e.resourceOutputsEvent() != null) {
            close(e.resourceOutputsEvent().metadata(), now, false);
        } else if (e.resourceOperationFailedEvent() != null) {
            close(e.resourceOperationFailedEvent().metadata(), now, true);
        } else if (e.diagnosticEvent() != null && "error".equals(e.diagnosticEvent().severity()) && e.diagnosticEvent().urn() != null
                && !e.diagnosticEvent().urn().isEmpty()) {
            errors.merge(e.diagnosticEvent().urn(), e.diagnosticEvent().message().strip(), (a, b) -> a + " " + b);
        } else if (e.summaryEvent() != null) {
            summary = e.summaryEvent();
        }
    }

    private void close(StepEventMetadata m, Instant now, boolean failed) {
        Open o = open.remove(m.urn());
        if (o == null) return;
        done.add(new ResourceTiming(o.type(), o.name(), o.op(), o.start(), now, failed,
                failed ? errors.getOrDefault(m.urn(), "(the provider gave no message)") : null));
    }

    private static boolean counts(StepEventMetadata m) {
        return m.op() != OperationType.SAME && !m.type().startsWith("pulumi:");
    }

    private static String op(StepEventMetadata m) {
        return m.op().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The last segment of a URN ({@code urn:pulumi:stack::project::type::name}) is the resource's name. */
    static String name(String urn) {
        int i = urn.lastIndexOf("::");
        return i < 0 ? urn : urn.substring(i + 2);
    }

    /** Finished operations in the order they finished. */
    public synchronized List<ResourceTiming> timings() {
        return List.copyOf(done);
    }

    /** What a preview said it would do ({@code create <type> <name>}), in the engine's order. */
    public synchronized List<String> planned() {
        return List.copyOf(planned);
    }

    public synchronized Optional<ResourceTiming> firstFailure() {
        return done.stream().filter(ResourceTiming::failed).findFirst();
    }

    /** The summary's count for one operation, or -1 when the update sent no summary. */
    public synchronized int summaryCount(OperationType op) {
        if (summary == null || summary.resourceChanges() == null) return -1;
        return summary.resourceChanges().getOrDefault(op, 0);
    }
}
