package io.zkml.workbench.export;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a program chain was cut, recorded as facts in {@code export.json} and in proof bundles so that
 * {@code zkml verify --model} can compile the auditor's copy of the model into the same chain instead
 * of guessing the cuts from the program texts.
 *
 * @param maxSrsLog2 the maximum SRS degree per transition the chain was compiled under ({@code --max-srs}),
 *                   or null when there was none; recorded for people, the cuts below are what recompiles
 * @param splitAfter the layers the user forced a cut after ({@code --split-after}), in the order given
 * @param cutAfter   the layers the compiled chain is cut after, in chain order: with {@code cutInside}, one cut
 *                   per segment but the last; compiling with exactly these cuts forced gives the same programs
 *                   whatever cost model the verifying workbench has
 * @param cutInside  the cuts inside Conv2D layers (between output channels), in chain order; absent when none
 */
public record RecordedCuts(Integer maxSrsLog2, List<String> splitAfter, List<String> cutAfter,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ChannelCut> cutInside) {

    public RecordedCuts(Integer maxSrsLog2, List<String> splitAfter, List<String> cutAfter) {
        this(maxSrsLog2, splitAfter, cutAfter, List.of());
    }

    public RecordedCuts {
        cutInside = cutInside == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(cutInside));
        // Null-tolerant copies: a bundle's manifest is untrusted and is validated field by field after
        // reading (bundle.ManifestValidation), which names the field instead of failing in here.
        splitAfter = splitAfter == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(splitAfter));
        cutAfter = cutAfter == null ? null : Collections.unmodifiableList(new ArrayList<>(cutAfter));
    }

    /** The cuts of a compiled chain, or null for one program. */
    public static RecordedCuts of(CompiledModel m) {
        if (!m.isChain()) {
            return null;
        }
        List<String> cuts = new ArrayList<>();
        List<ChannelCut> inside = new ArrayList<>();
        for (CompiledSegment s : m.segments().subList(0, m.segments().size() - 1)) {
            if (s.end().inside()) {
                inside.add(new ChannelCut(m.quantized().layer(s.end().layer()).name(), s.end().channel()));
            } else {
                cuts.add(m.quantized().layer(s.end().layer() - 1).name());
            }
        }
        Partitioning p = m.settings().partitioning();
        return new RecordedCuts(p.maxSrsLog2(), p.splitAfter(), cuts, inside);
    }

    /** The CLI options that force exactly these cuts ({@code --split-after a --split-inside conv:2}). */
    public String options() {
        StringBuilder s = new StringBuilder();
        (cutAfter == null ? List.<String>of() : cutAfter).forEach(c -> s.append(s.isEmpty() ? "" : " ").append("--split-after ").append(c));
        cutInside.forEach(c -> s.append(s.isEmpty() ? "" : " ").append("--split-inside ").append(c));
        return s.toString();
    }

    /** The cuts for people: "after pool, inside conv after 2 output channels". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (cutAfter != null && !cutAfter.isEmpty()) {
            parts.add(String.join(", ", cutAfter));
        }
        cutInside.forEach(c -> parts.add("inside " + c.layer() + " after " + c.channels() + " output channels"));
        return String.join(", ", parts);
    }

    /** How many cuts were recorded (one fewer than the chain's programs). */
    public int count() {
        return (cutAfter == null ? 0 : cutAfter.size()) + cutInside.size();
    }

    /** The partitioning that recompiles exactly this chain: every recorded cut forced, no SRS search. */
    public Partitioning recompiling() {
        return new Partitioning(null, cutAfter, cutInside);
    }
}
