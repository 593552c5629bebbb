package io.drp.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drp.model.DrillReport;
import io.drp.model.ResourceOperation;
import io.drp.model.StepRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's rebuild timings as its ledger record keeps them: seconds per {@code <op> <type>}, with no resource
 * names. The type is what a later rebuild shares with this one; names carry a drill stack's prefix and change
 * every time. Failed operations are left out: the time to a provider's refusal says nothing about a rebuild.
 */
final class ResourceSeconds {

    private ResourceSeconds() {}

    static Map<String, List<Double>> of(DrillReport r) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (StepRecord step : r.steps()) {
            if (!step.name().equals("rebuild")) continue;
            for (ResourceOperation op : ResourceOperation.of(step)) {
                if (op.failed()) continue;
                out.computeIfAbsent(op.op() + " " + op.type(), k -> new ArrayList<>()).add(op.durationSeconds());
            }
        }
        return out;
    }

    static void write(ObjectNode record, Map<String, List<Double>> seconds) {
        if (seconds.isEmpty()) return;
        ObjectNode n = record.putObject("resourceSeconds");
        seconds.forEach((key, values) -> values.forEach(n.withArray(key)::add));
    }

    static Map<String, List<Double>> read(JsonNode record) {
        JsonNode n = record.get("resourceSeconds");
        Map<String, List<Double>> out = new LinkedHashMap<>();
        if (n == null || !n.isObject()) return out;
        n.fields().forEachRemaining(e -> {
            List<Double> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asDouble()));
            out.put(e.getKey(), values);
        });
        return out;
    }
}
