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
 * The business thread adds a SKU while another thread reads the published catalogue view: a reader either does not
 * see the SKU yet or sees it with its whole definition, never a SKU without its id or price.
 */
@JCStressTest
@Outcome(id = "-1, -1", expect = Expect.ACCEPTABLE, desc = "the SKU is not published yet")
@Outcome(id = "42, 990", expect = Expect.ACCEPTABLE, desc = "the SKU is published with its definition")
@Outcome(expect = Expect.FORBIDDEN, desc = "a published SKU without its definition")
@State
public class CatalogPublicationStress
{
    private final Catalog catalog = new Catalog(1);

    /** The sale the SKU joins, defined before the actors run. */
    public CatalogPublicationStress()
    {
        catalog.addSale(1, 0, 10, 1000);
    }

    /** Business thread: define the SKU. */
    @Actor
    public void owner()
    {
        catalog.addSku(42, 0, 7, 990, 5, 1, 10);
    }

    /**
     * Another thread: read the view.
     *
     * @param r id and price of the SKU, or -1, -1.
     */
    @Actor
    public void reader(final JJ_Result r)
    {
        final CatalogView view = catalog.view();
        if (view.skuCount() == 0)
        {
            r.r1 = -1;
            r.r2 = -1;
        }
        else
        {
            r.r1 = view.skuId(0);
            r.r2 = view.skuPrice(0);
        }
    }
}
