package io.zkml.workbench.design;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.ModelGraph;

import java.util.Objects;

/**
 * One design edit as data: what {@link GraphEdit} was asked to do, so a project can store the
 * edits made since its model file was last trained and replay them when it reopens. Replaying
 * gives the same graph and placeholder weights (those are seeded by layer name), and every step
 * can again be undone. Fields a kind of step does not use are null (and absent from the JSON).
 *
 * @param op         what the step does
 * @param node       the node it acts on (for the two "add" steps: the node the new one follows)
 * @param units      Dense width (ADD_DENSE, SET_UNITS)
 * @param activation ADD_DENSE, ADD_ACTIVATION, SET_ACTIVATION
 * @param alpha      LeakyReLU's slope; null for other activations
 * @param filters    SET_CONVOLUTION
 * @param kernelH    SET_CONVOLUTION
 * @param kernelW    SET_CONVOLUTION
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DesignStep(Op op, String node, Integer units, Activation.Kind activation, Double alpha,
                         Integer filters, Integer kernelH, Integer kernelW) {

    public enum Op { ADD_DENSE, ADD_ACTIVATION, DELETE, SET_UNITS, SET_CONVOLUTION, SET_ACTIVATION }

    public DesignStep {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(node, "node");
        boolean needsActivation = op == Op.ADD_DENSE || op == Op.ADD_ACTIVATION || op == Op.SET_ACTIVATION;
        if (needsActivation && activation == null) {
            throw new IllegalArgumentException(op + " of " + node + " names no activation");
        }
        if ((op == Op.ADD_DENSE || op == Op.SET_UNITS) && units == null) {
            throw new IllegalArgumentException(op + " of " + node + " names no units");
        }
        if (op == Op.SET_CONVOLUTION && (filters == null || kernelH == null || kernelW == null)) {
            throw new IllegalArgumentException(op + " of " + node + " needs filters, kernelH and kernelW");
        }
    }

    public static DesignStep addDense(String after, int units, Activation activation) {
        return new DesignStep(Op.ADD_DENSE, after, units, activation.kind(), alphaOf(activation), null, null, null);
    }

    public static DesignStep addActivation(String after, Activation activation) {
        return new DesignStep(Op.ADD_ACTIVATION, after, null, activation.kind(), alphaOf(activation), null, null, null);
    }

    public static DesignStep delete(String node) {
        return new DesignStep(Op.DELETE, node, null, null, null, null, null, null);
    }

    public static DesignStep setUnits(String node, int units) {
        return new DesignStep(Op.SET_UNITS, node, units, null, null, null, null, null);
    }

    public static DesignStep setConvolution(String node, int filters, int kernelH, int kernelW) {
        return new DesignStep(Op.SET_CONVOLUTION, node, null, null, null, filters, kernelH, kernelW);
    }

    public static DesignStep setActivation(String node, Activation activation) {
        return new DesignStep(Op.SET_ACTIVATION, node, null, activation.kind(), alphaOf(activation), null, null, null);
    }

    /**
     * Makes the edit on {@code g}.
     *
     * @throws WorkbenchException when the graph does not allow it (e.g. the node is gone)
     */
    public Edit applyTo(ModelGraph g) {
        if (g.indexOf(node) < 0) {
            throw new WorkbenchException("the design edit '" + op + " " + node + "' names a node the model does not have");
        }
        Edit e = switch (op) {
            case ADD_DENSE -> GraphEdit.addDenseAfter(g, node, units, activationValue());
            case ADD_ACTIVATION -> GraphEdit.addActivationAfter(g, node, activationValue());
            case DELETE -> GraphEdit.delete(g, node);
            case SET_UNITS -> GraphEdit.setUnits(g, node, units);
            case SET_CONVOLUTION -> GraphEdit.setConvolution(g, node, filters, kernelH, kernelW);
            case SET_ACTIVATION -> GraphEdit.setActivation(g, node, activationValue());
        };
        return e.withStep(this);
    }

    private Activation activationValue() {
        return new Activation(activation, alpha == null ? 0 : alpha);
    }

    private static Double alphaOf(Activation a) {
        return a.kind() == Activation.Kind.LEAKY_RELU ? a.alpha() : null;
    }
}
