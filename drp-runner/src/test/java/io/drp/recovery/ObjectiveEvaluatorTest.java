package io.drp.recovery;

import io.drp.config.ScenarioObjectives;
import io.drp.config.ServiceConfig;
import io.drp.model.ObjectiveResult;
import io.drp.model.Objectives;
import io.drp.recovery.ObjectiveEvaluator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectiveEvaluatorTest {

    private static final ServiceConfig ORDERS = new ServiceConfig("orders", List.of("orders"), Map.of(
            "region-outage", new ScenarioObjectives("region-outage", Duration.ofMinutes(30), Duration.ofHours(1), 0, 1)));
    private static final ServiceConfig MEDIA = new ServiceConfig("media", List.of("media"), Map.of(
            "region-outage", new ScenarioObjectives("region-outage", Duration.ofHours(4), Duration.ofHours(24), 5, 1),
            "app-failure", new ScenarioObjectives("app-failure", Duration.ofMinutes(15), Duration.ofHours(24), 0, 1)));

    @Test
    void rtoOverItsObjectiveIsMissedForThatServiceOnly() {
        List<ObjectiveResult> r = ObjectiveEvaluator.evaluate(List.of(ORDERS, MEDIA), "region-outage",
                Duration.ofMinutes(31), Duration.ofMinutes(10), Map.of());

        assertEquals(6, r.size());
        ObjectiveResult ordersRto = r.stream().filter(x -> x.service().equals("orders") && x.kind() == ObjectiveResult.Kind.RTO).findFirst().orElseThrow();
        assertFalse(ordersRto.met());
        assertEquals(1860.0, ordersRto.measured());
        assertTrue(r.stream().filter(x -> x.service().equals("media")).allMatch(ObjectiveResult::met));
    }

    @Test
    void anObjectiveExactlyMetIsMet() {
        List<ObjectiveResult> r = ObjectiveEvaluator.evaluate(List.of(ORDERS), "region-outage",
                Duration.ofMinutes(30), Duration.ofHours(1), Map.of());
        assertTrue(r.stream().allMatch(ObjectiveResult::met));
    }

    @Test
    void lostObjectsAreJudgedAgainstEachServicesToleranceAndMismatchesAlwaysFail() {
        Map<String, ObjectiveEvaluator.ServiceIntegrity> integrity = Map.of(
                "orders", new ObjectiveEvaluator.ServiceIntegrity(1, 0),
                "media", new ObjectiveEvaluator.ServiceIntegrity(5, 0));
        List<ObjectiveResult> r = ObjectiveEvaluator.evaluate(List.of(ORDERS, MEDIA), "region-outage",
                Duration.ofMinutes(1), Duration.ofMinutes(1), integrity);
        assertFalse(find(r, "orders", ObjectiveResult.Kind.INTEGRITY).met());
        assertTrue(find(r, "media", ObjectiveResult.Kind.INTEGRITY).met());

        List<ObjectiveResult> corrupt = ObjectiveEvaluator.evaluate(List.of(MEDIA), "region-outage",
                Duration.ofMinutes(1), Duration.ofMinutes(1), Map.of("media", new ObjectiveEvaluator.ServiceIntegrity(0, 1)));
        assertFalse(find(corrupt, "media", ObjectiveResult.Kind.INTEGRITY).met());
    }

    @Test
    void figuresNotMeasuredBecauseOfAnAbortAreNeverMet() {
        List<ObjectiveResult> r = ObjectiveEvaluator.evaluate(List.of(ORDERS), "region-outage", null, null, null);
        assertTrue(r.stream().noneMatch(ObjectiveResult::met));
        assertNull(find(r, "orders", ObjectiveResult.Kind.RTO).measured());
    }

    @Test
    void servicesWithoutTheScenarioAreNotJudgedAndTheHeadlineIsTheStrictest() {
        assertEquals(3, ObjectiveEvaluator.evaluate(List.of(ORDERS, MEDIA), "app-failure", Duration.ZERO, Duration.ZERO, Map.of()).size());
        Objectives h = ObjectiveEvaluator.headline(List.of(ORDERS, MEDIA), "region-outage");
        assertEquals(1800, h.rtoSeconds());
        assertEquals(3600, h.rpoSeconds());
        assertEquals(0, h.maxLostObjects());
    }

    private static ObjectiveResult find(List<ObjectiveResult> r, String service, ObjectiveResult.Kind kind) {
        return r.stream().filter(x -> x.service().equals(service) && x.kind() == kind).findFirst().orElseThrow();
    }
}
