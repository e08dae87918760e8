package io.zkml.workbench.quant;

import java.util.List;
import java.util.Map;

/**
 * Everything that did not fit in one simulation: the first events of each layer (at most
 * {@link #EVENTS_KEPT_PER_LAYER}) and the total count per layer, so a badly chosen spec produces
 * a readable warning instead of millions of objects.
 */
public record OverflowReport(List<OverflowEvent> events, Map<String, Long> countByLayer) {

    public static final int EVENTS_KEPT_PER_LAYER = 20;

    public OverflowReport {
        events = List.copyOf(events);
        countByLayer = Map.copyOf(countByLayer);
    }

    public boolean isClean() {
        return events.isEmpty();
    }

    public long totalCount() {
        return countByLayer.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One line per layer with overflows: the count, the first parameter that does not fit (if any)
     * and the first overflow during the run, which names the sample and neuron to look at.
     */
    public String summary() {
        if (isClean()) {
            return "no overflow";
        }
        StringBuilder sb = new StringBuilder();
        countByLayer.forEach((layer, n) -> {
            sb.append(layer).append(": ").append(n).append(" overflow(s)");
            events.stream().filter(e -> e.layer().equals(layer) && e.sample() < 0).findFirst()
                    .ifPresent(e -> sb.append("; first parameter: ").append(e));
            events.stream().filter(e -> e.layer().equals(layer) && e.sample() >= 0).findFirst()
                    .ifPresent(e -> sb.append("; first during the run: ").append(e));
            sb.append('\n');
        });
        return sb.toString();
    }
}
