package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.Lowering;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.Producer;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedLayer;
import io.zkml.workbench.quant.Rounding;
import io.zkml.workbench.quant.Step;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses per layer between field and integer arithmetic by predicted cost: lowers the program
 * once per candidate domain of one layer (everything else unchanged) and compares the totals,
 * so conversions the choice causes in neighbouring layers are counted too. An integer domain is
 * a candidate only when the layer's static accumulator bound (plus the rounding constant) fits
 * it, so it can never overflow, and only when the cost table has measured all its instructions.
 */
public final class DomainAdvisor {

    private static final ProgramHeader HEADER = new ProgramHeader("-", "-", "-", "advisor");
    private final CostModel costs;

    public DomainAdvisor(CostModel costs) {
        this.costs = costs;
    }

    public List<DomainChoice> advise(QuantizedGraph g) {
        List<DomainChoice> out = new ArrayList<>();
        for (int i = 0; i < g.layers().size(); i++) {
            QuantizedLayer layer = g.layer(i);
            Domain current = Producer.domainOf(layer.producer());
            if (current == null) {
                continue;
            }
            Map<Domain, CircuitInfo> totals = new EnumMap<>(Domain.class);
            for (Domain d : candidates(layer)) {
                CostEstimate e = costs.estimate(new Lowering().lower(withDomain(g, i, d), HEADER, "advice"));
                // A domain whose instructions were never measured cannot be compared honestly (an
                // extrapolated input shape is the same for every domain, so it does not matter here).
                if (e.complete()) {
                    totals.put(d, e.total());
                }
            }
            Domain best = totals.entrySet().stream()
                    .min((a, b) -> Long.compare(a.getValue().constraints(), b.getValue().constraints()))
                    .map(Map.Entry::getKey).orElse(current);
            out.add(new DomainChoice(layer.name(), current, totals, best));
        }
        return out;
    }

    private static List<Domain> candidates(QuantizedLayer layer) {
        double need = layer.accBound();
        for (Step s : layer.steps()) {
            if (s instanceof Step.Requant r && r.shift() > 0 && r.rounding() == Rounding.HALF_UP) {
                need += Math.scalb(1.0, r.shift() - 1);
            } else if (s instanceof Step.Requant r && r.shift() < 0) {
                need *= Math.scalb(1.0, -r.shift());
            }
        }
        List<Domain> c = new ArrayList<>(List.of(Domain.FIELD));
        for (Domain d : new Domain[] {Domain.I8, Domain.I16, Domain.I32, Domain.I64}) {
            if (need <= d.max()) {
                c.add(d);
            }
        }
        return c;
    }

    static QuantizedGraph withDomain(QuantizedGraph g, int index, Domain d) {
        List<QuantizedLayer> layers = new ArrayList<>(g.layers());
        QuantizedLayer l = layers.get(index);
        Producer p = l.producer();
        Producer q;
        if (p instanceof Producer.Dense x) {
            q = new Producer.Dense(x.nIn(), x.nOut(), x.weights(), x.bias(), d);
        } else if (p instanceof Producer.Conv2D x) {
            q = new Producer.Conv2D(x.inC(), x.inH(), x.inW(), x.outC(), x.outH(), x.outW(), x.kernelH(), x.kernelW(),
                    x.strideH(), x.strideW(), x.padTop(), x.padLeft(), x.weights(), x.bias(), d);
        } else if (p instanceof Producer.Affine x) {
            q = new Producer.Affine(x.perFeature(), x.scale(), x.offset(), d);
        } else {
            q = new Producer.Add(((Producer.Add) p).leftShift(), d);
        }
        List<Step> steps = l.steps().stream()
                .map(s -> s instanceof Step.Requant r ? (Step) new Step.Requant(r.shift(), r.rounding(), d) : s).toList();
        layers.set(index, new QuantizedLayer(l.name(), l.inputs(), l.shape(), q, steps, l.fracBits(), l.bits(),
                l.accBound(), l.argmax()));
        return new QuantizedGraph(g.modelName(), layers, g.outputIndex(), g.parameterIssues());
    }
}
