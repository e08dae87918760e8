package io.zkml.workbench.design;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.ModelGraph;


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

    /**
     * Bounds of the design editor's fields; a step read from a project file is held to the same
     * bounds, since a hand-edited project with 2,000,000,000 units would otherwise try to allocate
     * the layer while the window lays it out.
     */
    public static final int MAX_UNITS = 4096;
    public static final int MAX_FILTERS = 512;
    public static final int MAX_KERNEL = 15;
    public static final int MAX_NAME_LENGTH = 200;
    /** Edits a project may hold; far more than anyone makes by hand between two retrains. */
    public static final int MAX_STEPS = 10_000;

    public DesignStep {
        if (op == null) {
            throw new IllegalArgumentException("a design edit names no op (one of "
                    + java.util.Arrays.toString(Op.values()) + ")");
        }
        if (node == null || node.isBlank() || node.length() > MAX_NAME_LENGTH
                || node.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(op + " names no valid node (a name of 1.." + MAX_NAME_LENGTH
                    + " printable characters)");
        }
        range(op, node, "units", units, MAX_UNITS);
        range(op, node, "filters", filters, MAX_FILTERS);
        range(op, node, "kernelH", kernelH, MAX_KERNEL);
        range(op, node, "kernelW", kernelW, MAX_KERNEL);
        if (alpha != null && (!Double.isFinite(alpha) || alpha < 0 || alpha > 1)) {
            throw new IllegalArgumentException(op + " of " + node + ": LeakyReLU alpha must be in [0, 1], got "
                    + alpha);
        }
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

    private static void range(Op op, String node, String field, Integer value, int max) {
        if (value != null && (value < 1 || value > max)) {
            throw new IllegalArgumentException(op + " of " + node + ": " + field + " must be 1.." + max + ", got "
                    + value);
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
