package io.zkml.workbench.ui.graph;

import io.zkml.workbench.ui.format.Format;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A card's badges from a node's figures, without a window. */
class NodeCardPresenterTest {

    @Test
    void noFiguresShowDashesAndNoTransition() {
        NodeCardPresenter p = NodeCardPresenter.of("conv", Optional.empty());
        assertEquals(Format.NO_DATA, p.constraints());
        assertEquals(Format.NO_DATA, p.error());
        assertEquals("Constraints: not estimated yet", p.constraintsTip());
        assertEquals(0, p.transition());
        assertEquals("", p.transitionText());
    }

    @Test
    void figuresAreCompactOnTheBadgeAndExactInTheTooltip() {
        NodeCardPresenter p = NodeCardPresenter.of("conv", Optional.of(NodeMetrics.of(396_812, 0.5, 0.003)));
        assertEquals("397k", p.constraints());
        assertTrue(p.constraintsTip().startsWith("396,812 constraints ("), p.constraintsTip());
        assertEquals(Format.value(0.003), p.error());
    }

    @Test
    void aLayerCutBetweenItsChannelsNamesTheRangeOfTransitions() {
        NodeCardPresenter one = NodeCardPresenter.of("pool", Optional.of(
                new NodeMetrics(OptionalLong.of(10), 0.1, OptionalDouble.empty(), 2, 2)));
        assertEquals("T2", one.transitionText());
        assertTrue(one.transitionTip().contains("lowered in transition 2"), one.transitionTip());
        NodeCardPresenter split = NodeCardPresenter.of("conv", Optional.of(
                new NodeMetrics(OptionalLong.of(10), 0.1, OptionalDouble.empty(), 1, 2)));
        assertEquals("T1–2", split.transitionText());
        assertEquals(1, split.transition());
        assertTrue(split.transitionTip().contains("transitions 1 to 2"), split.transitionTip());
    }
}
