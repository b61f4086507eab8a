package io.flashsale.jcstress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import io.flashsale.engine.state.Catalog;
import io.flashsale.engine.state.CatalogView;

/**
 * The business thread reserves 2 of a SKU's 5 units (available is stored before held); a reader loads held, then
 * available. Release stores and acquire loads mean a reader that sees the new held also sees the new available.
 */
@JCStressTest
@Outcome(id = "0, 5", expect = Expect.ACCEPTABLE, desc = "before the reservation")
@Outcome(id = "0, 3", expect = Expect.ACCEPTABLE, desc = "available moved, held not yet seen")
@Outcome(id = "2, 3", expect = Expect.ACCEPTABLE, desc = "after the reservation")
@Outcome(expect = Expect.FORBIDDEN, desc = "held moved but available not: units counted twice")
@State
public class StockPublicationStress
{
    private final Catalog catalog = new Catalog(1);
    private final CatalogView view;

    /** One SKU of 5 units, published before the actors run. */
    public StockPublicationStress()
    {
        catalog.addSale(1, 0, 10, 1000);
        catalog.addSku(42, 0, 7, 990, 5, 5, 10);
        view = catalog.view();
    }

    /** Business thread: a reservation of 2 units. */
    @Actor
    public void owner()
    {
        catalog.hold(0, 2);
    }

    /**
     * Another thread: held, then available.
     *
     * @param r held and available.
     */
    @Actor
    public void reader(final JJ_Result r)
    {
        r.r1 = view.skuHeld(0);
        r.r2 = view.skuAvailable(0);
    }
}
