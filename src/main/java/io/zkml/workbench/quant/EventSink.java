package io.zkml.workbench.quant;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one layer's overflows during a run: keeps the first few, counts all, and reports at
 * most one event per (sample, neuron) and operation (the accumulation, or one element-wise step),
 * so the count means "operations that would abort", not every partial sum after the first failure.
 * Also hosts the checked multiply-accumulate, the slow path taken only when the static bound
 * says a layer might overflow.
 */
final class EventSink {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private final String layer;
    private final List<OverflowEvent> events = new ArrayList<>();
    private long count;
    private boolean reportedCurrent;
    private int neuron;
    private int sample;

    EventSink(String layer) {
        this.layer = layer;
    }

    List<OverflowEvent> events() {
        return events;
    }

    long count() {
        return count;
    }

    /** Starts a new output value; at most one event is recorded for it. */
    void begin(int sampleIndex, int neuronIndex) {
        sample = sampleIndex;
        neuron = neuronIndex;
        reportedCurrent = false;
    }

    void report(OverflowEvent.Kind kind, BigInteger value, BigInteger limit) {
        if (reportedCurrent) {
            return;
        }
        reportedCurrent = true;
        count++;
        if (events.size() < OverflowReport.EVENTS_KEPT_PER_LAYER) {
            events.add(new OverflowEvent(layer, kind, neuron, sample, value, limit));
        }
    }

    void checkDomain(OverflowEvent.Kind kind, long v, Domain d) {
        if (d.isNarrowInteger() && (v < d.min() || v > d.max())) {
            report(kind, BigInteger.valueOf(v), BigInteger.valueOf(v < 0 ? d.min() : d.max()));
        }
    }

    /**
     * {@code acc + w * x} with Aleo's checked-integer rules for a narrow domain (the input cast,
     * the product and the sum must each fit) and the simulator's 64-bit limit for every domain.
     * On overflow the event is recorded and the computation continues with the exact value
     * (saturated to 64 bits if even that does not fit).
     */
    long mac(long acc, long w, long x, Domain d) {
        checkDomain(OverflowEvent.Kind.DOMAIN_INPUT, x, d);
        long p;
        try {
            p = Math.multiplyExact(w, x);
        } catch (ArithmeticException e) {
            BigInteger big = BigInteger.valueOf(w).multiply(BigInteger.valueOf(x));
            report(OverflowEvent.Kind.SIMULATOR_RANGE, big, big.signum() < 0 ? LONG_MIN : LONG_MAX);
            p = big.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        checkDomain(OverflowEvent.Kind.DOMAIN_ACCUMULATOR, p, d);
        return add(acc, p, d);
    }

    long add(long acc, long p, Domain d) {
        long s;
        try {
            s = Math.addExact(acc, p);
        } catch (ArithmeticException e) {
            BigInteger big = BigInteger.valueOf(acc).add(BigInteger.valueOf(p));
            report(OverflowEvent.Kind.SIMULATOR_RANGE, big, big.signum() < 0 ? LONG_MIN : LONG_MAX);
            s = big.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        checkDomain(OverflowEvent.Kind.DOMAIN_ACCUMULATOR, s, d);
        return s;
    }
}
